import type { CompileInput } from "../../generate/compile.js";
import type { ChildrenBin } from "../types.js";

/**
 * What a table's rows need from the other tables of a package, in a form a worker thread can be sent:
 * each parent is named by its own compile input (with its own link), so any thread compiles the same
 * chain of tables and finds the same parent keys for the same row numbers.
 */
export interface TableLink {
  table: string;
  /** Rows of this table in the run. */
  rows: number;
  primaryKey: string[];
  foreignKeys: LinkedKey[];
  /**
   * Published distributions of key columns the table's own statistics withhold (an identifier), taken
   * from a child's foreign key to it: dummy keys are spaced like the real ones.
   */
  keyShapes?: Record<string, Array<[number, number]>>;
}

export interface LinkedKey {
  fields: string[];
  referenceFields: string[];
  /** The parent table's input; undefined for a self-reference. */
  parent?: CompileInput;
  parentRows: number;
  /** The first foreign key to another table lays the children out parent by parent. */
  driving: boolean;
  bins?: ChildrenBin[];
  meanChildren: number;
  emptyShare?: number;
  inherited?: Array<{ column: string; from: string }>;
}
