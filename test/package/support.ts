import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** A small deterministic stream of numbers in [0, 1), so the test tables are the same on every run. */
function stream(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export interface RealPackage {
  dir: string;
  descriptor: string;
  /** Visits per patient, as written. */
  visitsPerPatient: number[];
}

/**
 * A made-up clinic: 300 patients and their visits (0 to 9 each, 2 to 4 most often), each visit
 * repeating the patient's sex and enrolment date and coming after it, some referred by another patient. Written as CSV with a Data Package
 * descriptor whose Table Schemas declare the keys.
 */
export function writeRealPackage(dir: string): RealPackage {
  const random = stream(7);
  const patients = ["patient_id,sex,region,enrolled"];
  const visits = ["visit_id,patient_id,sex,enrolled,visit_date,referred_by,reason"];
  const visitsPerPatient: number[] = [];
  let visitId = 5000;
  for (let p = 0; p < 300; p++) {
    const id = 1000 + p * 3;
    const sex = random() < 0.52 ? "F" : "M";
    const region = ["North", "South", "East", "West"][Math.floor(random() * 4)]!;
    const enrolled = `20${10 + Math.floor(random() * 10)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 10)}`;
    const enrolledDay = Date.parse(`${enrolled}T00:00:00Z`);
    patients.push(`${id},${sex},${region},${enrolled}`);
    const u = random();
    const count = u < 0.08 ? 0 : u < 0.2 ? 1 : u < 0.8 ? 2 + Math.floor(random() * 3) : 5 + Math.floor(random() * 5);
    visitsPerPatient.push(count);
    for (let v = 0; v < count; v++) {
      const referred = random() < 0.6 ? "" : String(1000 + Math.floor(random() * 300) * 3);
      const reason = ["review", "new problem", "vaccination", "test results"][Math.floor(random() * 4)]!;
      // A visit comes after enrolment: 1 to 4 years after.
      const visitDate = new Date(enrolledDay + (365 + Math.floor(random() * 1100)) * 86400000).toISOString().slice(0, 10);
      visits.push(`${visitId++},${id},${sex},${enrolled},${visitDate},${referred},${reason}`);
    }
  }
  writeFileSync(join(dir, "patients.csv"), patients.join("\n") + "\n");
  writeFileSync(join(dir, "visits.csv"), visits.join("\n") + "\n");
  const descriptor = {
    name: "clinic",
    title: "A made-up clinic",
    resources: [
      {
        name: "patients",
        path: "patients.csv",
        schema: {
          fields: [
            { name: "patient_id", type: "integer", constraints: { required: true } },
            { name: "sex", type: "string", constraints: { enum: ["F", "M"] } },
            { name: "region", type: "string" },
            { name: "enrolled", type: "date" },
          ],
          primaryKey: "patient_id",
        },
      },
      {
        name: "visits",
        path: "visits.csv",
        schema: {
          fields: [
            { name: "visit_id", type: "integer" },
            { name: "patient_id", type: "integer", constraints: { required: true } },
            { name: "sex", type: "string", constraints: { enum: ["F", "M"] } },
            { name: "enrolled", type: "date" },
            { name: "visit_date", type: "date" },
            { name: "referred_by", type: "integer" },
            { name: "reason", type: "string" },
          ],
          primaryKey: ["visit_id"],
          foreignKeys: [
            { fields: "patient_id", reference: { resource: "patients", fields: "patient_id" } },
            { fields: ["referred_by"], reference: { resource: "patients", fields: ["patient_id"] } },
          ],
        },
      },
    ],
  };
  const file = join(dir, "datapackage.json");
  writeFileSync(file, JSON.stringify(descriptor, null, 2));
  return { dir, descriptor: file, visitsPerPatient };
}

/** Parses synth's CSV output (no quoted commas in these tables). */
export function readCsv(text: string): Array<Record<string, string>> {
  const [header, ...lines] = text.trimEnd().split("\n");
  const names = header!.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((cell, i) => [names[i]!, cell])));
}

/** 1 - the Kolmogorov-Smirnov statistic between two samples of counts (SDMetrics' CardinalityShapeSimilarity). */
export function shapeSimilarity(a: number[], b: number[]): number {
  const sa = [...a].sort((x, y) => x - y);
  const sb = [...b].sort((x, y) => x - y);
  const cdf = (s: number[], x: number) => {
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo / s.length;
  };
  let worst = 0;
  for (const x of new Set([...sa, ...sb])) worst = Math.max(worst, Math.abs(cdf(sa, x) - cdf(sb, x)));
  return 1 - worst;
}
