import { describe, expect, it } from "vitest";
import { buildDictionary, describe as describeData } from "../../src/report/describe/index.js";
import { chartFromQuantiles, formatNumber } from "../../src/report/describe/distribution.js";
import { patternWords } from "../../src/report/describe/plain-words.js";
import type { StatsFile } from "../../src/stats/types.js";
import { example } from "../support/cli.js";

const formats = ["text", "markdown", "html"] as const;

describe("numbers as a requester reads them", () => {
  it("formatNumber keeps every significant digit it shows, around every power of ten", () => {
    for (let e = -6; e <= 9; e++) {
      for (const m of [0.95, 0.999, 1, 1.004, 2.6958, 5.5, 9.99]) {
        for (const sign of [1, -1]) {
          const value = sign * m * 10 ** e;
          const shown = formatNumber(value);
          expect(shown, String(value)).toMatch(/^-?\d+(\.\d+)?(e-\d+)?$/);
          // Rounded to the digits shown, never to a tenth or a hundredth of the value.
          expect(Math.abs(Number(shown) - value) / Math.abs(value), `${value} -> ${shown}`).toBeLessThanOrEqual(0.005 + 1e-12);
        }
      }
    }
    expect(formatNumber(269.58)).toBe("270");
    expect(formatNumber(1000.4)).toBe("1000");
    expect(formatNumber(100.2)).toBe("100");
    expect(formatNumber(10.04)).toBe("10");
    expect(formatNumber(10.25)).toBe("10.3");
    expect(formatNumber(2.5)).toBe("2.5");
    expect(formatNumber(0.000123456)).toBe("0.000123");
    expect(formatNumber(3400)).toBe("3400");
  });

  const stats: StatsFile = {
    format: "synth-stats",
    version: 2,
    rows: 500,
    columns: {
      weight: {
        kind: "number",
        quantiles: [
          [0, 105.2],
          [0.5, 269.58],
          [1, 1003.7],
        ],
      },
    },
  };
  const schema = { title: "Parcels", type: "object", required: ["weight"], properties: { weight: { type: "number" } } };

  it.each(formats)("shows 269.58 as 270 in %s", async (format) => {
    const out = await describeData({ schema, stats, sample: [] }, { format });
    expect(out).toMatch(/\b105\b/);
    expect(out).toMatch(/\b270\b/);
    expect(out).toMatch(/\b1004\b/);
    expect(out).not.toMatch(/\b27\b/);
  });
});

describe("the dictionary, finished", () => {
  const schema = example("child-health", "schema.json");
  const statsFile = example("child-health", "stats.json");

  it.each(formats)("gives full code labels, never cut, in %s", async (format) => {
    const out = await describeData({ schema, stats: statsFile, sample: [] }, { format, width: 80 });
    const flat = out.replace(/\s+/g, " ");
    expect(flat).toContain("Asian or Asian British - Any other Asian background");
    expect(flat).toContain("Indeterminate (unable to be classified as either male or female)");
    expect(out).not.toContain("…</");
    expect(out).not.toMatch(/[A-Za-z]…/);
  });

  it.each(formats)("shows a code held back as held back, not as none, in %s", async (format) => {
    const out = await describeData({ schema, stats: statsFile, sample: [] }, { format });
    const flat = out.replace(/<[^>]+>/g, " ").replace(/[|`]/g, " ").replace(/\s+/g, " ");
    expect(flat).toMatch(/Indeterminate \(unable to be classified as either male or female\) held back/);
  });

  it.each(formats)("speaks plainly: no generator names or regular expressions in %s", async (format) => {
    const out = await describeData({ schema, stats: statsFile, sample: [] }, { format });
    expect(out).not.toContain("person.firstName");
    expect(out).not.toContain("faker");
    expect(out).not.toContain("^[A-Z][0-9]{5}$");
    expect(out).toContain("made-up forenames");
    expect(out).toContain("a capital letter, then 5 digits");
    // A forename that is never empty has no "0 … 35" length.
    expect(out).toContain("at most 35 characters");
  });

  it("bins dates of birth by calendar year", async () => {
    const d = await buildDictionary({ schema, stats: statsFile, sample: [] });
    const dob = d.columns.find((c) => c.name === "date_of_birth")!;
    expect(dob.chart?.kind).toBe("histogram");
    const labels = (dob.chart as { bins: Array<{ label: string }> }).bins.map((b) => b.label);
    expect(labels).toEqual(Array.from({ length: 16 }, (_, i) => String(2009 + i)));
    const chart = chartFromQuantiles(
      [
        [0, "1950-03-01"],
        [1, "2020-06-01"],
      ],
      "date",
      false,
    )!;
    expect((chart as { bins: Array<{ label: string }> }).bins.map((b) => b.label)).toEqual(["1950–1954", "1955–1959", "1960–1964", "1965–1969", "1970–1974", "1975–1979", "1980–1984", "1985–1989", "1990–1994", "1995–1999", "2000–2004", "2005–2009", "2010–2014", "2015–2019", "2020–2024"]);
  });

  it.each(formats)("opens with who holds the data, the licence, contact and reference date, and ends with how to request, in %s", async (format) => {
    const out = await describeData({ schema, stats: statsFile, sample: [] }, { format });
    for (const text of ["Health Department, Child Health Information Service", "data-requests@health-department.example.gov.uk", "Open Government Licence v3.0", "2026-03-31", "Children aged 0-16", "2026.1"]) expect(out).toContain(text);
    expect(out.indexOf("Open Government Licence")).toBeLessThan(out.indexOf("record_id"));
    expect(out).toContain("How to request the data");
    expect(out).toContain(`npx synth request init --schema ${schema} --output request.json`);
    expect(out).toContain(`npx synth request check request.json --schema ${schema} --stats ${statsFile}`);
  });

  it("searches descriptions and code labels, not only names", async () => {
    const html = await describeData({ schema, stats: statsFile, sample: [] }, { format: "html" });
    const searchable = [...html.matchAll(/<article class="col[^"]*" id="([^"]+)" data-search="([^"]*)"/g)].map((m) => ({ id: m[1]!, text: m[2]! }));
    const hits = (term: string) => searchable.filter((s) => s.text.includes(term)).map((s) => s.id);
    expect(hits("white british")).toEqual([]); // the label is "White - British": words must match as written
    expect(hits("white - british")).toEqual(["col-ethnic_category"]);
    expect(hits("immunisation").length + hits("vaccine").length).toBeGreaterThan(0);
    expect(hits("measles")).toEqual(["col-mmr1_given"]);
  });

  it("turns simple patterns into words", () => {
    expect(patternWords("^[A-Z]{2}[0-9]{6}$")).toBe("2 capital letters, then 6 digits");
    expect(patternWords("^1[0-4][0-9]{4}$")).toBe("“1”, then a digit 0 to 4, then 4 digits");
    expect(patternWords("^[A-Z][0-9]{1,3}-?[A-Z]+$")).toBe("a capital letter, then 1 to 3 digits, then “-” or nothing, then 1 or more capital letters");
    expect(patternWords("^(a|b)$")).toBeUndefined();
  });
});
