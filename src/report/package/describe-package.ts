import { existsSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import type { DataPackage, PackageTable } from "../../package/types.js";
import { buildDictionary, renderDictionary, type DescribeFormat, type Dictionary } from "../describe/index.js";
import { packageOverview } from "./overview.js";
import { packageHtml, packageMarkdown, packageText } from "./render.js";

/** A table's dummy data is its example source only when synth wrote it (its manifest is beside it). */
function dummySample(table: PackageTable): string | undefined {
  return table.path && existsSync(table.path) && existsSync(`${table.path}.manifest.json`) ? table.path : undefined;
}

async function tableDictionary(table: PackageTable, format: DescribeFormat): Promise<string> {
  const sample = dummySample(table);
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
    sample: { ...dictionary.sample, source: sample ? dictionary.sample.source.split(sample).join(local(sample)) : dictionary.sample.source },
  };
  return renderDictionary(named, { format });
}

/**
 * The data dictionary of a package: what the dataset is, its tables and how they join, then each
 * table's own dictionary. Text and Markdown are one document; HTML is a front page (index.html) and a
 * page per table, by file name.
 */
export async function describePackage(pkg: DataPackage, format: DescribeFormat): Promise<Map<string, string>> {
  const overview = packageOverview(pkg);
  if (format === "html") {
    const pages = new Map(pkg.tables.map((t) => [t.name, `${t.name}.html`]));
    const files = new Map([["index.html", packageHtml(overview, pages)]]);
    for (const table of pkg.tables) files.set(pages.get(table.name)!, await tableDictionary(table, "html"));
    return files;
  }
  const parts = [format === "markdown" ? packageMarkdown(overview) : packageText(overview)];
  for (const table of pkg.tables) parts.push(await tableDictionary(table, format));
  return new Map([["", parts.join(format === "markdown" ? "\n---\n\n" : "\n")]]);
}
