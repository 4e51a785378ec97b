import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { compile, type CompileInput } from "../../generate/compile.js";
import { generateToFile, type FileRunResult } from "../../generate/generate-file.js";
import { writeRange } from "../../generate/output.js";
import type { Shard } from "../../generate/shard.js";
import { SynthError } from "../../errors/synth-error.js";
import { checkOutputs, writeFileAtomic } from "../../io/atomic-write.js";
import { formatJson } from "../../profile/format-json.js";
import { hashString } from "../../random/rng.js";
import { loadStats } from "../../stats/load.js";
import type { StatsFile } from "../../stats/types.js";
import type { DataPackage, PackageTable, Relationship } from "../types.js";
import { sealDescriptor } from "../release-hashes.js";
import { childrenCount } from "./children-count.js";
import type { LinkedKey, TableLink } from "./link.js";
import { ParentLocator } from "./parent-locator.js";

export interface PackageGenerateOptions {
  outputDir: string;
  seed?: number;
  /** Rows of each table without a parent, as a multiple of the real table's (default 1). */
  scale?: number;
  /** Rows of named tables, instead of the scale (tables whose rows follow their parents cannot be named). */
  rows?: Record<string, number>;
  force?: boolean;
  threads?: number;
  shard?: Shard;
  /** Write the HTML data dictionary into the folder (index.html and a page per table). Default true. */
  dictionary?: boolean;
}

export interface PackageGenerateResult {
  descriptorPath: string;
  tables: Array<{ table: string; rows: number; result: FileRunResult }>;
}

/**
 * A full collection between tables. What the table before left behind is garbage, but V8 keeps the
 * heap it grew to, and the next table's worker threads take their memory caps from this thread's
 * heap: without it a package's peak memory is the sum of its tables', not the largest.
 */
function collectGarbage(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

/** Each table draws from its own seed, so two tables of a package never share a random stream. */
export function tableSeed(seed: number, table: string): number {
  return hashString(`${seed}:${table}`);
}

interface Planned {
  table: PackageTable;
  input: CompileInput;
  rows: number;
  schemaName: string;
  statsName: string;
}

function published(table: PackageTable, file: string): { schemaFile: string; statsFile: string } {
  if (!table.schemaFile || !table.statsFile) {
    throw new SynthError("PACKAGE_INVALID", 'names no published schema and statistics ("x-synth": {"schema": …, "stats": …}): make the package with `synth profile --package`', { file, pointer: table.pointer });
  }
  return { schemaFile: table.schemaFile, statsFile: table.statsFile };
}

/** Plans every table: its rows (scaled, or as many as its parents' children) and the link joining it to its parents. */
function planTables(pkg: DataPackage, options: PackageGenerateOptions): Planned[] {
  const seed = options.seed ?? 0;
  const scale = options.scale ?? 1;
  const planned = new Map<string, Planned>();
  // Each statistics file is read and checked once, however many tables refer to it.
  const read = new Map<string, StatsFile>();
  const statsOf = (file: string): StatsFile => read.get(file) ?? (read.set(file, loadStats(file)), read.get(file)!);
  for (const name of Object.keys(options.rows ?? {})) {
    if (!pkg.tables.some((t) => t.name === name)) throw new SynthError("USAGE", `--table-rows names a table "${name}" the package does not have`);
  }
  for (const table of pkg.tables) {
    const { schemaFile, statsFile } = published(table, pkg.file);
    const stats = statsOf(statsFile);
    const ownSeed = tableSeed(seed, table.name);
    const foreignKeys: LinkedKey[] = [];
    let drivingRows: number | undefined;
    for (const key of table.foreignKeys) {
      const relationship: Relationship | undefined = pkg.relationships.find((r) => r.table === table.name && r.fields.join("\u0000") === key.fields.join("\u0000"));
      const self = key.resource === table.name;
      const parent = self ? undefined : planned.get(key.resource)!;
      const driving = !self && foreignKeys.every((k) => !k.driving);
      const parentRows = parent?.rows ?? 0;
      const meanChildren = parent && parent.rows > 0 ? (stats.rows ?? 0) / (statsOf(parent.input.stats as string).rows || 1) : 1;
      const linked: LinkedKey = {
        fields: key.fields,
        referenceFields: key.referenceFields,
        ...(parent ? { parent: parent.input } : {}),
        parentRows,
        driving,
        ...(relationship?.childrenPerParent ? { bins: relationship.childrenPerParent.bins } : {}),
        meanChildren,
        ...(relationship?.emptyShare !== undefined ? { emptyShare: relationship.emptyShare } : {}),
        ...(relationship?.inherited ? { inherited: relationship.inherited } : {}),
      };
      foreignKeys.push(linked);
      if (driving) {
        const counts = childrenCount(linked.bins, meanChildren, ownSeed, `${table.name}:${key.fields.join(",")}`);
        drivingRows = new ParentLocator(parentRows, counts).children;
      }
    }
    const asked = options.rows?.[table.name];
    if (asked !== undefined && drivingRows !== undefined) throw new SynthError("USAGE", `--table-rows cannot set "${table.name}": its rows follow its parents (${table.foreignKeys[0]!.resource}), so scale those instead`);
    const rows = drivingRows ?? asked ?? Math.round((stats.rows ?? 0) * scale);
    const schemaName = `${table.name}.schema.json`;
    const statsName = `${table.name}.stats.json`;
    const keyShapes = keyShapesOf(pkg, table, stats, statsOf);
    const link: TableLink = { table: table.name, rows, primaryKey: table.primaryKey, foreignKeys, ...(keyShapes ? { keyShapes } : {}) };
    planned.set(table.name, { table, rows, schemaName, statsName, input: { schema: schemaFile, stats: statsFile, seed: ownSeed, rows, link } });
  }
  return pkg.tables.map((t) => planned.get(t.name)!);
}

/** For a one-column key whose own statistics withhold its values: the quantiles a child's foreign key publishes. */
function keyShapesOf(pkg: DataPackage, table: PackageTable, stats: StatsFile, statsOf: (file: string) => StatsFile): Record<string, Array<[number, number]>> | undefined {
  if (table.primaryKey.length !== 1) return undefined;
  const column = table.primaryKey[0]!;
  const own = stats.columns[column];
  if (own?.kind === "number" && own.quantiles) return undefined;
  for (const child of pkg.tables) {
    for (const key of child.foreignKeys) {
      if (key.resource !== table.name || key.fields.length !== 1 || child === table || !child.statsFile) continue;
      const published = statsOf(child.statsFile).columns[key.fields[0]!];
      if (published?.kind === "number" && published.quantiles && published.quantiles.length >= 2) return { [column]: published.quantiles };
    }
  }
  return undefined;
}

/** The dummy package's descriptor: the published one, its data files now written. */
function dummyDescriptor(pkg: DataPackage, planned: Planned[]): Record<string, unknown> {
  const descriptor = structuredClone(pkg.descriptor);
  const resources = (descriptor.resources as Array<Record<string, unknown>>).map((resource) => {
    const plan = planned.find((p) => p.table.name === resource.name)!;
    return { ...resource, path: `${plan.table.name}.csv`, "x-synth": { schema: plan.schemaName, stats: plan.statsName, manifest: `${plan.table.name}.csv.manifest.json`, rows: plan.rows } };
  });
  const synth = (descriptor["x-synth"] ?? {}) as Record<string, unknown>;
  return {
    ...descriptor,
    resources,
    "x-synth": { ...synth, synthetic: true, statement: "Dummy data made by synth generate --package from the statistics in this folder: no row describes a real person. Every foreign key names a row of its parent table." },
  };
}

/**
 * Writes every table of a published package as dummy CSV into one folder, with the schemas and
 * statistics they came from and a manifest for each, and a datapackage.json that describes the lot:
 * a self-contained folder that `synth verify` checks wherever it is moved.
 */
export async function generatePackage(pkg: DataPackage, options: PackageGenerateOptions): Promise<PackageGenerateResult> {
  const outputDir = options.outputDir;
  const force = options.force === true;
  if (resolve(outputDir) === pkg.folder) throw new SynthError("USAGE", "--output-dir is the published package's own folder: choose another, so the statistics stay as they were published", { file: outputDir });
  // Planned against the published files first (nothing written yet): every refusal costs nothing.
  const check = planTables(pkg, options);
  // Compiled once, from the published files: the copies written beside the data are the same bytes.
  const compiledTables = [];
  for (const p of check) compiledTables.push(await compile(p.input));
  const madeFolder = !existsSync(outputDir);
  mkdirSync(outputDir, { recursive: true });
  const descriptorPath = join(outputDir, "datapackage.json");
  // Every file the folder will hold, checked at once against each other and against the published
  // package's own files (never written over, whatever --force says).
  const inputs = [pkg.file, ...check.flatMap((p) => [p.table.schemaFile, p.table.statsFile])];
  const pages = options.dictionary !== false && !options.shard ? ["index.html", ...check.map((p) => `${p.table.name}.html`)] : [];
  try {
    checkOutputs(
      [descriptorPath, ...check.flatMap((p) => [p.schemaName, p.statsName, `${p.table.name}.csv`, `${p.table.name}.csv.manifest.json`].map((name) => join(outputDir, name))), ...pages.map((name) => join(outputDir, name))],
      { force, inputs },
    );
  } catch (error) {
    if (madeFolder) rmSync(outputDir, { recursive: true, force: true });
    throw error;
  }
  const created: string[] = [];
  try {
    for (const p of check) {
      for (const [from, name] of [[p.table.schemaFile!, p.schemaName], [p.table.statsFile!, p.statsName]] as const) {
        const to = join(outputDir, name);
        if (!existsSync(to)) created.push(to);
        copyFileSync(from, to);
      }
    }
    const planned = check;
    const tables: PackageGenerateResult["tables"] = [];
    for (const [i, p] of planned.entries()) {
      if (i > 0) collectGarbage();
      const compiled = compiledTables[i]!;
      compiledTables[i] = undefined as never; // a table written is let go
      const output = join(outputDir, `${p.table.name}.csv`);
      const result = await generateToFile({
        compiled,
        schemaPath: join(outputDir, p.schemaName),
        statsPath: join(outputDir, p.statsName),
        output,
        format: "csv",
        rows: p.rows,
        ...(options.shard ? { shard: options.shard } : {}),
        header: true,
        force,
        label: false,
        writer: (c, range, out) => writeRange(c, range, out as never, options.threads !== undefined ? { threads: options.threads } : {}),
      });
      created.push(result.output, result.manifestPath);
      tables.push({ table: p.table.name, rows: p.rows, result });
    }
    const others = planned.flatMap((p) => [p.schemaName, p.statsName, `${p.table.name}.csv.manifest.json`]);
    // The dictionary a requester opens first, with examples from the dummy tables just written
    // (a shard holds only part of them, so it gets none).
    if (options.dictionary !== false && !options.shard) {
      const { describePackage } = await import("../../report/package/describe-package.js");
      const written: DataPackage = {
        ...pkg,
        folder: resolve(outputDir),
        descriptor: dummyDescriptor(pkg, planned),
        tables: planned.map((p) => ({ ...p.table, folder: resolve(outputDir), path: join(outputDir, `${p.table.name}.csv`), schemaFile: join(outputDir, p.schemaName), statsFile: join(outputDir, p.statsName) })),
      };
      for (const [name, page] of await describePackage(written, "html", { samplesWrittenNow: true })) {
        const path = join(outputDir, name);
        writeFileAtomic(path, page, { force, inputs });
        created.push(path);
        others.push(name);
      }
    }
    const written = new Map(tables.map((t) => [`${t.table}.csv`, { sha256: t.result.manifest.output.sha256, bytes: t.result.manifest.output.bytes }]));
    const sealed = await sealDescriptor(dummyDescriptor(pkg, planned), outputDir, others, written);
    writeFileAtomic(descriptorPath, formatJson(sealed), { force, inputs });
    created.push(descriptorPath);
    return { descriptorPath, tables };
  } catch (error) {
    // A package is written whole or not at all: what this run created goes again.
    for (const path of created) rmSync(path, { force: true });
    throw error;
  }
}
