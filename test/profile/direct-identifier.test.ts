import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../support/cli.js";

/**
 * A column the schema marks `"x-identifier": "direct"` names a person: none of its values is ever
 * published, however many records share one. Surnames are the case in point: in a large register the
 * common ones pass any K, yet a published list of them is a list of real names.
 */
describe("a direct identifier never publishes a value (synth profile)", () => {
  const dir = tempDir();
  const data = join(dir, "pupils.csv");
  const schema = join(dir, "pupils.schema.json");
  const stats = join(dir, "stats.json");
  // 60 Smiths, 40 Joneses and 30 Patels (each far above K = 10), 20 double-barrelled Ward-Prowses
  // (a hyphen in the shape: the pattern must stay a valid regular expression), and 70 rarer surnames.
  const surnames = [...Array(60).fill("Smith"), ...Array(40).fill("Jones"), ...Array(30).fill("Patel"), ...Array(20).fill("Ward-Prowse"), ...Array.from({ length: 70 }, (_, i) => `Rare${String.fromCharCode(97 + (i % 26))}name`)];
  const rows = surnames.map((surname, i) => [`P${String(100000 + i)}`, surname, i % 3 === 0 ? "Ava" : "Noah", `2015-0${1 + (i % 9)}-1${i % 10}`, i % 2 === 0 ? "F" : "M"].join(","));
  writeFileSync(data, ["pupil_ref,surname,forename,date_of_birth,sex", ...rows].join("\n") + "\n");
  writeFileSync(
    schema,
    JSON.stringify({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      type: "object",
      required: ["pupil_ref", "surname", "forename", "date_of_birth", "sex"],
      properties: {
        pupil_ref: { type: "string" },
        surname: { type: "string", "x-identifier": "direct" },
        forename: { type: "string", "x-identifier": true },
        date_of_birth: { type: "string", format: "date", "x-identifier": "indirect" },
        sex: { type: "string", enum: ["F", "M"] },
      },
    }),
  );
  const run = runCli(["profile", data, "--schema", schema, "--output", stats]);

  it("publishes the shape of a surname held by more than K people, never the surname", () => {
    expect(run.status, run.stderr).toBe(0);
    const text = readFileSync(stats, "utf8");
    for (const name of ["Smith", "Jones", "Patel", "Ward", "Prowse", "Ava", "Noah"]) {
      expect(text).not.toContain(name);
      expect(run.stderr).not.toContain(name);
    }
    const published = JSON.parse(text);
    expect(published.columns.surname.kind).toBe("identifier");
    expect(published.columns.forename.kind).toBe("identifier");
    expect(published.columns.surname.categories).toBeUndefined();
    expect(run.stderr).toMatch(/surname\s+identifier\s+a direct identifier in the schema: values never published/);
  });

  it("leaves an indirect identifier to the K rule (a date of birth keeps its K-safe distribution)", () => {
    const published = JSON.parse(readFileSync(stats, "utf8"));
    expect(published.columns.date_of_birth.kind).toBe("date");
    expect(published.columns.sex.kind).toBe("categorical");
  });

  it("still generates valid rows from what was published", () => {
    const out = runCli(["generate", "--schema", schema, "--stats", stats, "--rows", "50", "--seed", "1"]);
    expect(out.status, out.stderr).toBe(0);
    const lines = out.stdout.trim().split("\n");
    expect(lines).toHaveLength(51);
    expect(JSON.parse(readFileSync(stats, "utf8")).columns.surname.generator.pattern).toContain("-");
    expect(out.stdout).not.toMatch(/\bSmith\b|\bJones\b|\bPatel\b/);
  });
});
