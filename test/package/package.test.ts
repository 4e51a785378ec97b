import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../support/cli.js";
import { readCsv, shapeSimilarity, writeRealPackage, type RealPackage } from "./support.js";

describe("a package of tables: profile, generate, verify", () => {
  let real: RealPackage;
  let published: string;
  let dummy: string;
  beforeAll(() => {
    const dir = tempDir();
    real = writeRealPackage(dir);
    published = join(dir, "published");
    dummy = join(dir, "dummy");
    const profiled = runCli(["profile", "--package", real.descriptor, "--output-dir", published, "--seed", "1"]);
    expect(profiled.stderr).toMatch(/profiled 2 tables/);
    expect(profiled.status).toBe(0);
    const generated = runCli(["generate", "--package", join(published, "datapackage.json"), "--output-dir", dummy, "--seed", "3", "--quiet"]);
    expect(generated.stderr).toBe("");
    expect(generated.status).toBe(0);
  });

  const table = (name: string, folder = dummy) => readCsv(readFileSync(join(folder, `${name}.csv`), "utf8"));

  it("publishes children per parent in bins of at least K parents, the last one open-ended", () => {
    const descriptor = JSON.parse(readFileSync(join(published, "datapackage.json"), "utf8"));
    const [visits, referrals] = descriptor["x-synth"].relationships;
    expect(visits.fields).toEqual(["patient_id"]);
    const bins = visits.childrenPerParent.bins as Array<{ from: number; to?: number; mean?: number; share: number }>;
    for (const bin of bins) expect(bin.share * visits.childrenPerParent.parents).toBeGreaterThanOrEqual(10 - 1e-6);
    expect(bins.at(-1)!.to).toBeUndefined();
    expect(bins.at(-1)!.mean).toBeGreaterThanOrEqual(bins.at(-1)!.from);
    expect(bins.reduce((s, b) => s + b.share, 0)).toBeCloseTo(1, 6);
    // The largest family is never published.
    expect(JSON.stringify(descriptor)).not.toContain(`"to": ${Math.max(...real.visitsPerPatient)}`);
    expect(visits.inherited).toEqual([
      { column: "sex", from: "sex" },
      { column: "enrolled", from: "enrolled" },
    ]);
    expect(referrals.emptyShare).toBeGreaterThan(0.4);
    expect(referrals.emptyShare).toBeLessThan(0.8);
  });

  it("writes unique primary keys, foreign keys that all resolve, and children that keep their parent's sex", () => {
    const patients = table("patients");
    const visits = table("visits");
    const ids = new Set(patients.map((p) => p.patient_id));
    expect(ids.size).toBe(patients.length);
    expect(patients.length).toBe(300);
    expect(new Set(visits.map((v) => v.visit_id)).size).toBe(visits.length);
    const byId = new Map(patients.map((p) => [p.patient_id, p]));
    for (const visit of visits) {
      expect(ids.has(visit.patient_id!)).toBe(true);
      if (visit.referred_by !== "") expect(ids.has(visit.referred_by!)).toBe(true);
      const patient = byId.get(visit.patient_id!)!;
      expect(visit.sex).toBe(patient.sex);
      expect(visit.enrolled).toBe(patient.enrolled);
    }
    const empty = visits.filter((v) => v.referred_by === "").length / visits.length;
    expect(empty).toBeGreaterThan(0.4);
    expect(empty).toBeLessThan(0.8);
  });

  it("keeps a rule across tables: every visit after its patient's enrolment, the real gap kept", () => {
    const stats = JSON.parse(readFileSync(join(published, "visits.stats.json"), "utf8"));
    expect(stats.rules).toContainEqual(expect.objectContaining({ kind: "order", first: "enrolled", second: "visit_date" }));
    const gaps = table("visits").map((v) => (Date.parse(v.visit_date!) - Date.parse(v.enrolled!)) / 86400000);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(0);
    // Real gaps run from 1 to 4 years; copied dates move the drawn visit with them.
    const median = [...gaps].sort((a, b) => a - b)[gaps.length >> 1]!;
    expect(median).toBeGreaterThan(365);
    expect(median).toBeLessThan(1465);
  });

  it("follows the published children per parent (1 - KS at least 0.85)", () => {
    const visits = table("visits");
    const counts = new Map<string, number>();
    for (const v of visits) counts.set(v.patient_id!, (counts.get(v.patient_id!) ?? 0) + 1);
    const dummyCounts = table("patients").map((p) => counts.get(p.patient_id!) ?? 0);
    expect(shapeSimilarity(real.visitsPerPatient, dummyCounts)).toBeGreaterThanOrEqual(0.85);
  });

  it("writes the same bytes for any thread count, and shards that concatenate to the whole", () => {
    const other = tempDir();
    const run = runCli(["generate", "--package", join(published, "datapackage.json"), "--output-dir", other, "--seed", "3", "--threads", "2", "--quiet"]);
    expect(run.status).toBe(0);
    for (const name of ["patients", "visits"]) expect(readFileSync(join(other, `${name}.csv`), "utf8")).toBe(readFileSync(join(dummy, `${name}.csv`), "utf8"));
    const parts = [1, 2, 3].map((i) => {
      const dir = tempDir();
      expect(runCli(["generate", "--package", join(published, "datapackage.json"), "--output-dir", dir, "--seed", "3", "--shard", `${i}/3`, "--quiet"]).status).toBe(0);
      return dir;
    });
    for (const name of ["patients", "visits"]) {
      expect(parts.map((dir) => readFileSync(join(dir, `${name}.csv`), "utf8")).join("")).toBe(readFileSync(join(dummy, `${name}.csv`), "utf8"));
    }
  });

  it("scales the tables without parents; their children follow", () => {
    const small = tempDir();
    expect(runCli(["generate", "--package", join(published, "datapackage.json"), "--output-dir", small, "--scale", "0.1", "--quiet"]).status).toBe(0);
    expect(table("patients", small)).toHaveLength(30);
    const ids = new Set(table("patients", small).map((p) => p.patient_id));
    for (const visit of table("visits", small)) expect(ids.has(visit.patient_id!)).toBe(true);
  });

  it("verifies as a whole after a move, and finds one changed byte in any file", () => {
    const moved = join(tempDir(), "elsewhere");
    cpSync(dummy, moved, { recursive: true });
    const ok = runCli(["verify", "datapackage.json"], { cwd: moved });
    expect(ok.status).toBe(0);
    for (const text of readdirSync(moved).map((f) => readFileSync(join(moved, f), "utf8"))) {
      expect(text).not.toContain(real.dir);
    }
    for (const file of readdirSync(moved)) {
      const copy = join(tempDir(), "copy");
      cpSync(moved, copy, { recursive: true });
      const bytes = readFileSync(join(copy, file));
      bytes[Math.floor(bytes.length / 2)] ^= 1;
      writeFileSync(join(copy, file), bytes);
      const changed = runCli(["verify", join(copy, "datapackage.json")]);
      expect(changed.status, file).not.toBe(0);
    }
  });

  it("refuses to write into the published package's own folder", () => {
    const run = runCli(["generate", "--package", join(published, "datapackage.json"), "--output-dir", published, "--force"]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("bad packages", () => {
  const base = () => {
    const dir = tempDir();
    const real = writeRealPackage(dir);
    return { dir, descriptor: JSON.parse(readFileSync(real.descriptor, "utf8")), file: real.descriptor };
  };
  const cases: Array<[string, (d: Record<string, any>) => void, RegExp]> = [
    ["a foreign key to a missing table", (d) => (d.resources[1].schema.foreignKeys[0].reference.resource = "people"), /resources\/1\/schema\/foreignKeys\/0\/reference\/resource.*"people"/],
    ["a foreign key to a missing column", (d) => (d.resources[1].schema.foreignKeys[0].reference.fields = "person_id"), /reference\/fields.*"person_id"/],
    ["a key cycle", (d) => (d.resources[0].schema.foreignKeys = [{ fields: "patient_id", reference: { resource: "visits", fields: "visit_id" } }]), /cycle/],
    ["a path outside the package", (d) => (d.resources[0].path = "../patients.csv"), /resources\/0\/path.*outside/],
    ["an absolute path", (d) => (d.resources[0].path = "/etc/passwd"), /resources\/0\/path.*outside/],
    ["an unknown Table Schema type", (d) => (d.resources[0].schema.fields[1].type = "colour"), /fields\/1\/type.*"colour"/],
  ];
  it.each(cases)("%s: exit 2, one line naming the place, nothing written", (_name, edit, message) => {
    const { dir, descriptor, file } = base();
    edit(descriptor);
    writeFileSync(file, JSON.stringify(descriptor));
    const out = join(dir, "published");
    const run = runCli(["profile", "--package", file, "--output-dir", out]);
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/datapackage\.json/);
    expect(lines[0]).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });
});
