import { SynthError } from "../../errors/synth-error.js";
import { identifierType } from "../../identifiers/index.js";
import { equidistributedSequence } from "../../random/equidistributed.js";
import { Permutation } from "../../random/permutation.js";
import { hashString } from "../../random/rng.js";
import type { ColumnStats, ValueGenerator } from "../../stats/types.js";
import type { Located } from "../../schema/ref-index.js";
import type { CompileContext } from "../context.js";
import { collectFacts, directAcceptor, type Facts } from "../facts.js";
import { compileFacts } from "../compile.js";
import type { Sample } from "../sampler.js";
import { numberText, plain, plainIfValues, plainLike, withNumberText } from "../plain-text.js";
import type { NodePlan } from "../types/node-plan.js";
import { OMIT } from "../types/object.js";
import { lengthBounds, namedStringSource, patternSampler } from "../types/string.js";
import { formatSampler, isKnownFormat } from "../formats/index.js";
import { formatEnvironment } from "../types/string.js";
import { contradiction } from "./contradiction.js";
import { weightedIndex } from "./inverse-cdf.js";
import { numberFromStats } from "./numeric.js";
import { temporalFromStats } from "./temporal.js";
import { textFromStats } from "./text.js";
import { codeListFromStats } from "./code-list.js";
import { wordsFromStats } from "./words.js";
import { checkedDirectly, verified } from "../verify.js";
import { LOREM_WORD } from "../strings/faker-source.js";

export interface ColumnRequest {
  name: string;
  parts: Located[];
  required: boolean;
  stats?: ColumnStats;
  /** Every value differs (x-unique in the schema, or unique in the statistics). */
  unique: boolean;
  /** The column's position in the table, which keeps its sequence of empty values apart from the others'. */
  index: number;
  /**
   * The row model decides when the column is empty (it is a node of the model or a rule names it), so
   * the plan draws only non-empty values. Its own empty values follow the row index alone, so a model
   * asking it again for a present value in a row it had marked empty would get empty every time.
   */
  emptyByModel?: boolean;
}

function allows(facts: Facts, type: "null" | "string" | "number" | "integer" | "boolean"): boolean {
  return facts.types === undefined || facts.types.has(type);
}

function generatorSampler(column: string, generator: ValueGenerator, ctx: CompileContext, facts: Facts): Sample<string> {
  const pointer = `/columns/${column}/generator`;
  if ("faker" in generator) return ctx.faker.sampler(generator.faker, pointer);
  if ("pattern" in generator) {
    const [minLength, maxLength] = lengthBounds(facts);
    return patternSampler(generator.pattern, { minLength, ...(facts.maxLength !== undefined ? { maxLength } : {}) });
  }
  if ("format" in generator) {
    if (!isKnownFormat(generator.format)) throw new SynthError("UNKNOWN_FORMAT", `unknown format "${generator.format}"`, { column, pointer });
    return formatSampler(generator.format, formatEnvironment(ctx, pointer), pointer);
  }
  const type = identifierType(generator.type);
  if (!type) throw new SynthError("UNKNOWN_GENERATOR", `unknown synth type "${generator.type}"`, { column, pointer });
  return type.sample;
}

/** faker's lorem words, the word source of free text (nothing real); undefined when faker is not loaded. */
function loremWords(ctx: CompileContext, pointer: string): readonly string[] | undefined {
  return ctx.faker.loaded ? ctx.faker.pool(LOREM_WORD, pointer) : undefined;
}

/**
 * Whether a published category is allowed by the column's schema: directly where facts.ts can tell,
 * by ajv against the very parts of the schema otherwise.
 */
function categoryAcceptor(facts: Facts, ctx: CompileContext): (value: unknown) => boolean {
  const direct = directAcceptor(facts, ctx);
  if (direct) return direct;
  const validators = facts.parts.filter((p) => p.base !== "").map((p) => ctx.loaded.validatorAt(p.pointer, p.doc));
  return (value) => validators.every((validate) => validate(value));
}

/** The non-null values of a column as its statistics describe them, or undefined to use the schema alone. */
function valueSampler(request: ColumnRequest, facts: Facts, ctx: CompileContext): { sample: Sample<unknown>; exact: boolean } | undefined {
  const stats = request.stats;
  const column = request.name;
  if (!stats) return undefined;
  switch (stats.kind) {
    case "categorical": {
      if (stats.categories.length === 0) return undefined;
      const accepts = categoryAcceptor(facts, ctx);
      stats.categories.forEach((category, i) => {
        if (!accepts(category.value)) {
          throw contradiction(column, `category ${JSON.stringify(category.value)} is not allowed by the schema`, "categories", i, "value");
        }
      });
      const values = stats.categories.map((c) => c.value);
      const pick = weightedIndex(stats.categories.map((c) => c.frequency));
      return { exact: true, sample: plainIfValues(values, (rng) => values[pick(rng)]) };
    }
    case "number": {
      const integerOnly = !allows(facts, "number") && allows(facts, "integer");
      if (facts.types && !facts.types.has("number") && !facts.types.has("integer")) throw contradiction(column, "numeric statistics for a column the schema does not allow numbers in", "kind");
      const sample = numberFromStats(column, stats, facts, integerOnly);
      const exact = plainRange(facts) && asksNothingBeyond(facts, []);
      return sample ? { sample, exact } : undefined;
    }
    case "date":
    case "datetime": {
      if (!allows(facts, "string")) throw contradiction(column, "date statistics for a column the schema does not allow strings in", "kind");
      const asDateTime = facts.formats.includes("date-time") || (!facts.formats.includes("date") && stats.kind === "datetime");
      const sample = temporalFromStats(column, stats, asDateTime);
      const plain = facts.patterns.length === 0 && facts.minLength === undefined && facts.maxLength === undefined && stats.textFormat === undefined && asksNothingBeyond(facts, ["date", "date-time"]);
      return sample ? { sample, exact: plain } : undefined;
    }
    case "boolean": {
      if (!allows(facts, "boolean")) throw contradiction(column, "boolean statistics for a column the schema does not allow booleans in", "kind");
      const p = stats.trueFraction;
      return { exact: asksNothingBeyond(facts, []), sample: plain((rng) => rng.float() < p) };
    }
    case "string":
    case "identifier": {
      // An identifier held as a number (a movieId) has only its shape published: the schema generates it.
      if (stats.kind === "identifier" && !allows(facts, "string") && (allows(facts, "integer") || allows(facts, "number"))) return undefined;
      if (!allows(facts, "string")) throw contradiction(column, "string statistics for a column the schema does not allow strings in", "kind");
      if (stats.generator) return { sample: generatorSampler(column, stats.generator, ctx, facts), exact: false };
      if (namedStringSource(facts, ctx) || facts.patterns.length > 0) return undefined; // the schema's own source wins
      if (stats.kind === "string" && stats.codes) {
        const bounded = facts.minLength !== undefined || facts.maxLength !== undefined;
        return { sample: codeListFromStats(stats.codes), exact: !bounded && asksNothingBeyond(facts, []) };
      }
      const words = stats.kind === "string" && stats.words ? loremWords(ctx, `/columns/${column}/words`) : undefined;
      if (stats.kind === "string" && stats.words && words) {
        const bounds = { min: facts.minLength ?? 0, ...(facts.maxLength !== undefined ? { max: facts.maxLength } : {}) };
        return { sample: wordsFromStats(stats.words, words, bounds), exact: asksNothingBeyond(facts, []) };
      }
      const characters = stats.kind === "string" ? stats.characters : { upper: 0.5, digit: 0.5 };
      return { sample: textFromStats(stats.length, characters, lengthBounds(facts)), exact: facts.patterns.length === 0 && asksNothingBeyond(facts, []) };
    }
  }
}

/**
 * True when the schema asks nothing of a statistics sampler's values beyond what it honours: no
 * codes (enum, const: categories are checked against them when compiled, other samplers know none)
 * and no format other than the given ones. Otherwise its values are checked.
 */
function asksNothingBeyond(facts: Facts, honoured: readonly string[]): boolean {
  return facts.enumValues === undefined && facts.formats.every((format) => honoured.includes(format));
}

/** True when a numeric range is all the schema bounds values by: no exclusive ends, no multipleOf. */
function plainRange(facts: Facts): boolean {
  return facts.multipleOf.length === 0 && facts.exclusiveMinimum === undefined && facts.exclusiveMaximum === undefined;
}

/** Unique values by mapping each row onto a keyed permutation of the column's value space. */
function uniqueSampler(request: ColumnRequest, facts: Facts, ctx: CompileContext, rows: number): Sample<unknown> | undefined {
  const key = hashString(request.name) ^ ctx.seed;
  const type = identifierType(facts.synthType ?? facts.formats.find((f) => identifierType(f)) ?? "");
  if (type) {
    if (rows > type.capacity) throw new SynthError("UNSATISFIABLE", `column is unique but ${type.title} has only ${type.capacity} dummy values for ${rows} rows`, { column: request.name });
    const permutation = new Permutation(type.capacity, key);
    return plain((_rng, row) => type.nth(permutation.at(row % type.capacity)));
  }
  if (facts.types?.has("integer") || facts.types?.has("number")) {
    const low = facts.minimum ?? (facts.exclusiveMinimum !== undefined ? Math.floor(facts.exclusiveMinimum) + 1 : 1);
    const high = facts.maximum ?? (facts.exclusiveMaximum !== undefined ? Math.ceil(facts.exclusiveMaximum) - 1 : low + Math.max(rows * 10, 1000) - 1);
    const size = Math.floor(high) - Math.ceil(low) + 1;
    if (size < rows) throw new SynthError("UNSATISFIABLE", `column is unique but its range holds only ${size} integers for ${rows} rows`, { column: request.name });
    const permutation = new Permutation(size, key);
    return plain((_rng, row) => Math.ceil(low) + permutation.at(row % size));
  }
  if (facts.formats.includes("uuid")) return undefined; // 122 random bits: collisions are negligible
  return undefined;
}

/** Whether values from statistics need no check against the column's schema. */
function validByConstruction(values: { exact: boolean }, facts: Facts): boolean {
  return values.exact && facts.not.length === 0 && facts.unmodelled.length === 0 && facts.anyOf.length === 0 && facts.oneOf.length === 0;
}

/**
 * Whether the values a column's statistics give are valid for its schema by construction (so the row
 * model need not check the values it maps from them).
 */
export function statisticsValuesExact(request: ColumnRequest, facts: Facts, ctx: CompileContext): boolean {
  const values = valueSampler(request, facts, ctx);
  return values !== undefined && validByConstruction(values, facts);
}

/**
 * One column of a table: statistics when there are any, the schema otherwise; nulls (or absences)
 * at the published rate; every value checked against the column's schema unless valid by construction.
 */
export function compileColumn(request: ColumnRequest, ctx: CompileContext, rows: number): NodePlan {
  const facts = collectFacts(request.parts, ctx);
  const column = request.name;
  let values: { sample: Sample<unknown>; exact: boolean } | undefined;
  try {
    values = valueSampler(request, facts, ctx);
    if (request.unique) {
      const unique = uniqueSampler(request, facts, ctx, rows);
      if (unique) values = { sample: unique, exact: !facts.patterns.length && plainRange(facts) && facts.enumValues === undefined };
    }
  } catch (error) {
    if (error instanceof SynthError && error.place.column === undefined) {
      throw new SynthError(error.code, error.message, { ...error.place, column }, { cause: error });
    }
    throw error;
  }
  const needsCheck = values && !validByConstruction(values, facts);
  // Values from statistics are scalars: most columns' schemas can check them without a validator.
  const direct = needsCheck ? directAcceptor(facts, ctx) : undefined;
  const nonNull = values
    ? needsCheck
      ? direct
        ? checkedDirectly(values, direct, request.parts[0]?.pointer ?? `/properties/${column}`, ctx)
        : verified({ sample: values.sample, exact: false }, facts.parts, ctx)
      : values
    : compileFacts(facts, ctx, new Set());
  const nullFraction = request.stats?.nullFraction ?? 0;
  if (nullFraction === 0 || !request.stats) return nonNull;
  const absent = allows(facts, "null") ? null : request.required ? undefined : OMIT;
  if (absent === undefined) {
    throw contradiction(column, `statistics give ${nullFraction} of values as empty, but the column is required and cannot be null`, "nullFraction");
  }
  if (request.emptyByModel) return nonNull;
  const sample = nonNull.sample;
  const emptiness = equidistributedSequence(ctx.seed, column, request.index);
  const withEmpty = plainLike(sample, (rng, row) => (emptiness(row) < nullFraction ? absent : sample(rng, row)));
  const text = numberText(sample);
  if (text) withNumberText(withEmpty, (rng, row) => (emptiness(row) < nullFraction ? absent : text(rng, row)));
  return { exact: nonNull.exact, sample: withEmpty };
}
