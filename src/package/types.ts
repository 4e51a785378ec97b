/**
 * A dataset of several tables joined by keys, as a Frictionless Data Package describes it: the tables
 * (resources), their columns, and their primary and foreign keys. Loaded and checked once
 * (package/load.ts); profiling and generation then read only this.
 */

import type { ForeignKey } from "../standards/table-schema.js";

export type { ForeignKey };

export interface PackageTable {
  name: string;
  /** Where the table's data is (real data when profiling, dummy data once generated), as the descriptor says it. */
  path?: string;
  /** The folder the descriptor is in, against which `path` and schema files resolve. */
  folder: string;
  /** A JSON Schema for one row: converted from the resource's Table Schema, or the JSON Schema it names. */
  schema?: Record<string, unknown>;
  /** The file the JSON Schema came from, when it was a file of its own. */
  schemaFile?: string;
  /** Statistics file (published packages only). */
  statsFile?: string;
  primaryKey: string[];
  foreignKeys: ForeignKey[];
  /** JSON pointer of the resource in the descriptor, for error messages. */
  pointer: string;
}

/** How many children a parent row has: K-safe bins of the real distribution, the last one open-ended. */
export interface ChildrenPerParent {
  /** Parents counted (with epsilon: a noisy count). */
  parents: number;
  /** Bins in order, each resting on at least K parents; shares sum to 1. */
  bins: ChildrenBin[];
}

/** Parents with `from` to `to` children (both inclusive). The last bin has no `to`: its parents have `from` or more, `mean` on average. */
export interface ChildrenBin {
  from: number;
  to?: number;
  mean?: number;
  share: number;
}

/** What profiling found about one foreign key, published in the package descriptor. */
export interface Relationship {
  /** The child table and its foreign-key columns. */
  table: string;
  fields: string[];
  reference: { resource: string; fields: string[] };
  childrenPerParent?: ChildrenPerParent;
  /** Share of child rows whose key is empty (nullable foreign keys). */
  emptyShare?: number;
  /** Child columns that always hold their parent's value of a column (a visit's sex is the patient's). */
  inherited?: Array<{ column: string; from: string }>;
}

export interface DataPackage {
  /** The descriptor file, as the user named it. */
  file: string;
  folder: string;
  descriptor: Record<string, unknown>;
  /** In an order where every parent comes before its children (self-references aside). */
  tables: PackageTable[];
  relationships: Relationship[];
}
