import type { Rng } from "../random/rng.js";

/**
 * A compiled value generator. `row` is the row index, so that unique columns can map rows onto a
 * permutation of their value space instead of remembering what they have emitted.
 */
export type Sample<T = unknown> = (rng: Rng, row: number) => T;
