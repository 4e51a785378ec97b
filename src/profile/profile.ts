import { createHash } from "node:crypto";
import { basename, extname } from "node:path";
import { SynthError } from "../errors/synth-error.js";
import { isTableSource, type TableFormat, type TableSource } from "../io/read-table.js";
import { validateStats } from "../stats/load.js";
import { STATS_FORMAT, STATS_VERSION, type ColumnStats, type StatsFile } from "../stats/types.js";
import { TOOL_NAME, TOOL_VERSION } from "../version.js";
import { loadDeclaredSchema } from "./declared-schema.js";
import { DEFAULT_MIN_COUNT } from "./min-count.js";
import { withRules } from "./rules/to-schema.js";
import { modelAffordable } from "./dependence/affordable.js";
import { PrivacyBudget } from "./disclosure/budget.js";
import { LaplaceNoise } from "./disclosure/laplace.js";
import { DisclosureLog } from "./disclosure/log.js";
import { DEFAULT_KIND_RULES, decideColumn, type ColumnDecision } from "./infer-kind.js";
import { inferSchema, type InferredColumn } from "./infer-schema.js";
import { releaseColumn, type ReleaseContext } from "./release-column.js";
import { scanTable, type RowCheck, type ScanProgress } from "./scan-table.js";
import { learnDependence } from "./dependence/second-pass.js";
import { ruleColumns } from "../rules/index.js";
import { dependenceNotes } from "./dependence/notes.js";
import { setProperty } from "../io/own-property.js";

/** Share of a privacy budget spent on the dependence model; the columns split the rest. */
const MODEL_BUDGET_SHARE = 0.3;

export const STATS_SCHEMA_ID = "https://github.com/synth-data/synth/schemas/stats.schema.json";

export interface ProfileOptions {
  /** The real table: a file (CSV with a header row, or JSON Lines), or a source of the same bytes (a database's COPY stream). */
  input: string | TableSource;
  /** The table's name in the statistics. Default: the file's base name without its extension. */
  table?: string;
  format?: TableFormat;
  /** The owner's JSON Schema (a path or the document): its types are used and the rows checked against it. */
  schema?: string | object;
  /** K: nothing is published that rests on fewer than K records. Default 10. */
  minCount?: number;
  /** Differential-privacy budget: Laplace noise on every published count. Default: none. */
  epsilon?: number;
  /** Seed for the privacy noise, for reproducible runs. Default: from the OS's secure random source. */
  seed?: number;
  /** CSV cells read as "no value". Default: the empty cell and NA. */
  nullTokens?: readonly string[];
  onProgress?: (progress: ScanProgress) => void;
  /** Learn and publish how columns depend on one another, and the rules every row keeps. Default true. */
  dependence?: boolean;
  /**
   * Columns whose values are made anew when generated (a package's primary and foreign keys): no
   * rule over them is published, since it would tie other columns to key values that dummy rows do
   * not have, and name real key values.
   */
  keyColumns?: readonly string[];
}

export interface ProfileResult {
  /** The statistics, validated against schemas/stats.schema.json. */
  stats: StatsFile;
  /** A JSON Schema for the table, when none was given. */
  schema?: Record<string, unknown>;
  /** What each column was taken to be, and why. */
  columns: ColumnDecision[];
  /** With a schema: the rows that do not match it (by line; values are never repeated). */
  rowCheck?: RowCheck;
}

function checkOptions(options: ProfileOptions): { minCount: number; epsilon?: number } {
  const minCount = options.minCount ?? DEFAULT_MIN_COUNT;
  if (!Number.isSafeInteger(minCount) || minCount < 1) throw new SynthError("USAGE", `minCount must be a whole number of at least 1 (got ${minCount})`);
  const epsilon = options.epsilon;
  if (epsilon !== undefined && !(Number.isFinite(epsilon) && epsilon > 0)) throw new SynthError("USAGE", `epsilon must be a number greater than 0 (got ${epsilon})`);
  if (options.seed !== undefined && !(Number.isSafeInteger(options.seed) && options.seed >= 0)) throw new SynthError("USAGE", `seed must be a whole number of at least 0 (got ${options.seed})`);
  return { minCount, ...(epsilon !== undefined ? { epsilon } : {}) };
}

/**
 * Profiles a real table into column statistics safe to take out of a secure setting, plus a JSON
 * Schema when the owner has none. One streaming pass; memory does not grow with the number of rows.
 */
export async function profile(options: ProfileOptions): Promise<ProfileResult> {
  const { minCount, epsilon } = checkOptions(options);
  const declared = options.schema !== undefined ? loadDeclaredSchema(options.schema) : undefined;
  const hash = createHash("sha256");
  const scan = await scanTable(options.input, {
    minCount,
    ...(options.format ? { format: options.format } : {}),
    ...(options.nullTokens ? { nullTokens: options.nullTokens } : {}),
    ...(declared ? { declared } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    onBytes: (chunk) => hash.update(chunk),
  });

  const rules = { ...DEFAULT_KIND_RULES, minCount };
  const decisions = scan.columns.map((column) => decideColumn(column, rules, declared?.columns.get(column.name)));
  const log = new DisclosureLog();
  // Under a budget too small for any useful table, the model is not learned and the columns get it all.
  const affordable = epsilon === undefined || modelAffordable(scan.rows, epsilon * MODEL_BUDGET_SHARE, scan.columns.length);
  const modelled = options.dependence !== false;
  const budget = epsilon !== undefined ? new PrivacyBudget(epsilon, scan.columns.length, modelled && affordable ? MODEL_BUDGET_SHARE : 0) : undefined;
  const noise = budget ? new LaplaceNoise(options.seed) : undefined;
  const context: ReleaseContext = {
    minCount,
    log,
    ...(budget && noise ? { privacy: { noise, budget } } : {}),
  };
  const inferred: InferredColumn[] = scan.columns.map((accumulator, i) => ({
    accumulator,
    decision: decisions[i]!,
    release: releaseColumn(accumulator, decisions[i]!, context),
  }));

  // Standard input ("-") or /dev/fd/N from process substitution names no table; a table source names itself.
  const input = options.input;
  const named = !isTableSource(input) && input !== "-" && !/^\/(dev|proc)\//.test(input);
  const sourceName = isTableSource(input) ? input.name : named ? basename(input) : "standard input";
  const table = options.table ?? ((named && basename(input as string, extname(input as string))) || "table");
  const columns: Record<string, ColumnStats> = {};
  for (const column of inferred) setProperty(columns, column.decision.name, column.release.stats);
  // Under differential privacy the row count is the first column's noisy total: post-processing of
  // counts already paid for, so it costs no further budget.
  const rows = budget ? (inferred[0]?.release.rows ?? 0) : scan.rows;
  const dependence = modelled
    ? await learnDependence(
        decisions,
        inferred.map((c) => c.release.stats),
        scan.rows,
        {
          input: options.input,
          format: scan.format,
          minCount,
          ...(options.nullTokens ? { nullTokens: options.nullTokens } : {}),
          ...(budget && noise ? { privacy: { noise, epsilon: budget.forModel } } : {}),
          ...(affordable ? {} : { unaffordable: `a privacy budget of ${epsilon} cannot pay for any table of the model over ${scan.rows} rows (each would be mostly noise), so all of it goes to the columns` }),
        },
      )
    : undefined;
  if (dependence?.model && budget) budget.spend(budget.forModel);
  const keyColumns = new Set(options.keyColumns ?? []);
  if (dependence && keyColumns.size > 0) dependence.rules = dependence.rules.filter((rule) => !ruleColumns(rule).some((c) => keyColumns.has(c)));
  const document: StatsFile = {
    $schema: STATS_SCHEMA_ID,
    format: STATS_FORMAT,
    version: STATS_VERSION,
    table,
    rows,
    provenance: {
      tool: TOOL_NAME,
      toolVersion: TOOL_VERSION,
      createdAt: new Date().toISOString(),
      source: { name: sourceName, format: scan.format, sha256: hash.digest("hex") },
    },
    disclosure: {
      minCount,
      epsilon: epsilon ?? null,
      ...(budget ? { epsilonSpent: budget.spent, mechanism: "laplace" as const } : {}),
      notes: [
        ...log.notes(minCount, budget ? { epsilon: budget.epsilon, perColumn: budget.perColumn, seeded: options.seed !== undefined } : undefined),
        ...(budget && budget.forModel > 0 && !dependence?.model ? [`Of the privacy budget, ${budget.forModel} was kept for the dependence model and not spent, since no model was published: ${budget.spent} was spent in all.`] : []),
        ...(dependence ? dependenceNotes(dependence.model, dependence.rules, dependence.withheld, minCount, dependence.skipped, budget && dependence.model ? { epsilon: budget.forModel } : undefined) : []),
      ],
    },
    columns,
    ...(dependence?.model ? { model: dependence.model } : {}),
    ...(dependence && dependence.rules.length > 0 ? { rules: dependence.rules } : {}),
  };
  const stats = validateStats(document, "<profile output>");
  return {
    stats,
    ...(declared ? {} : { schema: withRules(inferSchema(inferred, table), stats.rules ?? []) }),
    columns: decisions,
    ...(scan.rowCheck ? { rowCheck: scan.rowCheck } : {}),
  };
}

export { DEFAULT_MIN_COUNT };
