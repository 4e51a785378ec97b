import { realpathSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { SynthError } from "../errors/synth-error.js";
import { readJsonFile } from "../io/json-file.js";
import { parentFirst } from "./order.js";
import { relationshipsOf } from "./relationships.js";
import { isTableSchema, tableSchemaKeys, tableSchemaToJsonSchema } from "../standards/table-schema.js";
import type { DataPackage, ForeignKey, PackageTable } from "./types.js";

type Json = Record<string, unknown>;

function fail(message: string, file: string, pointer: string): never {
  throw new SynthError("PACKAGE_INVALID", message, { file, pointer });
}

/**
 * A path the descriptor names, resolved against its folder. The Data Package spec allows only relative
 * POSIX paths that stay inside the package: anything else would read (or, generated, write) a file of
 * the holder's that is not part of the dataset.
 */
export function packagePath(folder: string, path: unknown, file: string, pointer: string): string {
  if (typeof path !== "string" || path === "") fail("must be a relative path to a file in the package's folder", file, pointer);
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) fail(`"${path}" is a URL; synth reads only files in the package's folder`, file, pointer);
  if (isAbsolute(path) || path.split(/[\\/]/).includes("..")) fail(`"${path}" leads outside the package's folder`, file, pointer);
  const full = join(folder, path);
  try {
    // Through a symbolic link a relative path can still lead out: follow it and look again.
    const real = realpathSync(full);
    const rel = relative(realpathSync(folder), real);
    if (rel.startsWith("..") || isAbsolute(rel)) fail(`"${path}" is a link that leads outside the package's folder`, file, pointer);
  } catch (error) {
    if (error instanceof SynthError) throw error;
    // Missing files are the reader's to report, naming the file.
  }
  return full;
}

function readSchemaDocument(resource: Json, folder: string, file: string, pointer: string): { document: unknown; from?: string } {
  const schema = resource.schema;
  if (schema === undefined) return { document: undefined };
  if (typeof schema === "string") {
    const path = packagePath(folder, schema, file, `${pointer}/schema`);
    return { document: readJsonFile(path), from: path };
  }
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) fail("must be a Table Schema, or the path of one", file, `${pointer}/schema`);
  return { document: schema };
}

function loadTable(resource: unknown, index: number, folder: string, file: string): PackageTable {
  const pointer = `/resources/${index}`;
  if (resource === null || typeof resource !== "object" || Array.isArray(resource)) fail("a resource must be an object", file, pointer);
  const entry = resource as Json;
  if (typeof entry.name !== "string" || !/^[a-z0-9._-]+$/i.test(entry.name)) fail("needs a name of letters, digits, '.', '_' or '-'", file, `${pointer}/name`);
  const name = entry.name;
  const synth = (entry["x-synth"] ?? {}) as Json;
  const { document, from } = readSchemaDocument(entry, folder, file, pointer);
  const schemaFile = from ?? file;
  const schemaPointer = from ? "" : `${pointer}/schema`;
  let primaryKey: string[] = [];
  let foreignKeys: ForeignKey[] = [];
  let schema: Record<string, unknown> | undefined;
  if (document !== undefined) {
    if (!isTableSchema(document)) fail("must be a Table Schema (with a list of fields)", schemaFile, schemaPointer);
    ({ primaryKey, foreignKeys } = tableSchemaKeys(document, schemaFile, schemaPointer, name));
    schema = tableSchemaToJsonSchema(document, schemaFile, schemaPointer);
  }
  // synth's own JSON Schema for the rows, richer than a Table Schema can say (rules, identifiers, locale).
  let jsonSchemaFile: string | undefined;
  if (synth.schema !== undefined) {
    jsonSchemaFile = packagePath(folder, synth.schema, file, `${pointer}/x-synth/schema`);
    schema = readJsonFile(jsonSchemaFile) as Record<string, unknown>;
  }
  const statsFile = synth.stats === undefined ? undefined : packagePath(folder, synth.stats, file, `${pointer}/x-synth/stats`);
  const path = entry.path === undefined ? undefined : packagePath(folder, entry.path, file, `${pointer}/path`);
  return {
    name,
    ...(entry.path !== undefined ? { path: path! } : {}),
    folder,
    ...(schema ? { schema } : {}),
    ...(jsonSchemaFile ? { schemaFile: jsonSchemaFile } : {}),
    ...(statsFile ? { statsFile } : {}),
    primaryKey,
    foreignKeys,
    pointer,
  };
}

/** Every foreign key names a table and columns that exist, and refers to the parent's primary key. */
function checkReferences(tables: PackageTable[], file: string): void {
  const byName = new Map(tables.map((t) => [t.name, t]));
  for (const table of tables) {
    table.foreignKeys.forEach((key, i) => {
      const at = `${table.pointer}/schema/foreignKeys/${i}/reference`;
      const parent = byName.get(key.resource);
      if (!parent) fail(`refers to a table "${key.resource}" the package does not have`, file, `${at}/resource`);
      const columns = parent.schema ? Object.keys((parent.schema.properties ?? {}) as Json) : undefined;
      for (const field of key.referenceFields) {
        if (columns && !columns.includes(field)) fail(`refers to a column "${field}" that table "${parent.name}" does not have`, file, `${at}/fields`);
      }
      if (parent.primaryKey.join("\u0000") !== key.referenceFields.join("\u0000")) {
        fail(`refers to ${key.referenceFields.join(", ")} of "${parent.name}", which is not its primary key (${parent.primaryKey.join(", ") || "none"}); synth joins tables on primary keys`, file, `${at}/fields`);
      }
    });
  }
}

/** Loads and checks a Data Package descriptor (datapackage.json): its tables, keys and any published relationships. */
export function loadPackage(file: string): DataPackage {
  const descriptor = readJsonFile(file);
  if (descriptor === null || typeof descriptor !== "object" || Array.isArray(descriptor)) fail("a Data Package descriptor must be a JSON object", file, "");
  const document = descriptor as Json;
  const folder = dirname(resolve(file));
  if (!Array.isArray(document.resources) || document.resources.length === 0) fail("needs a list of resources (the tables)", file, "/resources");
  const tables = (document.resources as unknown[]).map((resource, i) => loadTable(resource, i, folder, file));
  const seen = new Set<string>();
  tables.forEach((table) => {
    if (seen.has(table.name)) fail(`a second resource is named "${table.name}"`, file, `${table.pointer}/name`);
    seen.add(table.name);
  });
  checkReferences(tables, file);
  const ordered = parentFirst(tables, file);
  return { file, folder, descriptor: document, tables: ordered, relationships: relationshipsOf(document, ordered, file) };
}
