import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allLocales } from "@faker-js/faker";
import { generate } from "../../src/index.js";
import { FEMALE_FORENAMES, MALE_FORENAMES, SURNAMES } from "../../src/plan/strings/locales/en-gb-people.js";
import { runCli, tempDir } from "../support/cli.js";

const female = new Set<string>(FEMALE_FORENAMES);
const male = new Set<string>(MALE_FORENAMES);
const surnames = new Set<string>(SURNAMES);

function schema(extra: Record<string, unknown> = {}, forename: Record<string, unknown> = {}) {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    required: ["id", "forename", "surname", "sex", "email", "county"],
    properties: {
      id: { type: "integer", minimum: 1, maximum: 1000000 },
      forename: { type: "string", "x-faker": "person.firstName", ...forename },
      surname: { type: "string", "x-faker": "person.lastName" },
      sex: { type: "string", oneOf: [{ const: "M", title: "Male" }, { const: "F", title: "Female" }, { const: "U", title: "Not known" }] },
      email: { type: "string", format: "email" },
      county: { type: "string", "x-faker": "location.county" },
    },
    ...extra,
  };
}

async function rows(s: object, count = 2000, seed = 1): Promise<Array<Record<string, string>>> {
  const out: Array<Record<string, string>> = [];
  for await (const record of generate({ schema: s, rows: count, seed })) out.push(record as Record<string, string>);
  return out;
}

/** Writes a schema to a file in a fresh folder, for the CLI. */
function schemaFile(s: object): string {
  const path = join(tempDir(), "schema.json");
  writeFileSync(path, JSON.stringify(s));
  return path;
}

describe("x-synth-locale", () => {
  it("en_GB draws British forenames and surnames (a surname may be double-barrelled)", async () => {
    const drawn = await rows(schema({ "x-synth-locale": "en_GB" }));
    for (const row of drawn) {
      expect(female.has(row.forename!) || male.has(row.forename!), row.forename).toBe(true);
      expect(row.surname!.split("-").every((part) => surnames.has(part)), row.surname).toBe(true);
    }
    expect(new Set(drawn.map((r) => r.surname)).size).toBeGreaterThan(250);
  });

  it("without the annotation, names stay faker's (not synth's British lists), and only name-drawn values change with en_GB", async () => {
    const base = await rows(schema());
    const british = await rows(schema({ "x-synth-locale": "en_GB" }));
    expect(base.filter((r) => !female.has(r.forename!) && !male.has(r.forename!)).length).toBeGreaterThan(1500);
    for (let i = 0; i < base.length; i++) {
      expect(british[i]!.id).toBe(base[i]!.id);
      expect(british[i]!.sex).toBe(base[i]!.sex);
      expect(british[i]!.county).toBe(base[i]!.county);
    }
    // e-mail addresses take the locale's surnames as words
    expect(british.some((r) => SURNAMES.some((s) => r.email!.toLowerCase().includes(s.toLowerCase())))).toBe(true);
  });

  it("another faker locale draws from that locale's lists", async () => {
    const german = new Set<string>((allLocales.de.person!.last_name as { generic: string[] }).generic);
    const drawn = await rows(schema({ "x-synth-locale": "de" }), 500);
    expect(drawn.filter((r) => r.surname!.split("-").every((part) => german.has(part))).length).toBe(500);
  });

  it("an unknown locale stops generate with one line naming /x-synth-locale, exit 2, nothing written", () => {
    const path = schemaFile(schema({ "x-synth-locale": "en_UK" }));
    const out = join(tempDir(), "out.csv");
    const run = runCli(["generate", "--schema", path, "--rows", "5", "--output", out]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^synth: .*schema\.json at \/x-synth-locale: unknown locale "en_UK" \(did you mean "en", .*"en_GB"/);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
    const notText = runCli(["generate", "--schema", schemaFile(schema({ "x-synth-locale": 44 })), "--rows", "5"]);
    expect(notText.status).toBe(2);
    expect(notText.stderr).toContain("at /x-synth-locale: x-synth-locale must be a locale name");
  });
});

describe("x-synth-sex", () => {
  const linked = schema({ "x-synth-locale": "en_GB" }, { "x-synth-sex": { column: "sex", female: ["F"], male: ["M"] } });

  it("forenames follow the sex code; other codes draw from both lists", async () => {
    const counts: Record<string, number> = {};
    for (const row of await rows(linked, 3000)) {
      const list = female.has(row.forename!) ? "female" : male.has(row.forename!) ? "male" : "neither";
      counts[`${row.sex} ${list}`] = (counts[`${row.sex} ${list}`] ?? 0) + 1;
    }
    expect(Object.keys(counts).sort()).toEqual(["F female", "M male", "U female", "U male"]);
    const unknown = counts["U female"]! + counts["U male"]!;
    expect(Math.abs(counts["U female"]! / unknown - 0.5)).toBeLessThan(0.1);
  });

  it("works for the base locale too (faker's female and male lists)", async () => {
    const { allLocales: locales } = await import("@faker-js/faker");
    const fakerFemale = new Set<string>(locales.en.person!.first_name!.female!);
    const fakerMale = new Set<string>(locales.en.person!.first_name!.male!);
    const drawn = await rows(schema({}, { "x-synth-sex": { column: "sex", female: ["F"], male: ["M"] } }), 1000);
    // faker mixes its unisex (generic) names into draws for one sex, never the other sex's own names
    for (const row of drawn) {
      if (row.sex === "F") expect(fakerMale.has(row.forename!) && !fakerFemale.has(row.forename!), row.forename).toBe(false);
      if (row.sex === "M") expect(fakerFemale.has(row.forename!) && !fakerMale.has(row.forename!), row.forename).toBe(false);
    }
  });

  it("threads and shards give byte-identical output", () => {
    const path = schemaFile(linked);
    const args = ["generate", "--schema", path, "--rows", "30000", "--seed", "4", "--quiet"];
    const one = runCli([...args, "--threads", "1"]);
    const two = runCli([...args, "--threads", "2"]);
    expect(one.status, one.stderr).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const first = runCli([...args, "--shard", "1/2"]).stdout;
    const second = runCli([...args, "--shard", "2/2"]).stdout;
    expect(first + second).toBe(one.stdout);
  });

  it.each([
    [{ column: "gender", female: ["F"], male: ["M"] }, "/properties/forename/x-synth-sex/column", 'names a column "gender" the table does not have'],
    [{ column: "sex", female: ["F"], male: ["X"] }, "/properties/forename/x-synth-sex/male/0", 'code "X" is not a code of "sex"'],
    [{ column: "sex", female: ["F"], male: ["F"] }, "/properties/forename/x-synth-sex/male/0", 'code "F" is listed twice'],
    [{ column: "sex", female: [], male: ["M"] }, "/properties/forename/x-synth-sex/female", "a list of the sex column's codes"],
    [{ column: "sex", female: ["F"], male: ["M"], other: ["U"] }, "/properties/forename/x-synth-sex/other", 'has no "other"'],
  ])("a wrong declaration stops with exit 2 naming the place (%j)", (declaration, pointer, message) => {
    const run = runCli(["generate", "--schema", schemaFile(schema({}, { "x-synth-sex": declaration })), "--rows", "5"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`at ${pointer}: `);
    expect(run.stderr).toContain(message);
  });

  it("refuses a name column whose method takes no sex", () => {
    const s = schema({}, { "x-faker": "person.jobTitle", "x-synth-sex": { column: "sex", female: ["F"], male: ["M"] } });
    const run = runCli(["generate", "--schema", schemaFile(s), "--rows", "5"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('at /properties/forename/x-synth-sex column "forename": x-synth-sex needs a faker method that takes a sex');
  });

  it("the child-health example declares its link and locale as documented", () => {
    const example = JSON.parse(readFileSync(join(import.meta.dirname, "../../examples/child-health/schema.json"), "utf8"));
    expect(example["x-synth-locale"]).toBe("en_GB");
    expect(example.properties.forename["x-synth-sex"]).toEqual({ column: "sex", female: ["2"], male: ["1"] });
  });
});
