import { SynthError } from "../errors/synth-error.js";
import { loadSchemaAsync, type LoadedSchema } from "../schema/load.js";
import { compilePlan, type Plan } from "../plan/plan.js";
import { loadStats, validateStats } from "../stats/load.js";
import type { StatsFile } from "../stats/types.js";
import type { TableLink } from "../package/generate/link.js";
import type { LinkedTable } from "../package/generate/linked-table.js";

export interface CompileInput {
  /** A path to a JSON Schema file, or the schema itself. */
  schema: string | object | boolean;
  /** A path to a statistics file, or the statistics themselves. */
  stats?: string | StatsFile;
  seed?: number;
  /** Total rows the run will produce (unique columns check their value space against it). */
  rows?: number;
  /** Fetch http(s) $refs. Off by default: synth never reaches the network on its own. */
  allowRemoteRefs?: boolean;
  /** Remote schema documents already fetched, by URI (filled in by compile, so workers do not fetch again). */
  remoteDocuments?: Record<string, unknown>;
  /** A table of a package: how its keys join it to the other tables (package/generate/link.ts). */
  link?: TableLink;
}

export interface Compiled {
  /** What was compiled, so that a worker thread can compile the same plan itself. */
  input: CompileInput;
  plan: Plan;
  loaded: LoadedSchema;
  stats: StatsFile | undefined;
  seed: number;
  /** A table of a package: its keys and rows as its child tables look them up. */
  linked?: LinkedTable;
}

/** Loads and checks the inputs, then compiles them into a plan: everything before the first row. */
export async function compile(input: CompileInput): Promise<Compiled> {
  const remote = new Map(Object.entries(input.remoteDocuments ?? {}));
  const loaded = await loadSchemaAsync(input.schema, { allowRemoteRefs: input.allowRemoteRefs === true, remote });
  const stats = input.stats === undefined ? undefined : typeof input.stats === "string" ? loadStats(input.stats) : validateStats(input.stats);
  const seed = input.seed ?? 0;
  let plan: Plan;
  try {
    plan = await compilePlan(loaded, stats, { seed, rows: input.rows ?? 100 });
  } catch (error) {
    throw placeInFile(error, loaded.file, typeof input.stats === "string" ? input.stats : undefined);
  }
  const remoteDocuments = remote.size > 0 ? { remoteDocuments: Object.fromEntries(remote) } : {};
  const compiled: Compiled = { input: { ...input, seed, rows: input.rows ?? 100, ...remoteDocuments }, plan, loaded, stats, seed };
  if (!input.link) return compiled;
  // Imported only for packages: a single table does not pay for it.
  const { linkPlan } = await import("../package/generate/linked-table.js");
  try {
    const { plan: linkedPlan, table } = await linkPlan(compiled, input.link, compile);
    return { ...compiled, plan: linkedPlan, linked: table };
  } catch (error) {
    throw placeInFile(error, loaded.file, typeof input.stats === "string" ? input.stats : undefined);
  }
}

/** Errors from compiling name a place in the schema (or, for STATS_*, the statistics): add which file. */
export function placeInFile(error: unknown, schemaFile: string, statsFile: string | undefined): unknown {
  if (!(error instanceof SynthError) || error.place.file !== undefined) return error;
  const file = error.code.startsWith("STATS_") ? statsFile : error.place.pointer !== undefined || error.code === "SCHEMA_UNSUPPORTED" ? schemaFile : undefined;
  if (file === undefined) return error;
  return new SynthError(error.code, error.message, { ...error.place, file }, { cause: error });
}
