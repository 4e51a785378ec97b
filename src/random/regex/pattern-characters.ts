import type { CodePointRange } from "./code-points.js";
import { FILLER } from "./padding.js";
import type { PatternAst, PatternNode } from "./parse-pattern.js";

const DIGITS: CodePointRange = [0x30, 0x39];
const WORD: readonly CodePointRange[] = [DIGITS, [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]];

/**
 * Every code point a string generated for the pattern can contain (filler for minLength included),
 * or undefined when the pattern allows characters it does not spell out: `.`, negated classes,
 * `\D`, `\W`, `\s`, `\S` and property escapes. Writers use it to know, once, whether values can ever
 * need quoting or escaping.
 */
export function patternCharacters(ast: PatternAst): CodePointRange[] | undefined {
  const ranges: CodePointRange[] = [...FILLER].map((c) => [c.codePointAt(0)!, c.codePointAt(0)!]);
  return collect(ast, ranges) ? ranges : undefined;
}

function collect(node: PatternNode, into: CodePointRange[]): boolean {
  switch (node.type) {
    case "value":
      into.push([node.codePoint, node.codePoint]);
      return true;
    case "characterClassRange":
      into.push([node.min.codePoint, node.max.codePoint]);
      return true;
    case "characterClassEscape":
      if (node.value === "d") into.push(DIGITS);
      else if (node.value === "w") into.push(...WORD);
      else return false;
      return true;
    case "characterClass":
      return !node.negative && node.body.every((child) => collect(child as PatternNode, into));
    case "alternative":
    case "disjunction":
    case "group": // lookarounds too: they generate nothing, but reading them errs on the safe side
    case "quantifier":
      return (node.body as PatternNode[]).every((child) => collect(child, into));
    case "anchor": // also \b and \B
    case "reference":
      // A backreference repeats text the pattern itself generated.
      return true;
    default:
      return false;
  }
}
