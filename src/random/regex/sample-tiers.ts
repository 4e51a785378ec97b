/**
 * Sets defined by exclusion or by Unicode property (`[^,]`, `.`, `\S`, `\p{L}`) are vast and mostly
 * exotic. Dummy data reads better drawn from the most ordinary characters the set allows, so such a
 * set is sampled from the first of these tiers it has any members in.
 */
const TIER_BUILDERS: readonly (() => string)[] = [
  () => codePointsIn([[0x20, 0x7e]]),
  () => withoutNonGraphic(codePointsIn([[0xa0, 0xd7ff], [0xe000, 0xffff]])),
  () => withoutNonGraphic(codePointsIn([[0x10000, 0x10ffff]])),
  // Controls, format characters, unassigned and private-use code points.
  () => codePointsIn([[0x0, 0x1f], [0x7f, 0xd7ff], [0xe000, 0x10ffff]]).replace(/\P{C}/gu, ""),
  // Lone surrogates, only for sets like \p{Cs}. Low before high, so no two of them form a pair.
  () => codePointsIn([[0xdc00, 0xdfff], [0xd800, 0xdbff]]),
];

const tierCandidates: (string | undefined)[] = [];
const membersByClass = new Map<string, readonly string[]>();

/**
 * Members of the first non-empty tier, found by running the real regex engine over the tier's
 * characters, so property escapes and negations are exact without Unicode tables of our own.
 * `classSource` is a regex that matches exactly one code point, such as `[^a-z]` or `\p{Lu}`.
 */
export function preferredMembers(classSource: string): readonly string[] {
  const cached = membersByClass.get(classSource);
  if (cached !== undefined) return cached;
  const matchesOne = new RegExp(classSource, "gu");
  let members: readonly string[] = [];
  for (let tier = 0; tier < TIER_BUILDERS.length && members.length === 0; tier++) {
    members = candidatesOfTier(tier).match(matchesOne) ?? [];
  }
  membersByClass.set(classSource, members);
  return members;
}

function candidatesOfTier(tier: number): string {
  let candidates = tierCandidates[tier];
  if (candidates === undefined) {
    candidates = (TIER_BUILDERS[tier] as () => string)();
    tierCandidates[tier] = candidates;
  }
  return candidates;
}

function codePointsIn(ranges: readonly (readonly [number, number])[]): string {
  const chunks: string[] = [];
  let chunk: number[] = [];
  for (const [first, last] of ranges) {
    for (let codePoint = first; codePoint <= last; codePoint++) {
      chunk.push(codePoint);
      // String.fromCodePoint takes its input as arguments, so keep calls well under the stack limit.
      if (chunk.length === 4096) {
        chunks.push(String.fromCodePoint(...chunk));
        chunk = [];
      }
    }
  }
  chunks.push(String.fromCodePoint(...chunk));
  return chunks.join("");
}

/** Drops controls, format characters, unassigned and private-use code points (category C). */
function withoutNonGraphic(text: string): string {
  return text.replace(/\p{C}/gu, "");
}
