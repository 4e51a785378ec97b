import { SynthError } from "../../errors/synth-error.js";
import type { CompileInput } from "../../generate/compile.js";
import { readJsonFile } from "../../io/json-file.js";
import { loadStats } from "../../stats/load.js";
import type { StatsFile } from "../../stats/types.js";
import { asJsonSchema } from "../../standards/index.js";
import { childrenCount } from "./children-count.js";
import { keyColumn, type KeyColumn } from "./keys.js";
import type { LinkedKey, TableLink } from "./link.js";
import { ParentLocator } from "./parent-locator.js";

type Json = Record<string, unknown>;

/** A table's primary key by row number: all a child needs of a parent whose values it does not copy. */
export interface TableKeys {
  rows: number;
  keyAt(row: number): unknown[];
  /** Where a child row sits: its parent (by the driving key) and its place among its siblings. */
  locator?: ParentLocator;
  driving?: LinkedKey;
}

function typesOf(property: Json): string[] {
  const type = property.type;
  return (Array.isArray(type) ? type : [type]).filter((t) => typeof t === "string") as string[];
}

export function propertyOf(schema: unknown, column: string): Json {
  const properties = ((schema as Json | null)?.properties ?? {}) as Json;
  const property = properties[column];
  return property !== null && typeof property === "object" ? (property as Json) : {};
}

/**
 * A table's keys: the driving foreign key lays its rows out parent by parent; primary-key columns
 * that are not the parent's key are a number within the parent when the key is (parent, sequence),
 * and otherwise distinct by row number.
 */
export function tableKeys(link: TableLink, schema: unknown, stats: StatsFile | undefined, seed: number, drivingParent: TableKeys | undefined): TableKeys {
  const driving = link.foreignKeys.find((k) => k.driving && k.parent !== undefined);
  const locator = driving ? new ParentLocator(driving.parentRows, childrenCount(driving.bins, driving.meanChildren, seed, `${link.table}:${driving.fields.join(",")}`)) : undefined;
  if (locator && locator.children !== link.rows) throw new SynthError("INTERNAL", `table "${link.table}" was planned for ${link.rows} rows but its parents have ${locator.children} children`);
  const drivingFields = driving?.fields ?? [];
  const ownKeyFields = link.primaryKey.filter((f) => !drivingFields.includes(f));
  const sequenceWithinParent = locator !== undefined && ownKeyFields.length === 1 && link.primaryKey.length > 1 && typesOf(propertyOf(schema, ownKeyFields[0]!)).includes("integer");
  const ownKeys = new Map<string, KeyColumn>();
  for (const field of ownKeyFields) {
    const property = propertyOf(schema, field);
    if (sequenceWithinParent) {
      const low = typeof property.minimum === "number" ? Math.ceil(property.minimum) : 1;
      ownKeys.set(field, (row) => low + locator.find(row).index);
    } else {
      ownKeys.set(field, keyColumn(link.table, field, property, stats, link.rows, seed, link.keyShapes?.[field]));
    }
  }
  const keyAt = (row: number): unknown[] => {
    const parentKey = drivingParent && locator ? drivingParent.keyAt(locator.find(row).parent) : [];
    return link.primaryKey.map((field) => ownKeys.get(field)?.(row) ?? parentKey[drivingFields.indexOf(field)]);
  };
  return { rows: link.rows, keyAt, ...(locator ? { locator } : {}), ...(driving ? { driving } : {}) };
}

/** A parent's keys from its inputs alone, without compiling its plan (and its parents', recursively). */
export function keysFromInput(input: CompileInput): TableKeys {
  const link = input.link;
  if (!link) throw new SynthError("INTERNAL", "a parent table has no link");
  if (typeof input.schema !== "string" || (input.stats !== undefined && typeof input.stats !== "string")) throw new SynthError("INTERNAL", "a package table's inputs are files");
  const schema = asJsonSchema(readJsonFile(input.schema), input.schema);
  const stats = input.stats === undefined ? undefined : loadStats(input.stats);
  const driving = link.foreignKeys.find((k) => k.driving && k.parent !== undefined);
  return tableKeys(link, schema, stats, input.seed ?? 0, driving ? keysFromInput(driving.parent!) : undefined);
}
