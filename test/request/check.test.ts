import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkRequest } from "../../src/request/check.js";
import { initRequest } from "../../src/request/init.js";
import { summarise } from "../../src/request/report.js";
import type { RequestFile } from "../../src/request/types.js";
import { ROOT, example } from "../support/cli.js";

const schema = example("child-health", "schema.json");
const stats = example("child-health", "stats.json");
const requestPath = join(ROOT, "examples/requests/education-child-health.json");
const exampleRequest = (): RequestFile => JSON.parse(readFileSync(requestPath, "utf8")) as RequestFile;

function check(edit: (r: RequestFile) => void, withStats = false) {
  const request = exampleRequest();
  edit(request);
  return checkRequest({ schema, request, ...(withStats ? { stats } : {}) });
}

describe("request init", () => {
  it("lists every column, none selected, with what the schema says about it", () => {
    const skeleton = initRequest(schema);
    const names = Object.keys((JSON.parse(readFileSync(schema, "utf8")) as { properties: object }).properties);
    expect(Object.keys(skeleton.columns)).toEqual(names);
    expect(Object.values(skeleton.columns).every((c) => c.selected === false)).toBe(true);
    expect(skeleton.columns.nhs_number!.about).toContain("direct identifier");
    expect(skeleton.columns.date_of_birth!.about).toContain("age-years");
    expect(skeleton.columns.ethnic_category!.about).toContain("special category: ethnicity");
    expect(skeleton.dataset).toMatchObject({ title: "Child health record", id: "https://example.org/health-department/child-health-record.schema.json" });
  });

  it("is in the request format, and checking it says what is left to fill in", () => {
    const result = checkRequest({ schema, request: initRequest(schema) as unknown as object });
    expect(result.errors.map((e) => e.pointer)).toEqual(["/requester/organisation", "/purpose", "/lawfulBasis", "/columns"]);
  });
});

describe("request check on the example", () => {
  it("is well-formed, with a minimisation summary", () => {
    const result = checkRequest({ schema, request: requestPath, stats });
    expect(result.errors).toEqual([]);
    const s = summarise(result);
    expect(s.columns).toMatchObject({ requested: 7, total: 18 });
    expect(s.directIdentifiers).toEqual({ requested: [], total: 3 });
    expect(s.indirectIdentifiers.requested.map((c) => c.as)).toEqual(["age_years", "postcode_outward"]);
    expect(s.specialCategory.requested.map((c) => `${c.column}:${c.category}`)).toEqual(["ethnic_category:ethnicity", "birth_weight_grams:health", "bmi_centile:health", "asthma:health"]);
    expect(s.coarsenings.map((c) => c.coarsened)).toEqual([
      "age in whole years at 2025-08-31",
      "17 codes merged into 5 groups (White, Mixed, Asian, Black, Other); codes in no group left empty",
      'outward code only (e.g. "DE1" of "DE1 3WZ")',
      'bands 500 wide (e.g. "3000-3499")',
    ]);
    expect(s.filters).toEqual(["age_years >= 4", "age_years <= 11"]);
    expect(s.warnings).toEqual([{ pointer: "/columns/bmi_centile/purpose", column: "bmi_centile", message: '"bmi_centile" (special category: health) is asked for without a stated purpose' }]);
  });

  it("warns for every identifier or special-category column asked for without a purpose", () => {
    const result = check((r) => {
      r.columns.nhs_number = { selected: true };
      r.columns.asthma!.purpose = "";
    });
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => w.column)).toEqual(["nhs_number", "bmi_centile", "asthma"]);
    expect(result.warnings[0]!.message).toContain("direct identifier");
  });

  it("warns when the request was framed against another schema", () => {
    const result = check((r) => (r.dataset!.id = "https://example.org/other.json"));
    expect(result.warnings.some((w) => w.pointer === "/dataset/id")).toBe(true);
  });
});

describe("bad requests: each error names its place", () => {
  const cases: Array<[string, (r: RequestFile) => void, string, RegExp]> = [
    ["unknown column", (r) => (r.columns.nhs_numbr = { selected: true }), "/columns/nhs_numbr", /unknown column "nhs_numbr".*did you mean "nhs_number"/],
    ["unknown code in a filter", (r) => (r.filters = ["sex = X"]), "/filters/0", /code "X" does not exist in column "sex" \(its codes: 1 \(Male\), 2 \(Female\)/],
    ["unknown code in a coarsening", (r) => (r.columns.ethnic_category!.coarsen = { to: "codes", keep: ["A", "Q"] }), "/columns/ethnic_category/coarsen/keep/1", /code "Q" does not exist/],
    ["unknown code in a group", (r) => (r.columns.ethnic_category!.coarsen = { to: "groups", groups: { White: ["A", "W"] } }), "/columns/ethnic_category/coarsen/groups/White/1", /code "W" does not exist/],
    ["filter on an unknown column", (r) => (r.filters = ["age <= 16"]), "/filters/0", /unknown column "age"/],
    ["contradictory filters", (r) => (r.filters = ["age_years >= 10", "age_years <= 5"]), "/filters/1", /impossible filter: no value of "age_years" is both >= 10 .* and <= 5/],
    ["filter outside the schema's range", (r) => (r.filters = ["birth_weight_grams > 7000"]), "/filters/0", /impossible filter: .*> 7000.*<= 6500 \(the schema's maximum\)/],
    ["equality outside a range", (r) => (r.filters = ["gestation_weeks = 50"]), "/filters/0", /leaves no value of "gestation_weeks"/],
    ["codes excluded entirely", (r) => (r.filters = ["asthma != true", "asthma != false"]), "/filters/1", /exclude every one of its values/],
    ["null on a column that is never empty", (r) => (r.filters = ["sex = null"]), "/filters/0", /never empty/],
    ["order on codes", (r) => (r.filters = ["sex < 2"]), "/filters/0", /have no order/],
    ["a number for a date", (r) => (r.filters = ["date_of_birth >= 2015"]), "/filters/0", /values like 2015-09-01/],
    ["unreadable filter", (r) => (r.filters = ["age_years <= 16 and sex = 1"]), "/filters/0", /cannot read filter/],
    ["coarsening that does not apply", (r) => (r.columns.sex!.coarsen = "year"), "/columns/sex/coarsen", /"year" applies to date or date-time columns/],
    ["age without a reference date", (r) => delete r.referenceDate, "/columns/date_of_birth/coarsen", /needs the request's "referenceDate"/],
    ["unknown coarsening", (r) => (r.columns.sex!.coarsen = "decade" as never), "/columns/sex/coarsen", /must be equal to one of the allowed values/],
    ["two extract columns with one name", (r) => (r.columns.sex!.as = "age_years"), "/columns/sex/as", /two columns named "age_years"/],
    ["not the request format", (r) => ((r as { format: string }).format = "synth-stats"), "/format", /must be "synth-request"/],
  ];
  for (const [name, edit, pointer, message] of cases) {
    it(name, () => {
      const result = check(edit);
      expect(result.ok).toBe(false);
      expect(result.errors.length, JSON.stringify(result.errors)).toBeGreaterThanOrEqual(1);
      const error = result.errors.find((e) => e.pointer === pointer);
      expect(error, JSON.stringify(result.errors)).toBeDefined();
      expect(error!.message).toMatch(message);
    });
  }

  it("with statistics, a filter outside the recorded range is impossible too", () => {
    expect(check((r) => (r.filters = ["age_years >= 17"])).ok).toBe(true);
    const result = check((r) => (r.filters = ["age_years >= 17"]), true);
    expect(result.errors[0]).toMatchObject({ pointer: "/filters/0" });
    expect(result.errors[0]!.message).toMatch(/<= 15 \(the statistics' largest value\)/);
  });
});
