export interface Shard {
  /** 1-based index of this part. */
  index: number;
  count: number;
}

/** Parses "I/N" (1 <= I <= N). */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) throw new Error(`expected I/N, e.g. 2/8, not "${text}".`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count) throw new Error(`expected 1 <= I <= N, not "${text}".`);
  return { index, count };
}

/**
 * The contiguous rows [from, to) of part I of N. Parts differ in size by at most one row and, in
 * order, cover every row exactly once.
 */
export function shardRange(rows: number, shard: Shard): [number, number] {
  const base = Math.floor(rows / shard.count);
  const remainder = rows % shard.count;
  const start = (i: number) => i * base + Math.min(i, remainder);
  return [start(shard.index - 1), start(shard.index)];
}
