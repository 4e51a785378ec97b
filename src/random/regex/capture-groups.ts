import type { PatternNode } from "./parse-pattern.js";

/** Capture group numbers (1-based) inside some subtree: they are contiguous, in source order. */
export interface GroupSpan {
  readonly first: number;
  readonly count: number;
}

export interface CaptureGroups {
  readonly count: number;
  readonly numberOf: ReadonlyMap<PatternNode, number>;
  /** Duplicate names are legal in separate alternatives, hence a list. */
  readonly numbersByName: ReadonlyMap<string, readonly number[]>;
  /** Without backreferences nothing reads a capture, so groups need not record what they emit. */
  readonly referenced: boolean;
}

/** Numbers groups by their opening parenthesis, as ECMA-262 does: a pre-order walk. */
export function numberCaptureGroups(root: PatternNode): CaptureGroups {
  const numberOf = new Map<PatternNode, number>();
  const numbersByName = new Map<string, number[]>();
  let referenced = false;
  const visit = (node: PatternNode): void => {
    if (node.type === "reference") referenced = true;
    if (node.type === "group" && node.behavior === "normal") {
      const number = numberOf.size + 1;
      numberOf.set(node, number);
      if (node.name !== undefined) {
        const numbers = numbersByName.get(node.name.value) ?? [];
        numbers.push(number);
        numbersByName.set(node.name.value, numbers);
      }
    }
    for (const child of childrenOf(node)) visit(child);
  };
  visit(root);
  return { count: numberOf.size, numberOf, numbersByName, referenced };
}

export function groupSpanOf(node: PatternNode, groups: CaptureGroups): GroupSpan {
  let first = Infinity;
  let last = -Infinity;
  const visit = (current: PatternNode): void => {
    const number = groups.numberOf.get(current);
    if (number !== undefined) {
      first = Math.min(first, number);
      last = Math.max(last, number);
    }
    for (const child of childrenOf(current)) visit(child);
  };
  visit(node);
  return first === Infinity ? { first: 0, count: 0 } : { first, count: last - first + 1 };
}

function childrenOf(node: PatternNode): readonly PatternNode[] {
  switch (node.type) {
    case "alternative":
    case "disjunction":
    case "group":
    case "quantifier":
      return node.body;
    default:
      return [];
  }
}
