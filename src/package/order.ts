import { SynthError } from "../errors/synth-error.js";
import type { PackageTable } from "./types.js";

/**
 * The tables in an order where every parent comes before its children, so each table's foreign keys
 * can be drawn from parents already planned. Ties keep the descriptor's order. A self-reference (a
 * manager who is an employee) needs no order; a cycle between tables has none, and is refused.
 */
export function parentFirst(tables: PackageTable[], file: string): PackageTable[] {
  const placed = new Set<string>();
  const ordered: PackageTable[] = [];
  while (ordered.length < tables.length) {
    const next = tables.find((t) => !placed.has(t.name) && t.foreignKeys.every((k) => k.resource === t.name || placed.has(k.resource)));
    if (!next) {
      const waiting = tables.filter((t) => !placed.has(t.name)).map((t) => t.name);
      throw new SynthError("PACKAGE_INVALID", `the foreign keys of ${waiting.map((n) => `"${n}"`).join(", ")} form a cycle: no table of them can be made before the others`, { file, pointer: "/resources" });
    }
    placed.add(next.name);
    ordered.push(next);
  }
  return ordered;
}
