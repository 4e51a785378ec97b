import type { FilterObject, FilterOp, Scalar } from "./types.js";
import { FILTER_OPS } from "./types.js";

/**
 * Row filters. The text form is `column op value`, e.g. `age_years <= 16`, `sex in [1, 2]`,
 * `ethnic_category != "Z"`, `bmi_centile != null`: a tiny grammar read by hand, never evaluated.
 */

/** A value as written: bare tokens are typed later, against the column they compare with. */
export interface ValueToken {
  text: string;
  /** Quoted in the text form, or a JSON string in the object form: always a string. */
  quoted: boolean;
  /** The JSON value, for the object form. */
  json?: Scalar;
}

export interface ParsedFilter {
  column: string;
  op: FilterOp;
  values: ValueToken[];
  /** How the filter reads, for summaries. */
  text: string;
}

export class FilterSyntaxError extends Error {}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const OPERATOR = /^(<=|>=|!=|==|=|<|>|not\s+in\b|in\b)/i;

function readValue(input: string, at: number): { token: ValueToken; next: number } {
  const rest = input.slice(at);
  const quote = rest[0];
  if (quote === '"' || quote === "'") {
    let text = "";
    let i = 1;
    for (; i < rest.length && rest[i] !== quote; i++) {
      if (rest[i] === "\\" && i + 1 < rest.length) i++;
      text += rest[i];
    }
    if (i >= rest.length) throw new FilterSyntaxError(`unterminated quoted value starting at character ${at + 1}`);
    return { token: { text, quoted: true }, next: at + i + 1 };
  }
  const bare = /^[^\s,[\]"']+/.exec(rest);
  if (!bare) throw new FilterSyntaxError(`expected a value at character ${at + 1}`);
  return { token: { text: bare[0], quoted: false }, next: at + bare[0].length };
}

function skipSpace(input: string, at: number): number {
  while (at < input.length && /\s/.test(input[at]!)) at++;
  return at;
}

/** Parses the text form; throws FilterSyntaxError with a reason a person can act on. */
export function parseFilterText(input: string): ParsedFilter {
  let at = skipSpace(input, 0);
  const name = NAME.exec(input.slice(at));
  if (!name) throw new FilterSyntaxError(`expected a column name at the start, as in "age_years <= 16"`);
  at = skipSpace(input, at + name[0].length);
  const operator = OPERATOR.exec(input.slice(at));
  if (!operator) throw new FilterSyntaxError(`expected an operator (${FILTER_OPS.join(", ")}) after "${name[0]}"`);
  let op = operator[1]!.toLowerCase().replace(/\s+/g, " ") as FilterOp | "==";
  if (op === "==") op = "=";
  at = skipSpace(input, at + operator[0].length);
  const values: ValueToken[] = [];
  if (op === "in" || op === "not in") {
    if (input[at] !== "[") throw new FilterSyntaxError(`"${op}" takes a list in brackets, as in "sex in [1, 2]"`);
    at = skipSpace(input, at + 1);
    while (input[at] !== "]") {
      const { token, next } = readValue(input, at);
      values.push(token);
      at = skipSpace(input, next);
      if (input[at] === ",") at = skipSpace(input, at + 1);
      else if (input[at] !== "]") throw new FilterSyntaxError(`expected "," or "]" at character ${at + 1}`);
    }
    at++;
    if (values.length === 0) throw new FilterSyntaxError(`the list after "${op}" is empty`);
  } else {
    const { token, next } = readValue(input, at);
    values.push(token);
    at = next;
  }
  at = skipSpace(input, at);
  if (at < input.length) throw new FilterSyntaxError(`unexpected "${input.slice(at)}" after the value (one condition per filter; list several filters to combine them)`);
  return { column: name[0], op, values, text: input.trim().replace(/\s+/g, " ") };
}

function tokenOf(value: Scalar): ValueToken {
  return { text: value === null ? "null" : String(value), quoted: typeof value === "string", json: value };
}

function show(token: ValueToken): string {
  return token.quoted ? JSON.stringify(token.text) : token.text;
}

export function parseFilterObject(filter: FilterObject): ParsedFilter {
  const list = Array.isArray(filter.value);
  if ((filter.op === "in" || filter.op === "not in") !== list) {
    throw new FilterSyntaxError(list ? `a list of values needs the operator "in" or "not in"` : `"${filter.op}" takes a list of values`);
  }
  const values = (Array.isArray(filter.value) ? filter.value : [filter.value]).map(tokenOf);
  const text = `${filter.column} ${filter.op} ${list ? `[${values.map(show).join(", ")}]` : show(values[0]!)}`;
  return { column: filter.column, op: filter.op, values, text };
}
