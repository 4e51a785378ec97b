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
    expectInvalid({ format: "synth-stats", version: 1, columns: { age: { kind: "number", quantiles: [[0, 5], [0.5, 3], [1, 9]] } } }, "/columns/age/quantiles/1/1");
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

describe("statistics format versions", () => {
  it("still reads a version 1 file (the child-health example as it was before version 2)", () => {
    const v1 = JSON.parse(readFileSync(new URL("../fixtures/stats-v1.json", import.meta.url), "utf8")) as Record<string, unknown>;
    expect(v1.version).toBe(1);
    expect(validateStats(v1).version).toBe(1);
  });

  it("refuses a model or rules in a version 1 file, which has no such members", () => {
    const v1 = JSON.parse(readFileSync(new URL("../fixtures/stats-v1.json", import.meta.url), "utf8")) as Record<string, unknown>;
    const v2 = JSON.parse(readFileSync(example("child-health", "stats.json"), "utf8")) as Record<string, unknown>;
    expect(() => validateStats({ ...v1, rules: v2.rules })).toThrow(SynthError);
    expect(() => validateStats({ ...v1, model: v2.model })).toThrow(SynthError);
  });

  it("reads a version 2 file with a model and rules", () => {
    const v2 = validateStats(JSON.parse(readFileSync(example("pupils", "stats.json"), "utf8")));
    expect(v2.version).toBe(2);
    expect(v2.model?.nodes.map((node) => node.column)).toContain("ks2_reading_scaled");
  });
});

describe("the model contract", () => {
  const pupils = () => JSON.parse(readFileSync(example("pupils", "stats.json"), "utf8")) as { model: { nodes: Array<Record<string, unknown>> }; rules: unknown[] } & Record<string, unknown>;

  it("refuses a parent that is not an earlier node", () => {
    const stats = pupils();
    stats.model.nodes.reverse();
    expectInvalid(stats, "/model/nodes/0/parents/0");
  });

  it("refuses a published count under K", () => {
    const stats = pupils();
    (stats.model.nodes[1]!.emptiness as Array<{ counts: Array<number | null> }>)[0]!.counts[0] = 3;
    expectInvalid(stats, "/model/nodes/1/emptiness/0/counts/0");
  });

  it("refuses a state the column does not publish", () => {
    const stats = pupils();
    (stats.model.nodes[0]!.states as unknown[]).push({ value: "Year 14" });
    expectInvalid(stats, "/model/nodes/0/states/14");
  });

  it("refuses a rule naming a column the statistics do not describe", () => {
    const stats = pupils();
    stats.rules.push({ kind: "order", first: "date_of_birth", second: "leaving_date" });
    expectInvalid(stats, `/rules/${stats.rules.length - 1}`);
  });
});
