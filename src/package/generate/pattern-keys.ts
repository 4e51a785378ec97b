import regjsparser from "regjsparser";

type Node = { type: string; [key: string]: unknown };

/** Characters a class or value allows, in code-point order; undefined for anything else (escapes, negation, Unicode properties). */
function alphabet(node: Node): string[] | undefined {
  if (node.type === "value") return [String.fromCodePoint(node.codePoint as number)];
  if (node.type === "characterClassEscape" && node.value === "d") return [..."0123456789"];
  if (node.type !== "characterClass" || node.negative === true || node.kind !== "union") return undefined;
  const members = new Set<string>();
  for (const part of node.body as Node[]) {
    if (part.type === "value") members.add(String.fromCodePoint(part.codePoint as number));
    else if (part.type === "characterClassRange") {
      const from = (part.min as Node).codePoint as number;
      const to = (part.max as Node).codePoint as number;
      if (to - from > 256) return undefined;
      for (let c = from; c <= to; c++) members.add(String.fromCodePoint(c));
    } else if (part.type === "characterClassEscape" && part.value === "d") for (const d of "0123456789") members.add(d);
    else return undefined;
  }
  return [...members].sort();
}

/**
 * The positions of a fixed-length pattern (anchored literals and classes, with fixed repeats), each
 * with the characters it allows; undefined for any pattern of another shape. URNs ("^1[0-4][0-9]{4}$"),
 * practice codes and the like are of this shape, and their k-th value is then a mixed-radix numeral.
 */
export function fixedPositions(pattern: string): string[][] | undefined {
  let root: Node;
  try {
    root = regjsparser.parse(pattern, "u") as unknown as Node;
  } catch {
    return undefined;
  }
  const body = root.type === "alternative" ? (root.body as Node[]) : [root];
  if (body[0]?.type !== "anchor" || body.at(-1)?.type !== "anchor") return undefined;
  const positions: string[][] = [];
  for (const node of body.slice(1, -1)) {
    if (node.type === "quantifier") {
      if (node.min !== node.max || (node.body as Node[]).length !== 1) return undefined;
      const chars = alphabet((node.body as Node[])[0]!);
      if (!chars) return undefined;
      for (let i = 0; i < (node.min as number); i++) positions.push(chars);
    } else {
      const chars = alphabet(node);
      if (!chars) return undefined;
      positions.push(chars);
    }
  }
  return positions.length > 0 ? positions : undefined;
}

/** How many strings the positions spell (may exceed 2^53: then capped, which only matters for the spread). */
export function capacityOf(positions: string[][]): number {
  return positions.reduce((n, chars) => Math.min(Number.MAX_SAFE_INTEGER, n * chars.length), 1);
}

/** The k-th string in order (0-based), as a mixed-radix numeral over the positions. */
export function nthString(positions: string[][], k: number): string {
  const out: string[] = new Array(positions.length);
  let rest = k;
  for (let i = positions.length - 1; i >= 0; i--) {
    const chars = positions[i]!;
    out[i] = chars[rest % chars.length]!;
    rest = Math.floor(rest / chars.length);
  }
  return out.join("");
}
