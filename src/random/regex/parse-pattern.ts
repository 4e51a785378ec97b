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

/**
 * What is wrong with a pattern, in a few words, from the engine's or the parser's message: neither is
 * shown whole ("Invalid regular expression: /(abc/u: Unterminated group", a three-line caret picture).
 */
export function patternReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split("\n")[0]!.trim();
  const reason = /^Invalid regular expression: \/.*\/[a-z]*: (.*)$/s.exec(firstLine)?.[1] ?? firstLine;
  return reason.charAt(0).toLowerCase() + reason.slice(1);
}

/** The engine's own verdict comes first, so "invalid" means invalid to every ECMA-262 consumer. */
export function buildMatcher(pattern: string, place: ErrorPlace): RegExp {
  try {
    return new RegExp(pattern, "u");
  } catch (error) {
    throw new SynthError(
      "SCHEMA_INVALID",
      `pattern ${quotePattern(pattern)} is not a valid ECMA-262 regular expression (${patternReason(error)})`,
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
    throw new SynthError(
      "SCHEMA_UNSUPPORTED",
      `pattern ${quotePattern(pattern)} uses regular expression syntax synth cannot generate from (${patternReason(error)})`,
      place,
      { cause: error },
    );
  }
}
