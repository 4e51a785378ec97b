import { Ajv, type Options } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { identifierTypes } from "../identifiers/index.js";
import { guardedRegExp } from "./regex-guard.js";

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
  options?: { mode?: "fast" | "full" },
) => Ajv;

export type Draft = "2020-12" | "07";

export const DRAFT_URIS: Record<Draft, string> = {
  "2020-12": "https://json-schema.org/draft/2020-12/schema",
  "07": "http://json-schema.org/draft-07/schema",
};

/** The annotation keywords synth reads from a user's schema. Standard validators ignore x- keywords. */
export const SYNTH_KEYWORDS = [
  "x-faker",
  "x-synth-type",
  "x-identifier",
  "x-special-category",
  "x-codes",
  "x-unique",
  "x-synth-rules",
  "x-synth-locale",
  "x-synth-sex",
  "x-dataset",
] as const;

export function draftOf(schema: unknown): Draft | undefined {
  if (schema === null || typeof schema !== "object") return "2020-12";
  const uri = (schema as { $schema?: unknown }).$schema;
  if (uri === undefined) return "2020-12";
  if (typeof uri !== "string") return undefined;
  const bare = uri.replace(/#$/, "").replace(/^https:/, "http:");
  if (bare === "http://json-schema.org/draft/2020-12/schema") return "2020-12";
  if (bare === "http://json-schema.org/draft-07/schema") return "07";
  return undefined;
}

/**
 * A validator for users' schemas: lenient about keywords it does not know (schemas written elsewhere
 * carry annotations of their own), strict about formats, with synth's identifier formats registered
 * so that a validator that knows them checks their check digits too.
 */
export function createUserAjv(draft: Draft, extra: Options = {}): Ajv {
  const options: Options = {
    strict: false,
    allErrors: false,
    validateFormats: true,
    logger: false,
    // User patterns may backtrack catastrophically: risky ones run only on short strings.
    code: { regExp: guardedRegExp as unknown as NonNullable<Options["code"]>["regExp"] },
    ...extra,
  };
  const ajv = draft === "2020-12" ? new Ajv2020(options) : new Ajv(options);
  addFormats(ajv, { mode: "full" });
  for (const type of identifierTypes) ajv.addFormat(type.name, { type: "string", validate: type.validate });
  for (const keyword of SYNTH_KEYWORDS) ajv.addKeyword({ keyword, schemaType: ["string", "boolean", "object", "array"] });
  return ajv;
}

/** A validator for synth's own documents (statistics, manifests, requests): strict in every way. */
export function createStrictAjv(extra: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true, logger: false, ...extra });
  addFormats(ajv as unknown as Ajv, { mode: "full" });
  return ajv;
}
