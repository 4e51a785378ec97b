export { initRequest, coarseningsFor } from "./init.js";
export { checkRequest, assertRequest, type CheckInput, type CheckResult, type Issue, type OutputColumn, type ResolvedFilter } from "./check.js";
export { summarise, renderCheck, CHECK_FORMATS, type CheckFormat, type RequestSummary } from "./report.js";
export { shapeRequest, extractSchema, extractRows, writeExtractRange, type ShapedRequest } from "./apply.js";
export type * from "./types.js";
