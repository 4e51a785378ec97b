import type { LoadedSchema } from "../schema/load.js";
import type { FakerSource } from "./strings/faker-source.js";

export interface CompileOptions {
  /** Retries of a value that fails verification before generation stops with an error. */
  maxAttempts: number;
  /** Deepest nesting generated through recursive $refs before only required parts are generated. */
  maxDepth: number;
  /** Items added beyond minItems (and properties beyond the required ones) at most, when unbounded. */
  extraItems: number;
}

export const DEFAULT_COMPILE_OPTIONS: CompileOptions = { maxAttempts: 100, maxDepth: 6, extraItems: 3 };

export interface CompileContext {
  loaded: LoadedSchema;
  options: CompileOptions;
  faker: FakerSource;
  /** Seed of the run, for unique-value permutations that must not depend on compile order. */
  seed: number;
  /** Mutable state shared by the samplers while a value is being drawn: how deep recursion has gone. */
  runtime: {
    depth: number;
    /** Nesting of verified samplers now running, and attempts spent since the outermost began. */
    verifying?: number;
    attempts?: number;
    /** Recursive $refs expanded since the outermost one began (bounds the size of recursive values). */
    expanded?: number;
  };
  /** Compiled plans by the subschemas they merge, so shared $defs compile once and recursion ends. */
  cache: Map<string, import("./types/node-plan.js").NodePlan>;
  /** Keys of plans being compiled right now: meeting one again means the schema is recursive. */
  compiling: Set<string>;
}
