import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { ruleColumns, ruleWords } from "../../rules/index.js";
import { loadSchema, prepareSchema } from "../../schema/load.js";
import { loadStats, validateStats } from "../../stats/load.js";
import type { ColumnStats, ModelNode, StatsFile } from "../../stats/types.js";
import { datasetAbout, type DatasetAbout } from "../describe/about.js";
import { schemaColumns, type ColumnInfo } from "../describe/columns.js";
import { chartFromStats, formatNumber, type Chart } from "../describe/distribution.js";
import { sensitiveWords } from "../describe/flags.js";
import { generatorWords } from "../describe/plain-words.js";

/**
 * Everything the review page says, gathered from the statistics file alone (and the schema, for
 * titles, code meanings and flags): what each column publishes, why that is safe, what was withheld,
 * the dependence model and rules, and the checklist a reviewer signs. Nothing here reads real data, so
 * no real value can appear that the statistics do not publish.
 */

export interface ReviewInput {
  /** The statistics: a path, or the file's content. */
  stats: string | StatsFile;
  /** The schema the statistics go with (a path or the document): titles, code meanings, flags. */
  schema?: string | object;
  /** How each column's kind was chosen (profile's reasons), when the review is written by profile. */
  reasons?: Record<string, string>;
}

export interface Withheld {
  /** "3 values seen fewer than 10 times (never published, never generated)", the count included. */
  words: string;
  count: number;
}

export interface ReviewColumn {
  name: string;
  title?: string;
  kind: ColumnStats["kind"];
  reason?: string;
  /** Flags from the schema or the name: "direct identifier", "special category: health (guess)". */
  flags: string[];
  direct: boolean;
  /** What the file publishes about the column, each a sentence. */
  published: string[];
  /** Why each of those is safe, each a sentence. */
  safe: string[];
  withheld: Withheld[];
  /** Published categories with their shares and meanings, when the column publishes values. */
  values?: Array<{ value: string; meaning?: string; fraction: number }>;
  chart?: Chart;
  /** Something the reviewer must look at before signing. */
  warnings: string[];
}

export interface ReviewModelPart {
  column: string;
  parents: string[];
  /** Counts of the column's table (and of its emptiness): published, and withheld as under K; absent when it has none. */
  published?: number;
  withheld?: number;
  groups?: number;
}

export interface Review {
  title: string;
  about: DatasetAbout;
  statsFile?: string;
  /** sha256 of the statistics file as written: what the signature covers. */
  sha256?: string;
  bytes?: number;
  rows?: number;
  table?: string;
  createdAt?: string;
  toolVersion?: string;
  source?: { name?: string; sha256?: string };
  minCount: number;
  epsilon?: number;
  epsilonSpent?: number;
  notes: string[];
  columns: ReviewColumn[];
  model?: { rows: number; sampled: boolean; parts: ReviewModelPart[]; together: string[] };
  rules: Array<{ words: string; columns: string[] }>;
  /** Counts for the summary at the top. */
  totals: { columns: number; publishingValues: number; withheldValues: number; withheldModelCounts: number; warnings: number };
  checklist: Array<{ item: string; auto?: "pass" | "fail" }>;
}

const pct = (fraction: number) => {
  if (fraction === 0) return "0%";
  if (fraction < 0.001) return "<0.1%";
  return (fraction * 100).toFixed(1).replace(/\.0$/, "") + "%";
};

const plural = (n: number, one: string, many = one + "s") => `${n} ${n === 1 ? one : many}`;

function range(points: ReadonlyArray<readonly [number, number | string]>): string {
  const show = (v: number | string) => (typeof v === "number" ? formatNumber(v) : v);
  const median = points.find(([p]) => p === 0.5);
  return `${show(points[0]![1])} to ${show(points[points.length - 1]![1])}${median ? `, median ${show(median[1])}` : ""}`;
}

function emptySentence(stats: ColumnStats, k: number): { published?: string; safe?: string } {
  if (stats.nullFraction === undefined) return {};
  return {
    published: `The share of rows with no value: ${pct(stats.nullFraction)}.`,
    safe: stats.nullFraction === 0 ? `Fewer than ${k} empty values would be published as none.` : `At least ${k} rows are empty (fewer would be published as none).`,
  };
}

function describeColumn(name: string, stats: ColumnStats, info: ColumnInfo | undefined, k: number, reason: string | undefined): ReviewColumn {
  const published: string[] = [];
  const safe: string[] = [];
  const withheld: Withheld[] = [];
  const warnings: string[] = [];
  let values: ReviewColumn["values"];
  const flags: string[] = [];
  if (info?.identifier) flags.push(`${info.identifier.value} identifier${info.identifier.source === "guess" ? " (guess from name)" : ""}`);
  if (info?.specialCategory) flags.push(`special category: ${info.specialCategory.value}${info.specialCategory.source === "guess" ? " (guess from name)" : ""}`);
  if (info?.sensitive) flags.push(`${sensitiveWords(info.sensitive)}${info.sensitive.source === "guess" ? " (guess from name)" : ""}`);
  const direct = info?.identifier?.value === "direct";
  const meanings = new Map((info?.codes ?? []).map((c) => [String(c.value), c.label]));

  switch (stats.kind) {
    case "categorical": {
      values = stats.categories.map((c) => ({ value: String(c.value), ...(meanings.get(String(c.value)) ? { meaning: meanings.get(String(c.value))! } : {}), fraction: c.frequency }));
      published.push(`${plural(stats.categories.length, "value")}, each with its share of the rows that have a value (listed below).`);
      safe.push(`Each published value is held by at least ${k} records.`);
      if (stats.suppressed) {
        published.push(stats.suppressed.categories === 1 ? `That 1 rarer value was held back, and its share: ${pct(stats.suppressed.frequency)}.` : `That ${stats.suppressed.categories} rarer values were held back, and their share together: ${pct(stats.suppressed.frequency)}.`);
        withheld.push({ words: `${plural(stats.suppressed.categories, "value")} seen fewer than ${k} times (never published, never generated)`, count: stats.suppressed.categories });
      }
      if (direct && info?.identifier?.source === "schema") warnings.push(`The schema marks this column a direct identifier, yet the file publishes ${plural(stats.categories.length, "value")} of it. Profile again with the schema (--schema) so that it publishes none.`);
      else if (direct) warnings.push("The name suggests a direct identifier, yet the file publishes its values: check that none names a person.");
      break;
    }
    case "boolean":
      published.push(`The share of true values: ${pct(stats.trueFraction)}.`);
      safe.push(`True and false are each held by at least ${k} records, or the rarer one is published as absent.`);
      break;
    case "number":
      if (stats.quantiles && stats.quantiles.length > 0) {
        published.push(`Its distribution as ${stats.quantiles.length} quantile points: ${range(stats.quantiles)}${stats.integer ? " (whole numbers)" : stats.decimals !== undefined ? ` (to ${plural(stats.decimals, "decimal place")})` : ""}.`);
        safe.push(`Quantiles are taken only between the ${k}th smallest and the ${k}th largest value; the two ends are extrapolated, so no real minimum or maximum is published unless at least ${k} records share it.`);
      } else if (stats.description?.startsWith("identifier")) {
        published.push("No values and no range: only that it is a whole-number identifier" + (stats.unique ? ", one per row." : "."));
        safe.push("Generation draws fresh whole numbers.");
      } else {
        published.push("No distribution (too few values).");
        withheld.push({ words: `the distribution (fewer than ${2 * k} values)`, count: 1 });
      }
      break;
    case "date":
    case "datetime":
      if (stats.quantiles && stats.quantiles.length > 0) {
        published.push(`Its distribution as ${stats.quantiles.length} quantile points: ${range(stats.quantiles)}.`);
        safe.push(`Quantiles are taken only between the ${k}th earliest and the ${k}th latest value; the two ends are extrapolated, so no real first or last date is published unless at least ${k} records share it.`);
      } else {
        published.push("No distribution (too few values).");
        withheld.push({ words: `the distribution (fewer than ${2 * k} values)`, count: 1 });
      }
      break;
    case "identifier": {
      const shape: string[] = [];
      if (stats.length && stats.length.length > 0) shape.push(`lengths ${range(stats.length)} characters`);
      if (stats.generator) shape.push(`${"pattern" in stats.generator ? `the pattern ${stats.generator.pattern}` : "type" in stats.generator ? `the type ${stats.generator.type}` : "format" in stats.generator ? `the format ${stats.generator.format}` : `the faker method ${stats.generator.faker}`} (dummy values: ${generatorWords(stats.generator)})`);
      published.push(`Its shape only: ${shape.length > 0 ? shape.join("; ") : "nothing beyond that it is an identifier"}${stats.unique ? "; one value per row" : ""}. No value is published.`);
      safe.push(stats.generator && "pattern" in stats.generator ? `The pattern is built only from character-class shapes at least ${k} values share; dummy values are drawn fresh from it.` : "Dummy values are drawn fresh; no real value is used or published.");
      break;
    }
    case "string": {
      if (stats.codes) {
        published.push(`Lists of codes joined by ${JSON.stringify(stats.codes.delimiter)}: ${plural(stats.codes.codes.length, "code")} with their shares (${stats.codes.codes.map((c) => c.value).join(", ")}), and ${plural(stats.codes.lengths.length, "list length")} with their shares.`);
        safe.push(`Each published code and each list length is held by at least ${k} records; no whole list is published.`);
        if (stats.codes.suppressed) withheld.push({ words: `${plural(stats.codes.suppressed.codes, "code")} held by fewer than ${k} records`, count: stats.codes.suppressed.codes });
      } else {
        const parts: string[] = [];
        if (stats.length && stats.length.length > 0) parts.push(`lengths (${range(stats.length)} characters)`);
        if (stats.words) parts.push(`words per value (${range(stats.words.count)})${stats.words.length ? ", mean word length" : ""}${stats.words.case ? `, capitalisation (${stats.words.case})` : ""}`);
        if (stats.characters) parts.push(`shares of character classes (${Object.entries(stats.characters).map(([c, s]) => `${c} ${pct(s)}`).join(", ")})`);
        if (stats.generator) parts.push(`how dummy values are made: ${generatorWords(stats.generator)}`);
        published.push(`Free text: ${parts.length > 0 ? parts.join("; ") : "nothing but that it is text"}. No value and no word is published.`);
        safe.push(stats.words ? "Dummy text is drawn from a list of placeholder (lorem ipsum) words, so no real word is reproduced." : "Dummy text is made from the published shape alone.");
      }
      break;
    }
  }
  const empty = emptySentence(stats, k);
  if (empty.published) published.push(empty.published);
  if (empty.safe) safe.push(empty.safe);
  if (info?.specialCategory && values) warnings.push(`Special-category data (${info.specialCategory.value}): confirm that publishing these shares is covered by the lawful basis for this release.`);
  const chart: Chart | undefined =
    stats.kind === "categorical"
      ? { kind: "bars", source: "statistics", bars: (values ?? []).map((v) => ({ label: v.value, ...(v.meaning ? { meaning: v.meaning } : {}), fraction: v.fraction })) }
      : chartFromStats(stats);
  return {
    name,
    ...(info?.title ? { title: info.title } : {}),
    kind: stats.kind,
    ...(reason ? { reason } : {}),
    flags,
    direct,
    published,
    safe,
    withheld,
    ...(values ? { values } : {}),
    ...(chart ? { chart } : {}),
    warnings,
  };
}

function modelPart(node: ModelNode): ReviewModelPart {
  const cells = [...(node.table ?? []), ...(node.emptiness ?? [])].flatMap((row) => row.counts);
  return {
    column: node.column,
    parents: node.parents,
    ...(cells.length > 0 ? { published: cells.filter((c) => c !== null).length, withheld: cells.filter((c) => c === null).length } : {}),
    ...(node.groups ? { groups: node.groups.length } : {}),
  };
}

function checklist(review: Omit<Review, "checklist">): Review["checklist"] {
  const k = review.minCount;
  const directWithValues = review.columns.filter((c) => c.direct && c.values);
  const items: Review["checklist"] = [
    { item: "Every column listed is one this release needs; any other is removed from the schema and the data is profiled again." },
    { item: `No direct identifier publishes a value${directWithValues.length > 0 ? ` (fails: ${directWithValues.map((c) => c.name).join(", ")})` : ""}.`, auto: directWithValues.length > 0 ? "fail" : "pass" },
    { item: "Every published value (the lists of values above) is fit to leave: no names, addresses, free text or codes that point to a person." },
    { item: `K = ${k} is at least the minimum count the organisation's disclosure policy sets.` },
    { item: "The published ranges (the ends of each distribution) reveal nothing about a person." },
    { item: "Special-category and other sensitive columns are covered by the lawful basis and the agreement for this release." },
  ];
  if (review.model) items.push({ item: "The dependence model's combinations (which columns depend on which) are fit to publish." });
  if (review.rules.length > 0) items.push({ item: "The rules found in the real data reveal nothing that should not be known (a rule says no real row breaks it)." });
  if (review.epsilon !== undefined) items.push({ item: `The privacy budget (epsilon ${review.epsilon}) is what was agreed; the noise seed, if one was given, is kept secret or destroyed.` });
  items.push({ item: `The file signed is the one released: ${review.statsFile ?? "the statistics file"}${review.sha256 ? `, sha256 ${review.sha256}` : ""}.` });
  return items;
}

/** Builds the review from a statistics file (and the schema it goes with, when there is one). */
export function buildReview(input: ReviewInput): Review {
  const statsPath = typeof input.stats === "string" ? input.stats : undefined;
  const stats = typeof input.stats === "string" ? loadStats(input.stats) : validateStats(input.stats);
  const digest = statsPath ? (() => {
    const bytes = readFileSync(statsPath);
    return { sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length };
  })() : undefined;
  const loaded = input.schema === undefined ? undefined : typeof input.schema === "string" ? loadSchema(input.schema) : prepareSchema(input.schema);
  const infos = new Map((loaded ? schemaColumns(loaded) : []).map((c) => [c.name, c]));
  const root = (loaded?.schema ?? {}) as Record<string, unknown>;
  const k = stats.disclosure?.minCount ?? 10;
  const columns = Object.entries(stats.columns).map(([name, column]) => describeColumn(name, column, infos.get(name), k, input.reasons?.[name]));
  const model = stats.model
    ? { rows: stats.model.rows, sampled: stats.model.sampled === true, parts: stats.model.nodes.map(modelPart), together: stats.model.copula?.columns ?? [] }
    : undefined;
  const rules = (stats.rules ?? []).map((rule) => ({ words: ruleWords(rule), columns: ruleColumns(rule) }));
  const title = typeof root.title === "string" ? root.title : (stats.table ?? "Statistics");
  const base: Omit<Review, "checklist"> = {
    title,
    about: datasetAbout(root),
    ...(statsPath ? { statsFile: statsPath } : {}),
    ...(digest ?? {}),
    ...(stats.rows !== undefined ? { rows: stats.rows } : {}),
    ...(stats.table ? { table: stats.table } : {}),
    ...(stats.provenance?.createdAt ? { createdAt: stats.provenance.createdAt } : {}),
    ...(stats.provenance?.toolVersion ? { toolVersion: stats.provenance.toolVersion } : {}),
    ...(stats.provenance?.source ? { source: { ...(stats.provenance.source.name ? { name: stats.provenance.source.name } : {}), ...(stats.provenance.source.sha256 ? { sha256: stats.provenance.source.sha256 } : {}) } } : {}),
    minCount: k,
    ...(typeof stats.disclosure?.epsilon === "number" ? { epsilon: stats.disclosure.epsilon } : {}),
    ...(stats.disclosure?.epsilonSpent !== undefined ? { epsilonSpent: stats.disclosure.epsilonSpent } : {}),
    notes: stats.disclosure?.notes ?? [],
    columns,
    ...(model ? { model } : {}),
    rules,
    totals: {
      columns: columns.length,
      publishingValues: columns.filter((c) => c.values).length,
      withheldValues: columns.reduce((sum, c) => sum + c.withheld.reduce((s, w) => s + w.count, 0), 0),
      withheldModelCounts: model ? model.parts.reduce((sum, p) => sum + (p.withheld ?? 0), 0) : 0,
      warnings: columns.reduce((sum, c) => sum + c.warnings.length, 0),
    },
  };
  return { ...base, checklist: checklist(base) };
}
