import { SynthError } from "../errors/synth-error.js";
import { OMIT } from "../plan/types/object.js";

export type OutputFormat = "csv" | "jsonl" | "json";
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["csv", "jsonl", "json"];

/** Turns records into text; `header` and `footer` frame the whole output, `row` is called per record. */
export interface RecordEncoder {
  header(): string;
  row(record: unknown, index: number): string;
  /** Text before record `index`, counted over the whole run, so that ranges concatenate exactly. */
  separator(index: number): string;
  /** False when `separator` is always empty (CSV, JSON Lines): writers then skip calling it. */
  separated: boolean;
  footer(): string;
}

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One RFC 4180 cell. Written here rather than through csv-stringify because it is the innermost loop
 * of generation; test/sinks/csv.test.ts proves every output parses back with csv-parse.
 */
export function csvCell(value: unknown, column: string): string {
  if (value === null || value === undefined || value === OMIT) return "";
  switch (typeof value) {
    case "string":
      return NEEDS_QUOTES.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
    case "number":
    case "boolean":
      return String(value);
    default:
      throw new SynthError("CSV_NESTED_VALUE", "holds nested values (objects or arrays), which CSV cannot represent: use --format jsonl or json", { column });
  }
}

export function csvEncoder(columns: readonly string[], options: { header: boolean }): RecordEncoder {
  const count = columns.length;
  return {
    header: () => (options.header ? columns.map((c) => csvCell(c, c)).join(",") + "\n" : ""),
    row: (record) => {
      const values = record as Record<string, unknown>;
      let line = csvCell(values[columns[0]!], columns[0]!);
      for (let i = 1; i < count; i++) line += "," + csvCell(values[columns[i]!], columns[i]!);
      // One column and no value: a blank line is what readers skip (csv-parse, Python's csv, profile),
      // and the row with it. An empty quoted field keeps the row, as Python's csv writer does.
      return line === "" ? '""\n' : line + "\n";
    },
    separator: () => "",
    separated: false,
    footer: () => "",
  };
}

export const jsonLinesEncoder: RecordEncoder = {
  header: () => "",
  row: (record) => JSON.stringify(record) + "\n",
  separator: () => "",
  separated: false,
  footer: () => "",
};

/**
 * A JSON array, one record per line. `first` tells whether the range starts the whole output, so that
 * shards concatenate into exactly the text of one run.
 */
export function jsonArrayEncoder(options: { first: boolean; last: boolean }): RecordEncoder {
  return {
    header: () => (options.first ? "[\n" : ""),
    row: (record) => JSON.stringify(record),
    separator: (index) => (index === 0 ? "" : ",\n"),
    separated: true,
    footer: () => (options.last ? "\n]\n" : ""),
  };
}
