import { SHAPE_DIGIT, SHAPE_LOWER, SHAPE_OTHER, SHAPE_UPPER, type Shape } from "./accumulators/text-shape.js";

/**
 * A regular expression for an identifier column, built from its shapes alone ("AB123456" has the
 * shape AA999999 and gives [A-Z]{2}[0-9]{6}). Only shapes seen at least K times take part, and shapes
 * that differ only in run lengths merge into ranges ({6,8}), so an unusual identifier's shape is
 * never published. Undefined when the published shapes would not describe nearly every value.
 */

const MAX_ALTERNATIVES = 4;
/** Share of values the published shapes must describe for the pattern to be worth using. */
const MIN_COVERAGE = 0.95;

function tokenSource(token: number): string {
  switch (token) {
    case SHAPE_UPPER:
      return "[A-Z]";
    case SHAPE_LOWER:
      return "[a-z]";
    case SHAPE_DIGIT:
      return "[0-9]";
    case SHAPE_OTHER:
      return ".";
    default:
      return String.fromCharCode(token).replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
  }
}

function quantifier(min: number, max: number): string {
  if (min === 1 && max === 1) return "";
  return min === max ? `{${min}}` : `{${min},${max}}`;
}

export function identifierPattern(shapes: Shape[] | undefined, nonNull: number, minCount: number): string | undefined {
  if (!shapes || nonNull === 0) return undefined;
  const published = shapes.filter((s) => s.count >= minCount);
  const groups = new Map<string, { tokens: number[]; min: number[]; max: number[]; count: number }>();
  for (const shape of published) {
    const signature = shape.tokens.join(",");
    const group = groups.get(signature);
    if (!group) {
      groups.set(signature, { tokens: shape.tokens, min: [...shape.lengths], max: [...shape.lengths], count: shape.count });
      continue;
    }
    group.count += shape.count;
    shape.lengths.forEach((length, i) => {
      group.min[i] = Math.min(group.min[i]!, length);
      group.max[i] = Math.max(group.max[i]!, length);
    });
  }
  const ranked = [...groups.values()].sort((a, b) => b.count - a.count).slice(0, MAX_ALTERNATIVES);
  const covered = ranked.reduce((sum, g) => sum + g.count, 0);
  if (ranked.length === 0 || covered / nonNull < MIN_COVERAGE) return undefined;
  const alternatives = ranked.map((g) => g.tokens.map((token, i) => tokenSource(token) + quantifier(g.min[i]!, g.max[i]!)).join(""));
  return alternatives.length === 1 ? `^${alternatives[0]}$` : `^(?:${alternatives.join("|")})$`;
}
