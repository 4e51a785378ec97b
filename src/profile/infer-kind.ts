import type { ColumnAccumulator } from "./column-accumulator.js";
import type { DeclaredColumn, NumberBounds } from "./declared-schema.js";
import { chooseCodeList, isWordText } from "./text-kind.js";

/**
 * Decides what each column is from what one pass saw: its JSON type (the most specific type every
 * value reads as, so the real data validates) and its statistics kind (which decides what may be
 * published about it).
 */

export type ColumnKind = "categorical" | "number" | "date" | "datetime" | "string" | "boolean" | "identifier";
export type ValueType = "integer" | "number" | "string" | "boolean";

export interface ColumnDecision {
  name: string;
  kind: ColumnKind;
  valueType: ValueType;
  format?: "date" | "date-time";
  /** A named synth identifier type every value validates as ("nhs-number", ...): also the schema format. */
  identifierType?: string;
  /** Some rows have no value. */
  nullable: boolean;
  /** Every row has the key (always true for CSV). */
  required: boolean;
  /** Why this kind, in a few words (shown by --verbose output and in tests). */
  reason: string;
  /** Text: its values are lists of codes joined by this delimiter (written in ascending order when sorted). */
  codeList?: { delimiter: string; sorted: boolean };
  /** Text: its values are words. */
  words?: boolean;
  /** Numbers: the declared schema's range, which a published distribution must keep to. */
  bounds?: NumberBounds;
}

export interface KindRules {
  /** K: values seen fewer times are never published. */
  minCount: number;
  /**
   * Numeric columns with at most this many distinct values are codes, published as categories (so a
   * code held by fewer than K records is withheld, as any category is, rather than appearing as a
   * quantile of a distribution).
   */
  codeLevels: number;
  /** Text columns are categorical when the values seen at least K times hold this share of rows. */
  categoryCoverage: number;
  /** More published categories than this is a list of values, not a category. */
  maxCategories: number;
  /** Distinct values per non-null row above which a column is "nearly unique" (an identifier). */
  nearlyUnique: number;
}

export const DEFAULT_KIND_RULES: Omit<KindRules, "minCount"> = {
  codeLevels: 20,
  categoryCoverage: 0.9,
  maxCategories: 1000,
  nearlyUnique: 0.9,
};

/** A category: its value as published (typed) and how many rows hold it. */
export interface CategoryCount {
  value: string | number | boolean;
  count: number;
}

/**
 * Exact counts per value, merged by typed value ("2.5" and "2.50" are one number), largest first; or
 * undefined when the column had too many distinct values to count exactly.
 */
export function categoryCounts(column: ColumnAccumulator, valueType: ValueType): CategoryCount[] | undefined {
  const entries = column.values.entries();
  if (!entries) return undefined;
  const merged = new Map<string, CategoryCount>();
  for (const [key, count] of entries) {
    let value: string | number | boolean = key;
    if (valueType === "integer" || valueType === "number") {
      const n = Number(key);
      if (key.trim() === "" || !Number.isFinite(n)) continue; // text in a numeric column: not a category of it
      value = n;
    } else if (valueType === "boolean") {
      const lower = key.toLowerCase();
      if (lower !== "true" && lower !== "false") continue;
      value = lower === "true";
    }
    const canonical = typeof value === "string" ? value : String(value);
    const seen = merged.get(canonical);
    if (seen) seen.count += count;
    else merged.set(canonical, { value, count });
  }
  return [...merged.values()].sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)));
}

/** Share of non-null rows whose value is seen at least K times. */
function coverage(categories: CategoryCount[], nonNull: number, minCount: number): number {
  if (nonNull === 0) return 0;
  let covered = 0;
  for (const c of categories) if (c.count >= minCount) covered += c.count;
  return covered / nonNull;
}

/** "patientId", "nhs_number", "UPN", "record no": names that say the column identifies a row. */
export function nameLooksLikeIdentifier(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const last = words[words.length - 1];
  return last !== undefined && ["id", "identifier", "key", "no", "num", "number", "ref", "reference", "uuid", "guid", "upn", "nhs", "nino"].includes(last);
}

function evidenceType(column: ColumnAccumulator): { valueType: ValueType; format?: "date" | "date-time" } {
  const e = column.evidence;
  const n = column.nonNull;
  if (n === 0) return { valueType: "string" };
  if (e.booleans === n) return { valueType: "boolean" };
  if (e.integers === n) return { valueType: "integer" };
  if (e.numbers === n) return { valueType: "number" };
  if (e.dates === n) return { valueType: "string", format: "date" };
  if (e.dateTimes === n) return { valueType: "string", format: "date-time" };
  return { valueType: "string" };
}

function declaredType(declared: DeclaredColumn | undefined, column: ColumnAccumulator): { valueType: ValueType; format?: "date" | "date-time" } {
  if (!declared || declared.cellType === "any") return evidenceType(column);
  if (declared.cellType === "string") {
    if (declared.format === "date" || declared.format === "date-time") return { valueType: "string", format: declared.format };
    return { valueType: "string" };
  }
  return { valueType: declared.cellType };
}

/** Median length of the column's text (free text is long, codes are short). */
function medianLength(column: ColumnAccumulator): number {
  const lengths = [...column.text.lengths.entries()].sort((a, b) => a[0] - b[0]);
  const half = column.text.values / 2;
  let seen = 0;
  for (const [length, count] of lengths) {
    seen += count;
    if (seen >= half) return length;
  }
  return 0;
}

export function decideColumn(column: ColumnAccumulator, rules: KindRules, declared?: DeclaredColumn): ColumnDecision {
  const { valueType, format } = declaredType(declared, column);
  const base = {
    name: column.name,
    valueType,
    ...(format ? { format } : {}),
    nullable: column.nulls > 0,
    required: column.absent === 0,
    ...(declared?.bounds && (valueType === "integer" || valueType === "number") ? { bounds: declared.bounds } : {}),
  };
  const n = column.nonNull;
  const decide = (kind: ColumnKind, reason: string): ColumnDecision => ({ ...base, kind, reason });

  const named = column.identifier.match;
  const declaresOtherType = declared !== undefined && declared.cellType !== "any" && declared.cellType !== "string";
  if (named && !format && !declaresOtherType && (!declared?.format || declared.format === named.name)) {
    // NHS numbers written without spaces read as integers; they are identifiers all the same.
    return { ...base, valueType: "string", kind: "identifier", identifierType: named.name, reason: `every value is a valid ${named.title}` };
  }
  // Before any kind that publishes values (categories, quantiles of dates): a direct identifier's
  // values are never published, whatever the K rule would allow.
  if (declared?.direct && valueType !== "boolean") return decide("identifier", "a direct identifier in the schema: values never published");
  if (format === "date") return decide("date", "ISO dates");
  if (format === "date-time") return decide("datetime", "ISO date-times");
  if (valueType === "boolean") return decide("boolean", "true/false");

  const categories = categoryCounts(column, valueType);
  const distinct = categories ? categories.length : column.values.distinct;
  const uniqueShare = n > 0 ? distinct / n : 0;
  const covered = categories ? coverage(categories, n, rules.minCount) : 0;
  const published = categories ? categories.filter((c) => c.count >= rules.minCount).length : Infinity;

  if (declared?.identifier) return decide("identifier", "declared an identifier by the schema");
  if (declared?.hasEnum && categories) return decide("categorical", "the schema lists its values");

  if (valueType === "integer" || valueType === "number") {
    if (categories && distinct <= rules.codeLevels) {
      return decide("categorical", `a code with ${distinct} values`);
    }
    if (valueType === "integer" && nameLooksLikeIdentifier(column.name) && uniqueShare >= rules.nearlyUnique) {
      return decide("identifier", "nearly one value per row, and named like an identifier");
    }
    return decide("number", "numbers");
  }

  if (categories && covered >= rules.categoryCoverage && published <= rules.maxCategories && published > 0) {
    return decide("categorical", `${published} values seen at least ${rules.minCount} times cover ${(covered * 100).toFixed(1)}% of rows`);
  }
  if (!declared?.hasEnum) {
    const list = chooseCodeList(column, rules);
    if (list) {
      return {
        ...decide("string", `lists of ${list.published} codes joined by ${JSON.stringify(list.candidate.delimiter)}`),
        codeList: { delimiter: list.candidate.delimiter, sorted: list.sorted },
      };
    }
  }
  const spaced = column.text.values > 0 ? column.text.valuesWithSpace / column.text.values : 0;
  if (n > 0 && uniqueShare >= rules.nearlyUnique && spaced <= 0.01 && medianLength(column) <= 64) {
    return decide("identifier", "nearly one value per row, no spaces");
  }
  if (isWordText(column, rules.minCount)) return { ...decide("string", "free text of words: too many rare values to publish any"), words: true };
  return decide("string", "free text: too many rare values to publish any");
}
