/**
 * The part of a CHECK constraint JSON Schema can say, read from the server's own rendering of it
 * (pg_get_constraintdef): comparisons with constants (ranges), `= ANY (ARRAY[...])` (IN lists) and
 * char_length/length comparisons (lengths), joined by AND, on one column. Anything else is left
 * out, and said to be: the server still enforces it, and a dummy row that breaks it is refused.
 */

export interface CheckFacts {
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  enum?: Array<string | number>;
}

/** Strips one pair of parentheses that encloses the whole text. */
function unwrap(text: string): string {
  let t = text.trim();
  for (;;) {
    if (!t.startsWith("(") || !t.endsWith(")")) return t;
    let depth = 0;
    let inString = false;
    let closesAtEnd = true;
    for (let i = 0; i < t.length; i++) {
      const c = t[i];
      if (inString) {
        if (c === "'") inString = t[i + 1] === "'" ? (i++, true) : false;
        continue;
      }
      if (c === "'") inString = true;
      else if (c === "(") depth++;
      else if (c === ")" && --depth === 0 && i < t.length - 1) {
        closesAtEnd = false;
        break;
      }
    }
    if (!closesAtEnd) return t;
    t = t.slice(1, -1).trim();
  }
}

/** Splits on a separator where it stands at the top level: outside parentheses and '…' strings ('' inside one is a quote). */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inString = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "'") inString = text[i + 1] === "'" ? (i++, true) : false;
      continue;
    }
    if (c === "'") inString = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (depth === 0 && text.startsWith(separator, i)) {
      parts.push(text.slice(start, i));
      start = i + separator.length;
      i += separator.length - 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Splits on AND at the top level. */
function conjuncts(text: string): string[] {
  return splitTopLevel(text, " AND ").map(unwrap);
}

/** The column as the server writes it: name, "Name", (name)::text. */
function columnPattern(column: string): string {
  const bare = /^[a-z_][a-z0-9_$]*$/.test(column) ? column : `"${column.replace(/"/g, '""')}"`;
  const escaped = bare.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return `\\(?${escaped}\\)?(?:::[a-z ]+(?:\\[\\])?)?`;
}

/** A constant: 5, 2.5, (0)::numeric, '-5'::integer, 'F'::text, 'F'::character varying. */
const CONSTANT = String.raw`(\(?-?[0-9.]+(?:e[+-]?[0-9]+)?\)?(?:::[a-z ]+)?|'(?:[^']|'')*'(?:::[a-z ]+)?)`;

function constantValue(text: string): string | number | undefined {
  const t = text.trim().replace(/::[a-z ]+$/, "").trim();
  const stripped = t.replace(/^\((.*)\)$/, "$1");
  if (/^-?[0-9.]+(?:e[+-]?[0-9]+)?$/.test(stripped)) return Number(stripped);
  const quoted = /^'((?:[^']|'')*)'$/.exec(t);
  if (quoted) return quoted[1]!.replace(/''/g, "'");
  return undefined;
}

function numericConstant(text: string): number | undefined {
  const value = constantValue(text);
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^-?[0-9.]+(?:e[+-]?[0-9]+)?$/.test(value)) return Number(value);
  return undefined;
}

const FLIP: Record<string, string> = { ">=": "<=", "<=": ">=", ">": "<", "<": ">", "=": "=" };

function applyBound(facts: CheckFacts, op: string, value: number, length: boolean): boolean {
  if (length) {
    if (op === ">=") facts.minLength = Math.max(facts.minLength ?? 0, Math.ceil(value));
    else if (op === ">") facts.minLength = Math.max(facts.minLength ?? 0, Math.floor(value) + 1);
    else if (op === "<=") facts.maxLength = Math.min(facts.maxLength ?? Infinity, Math.floor(value));
    else if (op === "<") facts.maxLength = Math.min(facts.maxLength ?? Infinity, Math.ceil(value) - 1);
    else if (op === "=") {
      facts.minLength = Math.max(facts.minLength ?? 0, value);
      facts.maxLength = Math.min(facts.maxLength ?? Infinity, value);
    } else return false;
    return true;
  }
  if (op === ">=") facts.minimum = Math.max(facts.minimum ?? -Infinity, value);
  else if (op === ">") facts.exclusiveMinimum = Math.max(facts.exclusiveMinimum ?? -Infinity, value);
  else if (op === "<=") facts.maximum = Math.min(facts.maximum ?? Infinity, value);
  else if (op === "<") facts.exclusiveMaximum = Math.min(facts.exclusiveMaximum ?? Infinity, value);
  else return false;
  return true;
}

/** The items of an IN (...) list. */
function splitList(text: string): string[] {
  return splitTopLevel(text, ",").map((s) => s.trim());
}

/** One conjunct into facts; false when it says something JSON Schema cannot (or this reader does not). */
function readConjunct(text: string, column: string, facts: CheckFacts): boolean {
  const col = columnPattern(column);
  if (/ IS NOT NULL$/.test(text) && new RegExp(`^${col} IS NOT NULL$`).test(text)) return true;
  const compare = new RegExp(`^(?:${col}|(?:char_length|length)\\(${col}\\))\\s*(>=|<=|>|<|=)\\s*${CONSTANT}$`).exec(text);
  if (compare) {
    const length = /^(?:char_length|length)\(/.test(text);
    const value = numericConstant(compare[2]!);
    if (value === undefined) return false;
    return applyBound(facts, compare[1]!, value, length);
  }
  const reversed = new RegExp(`^${CONSTANT}\\s*(>=|<=|>|<)\\s*(?:${col}|(?:char_length|length)\\(${col}\\))$`).exec(text);
  if (reversed) {
    const value = numericConstant(reversed[1]!);
    if (value === undefined) return false;
    return applyBound(facts, FLIP[reversed[2]!]!, value, /(?:char_length|length)\(/.test(text));
  }
  const list = new RegExp(`^${col}\\s*=\\s*ANY\\s*\\(\\(?ARRAY\\[(.*?)\\]\\)?(?:::[a-z ]+\\[\\])?\\)$`).exec(text);
  if (list) {
    const values = splitList(list[1]!).map(constantValue);
    if (values.some((v) => v === undefined)) return false;
    const allowed = values as Array<string | number>;
    facts.enum = facts.enum ? facts.enum.filter((v) => allowed.includes(v)) : allowed;
    return true;
  }
  return false;
}

/** What a single-column CHECK says, or undefined when any part of it is beyond JSON Schema (or this reader). */
export function checkFacts(definition: string, column: string): CheckFacts | undefined {
  const body = /^CHECK \((.*)\)(?: NOT VALID)?$/s.exec(definition.trim())?.[1];
  if (body === undefined) return undefined;
  const facts: CheckFacts = {};
  for (const part of conjuncts(unwrap(body))) if (!readConjunct(part, column, facts)) return undefined;
  return facts;
}
