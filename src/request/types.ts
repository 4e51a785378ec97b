/**
 * The data-request format, version 1. `schemas/request.schema.json` is the contract; these types
 * mirror it.
 */

export const REQUEST_FORMAT = "synth-request";
export const REQUEST_VERSION = 1;

export type Scalar = string | number | boolean | null;

export type SimpleCoarsening = "year" | "month" | "date" | "age-years" | "postcode-outward" | "postcode-area";

export type CoarsenSpec =
  | SimpleCoarsening
  | { to: SimpleCoarsening }
  | { to: "age-band"; bands: number[] }
  | { to: "band"; width: number }
  | { to: "codes"; keep: Array<string | number | boolean> }
  | { to: "groups"; groups: Record<string, Array<string | number | boolean>> };

export interface ColumnRequest {
  selected: boolean;
  about?: string;
  purpose?: string;
  coarsen?: CoarsenSpec;
  as?: string;
}

export type FilterOp = "=" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not in";
export const FILTER_OPS: readonly FilterOp[] = ["=", "!=", "<", "<=", ">", ">=", "in", "not in"];

export interface FilterObject {
  column: string;
  op: FilterOp;
  value: Scalar | Scalar[];
}

export interface RequestFile {
  $schema?: string;
  format: typeof REQUEST_FORMAT;
  version: typeof REQUEST_VERSION;
  dataset?: { title?: string; id?: string; schema?: string };
  requester: { organisation: string; team?: string; contact?: string };
  purpose: string;
  lawfulBasis: string;
  referenceDate?: string;
  columns: Record<string, ColumnRequest>;
  filters?: Array<string | FilterObject>;
}
