import type { ErrorObject } from "ajv";

/**
 * ajv's errors in synth's own words. ajv's messages ("must be <= 1", "must match exactly one schema
 * in oneOf") are written for schema authors reading ajv's output; a user reading one line about a
 * file they wrote needs the rule in plain words, and the pointer to the member concerned. The
 * statistics file and the schema's x-synth-rules say their errors through here.
 */

export interface PlainError {
  /** The JSON pointer of the member concerned (for a missing or unknown member, the member itself). */
  pointer: string;
  message: string;
}

const TYPE_NAMES: Record<string, string> = {
  string: "text",
  number: "a number",
  integer: "a whole number",
  boolean: "true or false",
  object: "an object",
  array: "an array",
  null: "null",
};

function typeNames(type: unknown): string {
  const names = String(type)
    .split(",")
    .map((t) => TYPE_NAMES[t] ?? t);
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
}

function shown(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? text.slice(0, 57) + "..." : text;
}

const plural = (n: unknown, one: string, many: string) => `${String(n)} ${Number(n) === 1 ? one : many}`;

function member(pointer: string, name: unknown): string {
  return `${pointer}/${String(name).replace(/~/g, "~0").replace(/\//g, "~1")}`;
}

/** One ajv error in plain words, with the pointer of the member it is about. */
export function plainError(error: ErrorObject): PlainError {
  const params = error.params as Record<string, unknown>;
  const at = error.instancePath;
  switch (error.keyword) {
    case "type":
      return { pointer: at, message: `must be ${typeNames(params.type)}` };
    case "required":
      return { pointer: member(at, params.missingProperty), message: `is required but missing` };
    case "additionalProperties":
      return { pointer: member(at, params.additionalProperty), message: "is not a member this document can have" };
    case "unevaluatedProperties":
      return { pointer: member(at, params.unevaluatedProperty), message: "is not a member this document can have" };
    case "enum":
      return { pointer: at, message: `must be one of ${(params.allowedValues as unknown[]).map(shown).join(", ")}` };
    case "const":
      return { pointer: at, message: `must be ${shown(params.allowedValue)}` };
    case "minimum":
      return { pointer: at, message: `must be at least ${String(params.limit)}` };
    case "maximum":
      return { pointer: at, message: `must be at most ${String(params.limit)}` };
    case "exclusiveMinimum":
      return { pointer: at, message: `must be greater than ${String(params.limit)}` };
    case "exclusiveMaximum":
      return { pointer: at, message: `must be less than ${String(params.limit)}` };
    case "multipleOf":
      return { pointer: at, message: `must be a multiple of ${String(params.multipleOf)}` };
    case "minLength":
      return { pointer: at, message: `must be at least ${plural(params.limit, "character", "characters")} long` };
    case "maxLength":
      return { pointer: at, message: `must be at most ${plural(params.limit, "character", "characters")} long` };
    case "minItems":
      return { pointer: at, message: `must have at least ${plural(params.limit, "entry", "entries")}` };
    case "maxItems":
      return { pointer: at, message: `must have at most ${plural(params.limit, "entry", "entries")}` };
    case "minProperties":
      return { pointer: at, message: `must have at least ${plural(params.limit, "member", "members")}` };
    case "maxProperties":
      return { pointer: at, message: `must have at most ${plural(params.limit, "member", "members")}` };
    case "uniqueItems":
      return { pointer: at, message: `entries ${String(params.j)} and ${String(params.i)} are the same; each must differ` };
    case "pattern":
      return { pointer: at, message: `does not match the pattern ${shown(params.pattern)}` };
    case "format":
      return { pointer: at, message: `is not a valid ${String(params.format)}` };
    case "oneOf":
    case "anyOf":
      return { pointer: at, message: "matches none of the forms allowed here" };
    case "not":
      return { pointer: at, message: "is a value not allowed here" };
    case "false schema":
      return { pointer: at, message: "is not allowed here" };
    case "dependentRequired":
    case "dependencies":
      return { pointer: at, message: `has "${String(params.property)}", which needs "${String(params.missingProperty)}" too` };
    case "propertyNames":
      return { pointer: member(at, params.propertyName), message: "is not an allowed member name" };
    case "contains":
    case "minContains":
      return { pointer: at, message: "has no entry of the kind required here" };
    case "maxContains":
      return { pointer: at, message: "has too many entries of one kind" };
    default:
      return { pointer: at, message: `breaks the rule "${error.keyword}"` };
  }
}

/**
 * The most useful of a validator's errors: the deepest one, since oneOf and anyOf report a failure
 * for every branch and the deepest names the member that is wrong. A missing member is deeper than
 * the object that lacks it.
 */
export function mostSpecificError(errors: readonly ErrorObject[] | null | undefined): PlainError | undefined {
  if (!errors || errors.length === 0) return undefined;
  const plain = errors.map(plainError);
  const depth = (pointer: string) => (pointer === "" ? 0 : pointer.split("/").length);
  let best = 0;
  for (let i = 1; i < plain.length; i++) {
    const better = depth(plain[i]!.pointer) > depth(plain[best]!.pointer);
    // Among equally deep errors, a oneOf's summary says less than the branch that failed.
    const sameButConcrete = depth(plain[i]!.pointer) === depth(plain[best]!.pointer) && /^(oneOf|anyOf)$/.test(errors[best]!.keyword) && !/^(oneOf|anyOf)$/.test(errors[i]!.keyword);
    if (better || sameButConcrete) best = i;
  }
  return plain[best];
}
