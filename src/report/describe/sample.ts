import { parse } from "csv-parse/sync";
import { SynthError } from "../../errors/synth-error.js";
import { parseJsonText, readTextFile } from "../../io/json-file.js";

/** Records of a dummy sample, as read: CSV cells are strings (empty cell = no value). */
export type SampleRecord = Record<string, unknown>;

/** Reads a dummy sample written by `synth generate`: CSV, JSON Lines or a JSON array, by extension. */
export function readSample(path: string): SampleRecord[] {
  const text = readTextFile(path);
  const lower = path.toLowerCase();
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
    return text
      .split(/\r?\n/)
      .map((line, i) => ({ line, i }))
      .filter(({ line }) => line.trim() !== "")
      .map(({ line, i }) => {
        const record = parseJsonText(line, `${path}:${i + 1}`);
        if (record === null || typeof record !== "object" || Array.isArray(record)) {
          throw new SynthError("DATA_INVALID", "each line of the sample must be a JSON object", { file: path, line: i + 1 });
        }
        return record as SampleRecord;
      });
  }
  if (lower.endsWith(".json")) {
    const records = parseJsonText(text, path);
    if (!Array.isArray(records)) throw new SynthError("DATA_INVALID", "a JSON sample must be an array of records", { file: path });
    return records as SampleRecord[];
  }
  try {
    return parse(text, { columns: true, skip_empty_lines: true, bom: true }) as SampleRecord[];
  } catch (error) {
    const e = error as { message: string; lines?: number };
    throw new SynthError("CSV_MALFORMED", e.message.replace(/^Invalid [^:]*: /, ""), { file: path, ...(e.lines ? { line: e.lines } : {}) });
  }
}

/** A sample value counts as empty when absent, null or an empty CSV cell. */
export function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

/** Renders a sample value for a dictionary: strings as they are, everything else as JSON. */
export function showValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
