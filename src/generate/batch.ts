import { SynthError } from "../errors/synth-error.js";
import type { Plan } from "../plan/plan.js";
import type { FieldPlan } from "../plan/types/node-plan.js";
import { OMIT } from "../plan/types/object.js";
import { isPlain, numberText } from "../plan/plain-text.js";
import { Rng } from "../random/rng.js";
import { ByteBatch } from "../sinks/byte-batch.js";
import { csvCell, type OutputFormat, type RecordEncoder } from "../sinks/encoders.js";

/** The text of one record, without separators, for the row the Rng is keyed on. */
export type RowText = (rng: Rng, row: number) => string;

/**
 * A record's text written straight from the plan's fields, without building the record object. Like
 * ajv, the writer is compiled once into a function specialised for the plan: each field gets its own
 * call site (so V8 can inline its sampler), and the per-row path does no lookups by name. Fields whose
 * samplers are plain (plan/plain-text.ts) are written as they are; only the others pass through the
 * quoting or escaping function. The code is built only from field indices; names and samplers are
 * passed in as values, never spliced into it.
 *
 * Byte-identical to `encoder.row(plan.sample(rng, row))` (fields are drawn in the same order from the
 * same Rng; test/generate/row-text.test.ts checks it). Undefined when the plan has no fields or the
 * format needs the generic path.
 */
export function fastRowText(plan: Plan, format: OutputFormat): RowText | undefined {
  const fields = plan.fields;
  const columns = plan.columns;
  if (!fields || !columns || fields.length === 0) return undefined;
  // One column: an empty row must not be a blank line (the encoder sees to it), so no fast path.
  if (format === "csv") return columns.length > 1 ? csvRowText(columns, fields) : undefined;
  return jsonRowText(fields, format === "jsonl" ? "\n" : "");
}

function csvRowText(columns: readonly string[], fields: readonly FieldPlan[]): RowText | undefined {
  // Fields are the columns in the same order, less any whose schema is false (always empty).
  const slot = columns.map((name) => fields.findIndex((f) => f.name === name));
  const order = slot.filter((i) => i >= 0);
  if (order.length !== fields.length || order.some((v, i) => v !== i)) return undefined;
  const draws = fields.map((_, i) => `const v${i} = d${i}(rng, row);`);
  const cells = columns.map((_, i) => {
    const k = slot[i]!;
    if (k < 0) return '""';
    // A plain value (or a number's text) needs no quoting; the empty ones (null, OMIT) are the only
    // ones to look at.
    return isPlain(fields[k]!.draw) ? `(v${k} == null || v${k} === OMIT ? "" : v${k})` : `cell(v${k}, names[${i}])`;
  });
  const body = `return function csvRow(rng, row) {
    ${draws.join("\n    ")}
    return "" + ${cells.join(' + "," + ')} + "\\n";
  };`;
  const factory = new Function("cell", "OMIT", "names", ...fields.map((_, i) => `d${i}`), body) as (...args: unknown[]) => RowText;
  return factory(csvCell, OMIT, columns, ...fields.map(textOrValue));
}

/** The sampler a writer calls for a field: the one giving its text directly, when there is one. */
function textOrValue(field: FieldPlan): FieldPlan["draw"] {
  return numberText(field.draw) ?? field.draw;
}

/** Names whose order in a JS object is not insertion order, or that assignment does not create. */
function reorderedName(name: string): boolean {
  return /^(0|[1-9][0-9]*)$/.test(name) || name === "__proto__";
}

function jsonRowText(fields: readonly FieldPlan[], suffix: string): RowText | undefined {
  if (fields.some((f) => reorderedName(f.name))) return undefined;
  const keys = fields.map((f) => JSON.stringify(f.name) + ":");
  const lines: string[] = ['let text = "{", v;'];
  fields.forEach((field, i) => {
    lines.push(`v = d${i}(rng, row);`);
    // A plain string needs no escaping, and "" + v is JSON's text for null, booleans and numbers.
    const text = numberText(field.draw) ? "v" : isPlain(field.draw) ? `(typeof v === "string" ? '"' + v + '"' : "" + v)` : "json(v)";
    // The first present field opens without a comma: "{" is only ever the text so far then.
    lines.push(`if (v !== OMIT && v !== undefined) text += (text.length === 1 ? "" : ",") + keys[${i}] + ${text};`);
  });
  lines.push(`return text + ${JSON.stringify("}" + suffix)};`);
  const params = fields.map((_, i) => `d${i}`);
  const body = `return function jsonRow(rng, row) { ${lines.join("\n")} };`;
  const factory = new Function("OMIT", "keys", "json", ...params, body) as (...args: unknown[]) => RowText;
  return factory(OMIT, keys, jsonValue, ...fields.map(textOrValue));
}

/** Strings that JSON.stringify would escape: quote, backslash, controls, and any surrogate. */
const JSON_ESCAPES = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify(value), with the common case of a plain string done without the call. */
function jsonValue(value: unknown): string {
  if (typeof value === "string") return JSON_ESCAPES.test(value) ? JSON.stringify(value) : '"' + value + '"';
  return JSON.stringify(value) as string;
}

/** The fast path when the plan allows it, else the generic one: sample the record, then encode it. */
export function rowTextFor(plan: Plan, format: OutputFormat, encoder: RecordEncoder): RowText {
  const fast = fastRowText(plan, format);
  if (fast) return fast;
  const sample = plan.sample;
  return (rng, row) => encoder.row(sample(rng, row), row);
}

/** Rows [from, to) of a run, appended to a batch as UTF-8: the unit workers hand back. */
export type BatchWriter = (from: number, to: number, into: ByteBatch) => void;

/** Text goes into the batch's bytes in pieces of about this many characters. */
const PIECE_CHARS = 4096;

/**
 * Rows [from, to) as bytes. Row i is drawn from an Rng keyed on (seed, i) alone, so a batch is the
 * same whichever thread or process makes it; JSON separators use the global index for the same
 * reason. Rows are joined into pieces of a few kilobytes before being encoded: small strings that
 * die young, where one string per batch would live long enough to be copied by every collection.
 */
export function batchWriter(rowText: RowText, encoder: RecordEncoder, seed: number): BatchWriter {
  const rng = new Rng(seed);
  const separated = encoder.separated;
  return (from, to, into) => {
    let text = "";
    let row = from;
    try {
      for (; row < to; row++) {
        rng.seedRow(seed, row);
        text += separated ? encoder.separator(row) + rowText(rng, row) : rowText(rng, row);
        if (text.length >= PIECE_CHARS) {
          into.append(text);
          text = "";
        }
      }
    } catch (error) {
      if (error instanceof SynthError) throw error;
      throw new SynthError("INTERNAL", `generation failed at row ${row}: ${(error as Error).message}`, {}, { cause: error });
    }
    into.append(text);
  };
}

/** Rows [from, to) as one string (for tests and small runs). */
export function batchText(write: BatchWriter): (from: number, to: number) => string {
  return (from, to) => {
    const batch = new ByteBatch(Buffer.allocUnsafeSlow(PIECE_CHARS * 4));
    write(from, to, batch);
    return batch.toString();
  };
}
