import regjsparser from "regjsparser";
import { SynthError } from "../errors/synth-error.js";

/**
 * Patterns whose matching can backtrack catastrophically, like "^(a+)+$": a quantifier that repeats
 * without bound over something that itself repeats without bound. Checking a string that almost
 * matches takes time exponential in its length. ajv runs user patterns with JavaScript's backtracking
 * engine, which cannot be interrupted; so such a pattern is only ever run on short strings.
 */
export const RISKY_PATTERN_MAX_INPUT = 20;

interface Node {
  type: string;
  min?: number;
  max?: number;
  body?: Node | Node[];
  [key: string]: unknown;
}

function children(node: Node): Node[] {
  const body = node.body;
  if (Array.isArray(body)) return body;
  return body ? [body] : [];
}

/** True when some subpattern under `node` repeats without bound (or nearly). */
function repeats(node: Node): boolean {
  if (node.type === "quantifier" && (node.max === undefined || node.max > 16)) return true;
  return children(node).some(repeats);
}

function risky(node: Node): boolean {
  if (node.type === "quantifier" && (node.max === undefined || node.max > 1) && children(node).some(repeats)) return true;
  return children(node).some(risky);
}

const verdicts = new Map<string, boolean>();

/** Whether a pattern has nested unbounded repetition (the usual shape of catastrophic backtracking). */
export function isRiskyPattern(pattern: string): boolean {
  let verdict = verdicts.get(pattern);
  if (verdict === undefined) {
    try {
      verdict = risky(regjsparser.parse(pattern, "u", { unicodePropertyEscape: true, namedGroups: true, lookbehind: true }) as unknown as Node);
    } catch {
      verdict = false; // not ours to judge: the engine reports invalid patterns itself
    }
    verdicts.set(pattern, verdict);
  }
  return verdict;
}

/**
 * ajv's `code.regExp` engine: native RegExp, except that a risky pattern refuses strings longer
 * than RISKY_PATTERN_MAX_INPUT with a clear error instead of possibly never returning.
 */
export function guardedRegExp(pattern: string, flags: string): { test(input: string): boolean } {
  const native = new RegExp(pattern, flags);
  if (!isRiskyPattern(pattern)) return native;
  return {
    test(input: string): boolean {
      if (input.length > RISKY_PATTERN_MAX_INPUT) {
        throw new SynthError(
          "SCHEMA_UNSUPPORTED",
          `pattern ${JSON.stringify(pattern)} can backtrack catastrophically (a repetition inside a repetition); synth will not check a ${input.length}-character string against it — rewrite it without nested repetition`,
        );
      }
      return native.test(input);
    },
  };
}
guardedRegExp.code = 'require("synth/regex-guard").guardedRegExp';
