import regjsparser from "regjsparser";
import type { AstNode, RootNode } from "regjsparser";
import { SynthError, type ErrorPlace } from "../../errors/synth-error.js";

/** JSON Schema patterns are ECMA-262 regexes; these are the syntax extensions the "u" flag allows. */
const PARSER_FEATURES = { unicodePropertyEscape: true, namedGroups: true, lookbehind: true } as const;

type PatternFeatures = typeof PARSER_FEATURES;
export type PatternAst = RootNode<PatternFeatures>;
export type PatternNode = AstNode<PatternFeatures>;

/** How a pattern is named in messages: as a JSON string, the way it is written in the schema file. */
export function quotePattern(pattern: string): string {
  return JSON.stringify(pattern);
}

/** The engine's own verdict comes first, so "invalid" means invalid to every ECMA-262 consumer. */
export function buildMatcher(pattern: string, place: ErrorPlace): RegExp {
  try {
    return new RegExp(pattern, "u");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SynthError(
      "SCHEMA_INVALID",
      `pattern ${quotePattern(pattern)} is not a valid ECMA-262 regular expression: ${reason}`,
      place,
      { cause: error },
    );
  }
}

/** Call after `buildMatcher`: a pattern the engine accepts but the parser rejects is our limitation. */
export function parsePattern(pattern: string, place: ErrorPlace): PatternAst {
  try {
    return regjsparser.parse(pattern, "u", PARSER_FEATURES);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SynthError(
      "SCHEMA_UNSUPPORTED",
      `pattern ${quotePattern(pattern)} uses regular expression syntax synth cannot generate from: ${reason}`,
      place,
      { cause: error },
    );
  }
}
