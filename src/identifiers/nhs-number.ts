import type { Rng } from "../random/rng.js";
import type { IdentifierType } from "./index.js";

/**
 * NHS number: ten digits, the last a modulus 11 check digit over the first nine (weights 10 down to
 * 2; check = 11 - (sum mod 11), where 11 becomes 0 and 10 means the nine-digit base is never issued).
 *
 * Dummy values come only from 999 000 0000 to 999 999 9999, the range NHS England keeps for testing,
 * so a generated number can never be a real patient's. The first three digits are fixed at 9, which
 * contribute 9 * (10 + 9 + 8) = 243 to the weighted sum; the six free digits carry weights 7..2.
 */

/** Weighted sum of the fixed "999" prefix, mod 11 (243 = 22 * 11 + 1). */
const PREFIX_RESIDUE = 243 % 11;

/** Check digit for a weighted-sum residue, or -1 when the residue makes the base unusable. */
function checkDigitOf(residue: number): number {
  return residue === 1 ? -1 : (11 - residue) % 11;
}

// The six free digits split into a high (weights 7, 6, 5) and a low (weights 4, 3, 2) group of three.
// Tables of their weighted-sum residues and of their text let `sample` and `nth` build a value with
// two lookups and one concatenation.
const HIGH_RESIDUE = new Uint8Array(1000);
const LOW_RESIDUE = new Uint8Array(1000);
/** "999" + the high three digits. */
const HEAD: string[] = [];
/** The low three digits + check digit, at index low * 10 + check. */
const TAIL: string[] = [];
for (let v = 0; v < 1000; v++) {
  const a = Math.floor(v / 100), b = Math.floor(v / 10) % 10, c = v % 10;
  HIGH_RESIDUE[v] = (7 * a + 6 * b + 5 * c) % 11;
  LOW_RESIDUE[v] = (4 * a + 3 * b + 2 * c) % 11;
  const digits = String(v).padStart(3, "0");
  HEAD.push(`999${digits}`);
  for (let check = 0; check < 10; check++) TAIL.push(`${digits}${check}`);
}

// For `nth`, which ranks the valid numbers in numeric order: LOW_VALID[r * 1000 + j] is the j-th low
// group that yields a usable base when the residue before it is r, LOW_COUNT[r] how many there are,
// and BEFORE[h] how many valid numbers have a smaller high group than h.
const LOW_VALID = new Uint16Array(11 * 1000);
const LOW_COUNT = new Uint16Array(11);
for (let r = 0; r < 11; r++) {
  let n = 0;
  for (let low = 0; low < 1000; low++) {
    if ((r + LOW_RESIDUE[low]!) % 11 !== 1) LOW_VALID[r * 1000 + n++] = low;
  }
  LOW_COUNT[r] = n;
}
const BEFORE = new Float64Array(1001);
for (let high = 0; high < 1000; high++) {
  BEFORE[high + 1] = BEFORE[high]! + LOW_COUNT[(PREFIX_RESIDUE + HIGH_RESIDUE[high]!) % 11]!;
}

/** Valid NHS numbers in the 999 test range: 909,091 of the 1,000,000 nine-digit bases. */
const CAPACITY = BEFORE[1000]!;

function validate(value: string): boolean {
  if (value.length !== 10) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    sum += d * (10 - i);
  }
  const last = value.charCodeAt(9) - 48;
  return last >= 0 && last <= 9 && checkDigitOf(sum % 11) === last;
}

function sample(rng: Rng): string {
  // Rejection: about 1 base in 11 has check 10 and is redrawn.
  for (;;) {
    const base = rng.below(1000000);
    const high = Math.floor(base / 1000);
    const low = base - high * 1000;
    const check = checkDigitOf((PREFIX_RESIDUE + HIGH_RESIDUE[high]! + LOW_RESIDUE[low]!) % 11);
    if (check >= 0) return HEAD[high]! + TAIL[low * 10 + check]!;
  }
}

function nth(k: number): string {
  if (!(k >= 0 && k < CAPACITY) || k !== Math.floor(k)) {
    throw new RangeError(`nhs-number: index ${k} is outside 0..${CAPACITY - 1}`);
  }
  // Largest high group h with BEFORE[h] <= k.
  let lo = 0, hi = 999;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (BEFORE[mid]! <= k) lo = mid;
    else hi = mid - 1;
  }
  const residue = (PREFIX_RESIDUE + HIGH_RESIDUE[lo]!) % 11;
  const low = LOW_VALID[residue * 1000 + (k - BEFORE[lo]!)]!;
  return HEAD[lo]! + TAIL[low * 10 + checkDigitOf((residue + LOW_RESIDUE[low]!) % 11)]!;
}

export const nhsNumber: IdentifierType = {
  name: "nhs-number",
  title: "NHS number",
  description:
    "Ten-digit NHS number with a modulus 11 check digit; dummy values come only from the 999 000 0000 to 999 999 9999 range reserved for testing, so none can be a real patient's.",
  validate,
  sample,
  capacity: CAPACITY,
  nth,
};
