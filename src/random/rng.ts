/**
 * The one source of randomness. sfc32 (Chris Doty-Humphrey's Small Fast Counting generator) passes
 * PractRand to 2^64 bytes and needs only 32-bit integer arithmetic, which V8 keeps unboxed.
 *
 * Row i of a run depends only on (seed, i): `seedRow` re-keys the state from those two numbers, so any
 * range of rows can be generated on its own, by any worker, in any order, and match a whole run.
 */

const TWO_POW_32 = 4294967296;
const INV_TWO_POW_32 = 1 / TWO_POW_32;
const INV_TWO_POW_53 = 1 / 9007199254740992;

/** murmur3's finaliser: a bijective avalanche on 32 bits. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Stable 32-bit hash of a string (FNV-1a then mixed), for deriving per-column streams from names. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

export class Rng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(seed = 0, stream = 0) {
    this.seedRow(seed, 0, stream);
  }

  /**
   * Key the generator on (seed, row, stream). Seeds and rows up to 2^53 are accepted; `stream`
   * separates independent draws for the same row (retries, unique-value permutations).
   */
  seedRow(seed: number, row: number, stream = 0): void {
    const seedLo = seed >>> 0;
    const seedHi = Math.floor(seed / TWO_POW_32) >>> 0;
    const rowLo = row >>> 0;
    const rowHi = Math.floor(row / TWO_POW_32) >>> 0;
    // State words are kept as signed 32-bit values (`| 0`): V8 then stores them as small integers
    // rather than heap numbers, which makes every draw several times cheaper. Same bits either way.
    this.a = mix32(seedLo ^ 0x9e3779b9) | 0;
    this.b = mix32(seedHi ^ mix32(stream ^ 0x7f4a7c15)) | 0;
    this.c = mix32(rowLo ^ 0x243f6a88) | 0;
    this.d = mix32(rowHi ^ 0xb7e15162) ^ 1;
    // Discard the first outputs: sfc32 needs a few rounds before nearby keys diverge.
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  nextU32(): number {
    const a = this.a, b = this.b, c = this.c, d = this.d;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    const r = (c << 21) | (c >>> 11);
    this.c = (r + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  float(): number {
    return this.nextU32() * INV_TWO_POW_32;
  }

  /** Uniform in [0, 1) with 53 bits of resolution, for wide numeric ranges. */
  float53(): number {
    const hi = this.nextU32() >>> 5;
    const lo = this.nextU32() >>> 6;
    return (hi * 67108864 + lo) * INV_TWO_POW_53;
  }

  /** Uniform integer in [0, n) for 1 <= n <= 2^32 (Lemire's multiply-shift, bias below 2^-32 * n). */
  below(n: number): number {
    if (n <= TWO_POW_32) return Math.floor(this.nextU32() * INV_TWO_POW_32 * n);
    return Math.floor(this.float53() * n);
  }

  /** Uniform integer in [min, max], inclusive, for |max - min| < 2^53. */
  intBetween(min: number, max: number): number {
    return min + this.below(max - min + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }
}
