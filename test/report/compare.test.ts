import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PENGUINS } from "../support/cli.js";
import { compare } from "../../src/report/compare/compare.js";
import { renderCompareJson, renderCompareText } from "../../src/report/compare/render.js";
import { closestDistances } from "../../src/report/compare/disclosure.js";

const folder = mkdtempSync(join(tmpdir(), "synth-compare-test-"));
function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}
const penguins = PENGUINS;

describe("compare: disclosure", () => {
  it("counts dummy rows equal to a real row, and to a real row that is unique", async () => {
    // Real rows: (a, 1) twice, (b, 2) and (c, 3) once each.
    const real = file("real.csv", "g,x\na,1\na,1\nb,2\nc,3\n");
    // Dummy rows: (a, 1) copies a repeated row; (b, 2) twice copies a unique one; (d, 9) is new.
    const dummy = file("dummy.csv", "g,x\na,1\nb,2\nd,9\nb,2\n");
    const report = await compare({ real, dummy });
    expect(report.disclosure).toMatchObject({ exactMatches: 3, uniqueMatches: 2, exactMatchRate: 0.75, uniqueMatchRate: 0.5, comparedColumns: ["g", "x"] });
    expect(report.disclosure.distanceToClosestRecord).toMatchObject({ median: 0, p5: 0, dummyRowsSampled: 4, realRowsCompared: 4 });
  });

  it("leaves identifier columns out of the row comparison", async () => {
    const lines = ["patient_id,ward"];
    for (let i = 0; i < 30; i++) lines.push(`${1000 + i},${["A", "B"][i % 2]}`);
    const real = file("ids-real.csv", lines.join("\n") + "\n");
    const dummy = file("ids-dummy.csv", "patient_id,ward\n5,A\n6,B\n");
    const report = await compare({ real, dummy });
    expect(report.disclosure.comparedColumns).toEqual(["ward"]);
    expect(report.disclosure.exactMatches).toBe(2);
    expect(report.columns.find((c) => c.column === "patient_id")).toMatchObject({ score: null, note: "not scored: identifier" });
  });

  it("measures distance as the mean over columns of range-scaled differences (Gower)", () => {
    const columns = [
      { numeric: true, range: 10 },
      { numeric: false, range: 0 },
    ];
    // Against (0, "a") and (10, "b"): (4, "b") is (0.4 + 1) / 2 = 0.7 and (0.6 + 0) / 2 = 0.3 away.
    const distances = closestDistances([[4, "b"], [null, "a"]], [[0, "a"], [10, "b"]], columns);
    expect(distances[0]).toBeCloseTo(0.3, 12);
    // An empty cell is 1 from a value: (1 + 0) / 2 against (0, "a").
    expect(distances[1]).toBeCloseTo(0.5, 12);
  });
});

describe("compare: fidelity", () => {
  it("scores a table against itself as 1, with every row a copy", async () => {
    const report = await compare({ real: penguins, dummy: penguins });
    expect(report.columnShapes).toBe(1);
    expect(report.columns.every((c) => c.score === 1 && c.missing.real === c.missing.dummy)).toBe(true);
    expect(report.disclosure.exactMatches).toBe(344);
    expect(report.disclosure.distanceToClosestRecord.median).toBe(0);
  });

  it("reports missing values, unreadable values, absent and extra columns", async () => {
    const rows = ["n,c,t"];
    for (let i = 0; i < 100; i++) rows.push(`${i % 10 === 0 ? "" : i * 1.5},${["x", "y"][i % 2]},2020-01-${String(1 + (i % 28)).padStart(2, "0")}`);
    const real = file("fid-real.csv", rows.join("\n") + "\n");
    const dummyRows = ["n,extra,t"];
    for (let i = 0; i < 100; i++) dummyRows.push(`${i % 4 === 0 ? "" : i % 7 === 0 ? "oops" : i * 1.5},1,2020-01-${String(1 + (i % 28)).padStart(2, "0")}`);
    const dummy = file("fid-dummy.csv", dummyRows.join("\n") + "\n");
    const report = await compare({ real, dummy });
    const byName = Object.fromEntries(report.columns.map((c) => [c.column, c]));
    expect(byName.n).toMatchObject({ metric: "KSComplement", missing: { real: 0.1, dummy: 0.25 } });
    expect(byName.n!.unreadable).toBe(11); // "oops" where i % 7 == 0 and i % 4 != 0
    expect(byName.c).toMatchObject({ score: 0, note: "missing from the dummy data" });
    expect(byName.t).toMatchObject({ metric: "KSComplement", score: 1 });
    expect(report.extraColumns).toEqual(["extra"]);
  });

  it("renders a table for the terminal and JSON", async () => {
    const report = await compare({ real: penguins, dummy: penguins });
    const text = renderCompareText(report, { color: false });
    expect(text).toMatch(/Column Shapes: 1\.000/);
    expect(text).toMatch(/bill_length_mm\s+number\s+KSComplement\s+1\.000/);
    expect(text).not.toMatch(/\x1b\[/);
    expect(renderCompareText(report, { color: true })).toMatch(/\x1b\[/);
    expect(JSON.parse(renderCompareJson(report))).toEqual(report);
  });
});
