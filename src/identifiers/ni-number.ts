import { mix32, type Rng } from "../random/rng.js";
import type { IdentifierType } from "./index.js";

/**
 * National Insurance number (NINO): two prefix letters, six digits, a suffix A-D, written without
 * spaces, e.g. "AB123456C". HMRC's rules (National Insurance Manual NIM39110): neither prefix letter
 * is D, F, I, Q, U or V; the second is not O; the prefixes BG, GB, KN, NK, NT, TN and ZZ are not used.
 * There is no check character, so `validate` is structural.
 *
 * Why dummy values are random rather than drawn from a "safe" range: HMRC reserves none that passes
 * the rules. Its own example prefix QQ breaks them (Q is barred), so a QQ value would fail any
 * validating consumer, and the administrative prefixes (OO, CR, FY, MW, NC, PP, PY, PZ) are either
 * structurally invalid (OO, FY) or were issued as references for real individuals (tax credits,
 * investigations, migrant workers, tax-only accounts), so they are no safer and look odd. The
 * allocated prefixes are not published. So `sample` draws uniformly random structurally valid
 * numbers from the ordinary prefixes (excluding the administrative ones), derived from no real data;
 * one may by chance equal an issued NINO, but it carries nothing about that person. `validate`
 * follows the published rules only, so it accepts administrative prefixes found in real data.
 *
 * A NINO is unique without its suffix, so `nth` enumerates prefix + digits (367 x 10^6 values) and
 * derives the suffix from the index: distinct indices never differ only in the suffix.
 */

const BARRED_ANY = "DFIQUV";
const BARRED_SECOND = "O";
const UNUSED_PREFIXES = ["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"];
const ADMINISTRATIVE_PREFIXES = ["CR", "FY", "MW", "NC", "PP", "PY", "PZ"];

/** VALID_PREFIX[(first - 65) * 26 + (second - 65)] = 1 when the prefix passes HMRC's rules. */
const VALID_PREFIX = new Uint8Array(26 * 26);
/** Prefixes `sample`/`nth` use, as char codes: first at 2i, second at 2i + 1. */
const SAMPLE_PREFIX_CODES: number[] = [];
for (let a = 0; a < 26; a++) {
  for (let b = 0; b < 26; b++) {
    const first = String.fromCharCode(65 + a);
    const second = String.fromCharCode(65 + b);
    const prefix = first + second;
    if (BARRED_ANY.includes(first) || BARRED_ANY.includes(second) || BARRED_SECOND.includes(second)) continue;
    if (UNUSED_PREFIXES.includes(prefix)) continue;
    VALID_PREFIX[a * 26 + b] = 1;
    if (!ADMINISTRATIVE_PREFIXES.includes(prefix)) SAMPLE_PREFIX_CODES.push(65 + a, 65 + b);
  }
}
const PREFIX_CODES = Int32Array.from(SAMPLE_PREFIX_CODES);
const PREFIX_COUNT = PREFIX_CODES.length / 2;
const NUMBERS_PER_PREFIX = 1000000;
const CAPACITY = PREFIX_COUNT * NUMBERS_PER_PREFIX;

function validate(value: string): boolean {
  if (value.length !== 9) return false;
  const a = value.charCodeAt(0) - 65;
  const b = value.charCodeAt(1) - 65;
  if (a < 0 || a > 25 || b < 0 || b > 25 || VALID_PREFIX[a * 26 + b] !== 1) return false;
  for (let i = 2; i < 8; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const s = value.charCodeAt(8);
  return s >= 65 && s <= 68; // A-D
}

function build(k: number): string {
  const p = Math.floor(k / NUMBERS_PER_PREFIX);
  const n = k - p * NUMBERS_PER_PREFIX;
  return String.fromCharCode(
    PREFIX_CODES[2 * p]!,
    PREFIX_CODES[2 * p + 1]!,
    48 + Math.floor(n / 100000),
    48 + (Math.floor(n / 10000) % 10),
    48 + (Math.floor(n / 1000) % 10),
    48 + (Math.floor(n / 100) % 10),
    48 + (Math.floor(n / 10) % 10),
    48 + (n % 10),
    65 + (mix32(k) & 3),
  );
}

function sample(rng: Rng): string {
  return build(rng.below(CAPACITY));
}

function nth(k: number): string {
  if (!(k >= 0 && k < CAPACITY) || k !== Math.floor(k)) {
    throw new RangeError(`ni-number: index ${k} is outside 0..${CAPACITY - 1}`);
  }
  return build(k);
}

export const niNumber: IdentifierType = {
  name: "ni-number",
  title: "National Insurance number",
  description:
    "UK National Insurance number (two prefix letters, six digits, suffix A-D) following HMRC's prefix rules; as no valid test range exists, dummy values are random structurally valid numbers derived from no real data and not checked against issued ones.",
  validate,
  sample,
  capacity: CAPACITY,
  nth,
};
