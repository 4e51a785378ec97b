import { sensitiveWords } from "../report/describe/flags.js";
import { joinPointer } from "../errors/json-pointer.js";
import { SynthError } from "../errors/synth-error.js";
import { isNumeric, isTemporal, schemaColumns, type Code, type ColumnInfo } from "../report/describe/columns.js";
import { loadSchema, prepareSchema, type LoadedSchema } from "../schema/load.js";
import { loadStats, validateStats } from "../stats/load.js";
import type { StatsFile } from "../stats/types.js";
import { buildCoarsening, CoarsenError, type Coarsening, type ValueKind } from "./coarsen.js";
import { FilterSyntaxError, parseFilterObject, parseFilterText, type ParsedFilter, type ValueToken } from "./filter.js";
import { readRequestFile, requestFormatIssues } from "./load.js";
import type { FilterOp, RequestFile, Scalar } from "./types.js";

export interface Issue {
  /** JSON pointer into the request file. */
  pointer: string;
  message: string;
  column?: string;
}

/** A column of the extract: where it comes from and how it is coarsened. */
export interface OutputColumn {
  name: string;
  source: ColumnInfo;
  coarsening?: Coarsening;
  purpose?: string;
  /** The extract column can be empty. */
  nullable: boolean;
}

/** A filter with its column resolved and its values typed. */
export interface ResolvedFilter {
  text: string;
  pointer: string;
  /** The source column read; with `coarsening`, the value is coarsened before comparing. */
  source: string;
  coarsening?: Coarsening;
  op: FilterOp;
  values: Scalar[];
}

export interface CheckInput {
  /** The holder's schema: a path or the schema itself. */
  schema: string | object;
  /** The request: a path or the document itself. */
  request: string | object;
  /** Optional statistics: filters outside the ranges they record are reported as impossible too. */
  stats?: string | StatsFile;
}

export interface CheckResult {
  ok: boolean;
  errors: Issue[];
  warnings: Issue[];
  /** The request file's name, as given (for messages). */
  file: string;
  /** The request document (only meaningful when its format is valid). */
  request: RequestFile;
  dataset: { title: string; id?: string };
  columns: ColumnInfo[];
  output: OutputColumn[];
  filters: ResolvedFilter[];
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** ` (did you mean "x"?)` when a known name is close. */
export function suggestion(name: string, known: string[]): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = distance(name.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? ` (did you mean "${best}"?)` : "";
}

function sourceKind(column: ColumnInfo): ValueKind {
  if (column.codes) return { type: "codes", codes: column.codes };
  if (column.types.length > 0 && column.types.every((t) => t === "boolean")) return { type: "boolean" };
  if (isNumeric(column)) {
    return { type: "number", integer: column.types.every((t) => t === "integer"), ...(column.minimum !== undefined ? { min: column.minimum } : {}), ...(column.maximum !== undefined ? { max: column.maximum } : {}) };
  }
  const temporal = isTemporal(column);
  if (temporal === "date") return { type: "ordered", pattern: /^\d{4}-\d{2}-\d{2}$/, example: "2015-09-01" };
  if (temporal === "datetime") return { type: "ordered", pattern: /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/, example: "2024-01-31T09:00:00Z" };
  return { type: "text" };
}

function showCodes(codes: Code[]): string {
  const shown = codes.slice(0, 12).map((c) => (c.label ? `${String(c.value)} (${c.label})` : String(c.value)));
  return shown.join(", ") + (codes.length > 12 ? `, … (${codes.length} in all)` : "");
}

/** Types one written value against what the column holds; throws a message when it cannot. */
function typeValue(token: ValueToken, kind: ValueKind, column: string): Scalar {
  if (token.json === null || (!token.quoted && token.json === undefined && token.text === "null")) return null;
  switch (kind.type) {
    case "number": {
      const n = typeof token.json === "number" ? token.json : !token.quoted && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(token.text) ? Number(token.text) : NaN;
      if (!Number.isFinite(n)) throw new Error(`"${column}" holds numbers; ${JSON.stringify(token.text)} is not one`);
      return n;
    }
    case "boolean": {
      if (typeof token.json === "boolean") return token.json;
      if (!token.quoted && (token.text === "true" || token.text === "false")) return token.text === "true";
      throw new Error(`"${column}" holds true or false; ${JSON.stringify(token.text)} is neither`);
    }
    case "codes": {
      const code = kind.codes.find((c) => token.json !== undefined && c.value === token.json) ?? kind.codes.find((c) => String(c.value) === token.text);
      if (!code) throw new Error(`code ${JSON.stringify(token.text)} does not exist in column "${column}" (its codes: ${showCodes(kind.codes)})`);
      return code.value;
    }
    case "ordered":
      if (!kind.pattern.test(token.text)) throw new Error(`"${column}" holds values like ${kind.example}; ${JSON.stringify(token.text)} is not one`);
      return token.text;
    case "text":
      return token.text;
  }
}

function compare(a: Scalar, b: Scalar): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

interface Bound {
  value: Scalar;
  inclusive: boolean;
  /** The filter (or the schema/statistics) that set it. */
  by: string;
}

/** Everything the filters on one column allow, to find filters that can never all hold. */
class Allowed {
  lo?: Bound;
  hi?: Bound;
  only?: { values: Scalar[]; by: string };
  excluded: Array<{ value: Scalar; by: string }> = [];

  constructor(
    readonly name: string,
    readonly nullable: boolean,
    readonly universe?: Scalar[],
  ) {}

  bound(side: "lo" | "hi", value: Scalar, inclusive: boolean, by: string): void {
    const current = this[side];
    const tighter = !current || (side === "lo" ? compare(value, current.value) > 0 || (compare(value, current.value) === 0 && !inclusive) : compare(value, current.value) < 0 || (compare(value, current.value) === 0 && !inclusive));
    if (tighter) this[side] = { value, inclusive, by };
  }

  inRange(value: Scalar): boolean {
    if (value === null) return this.lo === undefined && this.hi === undefined;
    if (this.lo && (compare(value, this.lo.value) < 0 || (compare(value, this.lo.value) === 0 && !this.lo.inclusive))) return false;
    if (this.hi && (compare(value, this.hi.value) > 0 || (compare(value, this.hi.value) === 0 && !this.hi.inclusive))) return false;
    return true;
  }

  /** Why no value can pass, or undefined when some can. */
  contradiction(integer: boolean): string | undefined {
    const { lo, hi } = this;
    if (lo && hi && lo.value !== null && hi.value !== null) {
      const c = compare(lo.value, hi.value);
      let empty = c > 0 || (c === 0 && !(lo.inclusive && hi.inclusive));
      if (!empty && integer && typeof lo.value === "number" && typeof hi.value === "number") {
        const first = lo.inclusive ? Math.ceil(lo.value) : Math.floor(lo.value) + 1;
        const last = hi.inclusive ? Math.floor(hi.value) : Math.ceil(hi.value) - 1;
        empty = first > last;
      }
      if (empty) return `no value of "${this.name}" is both ${lo.inclusive ? ">=" : ">"} ${String(lo.value)} (${lo.by}) and ${hi.inclusive ? "<=" : "<"} ${String(hi.value)} (${hi.by})`;
    }
    const excluded = new Set(this.excluded.map((e) => e.value));
    if (this.only) {
      const left = this.only.values.filter((v) => !excluded.has(v) && this.inRange(v) && (this.universe === undefined || this.universe.includes(v)) && (v !== null || this.nullable));
      if (left.length === 0) {
        const why = this.only.values.every((v) => v === null) && !this.nullable ? `"${this.name}" is never empty` : [lo?.by, hi?.by, ...this.excluded.map((e) => e.by)].filter(Boolean).join(", ") || "its range";
        return `${this.only.by} leaves no value of "${this.name}": ${why}`;
      }
    }
    if (this.universe) {
      const left = this.universe.filter((v) => !excluded.has(v) && this.inRange(v));
      if (left.length === 0 && !(this.nullable && !lo && !hi && !excluded.has(null))) {
        return `the filters on "${this.name}" exclude every one of its values (${this.excluded.map((e) => e.by).join(", ") || "by range"})`;
      }
    }
    return undefined;
  }
}

function loadRequestDocument(request: string | object): { document: unknown; file: string } {
  if (typeof request === "string") return { document: readRequestFile(request), file: request };
  return { document: request, file: "<request>" };
}

/**
 * Checks a data request against the holder's schema: its format, every column it names, every code,
 * coarsening and filter; and notes what a reviewer should see (identifiers and special-category data
 * asked for without a stated purpose). Never throws for a bad request: problems are `errors`.
 */
export function checkRequest(input: CheckInput): CheckResult {
  const loaded: LoadedSchema = typeof input.schema === "string" ? loadSchema(input.schema) : prepareSchema(input.schema);
  const stats = input.stats === undefined ? undefined : typeof input.stats === "string" ? loadStats(input.stats) : validateStats(input.stats);
  const { document, file } = loadRequestDocument(input.request);
  const columns = schemaColumns(loaded);
  const byName = new Map(columns.map((c) => [c.name, c]));
  const root = isObject(loaded.schema) ? loaded.schema : {};
  const dataset = { title: typeof root.title === "string" ? root.title : loaded.file, ...(typeof root.$id === "string" ? { id: root.$id } : {}) };
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const result: CheckResult = { ok: false, errors, warnings, file, request: document as RequestFile, dataset, columns, output: [], filters: [] };

  for (const issue of requestFormatIssues(document)) errors.push(issue);
  if (errors.length > 0) return result;
  const request = document as RequestFile;

  if (request.dataset?.id !== undefined && dataset.id !== undefined && request.dataset.id !== dataset.id) {
    warnings.push({ pointer: "/dataset/id", message: `the request was framed against ${request.dataset.id}, but the schema checked against is ${dataset.id}` });
  }
  const blank = (s: string | undefined) => s === undefined || s.trim() === "";
  if (blank(request.requester.organisation)) errors.push({ pointer: "/requester/organisation", message: "the requesting organisation is not filled in" });
  if (blank(request.purpose)) errors.push({ pointer: "/purpose", message: "the purpose is not filled in" });
  if (blank(request.lawfulBasis)) errors.push({ pointer: "/lawfulBasis", message: "the lawful basis is not filled in" });

  // Columns: each named must exist; each selected one may be coarsened.
  const output: OutputColumn[] = [];
  const outputNames = new Map<string, string>();
  for (const [name, entry] of Object.entries(request.columns)) {
    const pointer = joinPointer("/columns", name);
    const column = byName.get(name);
    if (!column) {
      errors.push({ pointer, column: name, message: `unknown column "${name}": the schema has no such column${suggestion(name, [...byName.keys()])}` });
      continue;
    }
    if (!entry.selected) continue;
    let coarsening: Coarsening | undefined;
    if (entry.coarsen !== undefined) {
      try {
        coarsening = buildCoarsening(entry.coarsen, column, request.referenceDate ? { referenceDate: request.referenceDate } : {});
      } catch (error) {
        if (!(error instanceof CoarsenError)) throw error;
        errors.push({ pointer: joinPointer(pointer, "coarsen") + (typeof entry.coarsen === "string" ? "" : error.at), column: name, message: error.message });
        continue;
      }
    }
    const outName = entry.as ?? (coarsening && coarsening.suffix ? `${name}_${coarsening.suffix}` : name);
    const clash = outputNames.get(outName);
    if (clash !== undefined) {
      errors.push({ pointer: joinPointer(pointer, "as"), column: name, message: `the extract would have two columns named "${outName}" (also from "${clash}")` });
      continue;
    }
    outputNames.set(outName, name);
    const nullable = column.nullable || !column.required || coarsening?.introducesNull === true;
    output.push({ name: outName, source: column, ...(coarsening ? { coarsening } : {}), ...(entry.purpose !== undefined ? { purpose: entry.purpose } : {}), nullable });
    const sensitive = [column.identifier ? `${column.identifier.value} identifier` : "", column.specialCategory ? `special category: ${column.specialCategory.value}` : "", column.sensitive ? sensitiveWords(column.sensitive) : ""].filter(Boolean);
    if (sensitive.length > 0 && blank(entry.purpose)) {
      warnings.push({ pointer: joinPointer(pointer, "purpose"), column: name, message: `"${name}" (${sensitive.join(", ")}) is asked for without a stated purpose` });
    }
  }
  if (output.length === 0 && Object.values(request.columns).every((c) => !c.selected)) {
    errors.push({ pointer: "/columns", message: 'no column is selected: set "selected": true on the columns wanted' });
  }
  result.output = output;

  // Filters: a column of the schema (its value as held) or of the extract (its value as coarsened).
  const allowed = new Map<string, { allowed: Allowed; integer: boolean }>();
  (request.filters ?? []).forEach((raw, i) => {
    const pointer = `/filters/${i}`;
    let parsed: ParsedFilter;
    try {
      parsed = typeof raw === "string" ? parseFilterText(raw) : parseFilterObject(raw);
    } catch (error) {
      if (!(error instanceof FilterSyntaxError)) throw error;
      errors.push({ pointer, message: `cannot read filter ${JSON.stringify(typeof raw === "string" ? raw : JSON.stringify(raw))}: ${error.message}` });
      return;
    }
    const source = byName.get(parsed.column);
    const derived = source ? undefined : output.find((o) => o.name === parsed.column && o.coarsening);
    if (!source && !derived) {
      const known = [...byName.keys(), ...output.map((o) => o.name)];
      errors.push({ pointer, column: parsed.column, message: `filter "${parsed.text}" names unknown column "${parsed.column}"${suggestion(parsed.column, known)}` });
      return;
    }
    const column = source ?? derived!.source;
    const coarsening = derived?.coarsening;
    const kind = coarsening ? coarsening.kind : sourceKind(column);
    const nullable = source ? column.nullable || !column.required : derived!.nullable;
    const ordered = kind.type === "number" || kind.type === "ordered";
    if (["<", "<=", ">", ">="].includes(parsed.op) && !ordered) {
      errors.push({ pointer, column: parsed.column, message: `filter "${parsed.text}": "${parsed.column}" holds ${kind.type === "codes" ? "codes" : kind.type === "boolean" ? "true/false values" : "text"}, which have no order; use =, !=, in or not in` });
      return;
    }
    let values: Scalar[];
    try {
      values = parsed.values.map((token) => typeValue(token, kind, parsed.column));
    } catch (error) {
      errors.push({ pointer, column: parsed.column, message: `filter "${parsed.text}": ${(error as Error).message}` });
      return;
    }
    if (values.includes(null) && ["<", "<=", ">", ">="].includes(parsed.op)) {
      errors.push({ pointer, column: parsed.column, message: `filter "${parsed.text}": nothing is ${parsed.op} null; use = null or != null` });
      return;
    }
    result.filters.push({ text: parsed.text, pointer, source: column.name, ...(coarsening ? { coarsening } : {}), op: parsed.op, values });

    // What this filter and the others on the same column leave.
    let entry = allowed.get(parsed.column);
    if (!entry) {
      const universe = kind.type === "codes" ? kind.codes.map((c) => c.value as Scalar) : kind.type === "boolean" ? [true, false] : undefined;
      entry = { allowed: new Allowed(parsed.column, nullable, universe), integer: kind.type === "number" && kind.integer };
      const a = entry.allowed;
      if (kind.type === "number") {
        if (kind.min !== undefined) a.bound("lo", kind.min, !column.exclusiveMinimum, `the schema's minimum`);
        if (kind.max !== undefined) a.bound("hi", kind.max, !column.exclusiveMaximum, `the schema's maximum`);
      }
      const columnStats = stats?.columns[column.name];
      if (columnStats && "quantiles" in columnStats && columnStats.quantiles && columnStats.quantiles.length > 0 && (!coarsening || coarsening.monotone)) {
        const q = columnStats.quantiles as Array<[number, Scalar]>;
        let [min, max] = [q[0]![1], q[q.length - 1]![1]];
        if (coarsening) {
          [min, max] = [coarsening.apply(min) as Scalar, coarsening.apply(max) as Scalar];
          if (coarsening.monotone === "down") [min, max] = [max, min];
        }
        a.bound("lo", min, true, `the statistics' smallest value`);
        a.bound("hi", max, true, `the statistics' largest value`);
      }
      allowed.set(parsed.column, entry);
    }
    const a = entry.allowed;
    const by = `filter ${i + 1}, "${parsed.text}"`;
    switch (parsed.op) {
      case "<":
      case "<=":
        a.bound("hi", values[0]!, parsed.op === "<=", by);
        break;
      case ">":
      case ">=":
        a.bound("lo", values[0]!, parsed.op === ">=", by);
        break;
      case "=":
      case "in": {
        const previous = a.only?.values;
        a.only = { values: previous ? values.filter((v) => previous.includes(v)) : values, by: previous ? `${a.only!.by} with ${by}` : by };
        break;
      }
      case "!=":
      case "not in":
        for (const value of values) a.excluded.push({ value, by });
        break;
    }
    const why = a.contradiction(entry.integer);
    if (why) errors.push({ pointer, column: parsed.column, message: `impossible filter: ${why}` });
  });
  result.ok = errors.length === 0;
  return result;
}

/** checkRequest for callers that need a usable request: the first error (in file order) is thrown. */
export function assertRequest(result: CheckResult): CheckResult {
  const first = result.errors[0];
  if (first) throw requestError(result, first);
  return result;
}

export function requestError(result: CheckResult, issue: Issue): SynthError {
  const suffix = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more problem${result.errors.length > 2 ? "s" : ""}: run \`synth request check\`)` : "";
  return new SynthError("REQUEST_INVALID", issue.message + suffix, { file: result.file, pointer: issue.pointer });
}

