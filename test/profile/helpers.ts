import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse } from "csv-parse/sync";
import { createUserAjv } from "../../src/schema/ajv.js";
import { readRecords } from "../../src/io/read-table.js";
import { cellTypeOf, typedCell } from "../../src/io/typed-cells.js";

/** The benchmarks' real datasets: tests that read them are skipped in a clone without ../shared. */
export const DATASETS = resolve(import.meta.dirname, "../../../shared/datasets");
export const DATASET_NAMES = ["penguins", "slid", "titanic", "txhousing", "birthwt", "economics", "movies", "ratings"] as const;
export const HAS_DATASETS = existsSync(DATASETS);

export function dataset(name: string): string {
  return join(DATASETS, `${name}.csv`);
}

let folder: string | undefined;

/** A file with this content in a fresh temporary folder (one folder per test file). */
export function tempFile(name: string, content: string | Buffer): string {
  folder ??= mkdtempSync(join(tmpdir(), "synth-profile-test-"));
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

/** CSV text from a header and rows (values quoted when needed). */
export function csv(header: string[], rows: Array<Array<string | number>>): string {
  const quote = (v: string | number) => {
    const text = String(v);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header, ...rows].map((row) => row.map(quote).join(",")).join("\n") + "\n";
}

/**
 * Every row of a table, typed by a schema as synth types CSV cells, checked against the schema with
 * ajv; returns the number of rows and the failures (at most 5).
 */
export async function validateTable(file: string, schema: Record<string, unknown>): Promise<{ rows: number; failures: string[] }> {
  const ajv = createUserAjv("2020-12");
  const validate = ajv.compile(schema);
  const properties = schema.properties as Record<string, unknown>;
  const failures: string[] = [];
  let rows = 0;
  for await (const { line, record } of readRecords(file)) {
    rows++;
    const typed: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) typed[key] = typedCell(value, cellTypeOf(properties[key]));
    if (!validate(typed) && failures.length < 5) failures.push(`line ${line}: ${ajv.errorsText(validate.errors)}`);
  }
  return { rows, failures };
}

/** Rows of a CSV file as objects of strings (csv-parse, independent of synth's reader). */
export function parseCsv(text: string): Array<Record<string, string>> {
  return parse(text, { columns: true, bom: true }) as Array<Record<string, string>>;
}
