import { SynthError } from "../../errors/synth-error.js";
import { openTable, type Cell } from "../../io/read-table.js";
import type { LaplaceNoise } from "../../profile/disclosure/laplace.js";
import { childrenBins } from "./children-bins.js";
import type { PackageTable, Relationship } from "../types.js";

export interface RelationshipOptions {
  minCount: number;
  nullTokens?: readonly string[];
  /** Budget for each relationship's counts. */
  privacy?: { noise: LaplaceNoise; epsilon: number };
}

/** What a relationship's profile found beyond what is published: for the owner's eyes (stderr), never the file. */
export interface RelationshipFindings {
  relationship: Relationship;
  /** Child rows whose key matches no parent: the real data breaks its own foreign key. */
  orphans: number;
  notes: string[];
}

const KEY_JOIN = "\u0000";

/** Rows of a table as (key, chosen cells), streamed: a key of several columns is joined into one string. */
async function* keyedRows(table: PackageTable, keyColumns: string[], valueColumns: string[], nullTokens?: readonly string[]): AsyncGenerator<{ key: string | null; values: Array<Cell | undefined>; line: number }> {
  const reader = openTable(table.path!, nullTokens ? { nullTokens } : {});
  let keyAt: number[] | undefined;
  let valueAt: number[] = [];
  for await (const batch of reader.batches()) {
    if (!keyAt) {
      keyAt = keyColumns.map((name) => reader.columns.indexOf(name));
      const missing = keyColumns.find((_, i) => keyAt![i]! < 0);
      if (missing !== undefined) throw new SynthError("DATA_INVALID", `has no column "${missing}", which the package names as a key`, { file: table.path!, column: missing });
      valueAt = valueColumns.map((name) => reader.columns.indexOf(name));
    }
    for (const row of batch) {
      const parts = keyAt.map((i) => row.cells[i]);
      const key = parts.some((p) => p === null || p === undefined) ? null : parts.map(String).join(KEY_JOIN);
      yield { key, values: valueAt.map((i) => (i < 0 ? undefined : row.cells[i])), line: row.line };
    }
  }
}

/** The child columns worth testing for copies of a parent's value: same name, not part of either key. */
function inheritanceCandidates(child: PackageTable, parent: PackageTable, fields: string[]): string[] {
  const parentColumns = new Set(Object.keys((parent.schema?.properties ?? {}) as object));
  const childColumns = Object.keys((child.schema?.properties ?? {}) as object);
  return childColumns.filter((c) => parentColumns.has(c) && !fields.includes(c) && !parent.primaryKey.includes(c));
}

/**
 * Learns one foreign key from the real tables: how many children each parent has, how often the key is
 * empty, and which child columns always repeat the parent's value. Two streaming passes (parent, then
 * child); what is held is one entry per parent key, in the owner's secure setting, never published.
 */
export async function learnRelationship(child: PackageTable, fields: string[], parent: PackageTable, candidatesGiven: string[] | undefined, options: RelationshipOptions): Promise<RelationshipFindings> {
  const candidates = candidatesGiven ?? inheritanceCandidates(child, parent, fields);
  const parents = new Map<string, { children: number; values: Array<Cell | undefined> }>();
  for await (const row of keyedRows(parent, parent.primaryKey, candidates, options.nullTokens)) {
    if (row.key === null) continue;
    parents.set(row.key, { children: 0, values: row.values });
  }
  let childRows = 0;
  let empty = 0;
  let orphans = 0;
  const agree = candidates.map(() => 0);
  let matched = 0;
  for await (const row of keyedRows(child, fields, candidates, options.nullTokens)) {
    childRows++;
    if (row.key === null) {
      empty++;
      continue;
    }
    const entry = parents.get(row.key);
    if (!entry) {
      orphans++;
      continue;
    }
    entry.children++;
    matched++;
    candidates.forEach((_, i) => {
      if (String(row.values[i] ?? "") === String(entry.values[i] ?? "")) agree[i]!++;
    });
  }
  const byChildren = new Map<number, number>();
  for (const { children } of parents.values()) byChildren.set(children, (byChildren.get(children) ?? 0) + 1);
  // Under a budget, the counts per number of children take most of it and the empty keys the rest.
  const privacy = options.privacy;
  const childrenPerParent = childrenBins(byChildren, options.minCount, privacy && { noise: privacy.noise, epsilon: privacy.epsilon * 0.8 });
  if (privacy) empty = Math.min(childRows, privacy.noise.count(empty, privacy.epsilon * 0.2));
  // A copy is published only when every one of at least K child rows agrees: a fact about the table's design, not about anyone.
  const inherited = candidates.filter((_, i) => matched >= options.minCount && agree[i] === matched).map((column) => ({ column, from: column }));
  const emptyShare = childRows > 0 ? empty / childRows : 0;
  const notes: string[] = [];
  const relationshipName = `${child.name}(${fields.join(", ")}) -> ${parent.name}`;
  if (childrenPerParent) {
    notes.push(`${relationshipName}: children per parent published as ${childrenPerParent.bins.length} bins of at least ${options.minCount} parents each; the last bin (${childrenPerParent.bins.at(-1)!.from} or more) gives only its mean${options.privacy ? `, every count with Laplace noise (epsilon ${options.privacy.epsilon * 0.8}; the empty keys ${options.privacy.epsilon * 0.2})` : ""}.`);
  } else {
    notes.push(`${relationshipName}: fewer than ${options.minCount} parents, so children per parent are withheld (generation gives each parent one child on average).`);
  }
  if (inherited.length > 0) notes.push(`${relationshipName}: ${inherited.map((c) => `"${c.column}"`).join(", ")} always repeat the parent's value, so dummy children copy it.`);
  const emptyPublished = empty >= options.minCount || empty === 0;
  if (!emptyPublished) notes.push(`${relationshipName}: fewer than ${options.minCount} rows have an empty key, published as none.`);
  return {
    relationship: {
      table: child.name,
      fields,
      reference: { resource: parent.name, fields: parent.primaryKey },
      ...(childrenPerParent ? { childrenPerParent } : {}),
      ...(emptyPublished && empty > 0 ? { emptyShare: Number(emptyShare.toPrecision(6)) } : {}),
      ...(inherited.length > 0 ? { inherited } : {}),
    },
    orphans,
    notes,
  };
}
