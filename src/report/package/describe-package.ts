import { createReadStream, existsSync } from "node:fs";
import { parse } from "csv-parse";
import { digestFile } from "../../audit/hash.js";
import { loadManifest, manifestPathFor } from "../../audit/manifest.js";
import type { SampleRecord } from "../describe/sample.js";
import { relative, resolve, sep } from "node:path";
import type { DataPackage, PackageTable } from "../../package/types.js";
import { buildDictionary, renderDictionary, type DescribeFormat, type Dictionary } from "../describe/index.js";
import { packageOverview } from "./overview.js";
import { packageHtml, packageMarkdown, packageText } from "./render.js";

/** Example rows read from a table's dummy file: enough for every column's examples, whatever its size. */
const SAMPLE_ROWS = 2000;

/**
 * A table's dummy file is its example source only when synth wrote it: its manifest is beside it and
 * (unless the caller has just written it) the file's sha256 is the one the manifest records. Only its
 * first rows are read.
 */
async function dummySample(table: PackageTable, trusted: boolean): Promise<SampleRecord[] | undefined> {
  const path = table.path;
  if (!path || !existsSync(path) || !existsSync(manifestPathFor(path))) return undefined;
  if (!trusted) {
    const manifest = loadManifest(manifestPathFor(path));
    // A manifest that records no output file (rows sent to a database) vouches for no file here.
    if (!manifest.output || (await digestFile(path)).sha256 !== manifest.output.sha256) return undefined;
  }
  const records: SampleRecord[] = [];
  for await (const record of createReadStream(path).pipe(parse({ columns: true, bom: true, to: SAMPLE_ROWS }))) records.push(record as SampleRecord);
  return records;
}

async function tableDictionary(table: PackageTable, format: DescribeFormat, trusted: boolean): Promise<string> {
  const sample = await dummySample(table, trusted);
  const dictionary = await buildDictionary({
    schema: table.schemaFile ?? table.schema ?? {},
    ...(table.statsFile ? { stats: table.statsFile } : {}),
    ...(sample ? { sample } : {}),
  });
  // Files are named as the package names them, relative to its folder: the pages travel with the
  // folder, and say nothing of where the holder keeps it.
  const local = (path: string) => relative(table.folder, resolve(path)).split(sep).join("/");
  const named: Dictionary = {
    ...dictionary,
    schemaFile: table.schemaFile ? local(table.schemaFile) : dictionary.schemaFile,
    ...(dictionary.stats ? { stats: { ...dictionary.stats, ...(dictionary.stats.file ? { file: local(dictionary.stats.file) } : {}) } } : {}),
    sample: { ...dictionary.sample, source: sample ? `${local(table.path!)} (dummy data written by synth; its first ${sample.length.toLocaleString("en-GB")} rows)` : dictionary.sample.source },
  };
  return renderDictionary(named, { format });
}

/**
 * The data dictionary of a package: what the dataset is, its tables and how they join, then each
 * table's own dictionary. Text and Markdown are one document; HTML is a front page (index.html) and a
 * page per table, by file name.
 */
export async function describePackage(pkg: DataPackage, format: DescribeFormat, options: { samplesWrittenNow?: boolean } = {}): Promise<Map<string, string>> {
  const trusted = options.samplesWrittenNow === true;
  const overview = packageOverview(pkg);
  if (format === "html") {
    const pages = new Map(pkg.tables.map((t) => [t.name, `${t.name}.html`]));
    const files = new Map([["index.html", packageHtml(overview, pages)]]);
    for (const table of pkg.tables) files.set(pages.get(table.name)!, await tableDictionary(table, "html", trusted));
    return files;
  }
  const parts = [format === "markdown" ? packageMarkdown(overview) : packageText(overview)];
  for (const table of pkg.tables) parts.push(await tableDictionary(table, format, trusted));
  return new Map([["", parts.join(format === "markdown" ? "\n---\n\n" : "\n")]]);
}
