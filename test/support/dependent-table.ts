import { writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * A made-up colony table whose columns depend on one another the way real records do, written as a
 * CSV file for profile to read. Every fact a test checks is planted here, in the open:
 * - species and island go together; "C" never lives on "North", and "B" lives on "South" in only
 *   three rows (fewer than K = 10: the combination must never be published or generated);
 * - `seen` is never before `born` (an order), 20 to 400 days later;
 * - `tag_date` is empty exactly when `tagged` is false;
 * - `length_cm` and `weight_g` move together, and `heavy` is 1 exactly when `weight_g` >= 5000;
 *   species "A" is never heavy.
 */

export const COLONY_ROWS = 2000;
export const RARE_PAIR = { species: "B", island: "South", rows: 3 };

function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function isoDate(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

export function colonyRows(rows = COLONY_ROWS): string[][] {
  const random = lcg(20261204);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const out: string[][] = [];
  for (let i = 0; i < rows; i++) {
    const species = i < RARE_PAIR.rows ? "B" : ["A", "B", "C"][Math.floor(random() * 3)]!;
    const island = i < RARE_PAIR.rows ? RARE_PAIR.island : species === "A" ? (random() < 0.5 ? "North" : "South") : species === "B" ? "North" : random() < 0.6 ? "East" : "South";
    const born = 17_000 + Math.floor(random() * 1500);
    const seen = born + 20 + Math.floor(random() * 380);
    const tagged = random() < 0.7;
    const tagDate = tagged ? isoDate(seen + Math.floor(random() * 30)) : "";
    const base = species === "A" ? 60 : species === "B" ? 75 : 90;
    const z = normal();
    const length = Math.round((base + 8 * z) * 10) / 10;
    const drawn = Math.round(40 * length + 300 * normal() + 1500);
    const weight = species === "A" ? Math.min(drawn, 4990) : drawn;
    out.push([species, island, isoDate(born), isoDate(seen), String(tagged), tagDate, length.toFixed(1), String(weight), weight >= 5000 ? "1" : "0"]);
  }
  return out;
}

export const COLONY_HEADER = ["species", "island", "born", "seen", "tagged", "tag_date", "length_cm", "weight_g", "heavy"];

export function writeColony(dir: string, rows = COLONY_ROWS): string {
  const file = join(dir, "colony.csv");
  writeFileSync(file, [COLONY_HEADER, ...colonyRows(rows)].map((r) => r.join(",")).join("\n") + "\n");
  return file;
}
