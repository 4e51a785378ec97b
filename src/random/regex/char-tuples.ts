/**
 * Every string of 1..k members of a small set, so a repetition of k characters costs one draw and
 * one concatenation instead of k of each. Drawing a k-tuple uniformly is the same as k uniform
 * independent draws, so the distribution is unchanged.
 */
export interface CharTuples {
  /** The longest tuple length held. */
  readonly width: number;
  /** `byLength[j]` lists all `size ** j` strings of j members; index 0 is unused. */
  readonly byLength: readonly (readonly string[])[];
}

/** Bounds memory: 95 printable ASCII characters still get pairs, ten digits get quadruples. */
const MAX_TABLE_SIZE = 10_000;

const tuplesByMembers = new Map<string, CharTuples>();

export function charTuples(members: readonly string[]): CharTuples {
  if (members.length * members.length > MAX_TABLE_SIZE) return { width: 1, byLength: [[], members] };
  const key = members.join("\u0000");
  const cached = tuplesByMembers.get(key);
  if (cached !== undefined) return cached;
  const byLength: (readonly string[])[] = [[], members];
  let previous = members;
  while (previous.length * members.length <= MAX_TABLE_SIZE) {
    const next: string[] = [];
    for (const prefix of previous) for (const member of members) next.push(prefix + member);
    byLength.push(next);
    previous = next;
  }
  const tuples = { width: byLength.length - 1, byLength };
  tuplesByMembers.set(key, tuples);
  return tuples;
}
