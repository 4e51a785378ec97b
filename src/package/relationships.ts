import { SynthError } from "../errors/synth-error.js";
import type { ChildrenBin, PackageTable, Relationship } from "./types.js";

type Json = Record<string, unknown>;

function fail(message: string, file: string, pointer: string): never {
  throw new SynthError("PACKAGE_INVALID", message, { file, pointer });
}

const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isShare = (v: unknown): v is number => typeof v === "number" && v >= 0 && v <= 1;

function checkBins(bins: unknown, file: string, at: string): ChildrenBin[] {
  if (!Array.isArray(bins) || bins.length === 0) fail("needs at least one bin", file, at);
  let next = 0;
  let total = 0;
  bins.forEach((raw, i) => {
    const bin = raw as Json;
    const here = `${at}/${i}`;
    if (bin === null || typeof bin !== "object") fail("a bin must be an object", file, here);
    if (!isCount(bin.from) || bin.from !== next) fail(`must start at ${next} children (bins run on from 0 without gaps)`, file, `${here}/from`);
    const last = i === bins.length - 1;
    if (!last && (!isCount(bin.to) || bin.to < bin.from)) fail("must give `to`, at least `from` (only the last bin is open-ended)", file, `${here}/to`);
    if (last && bin.to !== undefined && (!isCount(bin.to) || bin.to < bin.from)) fail("must be at least `from`", file, `${here}/to`);
    if (last && bin.to === undefined && !(typeof bin.mean === "number" && bin.mean >= bin.from)) fail("an open-ended last bin needs its mean, at least `from`", file, `${here}/mean`);
    if (!isShare(bin.share)) fail("must be a share from 0 to 1", file, `${here}/share`);
    total += bin.share as number;
    next = ((bin.to as number | undefined) ?? (bin.from as number)) + 1;
  });
  if (Math.abs(total - 1) > 1e-4) fail(`shares sum to ${total}, not 1`, file, at);
  return bins as ChildrenBin[];
}

/** The relationships a published package records (`x-synth.relationships`), each matched to a foreign key it describes. */
export function relationshipsOf(descriptor: Json, tables: PackageTable[], file: string): Relationship[] {
  const raw = ((descriptor["x-synth"] ?? {}) as Json).relationships;
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) fail("must be a list", file, "/x-synth/relationships");
  return raw.map((entry, i): Relationship => {
    const at = `/x-synth/relationships/${i}`;
    const r = entry as Json;
    if (r === null || typeof r !== "object") fail("must be an object", file, at);
    const table = tables.find((t) => t.name === r.table);
    if (!table) fail(`names a table "${String(r.table)}" the package does not have`, file, `${at}/table`);
    const fields = r.fields as string[];
    const key = table.foreignKeys.find((k) => Array.isArray(fields) && k.fields.join("\u0000") === fields.join("\u0000"));
    if (!key) fail(`names columns that are not a foreign key of "${table.name}"`, file, `${at}/fields`);
    const cpp = r.childrenPerParent as Json | undefined;
    if (cpp !== undefined && (cpp === null || typeof cpp !== "object" || !isCount(cpp.parents))) fail("needs the count of parents", file, `${at}/childrenPerParent/parents`);
    if (r.emptyShare !== undefined && !isShare(r.emptyShare)) fail("must be a share from 0 to 1", file, `${at}/emptyShare`);
    const inherited = r.inherited ?? [];
    if (!Array.isArray(inherited) || inherited.some((p) => p === null || typeof p !== "object" || typeof (p as Json).column !== "string" || typeof (p as Json).from !== "string")) {
      fail("must list {column, from} pairs", file, `${at}/inherited`);
    }
    return {
      table: table.name,
      fields: key.fields,
      reference: { resource: key.resource, fields: key.referenceFields },
      ...(cpp ? { childrenPerParent: { parents: cpp.parents as number, bins: checkBins(cpp.bins, file, `${at}/childrenPerParent/bins`) } } : {}),
      ...(r.emptyShare !== undefined ? { emptyShare: r.emptyShare as number } : {}),
      ...((inherited as unknown[]).length > 0 ? { inherited: inherited as Array<{ column: string; from: string }> } : {}),
    };
  });
}
