import { profile, type ProfileResult } from "../../profile/profile.js";
import { LaplaceNoise } from "../../profile/disclosure/laplace.js";
import { DEFAULT_MIN_COUNT } from "../../profile/min-count.js";
import { SynthError } from "../../errors/synth-error.js";
import { jsonSchemaToTableSchema } from "../../standards/table-schema.js";
import type { DataPackage, PackageTable, Relationship } from "../types.js";
import { learnRelationship, type RelationshipFindings } from "./learn-relationships.js";

/** Share of a privacy budget spent on the relationships (children per parent); the tables split the rest. */
const RELATIONSHIP_BUDGET_SHARE = 0.1;

/** Descriptor properties that say what the dataset is, carried into the published package. */
const METADATA = ["name", "id", "title", "description", "version", "licenses", "contributors", "keywords", "homepage", "created", "image", "x-dataset"] as const;

export interface PackageProfileOptions {
  minCount?: number;
  epsilon?: number;
  seed?: number;
  nullTokens?: readonly string[];
  dependence?: boolean;
}

export interface PublishedTable {
  table: PackageTable;
  result: ProfileResult;
  /** The JSON Schema published for the table's rows: the owner's (converted from the Table Schema) or the one inferred. */
  schema: Record<string, unknown>;
  schemaName: string;
  statsName: string;
  dataName: string;
}

export interface PackageProfile {
  /** The published datapackage.json. */
  descriptor: Record<string, unknown>;
  tables: PublishedTable[];
  relationships: RelationshipFindings[];
}

function requireData(table: PackageTable, file: string): string {
  if (table.path === undefined) throw new SynthError("PACKAGE_INVALID", "needs a path to the table's real data", { file, pointer: `${table.pointer}/path` });
  return table.path;
}

/** A foreign key's column takes the type and range of the key it refers to, so every dummy key the parent has is a valid value for it. */
function alignForeignKeys(published: Map<string, Record<string, unknown>>, pkg: DataPackage): void {
  for (const table of pkg.tables) {
    const properties = published.get(table.name)!.properties as Record<string, unknown>;
    for (const key of table.foreignKeys) {
      const parent = published.get(key.resource)!.properties as Record<string, unknown>;
      key.fields.forEach((field, i) => {
        const own = properties[field] as Record<string, unknown> | undefined;
        const referred = parent[key.referenceFields[i]!] as Record<string, unknown> | undefined;
        if (!own || !referred) return;
        const types = Array.isArray(own.type) ? own.type : [own.type];
        const nullable = types.includes("null");
        // Values, not the parent's uniqueness: many children share a parent.
        const { "x-unique": _unique, title: _title, ...copy } = referred as Record<string, unknown>;
        if (nullable && typeof copy.type === "string") copy.type = [copy.type, "null"];
        if (typeof own.description === "string") copy.description = own.description;
        properties[field] = copy;
      });
    }
  }
}

/**
 * Profiles every table of a package of real data, and every foreign key between them: what a holder
 * may publish about the dataset as a whole. Nothing is written here; the caller writes the files.
 */
export async function profilePackage(pkg: DataPackage, options: PackageProfileOptions = {}): Promise<PackageProfile> {
  const minCount = options.minCount ?? DEFAULT_MIN_COUNT;
  const keys = pkg.tables.flatMap((t) => t.foreignKeys.map((k) => ({ table: t, key: k })));
  const epsilon = options.epsilon;
  const relationshipEpsilon = epsilon !== undefined && keys.length > 0 ? (epsilon * RELATIONSHIP_BUDGET_SHARE) / keys.length : undefined;
  const tableEpsilon = epsilon !== undefined ? (epsilon - (relationshipEpsilon ?? 0) * keys.length) / pkg.tables.length : undefined;
  const tables: PublishedTable[] = [];
  for (const [i, table] of pkg.tables.entries()) {
    const input = requireData(table, pkg.file);
    const result = await profile({
      input,
      ...(table.schema ? { schema: table.schema } : {}),
      minCount,
      ...(tableEpsilon !== undefined ? { epsilon: tableEpsilon } : {}),
      // Each table's noise from its own stream: one seed for the run, never the same noise twice.
      ...(options.seed !== undefined ? { seed: options.seed + i } : {}),
      ...(options.nullTokens ? { nullTokens: options.nullTokens } : {}),
      ...(options.dependence === false ? { dependence: false } : {}),
      keyColumns: [...table.primaryKey, ...table.foreignKeys.flatMap((k) => k.fields)],
    });
    result.stats.table = table.name;
    const schema = structuredClone(table.schema ?? result.schema!);
    schema.title ??= table.name;
    tables.push({ table, result, schema, schemaName: `${table.name}.schema.json`, statsName: `${table.name}.stats.json`, dataName: `${table.name}.csv` });
  }
  const published = new Map(tables.map((t) => [t.table.name, t.schema]));
  alignForeignKeys(published, pkg);
  const noise = relationshipEpsilon !== undefined ? new LaplaceNoise(options.seed !== undefined ? options.seed + pkg.tables.length : undefined) : undefined;
  const relationships: RelationshipFindings[] = [];
  for (const { table, key } of keys) {
    const parent = pkg.tables.find((t) => t.name === key.resource)!;
    relationships.push(
      await learnRelationship({ ...table, schema: published.get(table.name)! }, key.fields, { ...parent, schema: published.get(parent.name)! }, undefined, {
        minCount,
        ...(options.nullTokens ? { nullTokens: options.nullTokens } : {}),
        ...(noise && relationshipEpsilon !== undefined ? { privacy: { noise, epsilon: relationshipEpsilon } } : {}),
      }),
    );
  }
  const metadata = Object.fromEntries(METADATA.filter((k) => pkg.descriptor[k] !== undefined).map((k) => [k, pkg.descriptor[k]]));
  const descriptor: Record<string, unknown> = {
    $schema: "https://datapackage.org/profiles/2.0/datapackage.json",
    ...metadata,
    resources: tables.map((t) => ({
      name: t.table.name,
      path: t.dataName,
      format: "csv",
      mediatype: "text/csv",
      schema: jsonSchemaToTableSchema(t.schema, t.table.primaryKey, t.table.foreignKeys),
      "x-synth": { schema: t.schemaName, stats: t.statsName },
    })),
    "x-synth": {
      statement: "Published by synth profile: statistics of real tables, safe to take out under the disclosure rules below. The data files named here do not exist until `synth generate --package` writes dummy ones.",
      disclosure: {
        minCount,
        epsilon: epsilon ?? null,
        ...(epsilon !== undefined ? { epsilonPerTable: tableEpsilon, epsilonPerRelationship: relationshipEpsilon ?? 0 } : {}),
        notes: relationships.flatMap((r) => r.notes),
      },
      relationships: relationships.map((r): Relationship => r.relationship),
    },
  };
  return { descriptor, tables, relationships };
}
