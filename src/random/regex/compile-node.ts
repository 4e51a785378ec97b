import { SynthError, type ErrorPlace } from "../../errors/synth-error.js";
import { alternativesNode } from "./alternatives.js";
import { groupSpanOf, type CaptureGroups } from "./capture-groups.js";
import { backreferenceNode, capturingGroupNode } from "./captures.js";
import { compileCharSet } from "./char-class.js";
import { charNode, literalNode, zeroWidthNode, type CompiledNode } from "./compiled-node.js";
import { quotePattern, type PatternNode } from "./parse-pattern.js";
import { repetitionNode } from "./repetition.js";
import { sequenceNode } from "./sequence.js";

const NO_GROUPS = { first: 0, count: 0 };

export interface CompileContext {
  readonly pattern: string;
  readonly place: ErrorPlace;
  readonly maxRepeat: number;
  readonly groups: CaptureGroups;
  /** Longest text each capture group can hold, filled in as groups compile. */
  readonly groupMaxLength: Map<number, number>;
}

/** Turns the AST into closures once, so sampling never walks the tree. */
export function compileNode(node: PatternNode, context: CompileContext): CompiledNode {
  switch (node.type) {
    case "value":
      return literalNode(String.fromCodePoint(node.codePoint), 1);
    case "characterClass":
    case "characterClassEscape":
    case "unicodePropertyEscape":
    case "dot":
      return charNode(compileCharSet(node));
    case "alternative":
      return sequenceNode(node.body.map((child) => compileNode(child, context)));
    case "disjunction":
      return alternativesNode(node.body.map((child) => compileNode(child, context)));
    case "group":
      return compileGroup(node, context);
    case "quantifier":
      return repetitionNode(
        compileNode(node.body[0], context),
        { minCount: node.min, maxCount: node.max ?? Infinity, maxRepeat: context.maxRepeat },
        context.groups.referenced ? groupSpanOf(node.body[0], context.groups) : NO_GROUPS,
      );
    case "anchor":
      // \b and \B are left to verification: retries find a string that satisfies them.
      return zeroWidthNode({ start: node.kind === "start", end: node.kind === "end" });
    case "reference":
      return compileReference(node, context);
    default:
      throw unsupported(node, context);
  }
}

function compileGroup(node: Extract<PatternNode, { type: "group" }>, context: CompileContext): CompiledNode {
  if (node.behavior !== "normal" && node.behavior !== "ignore") {
    // Lookarounds are not generated; the final check against the real regex rejects misses.
    return zeroWidthNode();
  }
  const body = sequenceNode(node.body.map((child) => compileNode(child, context)));
  if (node.behavior === "ignore" || !context.groups.referenced) return body;
  const number = context.groups.numberOf.get(node);
  if (number === undefined) throw unsupported(node, context);
  context.groupMaxLength.set(number, body.maxLength);
  return capturingGroupNode(body, number);
}

function compileReference(node: Extract<PatternNode, { type: "reference" }>, context: CompileContext): CompiledNode {
  const numbers =
    node.matchIndex !== undefined ? [node.matchIndex] : (context.groups.numbersByName.get(node.name.value) ?? []);
  // A group inside a lookaround captures text we never generate: its length is unknown, not zero.
  const maxLength = Math.max(0, ...numbers.map((number) => context.groupMaxLength.get(number) ?? Infinity));
  return backreferenceNode(numbers, maxLength);
}

function unsupported(node: PatternNode, context: CompileContext): SynthError {
  return new SynthError(
    "SCHEMA_UNSUPPORTED",
    `pattern ${quotePattern(context.pattern)} uses ${JSON.stringify(node.raw)}, which synth cannot generate`,
    context.place,
  );
}
