import { joinPointer, parsePointer } from "../errors/json-pointer.js";
import { SynthError } from "../errors/synth-error.js";

/** Where a subschema sits: its node, the base URI its own refs resolve against, and its JSON pointer. */
export interface Located {
  node: unknown;
  base: string;
  /** Pointer from the root document the user gave (for error messages). */
  pointer: string;
  /** The dynamic scope: base URIs of the schema resources entered to get here, outermost first. */
  scope?: readonly string[];
  /** The document `pointer` is in, by its retrieval URI, when it is not the user's root schema. */
  doc?: string;
}

/** A $ref or $dynamicRef met while indexing, resolved to the resource (URI without fragment) it names. */
export interface RefSite {
  ref: string;
  resource: string;
  pointer: string;
  doc?: string;
}

/** Keywords whose values are data, not schemas: never searched for $id or $anchor. */
const DATA_KEYWORDS = new Set(["enum", "const", "examples", "default"]);

function stripFragment(uri: string): string {
  const hash = uri.indexOf("#");
  return hash === -1 ? uri : uri.slice(0, hash);
}

/**
 * Indexes a schema document by base URI, $anchor and JSON pointer, so that any $ref the document
 * makes to itself resolves without the network. Built once, before compiling.
 */
export class RefIndex {
  private readonly resources = new Map<string, Located>();
  private readonly anchors = new Map<string, Located>();
  private readonly dynamicAnchors = new Map<string, Located>();
  /** The base URI in force at each subschema (after its own $id), by JSON pointer. */
  private readonly bases = new Map<string, string>();
  /** Every $ref and $dynamicRef, so that the loader can fetch what the documents refer to. */
  readonly refSites: RefSite[] = [];
  /** True when the document uses $dynamicRef: plans then depend on the dynamic scope. */
  usesDynamicRef = false;

  constructor(
    root: unknown,
    readonly rootUri: string,
    private readonly draft: "2020-12" | "07",
  ) {
    this.walk(root, rootUri, "", "", undefined);
  }

  /** Indexes another document (a file or meta-schema the root refers to), retrieved from `uri`. */
  addDocument(document: unknown, uri: string): void {
    if (!this.resources.has(uri)) this.walk(document, uri, "", "", uri);
  }

  /** True when a resource with this URI (no fragment) is indexed. */
  hasResource(uri: string): boolean {
    return this.resources.has(uri);
  }

  private walk(node: unknown, base: string, pointer: string, resourcePointer: string, doc: string | undefined): void {
    if (Array.isArray(node)) {
      node.forEach((item, i) => this.walk(item, base, joinPointer(pointer, i), joinPointer(resourcePointer, i), doc));
      return;
    }
    if (node === null || typeof node !== "object") return;
    const schema = node as Record<string, unknown>;
    let nodeBase = base;
    let nodeResourcePointer = resourcePointer;
    // In draft 7 a $ref hides its siblings, $id included.
    const idHidden = this.draft === "07" && typeof schema.$ref === "string";
    if (typeof schema.$id === "string" && !idHidden) {
      const resolved = this.resolveUri(schema.$id, base);
      if (schema.$id.startsWith("#")) {
        this.anchors.set(resolved, this.located(node, base, pointer, doc));
      } else {
        nodeBase = stripFragment(resolved);
        nodeResourcePointer = "";
        this.resources.set(nodeBase, this.located(node, nodeBase, pointer, doc));
      }
    }
    if (pointer === "" && !this.resources.has(nodeBase)) this.resources.set(nodeBase, this.located(node, nodeBase, pointer, doc));
    if (pointer === "" && doc !== undefined && !this.resources.has(base)) this.resources.set(base, this.located(node, nodeBase, pointer, doc));
    this.bases.set(docKey(doc, pointer), nodeBase);
    if (typeof schema.$dynamicRef === "string") this.usesDynamicRef = true;
    for (const key of ["$ref", "$dynamicRef"]) {
      const ref = schema[key];
      if (typeof ref !== "string") continue;
      try {
        this.refSites.push({ ref, resource: stripFragment(new URL(ref, nodeBase).href), pointer, ...(doc !== undefined ? { doc } : {}) });
      } catch {
        /* reported when resolved */
      }
    }
    if (typeof schema.$dynamicAnchor === "string") this.dynamicAnchors.set(`${nodeBase}#${schema.$dynamicAnchor}`, this.located(node, nodeBase, pointer, doc));
    for (const anchorKey of ["$anchor", "$dynamicAnchor"]) {
      const anchor = schema[anchorKey];
      if (typeof anchor === "string") {
        const key = `${nodeBase}#${anchor}`;
        if (!this.anchors.has(key) || anchorKey === "$anchor") this.anchors.set(key, this.located(node, nodeBase, pointer, doc));
      }
    }
    for (const [key, value] of Object.entries(schema)) {
      if (DATA_KEYWORDS.has(key)) continue;
      if (key === "properties" || key === "patternProperties" || key === "$defs" || key === "definitions" || key === "dependentSchemas") {
        if (value !== null && typeof value === "object") {
          for (const [name, sub] of Object.entries(value as object)) {
            this.walk(sub, nodeBase, joinPointer(pointer, key, name), joinPointer(nodeResourcePointer, key, name), doc);
          }
        }
        continue;
      }
      if (value !== null && typeof value === "object") {
        this.walk(value, nodeBase, joinPointer(pointer, key), joinPointer(nodeResourcePointer, key), doc);
      }
    }
  }

  private resolveUri(ref: string, base: string): string {
    try {
      return new URL(ref, base).href;
    } catch {
      throw new SynthError("REF_UNRESOLVED", `cannot resolve "${ref}" against "${base}"`);
    }
  }

  private located(node: unknown, base: string, pointer: string, doc: string | undefined): Located {
    return doc === undefined ? { node, base, pointer } : { node, base, pointer, doc };
  }

  /** The base URI in force at the subschema at `pointer` (its own $id applied), if it was indexed. */
  baseAt(pointer: string, doc?: string): string | undefined {
    return this.bases.get(docKey(doc, pointer));
  }

  /** The subschema with `$dynamicAnchor: name` in the resource at `resourceUri`, if any. */
  dynamicAnchor(resourceUri: string, name: string): Located | undefined {
    return this.dynamicAnchors.get(`${resourceUri}#${name}`);
  }

  /** Resolves a $ref found at `from`; throws REF_UNRESOLVED (or REF_REMOTE_REFUSED) naming the pointer. */
  resolve(ref: string, from: Located): Located {
    const target = this.resolveUri(ref, from.base);
    const hash = target.indexOf("#");
    const resourceUri = hash === -1 ? target : target.slice(0, hash);
    const fragment = hash === -1 ? "" : decodeURIComponent(target.slice(hash + 1));
    if (fragment !== "" && !fragment.startsWith("/")) {
      const anchored = this.anchors.get(`${resourceUri}#${fragment}`);
      if (anchored) return anchored;
      throw new SynthError("REF_UNRESOLVED", `$ref "${ref}" names an anchor that does not exist`, { pointer: from.pointer });
    }
    const resource = this.resources.get(resourceUri);
    if (!resource) {
      if (/^https?:/.test(resourceUri) && !resourceUri.startsWith(this.rootUri)) {
        throw new SynthError("REF_REMOTE_REFUSED", `$ref "${ref}" points outside this schema; remote references are not fetched`, { pointer: from.pointer, ...(from.doc ? { file: from.doc } : {}) });
      }
      throw new SynthError("REF_UNRESOLVED", `$ref "${ref}" does not resolve`, { pointer: from.pointer, ...(from.doc ? { file: from.doc } : {}) });
    }
    let node: unknown = resource.node;
    let base = resource.base;
    let pointer = resource.pointer;
    for (const token of parsePointer(fragment)) {
      if (node === null || typeof node !== "object" || !Object.hasOwn(node, token)) {
        throw new SynthError("REF_UNRESOLVED", `$ref "${ref}" does not resolve`, { pointer: from.pointer });
      }
      node = (node as Record<string, unknown>)[token];
      pointer = joinPointer(pointer, token);
      const id = node !== null && typeof node === "object" ? (node as { $id?: unknown }).$id : undefined;
      if (typeof id === "string" && !id.startsWith("#")) base = stripFragment(this.resolveUri(id, base));
    }
    return resource.doc === undefined ? { node, base, pointer } : { node, base, pointer, doc: resource.doc };
  }
}

function docKey(doc: string | undefined, pointer: string): string {
  return doc === undefined ? pointer : `${doc}#${pointer}`;
}
