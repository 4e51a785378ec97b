import { SynthError } from "../errors/synth-error.js";
import type { LoadedSchema } from "../schema/load.js";
import type { StatsFile } from "../stats/types.js";
import type { Sample } from "./sampler.js";
import { compileFacts, compileParts } from "./compile.js";
import { compileColumn, statisticsValuesExact } from "./columns/column-plan.js";
import { DEFAULT_COMPILE_OPTIONS, type CompileContext, type CompileOptions } from "./context.js";
import { collectFacts } from "./facts.js";
import { checkLocale, FakerSource, LOREM_WORD } from "./strings/faker-source.js";
import type { FieldPlan } from "./types/node-plan.js";
import type { PropertyOverride } from "./types/object.js";
import { verified } from "./verify.js";
import { declaredRules, RowColumns, withRowModel } from "./dependence/row-columns.js";
import { sexLinks } from "./dependence/sex-link.js";
import type { Located } from "../schema/ref-index.js";

/** A compiled, immutable generation plan: the per-row path never reads the schema again. */
export interface Plan {
  /** The record's property names in schema order, when the schema describes a table (an object). */
  columns: readonly string[] | undefined;
  /** Columns whose values may be objects or arrays (an error for CSV). */
  nestedColumns: readonly string[];
  /** The record's minProperties: more than its columns means members a CSV row cannot hold. */
  minMembers?: number;
  sample: Sample<unknown>;
  /** True when records are valid by construction; otherwise each record was checked while sampling. */
  exact: boolean;
  /** Things the plan could not honour but that do not make output invalid (e.g. relations not implemented). */
  warnings: readonly string[];
  /** The record's fields in order, when writers may emit a record without building it (NodePlan.fields). */
  fields?: readonly FieldPlan[];
}

export interface PlanOptions {
  seed: number;
  /** Total rows the run will produce: unique columns need to know their value space suffices. */
  rows: number;
  compile?: Partial<CompileOptions>;
}

/** Formats whose realistic values draw on faker's name lists. */
const WORD_FORMATS = ["email", "idn-email", "hostname", "idn-hostname", "uri", "url", "iri", "uri-reference", "iri-reference", "uri-template", "json-pointer", "relative-json-pointer", "json-pointer-uri-fragment", "password", "binary"];

/** The faker methods a schema and its statistics name, or undefined when faker is not needed at all. */
function fakerMethods(schema: unknown, stats: StatsFile | undefined): string[] | undefined {
  const text = JSON.stringify(schema) + (stats ? JSON.stringify(stats) : "");
  const methods = [...text.matchAll(/"(?:x-faker|faker)":"([^"]*)"/g)].map((m) => m[1]!);
  if (WORD_FORMATS.some((f) => text.includes(`"format":"${f}"`))) methods.push("person.lastName");
  if (stats && Object.values(stats.columns).some((column) => column.kind === "string" && column.words !== undefined)) methods.push(LOREM_WORD);
  if (text.includes('"x-synth-sex"')) methods.push("person.firstName");
  if (methods.length === 0 && !text.includes('"x-faker"') && !text.includes('"faker"')) return undefined;
  return methods;
}

function nestedTypes(types: Set<string> | undefined): boolean {
  return types === undefined || types.has("object") || types.has("array");
}

/** The schema's `x-synth-locale` (at its root), checked; undefined when it names none. */
export async function schemaLocale(schema: unknown): Promise<string | undefined> {
  if (schema === null || typeof schema !== "object" || !Object.hasOwn(schema, "x-synth-locale")) return undefined;
  return checkLocale((schema as Record<string, unknown>)["x-synth-locale"], "/x-synth-locale");
}

export async function compilePlan(loaded: LoadedSchema, stats: StatsFile | undefined, options: PlanOptions): Promise<Plan> {
  const faker = new FakerSource(await schemaLocale(loaded.schema));
  const methods = fakerMethods(loaded.schema, stats);
  if (methods) await faker.load(methods);
  const ctx: CompileContext = {
    loaded,
    options: { ...DEFAULT_COMPILE_OPTIONS, ...options.compile },
    faker,
    seed: options.seed,
    runtime: { depth: 0 },
    cache: new Map(),
    compiling: new Set(),
  };
  const root = { node: loaded.schema, base: loaded.rootUri, pointer: "" };
  const facts = collectFacts([root], ctx);
  const tabular = facts.properties.size > 0 && (facts.types === undefined || facts.types.has("object"));
  const warnings: string[] = [];
  const statsColumns = stats?.columns ?? {};
  if (stats) {
    for (const name of Object.keys(statsColumns)) {
      if (!facts.properties.has(name)) {
        throw new SynthError("STATS_CONTRADICTS_SCHEMA", "the statistics describe a column the schema does not have", { column: name, pointer: `/columns/${name}` });
      }
    }
    for (const relation of stats.relations ?? []) warnings.push(`statistics relation "${relation.kind}" is recorded but not yet used by this version of synth`);
  }
  /** A column's codes as the schema lists them (enum, or oneOf/anyOf of const), when it does. */
  const codesOf = (column: string): readonly unknown[] | undefined => {
    const parts = facts.properties.get(column) ?? [];
    const own = collectFacts(parts, ctx).enumValues;
    if (own) return own;
    const consts = parts.flatMap((p: Located) => {
      const node = p.node as Record<string, unknown> | null;
      const branches = node && typeof node === "object" ? (node.oneOf ?? node.anyOf) : undefined;
      return Array.isArray(branches) ? branches.map((b) => (b !== null && typeof b === "object" && "const" in b ? (b as { const: unknown }).const : undefined)) : [];
    });
    return consts.length > 0 && consts.every((c) => c !== undefined) ? consts : undefined;
  };
  const links = tabular ? sexLinks(facts.properties, statsColumns, codesOf) : new Map();
  const rowColumns = tabular ? new RowColumns(stats, declaredRules(loaded.schema), ctx, links) : undefined;
  const nestedColumns: string[] = [];
  const override: PropertyOverride = (name, parts, required) => {
    const columnFacts = collectFacts(parts, ctx);
    if (nestedTypes(columnFacts.types) && columnFacts.enumValues === undefined) nestedColumns.push(name);
    const columnStats = statsColumns[name];
    const unique = columnFacts.unique || columnStats?.unique === true;
    const modelled = rowColumns?.names.has(name) === true;
    if (!columnStats && !unique && !modelled) return undefined;
    const index = [...facts.properties.keys()].indexOf(name);
    const request = { name, parts, required, unique, index, emptyByModel: modelled, ...(columnStats ? { stats: columnStats } : {}) };
    const own = columnStats || unique ? compileColumn(request, ctx, options.rows) : compileParts(parts, ctx);
    if (!modelled) return own;
    const allowsNull = (columnFacts.types === undefined || columnFacts.types.has("null")) && (columnFacts.enumValues === undefined || columnFacts.enumValues.includes(null));
    const exact = columnStats !== undefined && !unique && statisticsValuesExact(request, columnFacts, ctx);
    return rowColumns!.column(name, columnFacts, own, required, allowsNull, exact);
  };
  const wholeRows = stats !== undefined || (rowColumns?.names.size ?? 0) > 0;
  let plan = tabular ? compileFacts(facts, ctx, new Set(), override, wholeRows) : compileParts([root], ctx);
  const rowModel = rowColumns?.finish();
  if (rowModel) plan = withRowModel(plan, rowModel);
  // The record as a whole is checked too when any part of it is not valid by construction.
  // ($dynamicRef resolves by the path taken, which a subschema checked on its own cannot see.)
  if (!plan.exact || loaded.index.usesDynamicRef) plan = verified(plan, [root], ctx);
  return {
    columns: tabular ? [...new Set([...facts.properties.keys(), ...facts.required])] : undefined,
    nestedColumns,
    minMembers: facts.minProperties ?? 0,
    sample: plan.sample,
    exact: plan.exact,
    warnings,
    ...(tabular && plan.fields ? { fields: plan.fields } : {}),
  };
}
