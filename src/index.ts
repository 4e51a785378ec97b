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
export { describe, buildDictionary, renderDictionary, DESCRIBE_FORMATS, type DescribeFormat, type DescribeOptions, type DescribeInput, type Dictionary, type DictionaryColumn } from "./report/describe/index.js";
export { initRequest, checkRequest, summarise as summariseRequest, renderCheck, extractSchema, shapeRequest, type CheckInput, type CheckResult, type RequestSummary, type RequestFile } from "./request/index.js";
export { verifyManifest, type VerifyReport, type FileCheck } from "./audit/verify.js";
export { verifyRun } from "./verify/verify-run.js";
export { buildManifest, loadManifest, type Manifest } from "./audit/manifest.js";
export { generateToFile, type FileRunOptions, type FileRunResult } from "./generate/generate-file.js";
export { profile, DEFAULT_MIN_COUNT, type ProfileOptions, type ProfileResult } from "./profile/profile.js";
export type { ColumnDecision, ColumnKind } from "./profile/infer-kind.js";
export type { RowCheck, RowFailure, ScanProgress } from "./profile/scan-table.js";
export { compare, type CompareOptions, type CompareReport, type ColumnComparison } from "./report/compare/compare.js";
export { renderCompareText, renderCompareJson } from "./report/compare/render.js";
export { openTable, readRecords, DEFAULT_NULL_TOKENS, type TableReader, type TableRow, type TableFormat, type Cell, type ReadTableOptions } from "./io/read-table.js";
export { profileTable, type ProfileTableOptions, type ProfileTableResult } from "./postgres/profile-table.js";
export { generateTable, type GenerateTableOptions, type GenerateTableResult } from "./postgres/generate-table.js";
export { resolveConnection, describeConnection, type ConnectionSettings } from "./postgres/connection.js";
export { type TableSource } from "./io/read-table.js";
