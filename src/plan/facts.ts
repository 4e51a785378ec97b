import { joinPointer } from "../errors/json-pointer.js";
import { identifierType } from "../identifiers/index.js";
import { guardedRegExp } from "../schema/regex-guard.js";
import { SynthError } from "../errors/synth-error.js";
import type { Located } from "../schema/ref-index.js";
import type { CompileContext } from "./context.js";

export type JsonType = "null" | "boolean" | "integer" | "number" | "string" | "array" | "object";
export const JSON_TYPES: readonly JsonType[] = ["null", "boolean", "integer", "number", "string", "array", "object"];

/**
 * Everything a set of subschemas that must all hold (a node, its $ref, its allOf) says about a value,
 * merged into one record. Generation reads the merged view; verification reads the original parts,
 * each a real place in the user's schema, so nothing is lost by merging approximately.
 */
export interface Facts {
  parts: Located[];
  /** False when some part is the schema `false`. */
  satisfiable: boolean;
  /** Allowed types, or undefined when any type is allowed. */
  types?: Set<JsonType>;
  enumValues?: unknown[];
  // numbers
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  exclusiveMaximum?: number;
  multipleOf: number[];
  // strings
  minLength?: number;
  maxLength?: number;
  patterns: string[];
  formats: string[];
  faker?: string;
  synthType?: string;
  unique: boolean;
  // arrays
  prefixItems: Located[][];
  /** Parts every item beyond prefixItems must satisfy; `false` when no further items are allowed. */
  items: Located[] | false;
  minItems?: number;
  maxItems?: number;
  uniqueItems: boolean;
  contains: Located[];
  minContains?: number;
  maxContains?: number;
  // objects
  properties: Map<string, Located[]>;
  patternProperties: Array<{ pattern: string; schema: Located }>;
  additionalProperties: Located[] | false;
  required: Set<string>;
  minProperties?: number;
  maxProperties?: number;
  propertyNames: Located[];
  dependentRequired: Map<string, string[]>;
  dependentSchemas: Map<string, Located[]>;
  // applicators that cannot be merged: handled by choosing branches, then verified
  /** Each group is one anyOf/oneOf/if keyword; `key` lets a chosen branch consume it. */
  anyOf: BranchGroup[];
  oneOf: BranchGroup[];
  not: Located[];
  conditionals: Array<{ key: string; if: Located; then?: Located; else?: Located }>;
  /** Keywords generation does not model; their parts are verified after generation. */
  unmodelled: string[];
}

export interface BranchGroup {
  key: string;
  options: Located[];
}

export function emptyFacts(): Facts {
  return {
    parts: [],
    satisfiable: true,
    multipleOf: [],
    patterns: [],
    formats: [],
    unique: false,
    prefixItems: [],
    items: [],
    uniqueItems: false,
    contains: [],
    properties: new Map(),
    patternProperties: [],
    additionalProperties: [],
    required: new Set(),
    propertyNames: [],
    dependentRequired: new Map(),
    dependentSchemas: new Map(),
    anyOf: [],
    oneOf: [],
    not: [],
    conditionals: [],
    unmodelled: [],
  };
}

/** Keywords that only annotate: they never constrain a value. */
const ANNOTATIONS = new Set([
  "$schema", "$id", "$anchor", "$dynamicAnchor", "$comment", "$defs", "definitions", "$vocabulary",
  "title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly",
  "contentEncoding", "contentMediaType", "contentSchema",
  "x-identifier", "x-special-category", "x-codes",
  // What describe and review say of the dataset as a whole (publisher, licence, ...).
  "x-dataset",
  // Read by the plan for the row as a whole (the locale, names that follow a sex column, rules the
  // row model keeps); none constrains a value on its own, and ajv ignores them.
  "x-synth-locale", "x-synth-sex", "x-synth-rules",
]);

/** `true`, `{}` or a schema of annotations alone: every value is valid against it. */
export function acceptsEverything(schema: unknown): boolean {
  if (schema === true) return true;
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return false;
  return Object.keys(schema).every((k) => ANNOTATIONS.has(k) && k !== "$id");
}

const child = (loc: Located, ...tokens: Array<string | number>): Located => ({
  node: tokens.reduce<unknown>((n, t) => (n as Record<string, unknown>)[t], loc.node),
  base: loc.base,
  pointer: joinPointer(loc.pointer, ...tokens),
  ...(loc.scope ? { scope: loc.scope } : {}),
  ...(loc.doc !== undefined ? { doc: loc.doc } : {}),
});

/**
 * A direct test of whether a scalar (null, boolean, number, string) is valid here, or undefined when
 * that needs the schema itself. Direct when nothing beyond types, codes, numeric bounds, lengths,
 * patterns and UK identifier formats applies (a scalar is untouched by array and object keywords).
 * Code lists and published categories are checked this way rather than by compiling a validator,
 * which was a third of start-up for a table of codes. test/plan/direct-acceptor.test.ts checks it
 * against ajv.
 */
export function directScalarAcceptor(facts: Facts): ((value: unknown) => boolean) | undefined {
  if (facts.anyOf.length > 0 || facts.oneOf.length > 0 || facts.not.length > 0 || facts.conditionals.length > 0) return undefined;
  if (facts.unmodelled.length > 0 || facts.multipleOf.length > 0) return undefined;
  // Of formats, only the UK identifiers, whose own validators are at hand, are checked directly.
  const identifiers = facts.formats.map((format) => identifierType(format));
  if (!identifiers.every((type) => type !== undefined)) return undefined;
  if (facts.enumValues !== undefined && !facts.enumValues.every((v) => v === null || typeof v !== "object")) return undefined;
  const codes = facts.enumValues === undefined ? undefined : new Set(facts.enumValues.map((v) => JSON.stringify(v)));
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, minLength, maxLength } = facts;
  // As ajv runs them: a pattern that could backtrack catastrophically refuses long strings.
  const patterns = facts.patterns.map((pattern) => guardedRegExp(pattern, "u"));
  return (value) => {
    if (value !== null && typeof value === "object") return false;
    if (!typeAllows(facts, value) || (codes !== undefined && !codes.has(JSON.stringify(value)))) return false;
    if (typeof value === "number") {
      return !(
        (minimum !== undefined && value < minimum) || (maximum !== undefined && value > maximum) ||
        (exclusiveMinimum !== undefined && value <= exclusiveMinimum) || (exclusiveMaximum !== undefined && value >= exclusiveMaximum)
      );
    }
    if (typeof value === "string") {
      const length = minLength !== undefined || maxLength !== undefined ? [...value].length : 0;
      if ((minLength !== undefined && length < minLength) || (maxLength !== undefined && length > maxLength)) return false;
      return patterns.every((pattern) => pattern.test(value)) && identifiers.every((type) => type!.validate(value));
    }
    return true;
  };
}

/**
 * directScalarAcceptor where the schema allows it: a schema that uses $dynamicRef is checked by ajv,
 * since what such a reference resolves to depends on the path that reached it.
 */
export function directAcceptor(facts: Facts, ctx: CompileContext): ((value: unknown) => boolean) | undefined {
  return ctx.loaded.index.usesDynamicRef ? undefined : directScalarAcceptor(facts);
}

/** The JSON type of a scalar, "integer" for whole numbers (as "type" reads them). */
function scalarType(value: unknown): JsonType {
  if (value === null) return "null";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value as "boolean" | "string";
}

/** Whether a scalar's type is allowed ("number" allows integers too). */
function typeAllows(facts: Facts, value: unknown): boolean {
  if (facts.types === undefined) return true;
  const type = scalarType(value);
  return facts.types.has(type) || (type === "integer" && facts.types.has("number"));
}

/** The place errors about these facts name: the first subschema they were merged from. */
export function pointerOf(facts: Facts): string {
  return facts.parts[0]?.pointer ?? "";
}

export function groupKey(loc: Located, keyword: string): string {
  return `${loc.base}#${loc.pointer}/${keyword}`;
}

function narrowMin(current: number | undefined, value: number): number {
  return current === undefined ? value : Math.max(current, value);
}
function narrowMax(current: number | undefined, value: number): number {
  return current === undefined ? value : Math.min(current, value);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

function intersectEnum(current: unknown[] | undefined, values: unknown[]): unknown[] {
  if (current === undefined) return values;
  return current.filter((a) => values.some((b) => sameJson(a, b)));
}

/** A subschema with its own $id starts a new resource: its refs resolve against it, and it joins the dynamic scope. */
export function enterResource(loc: Located, ctx: CompileContext): Located {
  const scope = loc.scope ?? [loc.base];
  if (loc.base === "") return loc;
  const base = ctx.loaded.index.baseAt(loc.pointer, loc.doc) ?? loc.base;
  if (base === loc.base && loc.scope) return loc;
  return { ...loc, base, scope: scope.includes(base) ? scope : [...scope, base] };
}

/** A $ref target carries the dynamic scope of the place that referred to it, plus its own resource. */
function withScope(target: Located, from: Located): Located {
  const scope = from.scope ?? [from.base];
  return { ...target, scope: scope.includes(target.base) ? scope : [...scope, target.base] };
}

/**
 * $dynamicRef: resolved like $ref, unless its target holds a matching $dynamicAnchor; then the
 * outermost resource in the dynamic scope with that $dynamicAnchor wins.
 */
function resolveDynamic(ref: string, loc: Located, ctx: CompileContext): Located {
  const index = ctx.loaded.index;
  const target = index.resolve(ref, loc);
  const hash = ref.indexOf("#");
  const name = hash === -1 ? "" : ref.slice(hash + 1);
  if (name === "" || name.startsWith("/")) return target;
  const node = target.node;
  if (node === null || typeof node !== "object" || (node as { $dynamicAnchor?: unknown }).$dynamicAnchor !== name) return target;
  for (const uri of loc.scope ?? [loc.base]) {
    const found = index.dynamicAnchor(uri, name);
    if (found) return found;
  }
  return target;
}

/**
 * Merges a list of subschema locations (all must hold) into one Facts record. `consumed` names the
 * anyOf/oneOf/if keywords (by `groupKey`) whose branch has already been chosen by the caller.
 */
export function collectFacts(parts: Located[], ctx: CompileContext, consumed: ReadonlySet<string> = new Set()): Facts {
  const facts = emptyFacts();
  const seen = new Set<string>();
  const index = ctx.loaded.index;
  const draft7 = ctx.loaded.draft === "07";
  const visit = (at: Located, refDepth: number): void => {
    const loc = enterResource(at, ctx);
    const key = loc.base + "#" + (loc.doc ?? "") + "#" + loc.pointer + (index.usesDynamicRef ? "@" + (loc.scope ?? []).join(" ") : "");
    if (seen.has(key)) return;
    seen.add(key);
    if (refDepth > 64) throw new SynthError("UNSATISFIABLE", "$ref chain too deep (a cycle with no finite instance?)", { pointer: loc.pointer });
    const node = loc.node;
    if (node === true) return;
    if (node === false) {
      facts.satisfiable = false;
      facts.parts.push(loc);
      return;
    }
    if (node === null || typeof node !== "object") return;
    facts.parts.push(loc);
    const s = node as Record<string, unknown>;
    if (typeof s.$ref === "string") {
      visit(withScope(index.resolve(s.$ref, loc), loc), refDepth + 1);
      // In draft 7 a $ref hides its siblings; ajv applies them all the same, so values honour both.
    }
    if (typeof s.$dynamicRef === "string") visit(withScope(resolveDynamic(s.$dynamicRef, loc, ctx), loc), refDepth + 1);
    for (const [keyword, value] of Object.entries(s)) {
      if ((keyword === "anyOf" || keyword === "oneOf" || keyword === "if") && consumed.has(groupKey(loc, keyword))) continue;
      applyKeyword(facts, keyword, value, loc, draft7, (sub) => visit(sub, refDepth + 1));
    }
  };
  for (const part of parts) visit(part, 0);
  return facts;
}

function applyKeyword(
  facts: Facts,
  keyword: string,
  value: unknown,
  loc: Located,
  draft7: boolean,
  visit: (sub: Located) => void,
): void {
  if (ANNOTATIONS.has(keyword) || keyword === "$ref" || keyword === "$dynamicRef") return;
  const s = loc.node as Record<string, unknown>;
  switch (keyword) {
    case "type": {
      const listed = (Array.isArray(value) ? value : [value]) as JsonType[];
      const allowed = new Set<JsonType>(listed);
      if (allowed.has("number")) allowed.add("integer");
      facts.types = facts.types ? new Set([...facts.types].filter((t) => allowed.has(t))) : allowed;
      return;
    }
    case "enum":
      facts.enumValues = intersectEnum(facts.enumValues, value as unknown[]);
      return;
    case "const":
      facts.enumValues = intersectEnum(facts.enumValues, [value]);
      return;
    case "minimum":
      facts.minimum = narrowMin(facts.minimum, value as number);
      return;
    case "maximum":
      facts.maximum = narrowMax(facts.maximum, value as number);
      return;
    case "exclusiveMinimum":
      if (typeof value === "number") facts.exclusiveMinimum = narrowMin(facts.exclusiveMinimum, value);
      return;
    case "exclusiveMaximum":
      if (typeof value === "number") facts.exclusiveMaximum = narrowMax(facts.exclusiveMaximum, value);
      return;
    case "multipleOf":
      facts.multipleOf.push(value as number);
      return;
    case "minLength":
      facts.minLength = narrowMin(facts.minLength, value as number);
      return;
    case "maxLength":
      facts.maxLength = narrowMax(facts.maxLength, value as number);
      return;
    case "pattern":
      facts.patterns.push(value as string);
      return;
    case "format":
      facts.formats.push(value as string);
      return;
    case "x-faker":
      if (typeof value === "string") facts.faker = value;
      return;
    case "x-synth-type":
      if (typeof value === "string") facts.synthType = value;
      return;
    case "x-unique":
      facts.unique = value === true;
      return;
    case "allOf":
      (value as unknown[]).forEach((_, i) => visit(child(loc, keyword, i)));
      return;
    case "anyOf":
    case "oneOf": {
      const codes = labelledCodes(value as unknown[], keyword);
      if (codes) {
        facts.enumValues = intersectEnum(facts.enumValues, codes);
        return;
      }
      facts[keyword].push({ key: groupKey(loc, keyword), options: (value as unknown[]).map((_, i) => child(loc, keyword, i)) });
      return;
    }
    case "not":
      // "not" of a schema that accepts everything accepts nothing.
      if (acceptsEverything(value)) facts.satisfiable = false;
      else facts.not.push(child(loc, keyword));
      return;
    case "if":
      facts.conditionals.push({
        key: groupKey(loc, "if"),
        if: child(loc, "if"),
        ...(s.then !== undefined ? { then: child(loc, "then") } : {}),
        ...(s.else !== undefined ? { else: child(loc, "else") } : {}),
      });
      return;
    case "then":
    case "else":
      return; // read with "if"; alone they do nothing
    case "prefixItems":
      addPrefixItems(facts, loc, keyword, value as unknown[]);
      return;
    case "items":
      if (Array.isArray(value)) {
        addPrefixItems(facts, loc, keyword, value);
        return;
      }
      addItems(facts, child(loc, keyword));
      return;
    case "additionalItems":
      // only meaningful beside an array-form "items" (draft 7)
      if (Array.isArray(s.items)) addItems(facts, child(loc, keyword));
      return;
    case "minItems":
      facts.minItems = narrowMin(facts.minItems, value as number);
      return;
    case "maxItems":
      facts.maxItems = narrowMax(facts.maxItems, value as number);
      return;
    case "uniqueItems":
      facts.uniqueItems ||= value === true;
      return;
    case "contains":
      facts.contains.push(child(loc, keyword));
      return;
    case "minContains":
      facts.minContains = narrowMin(facts.minContains, value as number);
      return;
    case "maxContains":
      facts.maxContains = narrowMax(facts.maxContains, value as number);
      return;
    case "properties":
      for (const name of Object.keys(value as object)) {
        const list = facts.properties.get(name) ?? [];
        list.push(child(loc, keyword, name));
        facts.properties.set(name, list);
      }
      return;
    case "patternProperties":
      for (const pattern of Object.keys(value as object)) facts.patternProperties.push({ pattern, schema: child(loc, keyword, pattern) });
      return;
    case "additionalProperties":
      if (value === false) facts.additionalProperties = false;
      else if (facts.additionalProperties !== false) facts.additionalProperties.push(child(loc, keyword));
      return;
    case "required":
      for (const name of value as string[]) facts.required.add(name);
      return;
    case "minProperties":
      facts.minProperties = narrowMin(facts.minProperties, value as number);
      return;
    case "maxProperties":
      facts.maxProperties = narrowMax(facts.maxProperties, value as number);
      return;
    case "propertyNames":
      facts.propertyNames.push(child(loc, keyword));
      return;
    case "dependentRequired":
      for (const [name, deps] of Object.entries(value as Record<string, string[]>)) {
        facts.dependentRequired.set(name, [...(facts.dependentRequired.get(name) ?? []), ...deps]);
      }
      return;
    case "dependentSchemas":
      for (const name of Object.keys(value as object)) {
        facts.dependentSchemas.set(name, [...(facts.dependentSchemas.get(name) ?? []), child(loc, keyword, name)]);
      }
      return;
    case "dependencies":
      for (const [name, dep] of Object.entries(value as Record<string, unknown>)) {
        if (Array.isArray(dep)) facts.dependentRequired.set(name, [...(facts.dependentRequired.get(name) ?? []), ...(dep as string[])]);
        else facts.dependentSchemas.set(name, [...(facts.dependentSchemas.get(name) ?? []), child(loc, keyword, name)]);
      }
      return;
    default:
      facts.unmodelled.push(keyword);
      return;
  }
  void draft7;
}

/** Keywords a labelled code may carry beside its const: they describe it, never constrain it. */
const CODE_LABELS = new Set(["const", "title", "description", "$comment", "examples", "deprecated", "x-codes"]);

/**
 * `oneOf: [{const: "1", title: "Male"}, ...]` is the JSON Schema idiom for labelled codes, and means
 * exactly an enum of the consts (for oneOf, minus any const listed twice, which would match twice).
 * Read that way it needs no branch choice and no check per value.
 */
function labelledCodes(options: unknown[], keyword: "anyOf" | "oneOf"): unknown[] | undefined {
  if (options.length === 0) return undefined;
  const values: unknown[] = [];
  for (const option of options) {
    if (option === null || typeof option !== "object" || !("const" in option)) return undefined;
    if (!Object.keys(option).every((k) => CODE_LABELS.has(k))) return undefined;
    values.push((option as { const: unknown }).const);
  }
  if (keyword === "anyOf") return values;
  return values.filter((v) => values.filter((w) => sameJson(v, w)).length === 1);
}

function addPrefixItems(facts: Facts, loc: Located, keyword: string, list: unknown[]): void {
  list.forEach((_, i) => {
    const slot = facts.prefixItems[i] ?? [];
    slot.push(child(loc, keyword, i));
    facts.prefixItems[i] = slot;
  });
}

function addItems(facts: Facts, sub: Located): void {
  if (sub.node === false) {
    facts.items = false;
    return;
  }
  if (facts.items !== false) facts.items.push(sub);
}
