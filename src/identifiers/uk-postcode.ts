import type { Rng } from "../random/rng.js";
import { POSTCODE_DISTRICTS } from "./data/postcode-districts.js";
import type { IdentifierType } from "./index.js";

/**
 * UK postcode: outward code, one space, inward code, uppercase ("SW1A 1AA").
 *
 * Outward forms A9, A99, AA9, AA99, A9A, AA9A under Royal Mail's letter rules: the first letter is
 * never Q, V or X; the second (in AA forms) never I, J or Z; the final letter of A9A is one of
 * A B C D E F G H J K P S T U W; the final letter of AA9A one of A B E H M N P R V W X Y.
 * Inward: a digit then two letters, never C, I, K, M, O or V. "GIR 0AA" (Girobank) is the one
 * historic exception. faker's en_GB postcodes break these rules, hence this generator.
 *
 * Dummy values pair a real district (data/postcode-districts.ts) with a random inward code, so they
 * look real. A generated postcode may exist, but a postcode covers a group of addresses, not a
 * person, and these are drawn from no real data.
 */

const POSTCODE_RE =
  /^(?:[A-PR-UWYZ](?:[0-9][0-9]?|[0-9][ABCDEFGHJKPSTUW]|[A-HK-Y][0-9][0-9]?|[A-HK-Y][0-9][ABEHMNPRVWXY]) [0-9][ABD-HJLNP-UW-Z]{2}|GIR 0AA)$/;

const INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";
const INWARD_COUNT = 10 * INWARD_LETTERS.length * INWARD_LETTERS.length; // 4000

/** All 4000 inward codes, in order digit, letter, letter. */
const INWARDS: string[] = [];
for (let d = 0; d < 10; d++) {
  for (const a of INWARD_LETTERS) for (const b of INWARD_LETTERS) INWARDS.push(`${d}${a}${b}`);
}
/** Each district with its trailing space, so a value is one concatenation. */
const OUTWARDS = POSTCODE_DISTRICTS.map((district) => `${district} `);
const CAPACITY = OUTWARDS.length * INWARD_COUNT;

function validate(value: string): boolean {
  return value.length >= 6 && value.length <= 8 && POSTCODE_RE.test(value);
}

function build(k: number): string {
  const district = Math.floor(k / INWARD_COUNT);
  return OUTWARDS[district]! + INWARDS[k - district * INWARD_COUNT]!;
}

function sample(rng: Rng): string {
  return build(rng.below(CAPACITY));
}

function nth(k: number): string {
  if (!(k >= 0 && k < CAPACITY) || k !== Math.floor(k)) {
    throw new RangeError(`uk-postcode: index ${k} is outside 0..${CAPACITY - 1}`);
  }
  return build(k);
}

export const ukPostcode: IdentifierType = {
  name: "uk-postcode",
  title: "UK postcode",
  description:
    "UK postcode in Royal Mail's outward and inward format; dummy values join a real postcode district to a random inward code, so they look real but come from no real address data and name an area shared by many addresses, not a person.",
  validate,
  sample,
  capacity: CAPACITY,
  nth,
};
