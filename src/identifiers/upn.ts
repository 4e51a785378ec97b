import type { Rng } from "../random/rng.js";
import type { IdentifierType } from "./index.js";

/**
 * Unique Pupil Number (England, DfE): 13 characters. Position 1 is a check letter; positions 2-4
 * the local authority number, 5-8 the establishment (DfE) number, 9-10 the last two digits of the
 * year of allocation, 11-13 a serial. A temporary UPN has a letter in position 13 (two-digit serial
 * plus letter).
 *
 * Check letter: sum each character in positions 2-13 times its position (weights 2..13), take the
 * sum mod 23 and map it through CHECK_LETTERS (0 = A ... 22 = Z, skipping I, O and S). For a temporary
 * UPN the letter in position 13 counts as its index in that same table (A = 0, B = 1, ...), as the
 * e-GIF Government Data Standards Catalogue specifies ("X00180001701A" is valid).
 *
 * `validate` checks structure and the check letter, not whether the LA code is currently allocated
 * (codes change as authorities are reorganised). `sample`/`nth` produce permanent UPNs only, under
 * real English LA codes, so values look real; they are random, derived from no real pupil.
 */

const CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

/** Value of an uppercase letter in the check table, or -1 (also -1 for I, O, S). */
const LETTER_VALUE = new Int8Array(26).fill(-1);
for (let i = 0; i < CHECK_LETTERS.length; i++) LETTER_VALUE[CHECK_LETTERS.charCodeAt(i) - 65] = i;
const CHECK_CODES = Int32Array.from(CHECK_LETTERS, (c) => c.charCodeAt(0));

/**
 * English local authority numbers in use by DfE (London boroughs, metropolitan districts, unitary
 * authorities and shire counties). Abolished codes (e.g. 820 Bedfordshire, 875 Cheshire,
 * 909 Cumbria, 928 Northamptonshire) are left out so dummy values look current.
 */
const LA_CODES = [
  201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213,
  301, 302, 303, 304, 305, 306, 307, 308, 309, 310, 311, 312, 313, 314, 315, 316, 317, 318, 319, 320,
  330, 331, 332, 333, 334, 335, 336,
  340, 341, 342, 343, 344,
  350, 351, 352, 353, 354, 355, 356, 357, 358, 359,
  370, 371, 372, 373,
  380, 381, 382, 383, 384,
  390, 391, 392, 393, 394,
  800, 801, 802, 803, 805, 806, 807, 808, 810, 811, 812, 813, 815, 816,
  821, 822, 823, 825, 826, 830, 831, 840, 841, 845, 846, 850, 851, 852, 855, 856, 857, 860, 861,
  865, 866, 867, 868, 869, 870, 871, 872, 873, 874, 876, 877, 878, 879, 880, 881, 882, 883, 884,
  885, 886, 887, 888, 889, 890, 891, 892, 893, 894, 895, 896,
  908, 916, 919, 921, 925, 926, 929, 931, 933, 935, 936, 937, 938,
] as const;

/** Establishment numbers 2000-5999: maintained primary, secondary and voluntary/foundation schools. */
const ESTABLISHMENT_MIN = 2000;
const ESTABLISHMENTS = 4000;
/** Allocation years 00-24. */
const YEARS = 25;
const SERIALS = 1000;
const PER_LA = ESTABLISHMENTS * YEARS * SERIALS;
const CAPACITY = LA_CODES.length * PER_LA;

// Per-LA char codes and weighted-sum contribution (positions 2-4, weights 2, 3, 4), mod 23.
const LA_CHARS = new Int32Array(LA_CODES.length * 3);
const LA_RESIDUE = new Int32Array(LA_CODES.length);
LA_CODES.forEach((code, i) => {
  const a = Math.floor(code / 100), b = Math.floor(code / 10) % 10, c = code % 10;
  LA_CHARS[3 * i] = 48 + a;
  LA_CHARS[3 * i + 1] = 48 + b;
  LA_CHARS[3 * i + 2] = 48 + c;
  LA_RESIDUE[i] = (2 * a + 3 * b + 4 * c) % 23;
});

function validate(value: string): boolean {
  if (value.length !== 13) return false;
  const check = value.charCodeAt(0) - 65;
  if (check < 0 || check > 25 || LETTER_VALUE[check] === -1) return false;
  let sum = 0;
  for (let i = 1; i < 12; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    sum += d * (i + 1);
  }
  const last = value.charCodeAt(12);
  let lastValue: number;
  if (last >= 48 && last <= 57) lastValue = last - 48;
  else if (last >= 65 && last <= 90 && LETTER_VALUE[last - 65] !== -1) lastValue = LETTER_VALUE[last - 65]!;
  else return false;
  sum += lastValue * 13;
  return LETTER_VALUE[check] === sum % 23;
}

function build(k: number): string {
  const la = Math.floor(k / PER_LA);
  let rest = k - la * PER_LA;
  const serial = rest % SERIALS;
  rest = (rest - serial) / SERIALS;
  const year = rest % YEARS;
  const est = ESTABLISHMENT_MIN + (rest - year) / YEARS;
  const e1 = Math.floor(est / 1000), e2 = Math.floor(est / 100) % 10, e3 = Math.floor(est / 10) % 10, e4 = est % 10;
  const y1 = Math.floor(year / 10), y2 = year % 10;
  const s1 = Math.floor(serial / 100), s2 = Math.floor(serial / 10) % 10, s3 = serial % 10;
  const sum =
    LA_RESIDUE[la]! + 5 * e1 + 6 * e2 + 7 * e3 + 8 * e4 + 9 * y1 + 10 * y2 + 11 * s1 + 12 * s2 + 13 * s3;
  return String.fromCharCode(
    CHECK_CODES[sum % 23]!,
    LA_CHARS[3 * la]!,
    LA_CHARS[3 * la + 1]!,
    LA_CHARS[3 * la + 2]!,
    48 + e1,
    48 + e2,
    48 + e3,
    48 + e4,
    48 + y1,
    48 + y2,
    48 + s1,
    48 + s2,
    48 + s3,
  );
}

function sample(rng: Rng): string {
  // Two draws: below() is exact to 2^32 only, and the full capacity is larger.
  return build(rng.below(LA_CODES.length) * PER_LA + rng.below(PER_LA));
}

function nth(k: number): string {
  if (!(k >= 0 && k < CAPACITY) || k !== Math.floor(k)) {
    throw new RangeError(`upn: index ${k} is outside 0..${CAPACITY - 1}`);
  }
  return build(k);
}

export const upn: IdentifierType = {
  name: "upn",
  title: "Unique Pupil Number",
  description:
    "England's 13-character Unique Pupil Number with the DfE modulus 23 check letter; dummy values are random permanent UPNs under real local authority codes, derived from no real pupil and not checked against issued ones.",
  validate,
  sample,
  capacity: CAPACITY,
  nth,
};
