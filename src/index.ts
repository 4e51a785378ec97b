/**
 * synth's public API. Every CLI command is a thin wrapper over one of these functions.
 */
export { SynthError, isSynthError, type ErrorCode, type ErrorPlace } from "./errors/synth-error.js";
export { loadStats, validateStats } from "./stats/load.js";
export type * from "./stats/types.js";
export { identifierTypes, identifierType, type IdentifierType } from "./identifiers/index.js";
