import { describe, expect, it } from "vitest";
import { NumericToken, decimalPlaces, numericToken, parseBooleanWord, parseIsoDate, parseIsoDateTime } from "../../src/profile/parse-value.js";

describe("recognising scalar values", () => {
  it.each([
    ["0", NumericToken.Integer],
    ["-12", NumericToken.Integer],
    ["+7", NumericToken.Integer],
    ["3.5", NumericToken.Decimal],
    [".5", NumericToken.Decimal],
    ["5.", NumericToken.Decimal],
    ["1e5", NumericToken.Decimal],
    ["-2.5E-3", NumericToken.Decimal],
    ["0.916700006", NumericToken.Decimal],
    ["007", NumericToken.None],
    ["00.5", NumericToken.None],
    ["9007199254740993", NumericToken.None],
    ["12a", NumericToken.None],
    ["1,000", NumericToken.None],
    [" 1", NumericToken.None],
    ["NaN", NumericToken.None],
    ["Infinity", NumericToken.None],
    ["-", NumericToken.None],
    [".", NumericToken.None],
    ["1e", NumericToken.None],
    ["", NumericToken.None],
  ])("%j is %s", (text, expected) => {
    expect(numericToken(text)).toBe(expected);
  });

  it("counts decimal places as written", () => {
    expect(decimalPlaces("2.50")).toBe(2);
    expect(decimalPlaces("12")).toBe(0);
    expect(decimalPlaces("1.5e-3")).toBe(4);
    expect(decimalPlaces("1.5e3")).toBe(0);
  });

  it("reads ISO dates, rejecting impossible ones", () => {
    expect(parseIsoDate("1970-01-02")).toBe(1);
    expect(parseIsoDate("2000-02-29")).toBe(11016);
    expect(parseIsoDate("1900-02-29")).toBeUndefined();
    expect(parseIsoDate("2021-13-01")).toBeUndefined();
    expect(parseIsoDate("2021-1-01")).toBeUndefined();
    expect(parseIsoDate("2021-01-01T00:00:00Z")).toBeUndefined();
  });

  it("reads RFC 3339 date-times (seconds and zone required), in UTC", () => {
    expect(parseIsoDateTime("1970-01-01T00:01:00Z")).toBe(60);
    expect(parseIsoDateTime("1970-01-01T01:00:00+01:00")).toBe(0);
    expect(parseIsoDateTime("2009-12-14T02:52:24.123Z")).toBe(Date.UTC(2009, 11, 14, 2, 52, 24) / 1000);
    expect(parseIsoDateTime("2009-12-14T02:52Z")).toBeUndefined();
    expect(parseIsoDateTime("2009-12-14T02:52:24")).toBeUndefined();
    expect(parseIsoDateTime("2009-12-14T25:00:00Z")).toBeUndefined();
  });

  it("reads true/false words", () => {
    expect(parseBooleanWord("TRUE")).toBe(true);
    expect(parseBooleanWord("false")).toBe(false);
    expect(parseBooleanWord("yes")).toBeUndefined();
  });
});
