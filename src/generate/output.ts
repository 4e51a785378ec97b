import type { Writable } from "node:stream";
import { SynthError } from "../errors/synth-error.js";
import { csvEncoder, jsonArrayEncoder, jsonLinesEncoder, type OutputFormat, type RecordEncoder } from "../sinks/encoders.js";
import { writeRecords } from "../sinks/write-records.js";
import type { Compiled } from "./compile.js";
import { sampleRows } from "./rows.js";

export interface RangeOutput {
  format: OutputFormat;
  /** First row (inclusive) and end (exclusive) of this range of the run. */
  from: number;
  to: number;
  /** Total rows of the whole run: the JSON array closes only after the last. */
  total: number;
  /** CSV header row (default: only when the range starts the run). */
  header?: boolean;
}

export function encoderFor(compiled: Compiled, output: RangeOutput): RecordEncoder {
  const { plan } = compiled;
  if (output.format === "csv") {
    if (!plan.columns) {
      throw new SynthError("CSV_NESTED_VALUE", "CSV needs a schema whose records are objects with properties: use --format jsonl or json");
    }
    const nested = plan.nestedColumns[0];
    if (nested !== undefined) {
      throw new SynthError("CSV_NESTED_VALUE", "can hold nested values (objects or arrays), which CSV cannot represent: use --format jsonl or json", { column: nested, pointer: `/properties/${nested}` });
    }
    return csvEncoder(plan.columns, { header: output.header ?? output.from === 0 });
  }
  if (output.format === "jsonl") return jsonLinesEncoder;
  return jsonArrayEncoder({ first: output.from === 0, last: output.to === output.total });
}

/** Writes rows from..to of a compiled run to a stream in the chosen format. */
export async function writeRange(compiled: Compiled, output: RangeOutput, out: Writable): Promise<number> {
  const encoder = encoderFor(compiled, output);
  return writeRecords(sampleRows(compiled.plan, compiled.seed, output.from, output.to), encoder, out, output.from);
}
