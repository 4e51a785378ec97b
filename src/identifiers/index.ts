import type { Sample } from "../plan/sampler.js";
import { nhsNumber } from "./nhs-number.js";
import { niNumber } from "./ni-number.js";
import { upn } from "./upn.js";
import { ukPostcode } from "./uk-postcode.js";

/**
 * A named UK public-sector identifier: validated as an ajv format (src/schema/ajv.ts) and generated
 * as safe dummy values.
 */
export interface IdentifierType {
  /** "nhs-number" | "ni-number" | "upn" | "uk-postcode"; also the ajv format name. */
  name: string;
  /** Human title, e.g. "NHS number". */
  title: string;
  /** One sentence, including what makes the dummy values safe. */
  description: string;
  /** Full structural and check-character validation of the canonical written form. */
  validate(value: string): boolean;
  /** A random valid dummy value, drawn only from the Rng. */
  sample: Sample<string>;
  /** Number of distinct values `nth` can produce. */
  capacity: number;
  /** The k-th distinct value, 0 <= k < capacity: a bijection, so unique columns can map row -> permuted k -> value. */
  nth(k: number): string;
}

export const identifierTypes: readonly IdentifierType[] = Object.freeze([nhsNumber, niNumber, upn, ukPostcode]);

const BY_NAME = new Map(identifierTypes.map((type) => [type.name, type]));

export function identifierType(name: string): IdentifierType | undefined {
  return BY_NAME.get(name);
}

export { nhsNumber, niNumber, upn, ukPostcode };
