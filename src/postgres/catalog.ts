import type pg from "pg";
import { SynthError, type ErrorPlace } from "../errors/synth-error.js";

/**
 * What the catalog says about one table: its columns (type, NOT NULL, comment, enum labels) and its
 * constraints, read from pg_catalog (never from the rows). One query per kind of fact.
 */

export interface CatalogColumn {
  name: string;
  /** The type's name, or a domain's base type's: int4, varchar, timestamptz, ... */
  type: string;
  /** As the server prints it: character varying(20), numeric(8,2). */
  typeText: string;
  /** varchar(n), char(n): n. */
  length?: number;
  /** numeric(p, s). */
  precision?: number;
  scale?: number;
  notNull: boolean;
  comment?: string;
  /** Labels of an enum type, in their order. */
  enumLabels?: string[];
  /** Filled by the server (a default, an identity or a generated column). */
  hasDefault: boolean;
  generated: boolean;
}

export interface CatalogConstraint {
  name: string;
  kind: "primary" | "unique" | "check" | "foreign" | "exclusion" | "other";
  columns: string[];
  /** pg_get_constraintdef: CHECK ((age >= 0)). */
  definition: string;
}

export interface CatalogTable {
  schema: string;
  name: string;
  comment?: string;
  columns: CatalogColumn[];
  constraints: CatalogConstraint[];
}

/** "people" or "public.people" (a name with dots or capitals in double quotes: "My.Table"). */
export function splitTableName(name: string): { schema?: string; table: string } {
  const parts: string[] = [];
  const pattern = /"((?:[^"]|"")*)"|([^."]+)/gy;
  let at = 0;
  while (at < name.length) {
    pattern.lastIndex = at;
    const match = pattern.exec(name);
    if (!match) throw new SynthError("USAGE", `not a table name: ${name}`);
    parts.push(match[1] !== undefined ? match[1].replace(/""/g, '"') : match[2]!);
    at = pattern.lastIndex;
    if (at < name.length) {
      if (name[at] !== ".") throw new SynthError("USAGE", `not a table name: ${name}`);
      at++;
    }
  }
  if (parts.length === 1) return { table: parts[0]! };
  if (parts.length === 2) return { schema: parts[0]!, table: parts[1]! };
  throw new SynthError("USAGE", `not a table name (use TABLE or SCHEMA.TABLE): ${name}`);
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function qualifiedName(table: { schema: string; name: string }): string {
  return `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
}

const TABLE_QUERY = `
SELECT c.oid, n.nspname, c.relname, c.relkind, obj_description(c.oid, 'pg_class') AS comment
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relname = $1 AND (CASE WHEN $2::text IS NULL THEN n.oid = ANY (current_schemas(false)::regnamespace[]::oid[]) ELSE n.nspname = $2::text END)
ORDER BY array_position(current_schemas(false), n.nspname::text) NULLS LAST
LIMIT 1`;

const COLUMNS_QUERY = `
SELECT a.attname, a.attnotnull, a.atthasdef, a.attidentity <> '' AS identity, a.attgenerated <> '' AS generated,
       format_type(a.atttypid, a.atttypmod) AS type_text, a.atttypmod AS typmod,
       t.typname, t.typtype, bt.typname AS base_typname, COALESCE(bt.typtypmod, -1) AS base_typmod,
       col_description(a.attrelid, a.attnum) AS comment,
       (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = a.atttypid) AS enum_labels
FROM pg_attribute a
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_type bt ON t.typtype = 'd' AND bt.oid = t.typbasetype
WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum`;

const CONSTRAINTS_QUERY = `
SELECT con.conname, con.contype, pg_get_constraintdef(con.oid) AS definition,
       ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, i)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.i) AS columns
FROM pg_constraint con
WHERE con.conrelid = $1
ORDER BY con.contype, con.conname`;

const KINDS: Record<string, CatalogConstraint["kind"]> = { p: "primary", u: "unique", c: "check", f: "foreign", x: "exclusion" };

/** varchar(n)/char(n) and numeric(p,s) sizes from a type modifier. */
function sizes(type: string, typmod: number): Pick<CatalogColumn, "length" | "precision" | "scale"> {
  if (typmod < 0) return {};
  if (type === "varchar" || type === "bpchar") return { length: typmod - 4 };
  if (type === "numeric") return { precision: ((typmod - 4) >> 16) & 0xffff, scale: (typmod - 4) & 0xffff };
  return {};
}

/** Reads a table's definition; a table that does not exist is an error naming it. */
export async function readTable(client: pg.Client, name: string, place: ErrorPlace): Promise<CatalogTable> {
  const { schema, table } = splitTableName(name);
  const found = await client.query(TABLE_QUERY, [table, schema ?? null]);
  const row = found.rows[0] as { oid: number; nspname: string; relname: string; relkind: string; comment: string | null } | undefined;
  if (!row) throw new SynthError("DB_NOT_FOUND", `no such table${schema ? "" : " in the search path"}`, { ...place, table: name });
  if (!["r", "p", "v", "m", "f"].includes(row.relkind)) throw new SynthError("DB_NOT_FOUND", "not a table or view", { ...place, table: name });
  const columns = (await client.query(COLUMNS_QUERY, [row.oid])).rows.map((c): CatalogColumn => {
    const domain = c.typtype === "d";
    const type = domain ? (c.base_typname as string) : (c.typname as string);
    const typmod = domain ? (c.base_typmod as number) : (c.typmod as number);
    return {
      name: c.attname,
      type,
      typeText: c.type_text,
      ...sizes(type, typmod),
      notNull: c.attnotnull,
      ...(c.comment ? { comment: c.comment } : {}),
      ...(c.enum_labels ? { enumLabels: c.enum_labels } : {}),
      hasDefault: c.atthasdef || c.identity || c.generated,
      generated: c.generated,
    };
  });
  const constraints = (await client.query(CONSTRAINTS_QUERY, [row.oid])).rows.map(
    (c): CatalogConstraint => ({ name: c.conname, kind: KINDS[c.contype] ?? "other", columns: c.columns, definition: c.definition }),
  );
  return { schema: row.nspname, name: row.relname, ...(row.comment ? { comment: row.comment } : {}), columns, constraints };
}
