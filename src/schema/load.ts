import type { Ajv, ErrorObject, ValidateFunction } from "ajv";
import { SynthError } from "../errors/synth-error.js";
import { readJsonFile } from "../io/json-file.js";
import { createUserAjv, draftOf, type Draft } from "./ajv.js";
import { RefIndex } from "./ref-index.js";

/** Base URI for schemas without $id. The .invalid TLD is reserved: it can never be fetched. */
export const DEFAULT_ROOT_URI = "https://synth.invalid/schema.json";

export interface LoadedSchema {
  schema: unknown;
  draft: Draft;
  /** The file the schema came from, as the user named it (for messages). */
  file: string;
  ajv: Ajv;
  /** Validates a whole record against the root schema. */
  validate: ValidateFunction;
  index: RefIndex;
  rootUri: string;
  /** A validator for the subschema at a JSON pointer from the root, compiled on first use. */
  validatorAt(pointer: string): ValidateFunction;
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
export function prepareSchema(schema: unknown, file = "<schema>"): LoadedSchema {
  const draft = draftOf(schema);
  if (draft === undefined) {
    const uri = (schema as { $schema?: unknown }).$schema;
    throw new SynthError("SCHEMA_UNSUPPORTED", `unsupported $schema ${JSON.stringify(uri)} (synth reads drafts 2020-12 and 07)`, { file, pointer: "/$schema" });
  }
  if (typeof schema !== "boolean" && (schema === null || typeof schema !== "object" || Array.isArray(schema))) {
    throw new SynthError("SCHEMA_INVALID", "a schema must be a JSON object or a boolean", { file, pointer: "" });
  }
  const ajv = createUserAjv(draft);
  if (!ajv.validateSchema(schema as object)) {
    const error = firstMetaError(ajv.errors ?? []);
    throw new SynthError("SCHEMA_INVALID", `not a valid JSON Schema: ${describeAjvError(error)}`, { file, pointer: error.instancePath });
  }
  const ownId = typeof schema === "object" && typeof (schema as { $id?: unknown }).$id === "string" ? (schema as { $id: string }).$id : undefined;
  let rootUri = DEFAULT_ROOT_URI;
  if (ownId !== undefined) {
    try {
      rootUri = new URL(ownId, DEFAULT_ROOT_URI).href.replace(/#.*$/, "");
    } catch {
      throw new SynthError("SCHEMA_INVALID", `$id ${JSON.stringify(ownId)} is not a URI`, { file, pointer: "/$id" });
    }
  }
  const index = new RefIndex(schema, rootUri, draft);
  let validate: ValidateFunction;
  try {
    if (typeof schema === "boolean") {
      validate = ajv.compile(schema as never);
    } else {
      ajv.addSchema(ownId !== undefined ? (schema as object) : { ...(schema as object), $id: rootUri });
      validate = ajv.getSchema(rootUri)!;
    }
  } catch (error) {
    throw compileError(error, file);
  }
  const validators = new Map<string, ValidateFunction>();
  return {
    schema,
    draft,
    file,
    ajv,
    validate,
    index,
    rootUri,
    validatorAt(pointer: string): ValidateFunction {
      if (pointer === "") return validate;
      let found = validators.get(pointer);
      if (!found) {
        try {
          const fragment = pointer.split("/").map((t) => encodeURIComponent(t).replace(/%24/g, "$")).join("/");
          found = ajv.compile({ $ref: `${rootUri}#${fragment}` });
        } catch (error) {
          throw compileError(error, file, pointer);
        }
        validators.set(pointer, found);
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

export function loadSchema(path: string): LoadedSchema {
  return prepareSchema(readJsonFile(path), path);
}
