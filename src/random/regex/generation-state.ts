/**
 * The text being built for one sample. One instance per compiled pattern is reused across samples,
 * so a sample allocates nothing but its strings.
 */
export class GenerationState {
  text = "";
  /** Code points in `text`, the unit JSON Schema's minLength and maxLength count in. */
  length = 0;
  /** Indexed by capture group number (1-based); undefined while a group has not participated. */
  readonly captures: (string | undefined)[];
  readonly captureLengths: number[];

  constructor(groupCount: number) {
    this.captures = new Array<string | undefined>(groupCount + 1).fill(undefined);
    this.captureLengths = new Array<number>(groupCount + 1).fill(0);
  }

  reset(): void {
    this.text = "";
    this.length = 0;
    // A plain loop: Array.prototype.fill costs more than the whole sample for short patterns.
    const captures = this.captures;
    for (let i = 1; i < captures.length; i++) captures[i] = undefined;
  }

  /** ECMA-262 forgets a quantified body's captures at the start of every repetition. */
  clearCaptures(first: number, count: number): void {
    const captures = this.captures;
    for (let i = first; i < first + count; i++) captures[i] = undefined;
  }
}
