/**
 * synth's public API. Every CLI command is a thin wrapper over one of these functions.
 */
export { SynthError, isSynthError, type ErrorCode, type ErrorPlace } from "./errors/synth-error.js";
export { loadStats, validateStats } from "./stats/load.js";
export type * from "./stats/types.js";
export { loadSchema, prepareSchema, type LoadedSchema } from "./schema/load.js";
export { identifierTypes, identifierType, type IdentifierType } from "./identifiers/index.js";
export { generate, type GenerateOptions } from "./generate/generate.js";
export { compile, type CompileInput, type Compiled } from "./generate/compile.js";
export { sampleRows } from "./generate/rows.js";
export { writeRange, type RangeOutput } from "./generate/output.js";
export { shardRange, parseShard, type Shard } from "./generate/shard.js";
export type { Plan } from "./plan/plan.js";
export type { OutputFormat } from "./sinks/encoders.js";
