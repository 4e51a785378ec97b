import { existsSync } from "node:fs";
import { loadStats } from "../../stats/load.js";
import type { ChildrenBin, DataPackage } from "../../package/types.js";

/** What a package says of itself and how its tables join: the top of a package's dictionary. */
export interface PackageOverview {
  title: string;
  description?: string;
  version?: string;
  /** How current the real data is, and what it covers (the descriptor's `x-dataset`). */
  referenceDate?: string;
  coverage?: string;
  licences: string[];
  /** Publishers and contacts, as the descriptor's contributors name them. */
  contributors: string[];
  tables: Array<{ name: string; title?: string; rows?: number; columns: string[]; primaryKey: string[]; dataFile?: string }>;
  joins: Array<{ table: string; fields: string[]; parent: string; parentFields: string[]; bins?: ChildrenBin[]; copies: string[]; emptyShare?: number }>;
}

type Json = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value : undefined);

export function packageOverview(pkg: DataPackage): PackageOverview {
  const d = pkg.descriptor;
  const licences = (Array.isArray(d.licenses) ? (d.licenses as Json[]) : []).map((l) => text(l.title) ?? text(l.name) ?? "").filter(Boolean);
  const contributors = (Array.isArray(d.contributors) ? (d.contributors as Json[]) : []).map((c) => {
    const roles = Array.isArray(c.roles) ? ` (${(c.roles as string[]).join(", ")})` : typeof c.role === "string" ? ` (${c.role})` : "";
    return [text(c.title) ?? text(c.name), text(c.email) ? `<${c.email as string}>` : undefined].filter(Boolean).join(" ") + roles;
  });
  const about = (d["x-dataset"] ?? {}) as Json;
  return {
    title: text(d.title) ?? text(d.name) ?? "Dataset",
    ...(text(about.referenceDate) ? { referenceDate: about.referenceDate as string } : {}),
    ...(text(about.coverage) ? { coverage: about.coverage as string } : {}),
    ...(text(d.description) ? { description: d.description as string } : {}),
    ...(text(d.version) ? { version: d.version as string } : {}),
    licences,
    contributors,
    tables: pkg.tables.map((t) => {
      const stats = t.statsFile && existsSync(t.statsFile) ? loadStats(t.statsFile) : undefined;
      const schema = t.schema as Json | undefined;
      return {
        name: t.name,
        ...(text(schema?.title) ? { title: schema!.title as string } : {}),
        ...(stats?.rows !== undefined ? { rows: stats.rows } : {}),
        columns: Object.keys((schema?.properties ?? {}) as Json),
        primaryKey: t.primaryKey,
        ...(t.path && existsSync(t.path) ? { dataFile: t.path } : {}),
      };
    }),
    joins: pkg.tables.flatMap((t) =>
      t.foreignKeys.map((k) => {
        const r = pkg.relationships.find((rel) => rel.table === t.name && rel.fields.join("\u0000") === k.fields.join("\u0000"));
        return {
          table: t.name,
          fields: k.fields,
          parent: k.resource,
          parentFields: k.referenceFields,
          ...(r?.childrenPerParent ? { bins: r.childrenPerParent.bins } : {}),
          copies: (r?.inherited ?? []).map((i) => i.column),
          ...(r?.emptyShare !== undefined ? { emptyShare: r.emptyShare } : {}),
        };
      }),
    ),
  };
}

/** A bin in words: "none", "1 to 3", "14 or more (14.6 on average)". */
export function binWords(bin: ChildrenBin): string {
  if (bin.to === undefined) return `${bin.from} or more (${bin.mean} on average)`;
  if (bin.from === bin.to) return bin.from === 0 ? "none" : String(bin.from);
  return `${bin.from} to ${bin.to}`;
}

export function shareWords(share: number): string {
  if (share === 0) return "0%";
  if (share < 0.001) return "under 0.1%";
  return `${(100 * share).toFixed(share < 0.1 ? 1 : 0)}%`;
}

/** One join in a sentence: how the tables join and how many children a parent has. */
export function joinSentence(join: PackageOverview["joins"][number]): string {
  const on = join.fields.map((f, i) => `${join.table}.${f} = ${join.parent}.${join.parentFields[i]}`).join(" and ");
  const parts = [`Each row of ${join.table} belongs to one row of ${join.parent} (${on})`];
  if (join.emptyShare !== undefined && join.emptyShare > 0) parts.push(`except ${shareWords(join.emptyShare)} that belong to none`);
  let sentence = parts.join(", ") + ".";
  if (join.copies.length > 0) sentence += ` ${join.copies.join(", ")} ${join.copies.length === 1 ? "repeats" : "repeat"} the ${join.parent} row's value.`;
  return sentence;
}
