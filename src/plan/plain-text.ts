import { scaledIntegerText } from "./formats/number-text.js";
import type { Sample } from "./sampler.js";

/**
 * Plain values are null, booleans, finite numbers, and strings with no character that CSV must quote
 * or JSON must escape. Samplers are marked plain when compiled, from what they can possibly return (a
 * code list, a date format, a pattern's characters), so that writers emit their values as they are:
 * no test per value, no check per batch. A sampler that is not marked is written the careful way.
 */
const PLAIN_SAMPLERS = new WeakSet<Sample<unknown>>();

/** Quote, comma and backslash; control characters; and UTF-16 surrogates, which JSON may escape. */
const UNPLAIN_CHARACTER = /[",\\\u0000-\u001f\u007f\ud800-\udfff]/;

export function isPlainText(text: string): boolean {
  return !UNPLAIN_CHARACTER.test(text);
}

/** Whether every code point in [first, last] is plain. */
export function isPlainRange(first: number, last: number): boolean {
  const overlaps = (low: number, high: number) => first <= high && last >= low;
  return !(overlaps(0x00, 0x1f) || overlaps(0x22, 0x22) || overlaps(0x2c, 0x2c) || overlaps(0x5c, 0x5c) || overlaps(0x7f, 0x7f) || overlaps(0xd800, 0xdfff));
}

export function isPlainValue(value: unknown): boolean {
  switch (typeof value) {
    case "string":
      return isPlainText(value);
    case "number":
      return Number.isFinite(value);
    case "boolean":
      return true;
    default:
      return value === null;
  }
}

/** Marks a sampler whose every value is plain; returns it, for use where it is made. */
export function plain<S extends Sample<unknown>>(sample: S): S {
  PLAIN_SAMPLERS.add(sample);
  return sample;
}

/** `wrapper` marked plain when `inner` is: for samplers that return `inner`'s values, null or OMIT. */
export function plainLike<S extends Sample<unknown>>(inner: Sample<unknown>, wrapper: S): S {
  return isPlain(inner) ? plain(wrapper) : wrapper;
}

/** `sample` marked plain when `values` are all it can return and they are all plain. */
export function plainIfValues<S extends Sample<unknown>>(values: readonly unknown[], sample: S): S {
  return values.every(isPlainValue) ? plain(sample) : sample;
}

export function isPlain(sample: Sample<unknown>): boolean {
  return PLAIN_SAMPLERS.has(sample);
}

/** Number samplers that can also give their value as text directly (formats/number-text.ts). */
const NUMBER_TEXT = new WeakMap<Sample<unknown>, Sample<unknown>>();

/**
 * Marks `sample` (whose values are finite numbers, or null or OMIT) plain and records `text`, which
 * makes the same draws from the Rng and returns String() of the number `sample` would have returned
 * (its null or OMIT as they are): the text CSV and JSON both write, made without converting a double.
 */
export function withNumberText<S extends Sample<unknown>>(sample: S, text: Sample<unknown>): S {
  NUMBER_TEXT.set(sample, text);
  return plain(sample);
}

/**
 * A number sampler from one that draws whole units of 10^-decimals: its values are units / 10^decimals,
 * and its text is made from the integer (formats/number-text.ts), never by converting a double.
 */
export function unitsSampler(units: Sample<number>, decimals: number): Sample<number> {
  const scale = 10 ** decimals;
  const text = scaledIntegerText(decimals);
  const sample: Sample<number> = decimals === 0 ? units : (rng, row) => units(rng, row) / scale;
  return withNumberText(sample, (rng, row) => text(units(rng, row)));
}

export function numberText(sample: Sample<unknown>): Sample<unknown> | undefined {
  return NUMBER_TEXT.get(sample);
}
