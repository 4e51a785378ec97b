import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvCell, csvEncoder } from "../../src/sinks/encoders.js";
import { SynthError } from "../../src/index.js";

describe("CSV encoding (RFC 4180)", () => {
  const awkward = ["plain", "with,comma", 'with "quotes"', "line\nbreak", "carriage\r\nreturn", "", " spaced ", "ünïcödé", '"', ","];

  it("every value parses back unchanged with csv-parse", () => {
    const encoder = csvEncoder(["a", "b"], { header: true });
    let text = encoder.header();
    for (const value of awkward) text += encoder.row({ a: value, b: 1.5 }, 0);
    const rows = parse(text, { columns: true }) as Array<{ a: string; b: string }>;
    expect(rows.map((r) => r.a)).toEqual(awkward);
    expect(rows.every((r) => r.b === "1.5")).toBe(true);
  });

  it("writes null and missing values as empty cells", () => {
    const encoder = csvEncoder(["a", "b", "c"], { header: false });
    expect(encoder.row({ a: null, c: true }, 0)).toBe(",,true\n");
  });

  it("refuses nested values, naming the column", () => {
    expect(() => csvCell({ x: 1 }, "address")).toThrowError(SynthError);
    expect(() => csvCell([1, 2], "tags")).toThrowError(expect.objectContaining({ code: "CSV_NESTED_VALUE", place: expect.objectContaining({ column: "tags" }) }));
  });
});
