import { SynthError } from "../errors/synth-error.js";
import type { Plan } from "../plan/plan.js";
import type { FieldPlan } from "../plan/types/node-plan.js";
import { OMIT } from "../plan/types/object.js";
import { Rng } from "../random/rng.js";
import { csvCell, type OutputFormat, type RecordEncoder } from "../sinks/encoders.js";

/**
 * The text of one record, without separators, for the row the Rng is keyed on. `optimistic`, when
 * present, is a cheaper writer that may emit text needing quotes: a batch it writes is kept only if
 * `plain` accepts the batch's text, and is otherwise written again by the careful writer.
 */
export type RowText = ((rng: Rng, row: number) => string) & { optimistic?: { row: (rng: Rng, row: number) => string; plain: (text: string) => boolean } };

/** The text of rows [from, to) of a run, separators included: the unit workers hand back. */
export type BatchText = (from: number, to: number) => string;

/**
 * A record's text written straight from the plan's fields, without building the record object. Like
 * ajv, the writer is compiled once into a function specialised for the plan: each field gets its own
 * call site (so V8 can inline its sampler), and the per-row path does no lookups by name. The code is
 * built only from field indices; names and samplers are passed in as values, never spliced into it.
 *
 * Byte-identical to `encoder.row(plan.sample(rng, row))` (fields are drawn in the same order from the
 * same Rng; test/generate/row-text.test.ts checks it). Undefined when the plan has no fields or the
 * format needs the generic path.
 */
export function fastRowText(plan: Plan, format: OutputFormat): RowText | undefined {
  const fields = plan.fields;
  const columns = plan.columns;
  if (!fields || !columns || fields.length === 0) return undefined;
  if (format === "csv") return csvRowText(columns, fields);
  return jsonRowText(fields, format === "jsonl" ? "\n" : "");
}

function csvRowText(columns: readonly string[], fields: readonly FieldPlan[]): RowText | undefined {
  // Fields are the columns in the same order, less any whose schema is false (always empty).
  const slot = columns.map((name) => fields.findIndex((f) => f.name === name));
  const order = slot.filter((i) => i >= 0);
  if (order.length !== fields.length || order.some((v, i) => v !== i)) return undefined;
  // Each value is drawn once. The careful writer joins the line raw and checks it as a whole with one
  // regular expression (exactly columns - 1 commas, no quote, CR or LF); only a line that fails is
  // joined again with per-cell quoting. The optimistic writer skips even that: its batches are
  // checked whole by batchText, and a batch that fails is made again by the careful one.
  const draws = fields.map((_, i) => `const v${i} = d${i}(rng, row);`);
  const join = (fn: string) =>
    columns.map((_, i) => (slot[i]! < 0 ? '""' : fn === "raw" ? `(typeof v${slot[i]} === "string" ? v${slot[i]} : raw(v${slot[i]}, names[${i}]))` : `${fn}(v${slot[i]}, names[${i}])`)).join(' + "," + ');
  const body = `return [function csvRow(rng, row) {
    ${draws.join("\n    ")}
    const line = ${join("raw")} + "\\n";
    if (plain.test(line)) return line;
    return ${join("cell")} + "\\n";
  }, function csvRowOptimistic(rng, row) {
    ${draws.join("\n    ")}
    return ${join("raw")} + "\\n";
  }];`;
  const cells = `[^",\\r\\n]*(?:,[^",\\r\\n]*){${columns.length - 1}}\\n`;
  const plain = new RegExp(`^${cells}$`);
  const plainLines = new RegExp(`^(?:${cells})*$`);
  const params = fields.map((_, i) => `d${i}`);
  const factory = new Function("cell", "raw", "plain", "names", ...params, body) as (...args: unknown[]) => [RowText, RowText];
  const [careful, optimistic] = factory(csvCell, csvRaw, plain, columns, ...fields.map((f) => f.draw));
  return Object.assign(careful, { optimistic: { row: optimistic, plain: (text: string) => plainText(plainLines, text) } });
}

/** Whether a batch of optimistic CSV lines needs no quoting; false too if the engine runs out of stack. */
function plainText(plainLines: RegExp, text: string): boolean {
  try {
    return plainLines.test(text);
  } catch {
    return false;
  }
}

/** A cell's text before quoting; the same errors as csvCell. */
function csvRaw(value: unknown, column: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return csvCell(value, column);
}

/** Names whose order in a JS object is not insertion order, or that assignment does not create. */
function reorderedName(name: string): boolean {
  return /^(0|[1-9][0-9]*)$/.test(name) || name === "__proto__";
}

function jsonRowText(fields: readonly FieldPlan[], suffix: string): RowText | undefined {
  if (fields.some((f) => reorderedName(f.name))) return undefined;
  const keys = fields.map((f) => JSON.stringify(f.name) + ":");
  const lines: string[] = ['let text = "{", v;'];
  fields.forEach((_, i) => {
    lines.push(`v = d${i}(rng, row);`);
    // The first present field opens without a comma: "{" is only ever the text so far then.
    lines.push(`if (v !== OMIT && v !== undefined) text += (text.length === 1 ? "" : ",") + keys[${i}] + json(v);`);
  });
  lines.push(`return text + ${JSON.stringify("}" + suffix)};`);
  const params = fields.map((_, i) => `d${i}`);
  const body = `return function jsonRow(rng, row) { ${lines.join("\n")} };`;
  const factory = new Function("OMIT", "keys", "json", ...params, body) as (...args: unknown[]) => RowText;
  return factory(OMIT, keys, jsonValue, ...fields.map((f) => f.draw));
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

/**
 * Rows [from, to) as text. Row i is drawn from an Rng keyed on (seed, i) alone, so a batch is the same
 * text whichever thread or process makes it; JSON separators use the global index for the same reason.
 */
export function batchText(rowText: RowText, encoder: RecordEncoder, seed: number): BatchText {
  const rng = new Rng(seed);
  const rows = (write: (rng: Rng, row: number) => string, from: number, to: number): string => {
    let text = "";
    let row = from;
    try {
      for (; row < to; row++) {
        rng.seedRow(seed, row);
        text += encoder.separator(row) + write(rng, row);
      }
    } catch (error) {
      if (error instanceof SynthError) throw error;
      throw new SynthError("INTERNAL", `generation failed at row ${row}: ${(error as Error).message}`, {}, { cause: error });
    }
    return text;
  };
  const optimistic = rowText.optimistic;
  if (!optimistic) return (from, to) => rows(rowText, from, to);
  // Rows depend only on (seed, row), so a batch made again is the same rows: only quoting differs.
  // Once a batch has needed quoting, later ones are made carefully from the start.
  let quoting = false;
  return (from, to) => {
    if (!quoting) {
      const text = rows(optimistic.row, from, to);
      if (optimistic.plain(text)) return text;
      quoting = true;
    }
    return rows(rowText, from, to);
  };
}
