import { expect } from "vitest";
import type { IdentifierType } from "../../src/identifiers/index.js";
import { Rng } from "../../src/random/rng.js";

/** `count` samples from a fixed seed. */
export function samples(type: IdentifierType, count: number, seed = 42): string[] {
  const rng = new Rng(seed, 7);
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(type.sample(rng, i));
  return out;
}

/** The first 100k indices, the last 1000, and 100k random ones. */
export function probeIndices(capacity: number): number[] {
  const ks: number[] = [];
  const head = Math.min(capacity, 100_000);
  for (let k = 0; k < head; k++) ks.push(k);
  for (let k = Math.max(head, capacity - 1000); k < capacity; k++) ks.push(k);
  const rng = new Rng(1234, 99);
  for (let i = 0; i < 100_000; i++) ks.push(rng.below(capacity));
  return ks;
}

/** nth is injective over the probes, every value validates, and out-of-range indices throw. */
export function expectNthBijective(type: IdentifierType, key: (value: string) => string = (v) => v): void {
  const seen = new Map<string, number>();
  for (const k of probeIndices(type.capacity)) {
    const value = type.nth(k);
    if (!type.validate(value)) expect.fail(`${type.name}: nth(${k}) = ${value} does not validate`);
    const previous = seen.get(key(value));
    if (previous !== undefined && previous !== k) {
      expect.fail(`${type.name}: nth(${previous}) and nth(${k}) both give ${value}`);
    }
    seen.set(key(value), k);
  }
  expect(() => type.nth(-1)).toThrow(RangeError);
  expect(() => type.nth(type.capacity)).toThrow(RangeError);
  expect(() => type.nth(0.5)).toThrow(RangeError);
  expect(() => type.nth(Number.NaN)).toThrow(RangeError);
}
