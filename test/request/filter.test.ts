import { describe, expect, it } from "vitest";
import { FilterSyntaxError, parseFilterObject, parseFilterText } from "../../src/request/filter.js";

describe("filter text", () => {
  it("reads column, operator and value", () => {
    expect(parseFilterText("age_years <= 16")).toMatchObject({ column: "age_years", op: "<=", values: [{ text: "16", quoted: false }] });
    expect(parseFilterText("  sex==1 ")).toMatchObject({ column: "sex", op: "=", values: [{ text: "1" }], text: "sex==1" });
    expect(parseFilterText('ethnic_category != "Z"')).toMatchObject({ op: "!=", values: [{ text: "Z", quoted: true }] });
    expect(parseFilterText("date_of_birth >= 2015-09-01")).toMatchObject({ op: ">=", values: [{ text: "2015-09-01" }] });
  });

  it("reads lists for in and not in", () => {
    expect(parseFilterText("sex in [1, 2]").values.map((v) => v.text)).toEqual(["1", "2"]);
    expect(parseFilterText("ethnic_category NOT IN ['A','B' , Z]")).toMatchObject({ op: "not in", values: [{ text: "A", quoted: true }, { text: "B" }, { text: "Z", quoted: false }] });
  });

  it("rejects what it cannot read, saying why, and never evaluates anything", () => {
    const bad = ["", "<= 16", "age_years", "age_years ~ 3", "sex in 1", "sex in []", 'x = "open', "a = 1 and b = 2", "process.exit(1) = 1"];
    for (const text of bad) expect(() => parseFilterText(text), text).toThrow(FilterSyntaxError);
    expect(() => parseFilterText("a = 1 or b = 2")).toThrow(/one condition per filter/);
  });

  it("reads the object form", () => {
    expect(parseFilterObject({ column: "sex", op: "in", value: ["1", "2"] })).toMatchObject({ text: 'sex in ["1", "2"]', values: [{ json: "1", quoted: true }, { json: "2" }] });
    expect(parseFilterObject({ column: "bmi_centile", op: "!=", value: null })).toMatchObject({ text: "bmi_centile != null", values: [{ json: null }] });
    expect(() => parseFilterObject({ column: "sex", op: "=", value: ["1"] })).toThrow(/"in" or "not in"/);
  });
});
