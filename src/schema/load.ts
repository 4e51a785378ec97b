import { realpathSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve as resolvePath, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Ajv, ErrorObject, ValidateFunction } from "ajv";
import { asJsonSchema } from "../standards/index.js";
import { SynthError } from "../errors/synth-error.js";
import { parseJsonText, readJsonFile } from "../io/json-file.js";
import { createUserAjv, draftOf, type Draft } from "./ajv.js";
import { metaSchemaValidator } from "./own-validators.js";
import { RefIndex, type RefSite } from "./ref-index.js";

/** Base URI for schemas without $id. The .invalid TLD is reserved: it can never be fetched. */
export const DEFAULT_ROOT_URI = "https://synth.invalid/schema.json";

export interface LoadedSchema {
  schema: unknown;
  draft: Draft;
  /** The file the schema came from, as the user named it (for messages). */
  file: string;
  ajv: Ajv;
  /** Validates a whole record against the root schema (compiled on first use). */
  readonly validate: ValidateFunction;
  index: RefIndex;
  rootUri: string;
  /**
   * A validator for the subschema at a JSON pointer from the root (or, with `doc`, from the root of
   * another document the schema refers to), compiled on first use.
   */
  validatorAt(pointer: string, doc?: string): ValidateFunction;
}

export interface PrepareOptions {
  /** Where the schema was read from: relative file $refs resolve against it (default: none). */
  retrievalUri?: string;
  /** Fetch http(s) $refs (with loadSchemaAsync). Off by default: synth never reaches the network on its own. */
  allowRemoteRefs?: boolean;
  /** Remote documents already fetched, by URI. */
  remote?: ReadonlyMap<string, unknown>;
}

/** Thrown by prepareSchema when remote documents are allowed but not yet fetched; loadSchemaAsync fetches them. */
class RemoteNeeded extends Error {
  constructor(readonly sites: RefSite[]) {
    super("remote documents needed");
  }
}

function firstMetaError(errors: ErrorObject[]): ErrorObject {
  // The deepest error is the most specific; anyOf/oneOf in the meta-schema report every branch.
  return [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length)[0]!;
}

function describeAjvError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (Array.isArray(params.allowedValues)) return `${error.message}: ${params.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
  return error.message ?? "invalid";
}


/** Checks a schema document against its draft's meta-schema and compiles it; throws SCHEMA_INVALID. */
export function prepareSchema(document: unknown, file = "<schema>", options: PrepareOptions = {}): LoadedSchema {
  // A Table Schema or CSVW metadata is read as the JSON Schema it converts to.
  const schema = asJsonSchema(document, file);
  const draft = draftOf(schema);
  if (draft === undefined) {
    const uri = (schema as { $schema?: unknown }).$schema;
    throw new SynthError("SCHEMA_UNSUPPORTED", `unsupported $schema ${JSON.stringify(uri)} (synth reads drafts 2020-12 and 07)`, { file, pointer: "/$schema" });
  }
  if (typeof schema !== "boolean" && (schema === null || typeof schema !== "object" || Array.isArray(schema))) {
    throw new SynthError("SCHEMA_INVALID", "a schema must be a JSON object or a boolean", { file, pointer: "" });
  }
  // Checked once against the meta-schema here; the compiling validator need not check again.
  const ajv = createUserAjv(draft, { validateSchema: false });
  const meta = metaSchemaValidator(draft);
  if (!meta(schema)) {
    const error = firstMetaError(meta.errors ?? []);
    throw new SynthError("SCHEMA_INVALID", `not a valid JSON Schema: ${describeAjvError(error)}`, { file, pointer: error.instancePath });
  }
  const ownId = typeof schema === "object" && typeof (schema as { $id?: unknown }).$id === "string" ? (schema as { $id: string }).$id : undefined;
  let rootUri = options.retrievalUri ?? DEFAULT_ROOT_URI;
  if (ownId !== undefined) {
    try {
      rootUri = new URL(ownId, rootUri).href.replace(/#.*$/, "");
    } catch {
      throw new SynthError("SCHEMA_INVALID", `$id ${JSON.stringify(ownId)} is not a URI`, { file, pointer: "/$id" });
    }
  }
  const index = new RefIndex(schema, rootUri, draft);
  loadReferencedDocuments(index, ajv, draft, file, options);
  try {
    if (typeof schema !== "boolean") ajv.addSchema(ownId !== undefined ? (schema as object) : { ...(schema as object), $id: rootUri });
  } catch (error) {
    throw compileError(error, file);
  }
  // Compiled on first use: a plan whose records are valid by construction never needs it, and
  // compiling a large schema is a good part of start-up.
  let compiled: ValidateFunction | undefined;
  const rootValidator = (): ValidateFunction => {
    try {
      compiled ??= typeof schema === "boolean" ? ajv.compile(schema as never) : ajv.getSchema(rootUri)!;
    } catch (error) {
      throw compileError(error, file);
    }
    return compiled;
  };
  const validators = new Map<string, ValidateFunction>();
  return {
    schema,
    draft,
    file,
    ajv,
    get validate() {
      return rootValidator();
    },
    index,
    rootUri,
    validatorAt(pointer: string, doc?: string): ValidateFunction {
      if (pointer === "" && doc === undefined) return rootValidator();
      const key = doc === undefined ? pointer : `${doc}#${pointer}`;
      let found = validators.get(key);
      if (!found) {
        try {
          const fragment = pointer.split("/").map((t) => encodeURIComponent(t).replace(/%24/g, "$")).join("/");
          found = ajv.compile({ $ref: `${doc ?? rootUri}#${fragment}` });
        } catch (error) {
          throw compileError(error, doc === undefined ? file : displayName(doc), pointer);
        }
        validators.set(key, found);
      }
      return found;
    },
  };
}

function compileError(error: unknown, file: string, pointer?: string): SynthError {
  const message = error instanceof Error ? error.message : String(error);
  if (/can't resolve reference|resolve ref|missingRef/i.test(message)) {
    const ref = /reference (\S+)/.exec(message)?.[1];
    return new SynthError("REF_UNRESOLVED", `$ref ${ref ?? ""} does not resolve`.replace("  ", " "), { file, pointer });
  }
  return new SynthError("SCHEMA_INVALID", `schema does not compile: ${message}`, { file, pointer }, { cause: error });
}

export function loadSchema(path: string, options: PrepareOptions = {}): LoadedSchema {
  return prepareSchema(readJsonFile(path), path, { retrievalUri: pathToFileURL(resolvePath(path)).href, ...options });
}

/** A document's URI as a person reads it: a path for files. */
function displayName(uri: string): string {
  if (!uri.startsWith("file:")) return uri;
  const path = fileURLToPath(uri);
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}

function within(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return !(rel === ".." || rel.startsWith(".." + sep) || isAbsolute(rel));
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path; // missing: reported as such when it is read
  }
}

/** The schema's folder where it really is (its own path may pass through links, which is the user's choice). */
function realFolder(folder: string): string {
  return realOrSelf(folder);
}

/** The meta-schemas ajv ships, found by URI (a $ref to one must not be taken for a remote document). */
function metaSchemaDocument(ajv: Ajv, uri: string): unknown {
  const schemas = (ajv as unknown as { schemas: Record<string, { schema?: unknown } | undefined> }).schemas;
  const entry = schemas[uri] ?? schemas[uri + "#"];
  return entry?.schema;
}

/**
 * Follows every $ref that leaves the document: to the meta-schemas ajv knows, to files in the root
 * schema's own folder (never outside it), and to http(s) documents only when the user allowed it.
 * Each document found is checked against its meta-schema and registered with ajv and the index.
 */
function loadReferencedDocuments(index: RefIndex, ajv: Ajv, draft: Draft, file: string, options: PrepareOptions): void {
  const folder = options.retrievalUri?.startsWith("file:") ? dirname(fileURLToPath(options.retrievalUri)) : undefined;
  const needed: RefSite[] = [];
  for (let i = 0; i < index.refSites.length; i++) {
    const site = index.refSites[i]!;
    const uri = site.resource;
    if (index.hasResource(uri)) continue;
    const place = { file: site.doc === undefined ? file : displayName(site.doc), pointer: site.pointer };
    if (metaSchemaDocument(ajv, uri) !== undefined) {
      // Instances of a meta-schema are schemas: recursive through dozens of places at once, they are
      // beyond what synth generates in bounded time. Said plainly rather than attempted.
      throw new SynthError("SCHEMA_UNSUPPORTED", `$ref "${site.ref}" names the JSON Schema meta-schema; synth does not generate schemas`, place);
    }
    let document: unknown;
    if (uri.startsWith("file:")) {
      const path = fileURLToPath(uri);
      if (folder === undefined || !within(folder, path)) {
        throw new SynthError("REF_OUTSIDE_FOLDER", `$ref "${site.ref}" points outside the schema's folder; only files next to the schema (or below it) are read`, place);
      }
      // The same, for where the file really is: a symbolic link in the folder must not lead out of it.
      if (!within(realFolder(folder), realOrSelf(path))) {
        throw new SynthError("REF_OUTSIDE_FOLDER", `$ref "${site.ref}" leads outside the schema's folder through a symbolic link; only files next to the schema (or below it) are read`, place);
      }
      document = readJsonFile(path.startsWith(process.cwd()) ? relative(process.cwd(), path) || path : path);
    } else if (/^https?:/.test(uri)) {
      if (!options.allowRemoteRefs) {
        throw new SynthError("REF_REMOTE_REFUSED", `$ref "${site.ref}" is remote; synth does not fetch schemas unless run with --allow-remote-refs`, place);
      }
      if (!options.remote?.has(uri)) {
        needed.push(site);
        continue;
      }
      document = options.remote.get(uri);
    } else {
      continue; // unresolvable: reported where it is used
    }
    registerDocument(document, uri, index, ajv, draft);
  }
  if (needed.length > 0) throw new RemoteNeeded(needed);
}

function registerDocument(document: unknown, uri: string, index: RefIndex, ajv: Ajv, draft: Draft): void {
  const name = displayName(uri);
  if (typeof document !== "boolean" && (document === null || typeof document !== "object" || Array.isArray(document))) {
    throw new SynthError("SCHEMA_INVALID", "a schema must be a JSON object or a boolean", { file: name, pointer: "" });
  }
  const docDraft = typeof document === "object" && (document as { $schema?: unknown }).$schema !== undefined ? draftOf(document) : draft;
  if (docDraft === undefined) {
    throw new SynthError("SCHEMA_UNSUPPORTED", `unsupported $schema ${JSON.stringify((document as { $schema?: unknown }).$schema)}`, { file: name, pointer: "/$schema" });
  }
  const meta = metaSchemaValidator(docDraft);
  if (!meta(document)) {
    const error = firstMetaError(meta.errors ?? []);
    throw new SynthError("SCHEMA_INVALID", `not a valid JSON Schema: ${describeAjvError(error)}`, { file: name, pointer: error.instancePath });
  }
  try {
    ajv.addSchema(document as object, uri);
  } catch (error) {
    throw compileError(error, name);
  }
  index.addDocument(document, uri);
}

/** Fetches one remote schema document (only ever called with --allow-remote-refs). */
async function fetchSchema(site: RefSite, file: string): Promise<unknown> {
  const place = { file: site.doc === undefined ? file : displayName(site.doc), pointer: site.pointer };
  let text: string;
  try {
    const response = await fetch(site.resource, { signal: AbortSignal.timeout(15000), redirect: "follow" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    text = await response.text();
  } catch (error) {
    throw new SynthError("REF_UNRESOLVED", `cannot fetch $ref "${site.ref}" (${(error as Error).message})`, place);
  }
  return parseJsonText(text, site.resource);
}

/**
 * prepareSchema, fetching remote $refs first when `allowRemoteRefs` is set. A path is read from disk;
 * anything else is the schema itself.
 */
export async function loadSchemaAsync(input: string | unknown, options: PrepareOptions = {}): Promise<LoadedSchema> {
  // Documents fetched are added to options.remote when it is a Map, so a caller can pass them on (to workers).
  const remote = options.remote instanceof Map ? (options.remote as Map<string, unknown>) : new Map(options.remote ?? []);
  const document = typeof input === "string" ? readJsonFile(input) : input;
  const file = typeof input === "string" ? input : "<schema>";
  const base = typeof input === "string" ? { retrievalUri: pathToFileURL(resolvePath(input)).href } : {};
  for (;;) {
    try {
      return prepareSchema(document, file, { ...base, ...options, remote });
    } catch (error) {
      if (!(error instanceof RemoteNeeded)) throw error;
      for (const site of error.sites) if (!remote.has(site.resource)) remote.set(site.resource, await fetchSchema(site, file));
    }
  }
}
