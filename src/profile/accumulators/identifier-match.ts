import { identifierTypes } from "../../identifiers/index.js";

/** The JSON Schema format for UUIDs, recognised beside synth's named identifier types. */
export const UUID = "uuid";

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Candidate {
  name: string;
  title: string;
  validate(text: string): boolean;
}

const CANDIDATES: readonly Candidate[] = [...identifierTypes, { name: UUID, title: "UUID", validate: (text) => UUID_TEXT.test(text) }];

/**
 * Which of synth's named identifier types (NHS number, NI number, UPN, postcode), or UUID, every
 * value of a column validates as. Candidates drop out at their first failure, so an ordinary column
 * costs one failed check per type and then nothing.
 */
export class IdentifierMatch {
  private candidates: readonly Candidate[] = CANDIDATES;
  private checked = 0;

  add(text: string): void {
    if (this.candidates.length === 0) return;
    this.checked++;
    this.candidates = this.candidates.filter((type) => type.validate(text));
  }

  /** A value that is not text (a JSON number or boolean) is no named identifier. */
  ruleOut(): void {
    this.candidates = [];
  }

  /** The type every value validated as, if any value was seen. */
  get match(): Candidate | undefined {
    return this.checked > 0 ? this.candidates[0] : undefined;
  }
}
