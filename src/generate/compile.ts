import { loadSchema, prepareSchema, type LoadedSchema } from "../schema/load.js";
import { compilePlan, type Plan } from "../plan/plan.js";
import { loadStats, validateStats } from "../stats/load.js";
import type { StatsFile } from "../stats/types.js";

export interface CompileInput {
  /** A path to a JSON Schema file, or the schema itself. */
  schema: string | object | boolean;
  /** A path to a statistics file, or the statistics themselves. */
  stats?: string | StatsFile;
  seed?: number;
  /** Total rows the run will produce (unique columns check their value space against it). */
  rows?: number;
}

export interface Compiled {
  plan: Plan;
  loaded: LoadedSchema;
  stats: StatsFile | undefined;
  seed: number;
}

/** Loads and checks the inputs, then compiles them into a plan: everything before the first row. */
export async function compile(input: CompileInput): Promise<Compiled> {
  const loaded = typeof input.schema === "string" ? loadSchema(input.schema) : prepareSchema(input.schema);
  const stats = input.stats === undefined ? undefined : typeof input.stats === "string" ? loadStats(input.stats) : validateStats(input.stats);
  const seed = input.seed ?? 0;
  const plan = await compilePlan(loaded, stats, { seed, rows: input.rows ?? 100 });
  return { plan, loaded, stats, seed };
}
