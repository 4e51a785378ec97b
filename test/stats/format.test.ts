import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SynthError, validateStats } from "../../src/index.js";
import { example } from "../support/cli.js";

const childHealth = JSON.parse(readFileSync(example("child-health", "stats.json"), "utf8")) as Record<string, unknown>;

function expectInvalid(document: unknown, pointer: string): void {
  try {
    validateStats(document, "stats.json");
    expect.unreachable("statistics should have been rejected");
  } catch (error) {
    expect(error).toBeInstanceOf(SynthError);
    expect((error as SynthError).code).toBe("STATS_INVALID");
    expect((error as SynthError).place.pointer).toBe(pointer);
  }
}

describe("statistics format v1", () => {
  it.each(["child-health", "pupils"])("the %s example is valid", (name) => {
    expect(() => validateStats(JSON.parse(readFileSync(example(name, "stats.json"), "utf8")))).not.toThrow();
  });

  it("rejects another version, naming it", () => {
    expectInvalid({ ...childHealth, version: 3 }, "/version");
  });

  it("rejects a frequency above 1, naming the place", () => {
    expectInvalid({ format: "synth-stats", version: 1, columns: { sex: { kind: "categorical", categories: [{ value: "F", frequency: 1.5 }] } } }, "/columns/sex/categories/0/frequency");
  });

  it("rejects quantiles that go backwards", () => {
    expectInvalid({ format: "synth-stats", version: 1, columns: { age: { kind: "number", quantiles: [[0, 5], [0.5, 3], [1, 9]] } } }, "/columns/age/quantiles/1");
  });

  it("rejects text where numbers belong (it drew NaN and empty strings)", () => {
    expectInvalid({ format: "synth-stats", version: 1, columns: { x: { kind: "number", quantiles: [[0, "abc"], [1, "xyz"]] } } }, "/columns/x/quantiles/0/1");
    expectInvalid({ format: "synth-stats", version: 1, columns: { x: { kind: "number", histogram: [{ from: "1", to: 2, frequency: 1 }] } } }, "/columns/x/histogram/0/from");
    expectInvalid({ format: "synth-stats", version: 1, columns: { s: { kind: "string", length: [[0, "a"], [1, "b"]] } } }, "/columns/s/length/0/1");
    expectInvalid({ format: "synth-stats", version: 1, columns: { s: { kind: "identifier", length: [[0, 1], [1, "9"]] } } }, "/columns/s/length/1/1");
  });

  it("rejects unknown column kinds", () => {
    expectInvalid({ format: "synth-stats", version: 1, columns: { x: { kind: "colour" } } }, "/columns/x/kind");
  });

  it("accepts relations reserved for later versions", () => {
    const withRelations = { ...childHealth, relations: [{ kind: "correlation", columns: ["birth_weight_grams", "gestation_weeks"], method: "spearman", value: 0.55 }] };
    expect(() => validateStats(withRelations)).not.toThrow();
  });
});
