import { describe, expect, it } from "vitest";
import { childrenCount } from "../../src/package/generate/children-count.js";
import { keyColumn } from "../../src/package/generate/keys.js";
import { ParentLocator } from "../../src/package/generate/parent-locator.js";
import { capacityOf, fixedPositions, nthString } from "../../src/package/generate/pattern-keys.js";
import { tableKeys } from "../../src/package/generate/table-keys.js";
import { childrenBins } from "../../src/package/profile/children-bins.js";

describe("keys computed from the row number", () => {
  it("finds every child's parent, forwards and backwards, whatever order rows are asked in", () => {
    const counts = childrenCount([{ from: 0, to: 0, share: 0.2 }, { from: 1, to: 5, share: 0.7 }, { from: 6, mean: 9, share: 0.1 }], 3, 42, "t");
    const parents = 5000;
    const locator = new ParentLocator(parents, counts);
    const expected: Array<{ parent: number; index: number }> = [];
    for (let p = 0; p < parents; p++) for (let i = 0; i < counts(p); i++) expected.push({ parent: p, index: i });
    expect(locator.children).toBe(expected.length);
    for (const row of [0, 1, expected.length - 1, 17, 9000, 3, expected.length >> 1, 2]) expect(locator.find(row)).toEqual(expected[row]);
  });

  it("draws children per parent as the bins say", () => {
    const counts = childrenCount([{ from: 0, to: 0, share: 0.25 }, { from: 1, to: 2, share: 0.5 }, { from: 3, mean: 5, share: 0.25 }], 1, 7, "t");
    const drawn = Array.from({ length: 20000 }, (_, p) => counts(p));
    expect(drawn.filter((c) => c === 0).length / drawn.length).toBeCloseTo(0.25, 1);
    const tail = drawn.filter((c) => c >= 3);
    expect(tail.reduce((a, b) => a + b, 0) / tail.length).toBeCloseTo(5, 0);
  });

  it("numbers children within their parent for a (parent, sequence) key", () => {
    const link = {
      table: "events",
      rows: 0,
      primaryKey: ["child_id", "seq"],
      foreignKeys: [{ fields: ["child_id"], referenceFields: ["id"], parent: { schema: "unused.json" }, parentRows: 50, driving: true, bins: [{ from: 1, to: 4, share: 1 }], meanChildren: 2 }],
    };
    const children = new ParentLocator(50, childrenCount(link.foreignKeys[0]!.bins, 2, 9, "events:child_id")).children;
    const parent = { rows: 50, keyAt: (row: number) => [1000 + row] };
    const keys = tableKeys({ ...link, rows: children }, { properties: { child_id: { type: "integer" }, seq: { type: "integer", minimum: 1 } } }, undefined, 9, parent);
    const seen = new Set<string>();
    let previous: unknown[] = [];
    for (let row = 0; row < children; row++) {
      const [child, seq] = keys.keyAt(row) as [number, number];
      seen.add(`${child}/${seq}`);
      if (child === previous[0]) expect(seq).toBe((previous[1] as number) + 1);
      else expect(seq).toBe(1);
      previous = [child, seq];
    }
    expect(seen.size).toBe(children);
  });

  it("spreads integer keys in order over the range, and refuses a range too small", () => {
    const key = keyColumn("t", "id", { type: "integer", minimum: 100, maximum: 999 }, undefined, 300, 0);
    const values = Array.from({ length: 300 }, (_, r) => key(r) as number);
    for (let i = 1; i < values.length; i++) expect(values[i]!).toBeGreaterThan(values[i - 1]!);
    expect(values[0]).toBe(100);
    expect(values.at(-1)!).toBeLessThanOrEqual(999);
    expect(() => keyColumn("t", "id", { type: "integer", minimum: 1, maximum: 10 }, undefined, 11, 0)).toThrow(/holds only 10/);
  });

  it("spaces withheld keys like a child's published quantiles, distinct and in order", () => {
    const key = keyColumn("t", "id", { type: "integer", minimum: 1 }, undefined, 1000, 0, [[0, 1], [0.5, 2000], [0.9, 100000], [1, 160000]]);
    const values = Array.from({ length: 1000 }, (_, r) => key(r) as number);
    for (let i = 1; i < values.length; i++) expect(values[i]!).toBeGreaterThan(values[i - 1]!);
    expect(values[500]!).toBeGreaterThan(1500);
    expect(values[500]!).toBeLessThan(3000);
    expect(values.at(-1)!).toBeLessThanOrEqual(160000);
  });

  it("spells fixed-length patterns (a URN) and makes distinct uuids", () => {
    const positions = fixedPositions("^1[0-4][0-9]{4}$")!;
    expect(capacityOf(positions)).toBe(50000);
    expect(nthString(positions, 0)).toBe("100000");
    expect(nthString(positions, 49999)).toBe("149999");
    expect(fixedPositions("^[A-Z]+$")).toBeUndefined();
    const uuid = keyColumn("t", "id", { type: "string", format: "uuid" }, undefined, 10000, 3);
    const values = new Set(Array.from({ length: 10000 }, (_, r) => uuid(r) as string));
    expect(values.size).toBe(10000);
    for (const value of [...values].slice(0, 50)) expect(value).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe("children per parent as published", () => {
  it("puts at least K parents in every bin, keeps an empty zero bin apart, and never publishes the largest count", () => {
    const byChildren = new Map([[1, 40], [2, 30], [3, 12], [4, 5], [5, 4], [40, 1]]);
    const published = childrenBins(byChildren, 10)!;
    expect(published.bins[0]).toEqual({ from: 0, to: 0, share: 0 });
    // Shares are written to 6 significant figures.
    for (const bin of published.bins.slice(1)) expect(bin.share * published.parents).toBeGreaterThanOrEqual(10 * (1 - 1e-5));
    expect(published.bins.at(-1)).toMatchObject({ from: 4, mean: 8 });
    expect(published.bins.at(-1)!.to).toBeUndefined();
    expect(JSON.stringify(published)).not.toContain("40");
    expect(childrenBins(new Map([[1, 5]]), 10)).toBeUndefined();
  });
});
