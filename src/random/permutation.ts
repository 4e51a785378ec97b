import { mix32 } from "./rng.js";

/**
 * A keyed bijection on [0, size): a balanced Feistel network over the smallest even power of two that
 * holds `size`, with cycle-walking back into range. Unique columns map row i to value permutation(i),
 * so uniqueness holds across any split of rows between workers or machines, with no memory.
 */
export class Permutation {
  private readonly halfBits: number;
  private readonly halfMask: number;
  private readonly keys: number[];

  constructor(
    readonly size: number,
    key: number,
  ) {
    if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`permutation size must be a positive integer, not ${size}`);
    let bits = 2;
    while (2 ** bits < size) bits += 2;
    this.halfBits = bits / 2;
    if (this.halfBits > 26) throw new RangeError("permutation size above 2^52 is not supported");
    this.halfMask = 2 ** this.halfBits - 1;
    this.keys = [0, 1, 2, 3].map((round) => mix32(key ^ mix32(round + 0x51ed27)));
  }

  private round(value: number, key: number): number {
    return mix32((value ^ key) >>> 0) % (this.halfMask + 1);
  }

  private encrypt(value: number): number {
    const scale = this.halfMask + 1;
    let left = Math.floor(value / scale);
    let right = value % scale;
    for (const key of this.keys) {
      const next = (left ^ this.round(right, key)) & this.halfMask;
      left = right;
      right = next;
    }
    return left * scale + right;
  }

  /** The image of `index` (0 <= index < size). */
  at(index: number): number {
    let value = this.encrypt(index);
    while (value >= this.size) value = this.encrypt(value);
    return value;
  }
}
