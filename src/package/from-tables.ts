import { dirname, resolve } from "node:path";
import { SynthError } from "../errors/synth-error.js";
import { parentFirst } from "./order.js";
import type { DataPackage, ForeignKey, PackageTable } from "./types.js";

export interface NamedTables {
  /** Table name -> its real file. */
  tables: Record<string, string>;
  /** Table name -> its primary-key columns. */
  primaryKeys?: Record<string, string[]>;
  foreignKeys?: Array<{ table: string } & ForeignKey>;
}

/**
 * A package of real tables named one by one (on the command line), for holders with no descriptor:
 * the same checks as a datapackage.json, the schemas inferred from the data when profiled.
 */
export function packageFromTables(named: NamedTables): DataPackage {
  const names = Object.keys(named.tables);
  if (names.length === 0) throw new SynthError("USAGE", "name at least one table (--table NAME=FILE)");
  const known = (table: string, what: string) => {
    if (!names.includes(table)) throw new SynthError("USAGE", `${what} names a table "${table}" that no --table gives`);
  };
  for (const table of Object.keys(named.primaryKeys ?? {})) known(table, "--key");
  for (const key of named.foreignKeys ?? []) {
    known(key.table, "--foreign-key");
    known(key.resource, "--foreign-key");
    const parentKey = named.primaryKeys?.[key.resource] ?? [];
    if (parentKey.join("\u0000") !== key.referenceFields.join("\u0000")) {
      throw new SynthError("USAGE", `--foreign-key ${key.table}.${key.fields.join("+")} refers to ${key.resource}.${key.referenceFields.join("+")}, which is not that table's --key`);
    }
  }
  const tables: PackageTable[] = names.map((name, i) => ({
    name,
    path: resolve(named.tables[name]!),
    folder: dirname(resolve(named.tables[name]!)),
    primaryKey: named.primaryKeys?.[name] ?? [],
    foreignKeys: (named.foreignKeys ?? []).filter((k) => k.table === name).map(({ fields, resource, referenceFields }) => ({ fields, resource, referenceFields })),
    pointer: `/resources/${i}`,
  }));
  return { file: "<command line>", folder: process.cwd(), descriptor: { resources: [] }, tables: parentFirst(tables, "<command line>"), relationships: [] };
}

/** "movies.movieId" or "visits.patient_id+visit_no": a table and its columns. */
export function parseColumns(raw: string, flag: string): { table: string; columns: string[] } {
  const dot = raw.indexOf(".");
  if (dot <= 0 || dot === raw.length - 1) throw new SynthError("USAGE", `${flag} "${raw}" is not TABLE.COLUMN (several columns joined by +)`);
  return { table: raw.slice(0, dot), columns: raw.slice(dot + 1).split("+") };
}
