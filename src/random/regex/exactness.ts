import type { PatternAst, PatternNode } from "./parse-pattern.js";

/**
 * Whether every string the generator emits for this pattern matches it by construction, so that the
 * check against the real RegExp can be skipped. True only for the plain part of the language, which
 * the generator reproduces exactly: characters, character classes (whose members are either spelled
 * out or found by running the real engine, see char-class.ts), groups, alternation and quantifiers,
 * with `^` only at the very start and `$` only at the very end of the pattern or of one of its
 * top-level alternatives. Lookarounds, `\b`, `\B`, backreferences and anchors anywhere else are
 * generated on a best-effort basis and keep the check. test/random/regex-exact.test.ts checks the
 * claim against the real engine on many generated patterns.
 */
export function exactByConstruction(ast: PatternAst): boolean {
  if (ast.type === "disjunction") return ast.body.every(exactBranch);
  return exactBranch(ast);
}

function exactBranch(node: PatternNode): boolean {
  if (node.type === "anchor") return node.kind === "start" || node.kind === "end";
  if (node.type !== "alternative") return exactInner(node);
  const body = node.body;
  return body.every((child, i) => {
    if (child.type !== "anchor") return exactInner(child);
    if (child.kind === "start") return body.slice(0, i).every(isStartAnchor);
    if (child.kind === "end") return body.slice(i + 1).every(isEndAnchor);
    return false;
  });
}

function isStartAnchor(node: PatternNode): boolean {
  return node.type === "anchor" && node.kind === "start";
}

function isEndAnchor(node: PatternNode): boolean {
  return node.type === "anchor" && node.kind === "end";
}

function exactInner(node: PatternNode): boolean {
  switch (node.type) {
    case "value":
    case "characterClass":
    case "characterClassEscape":
    case "unicodePropertyEscape":
    case "dot":
      return true;
    case "alternative":
    case "disjunction":
      return node.body.every(exactInner);
    case "group":
      return (node.behavior === "normal" || node.behavior === "ignore") && node.body.every(exactInner);
    case "quantifier":
      return exactInner(node.body[0]);
    default:
      // anchors inside, \b, \B, backreferences, anything new to the parser
      return false;
  }
}
