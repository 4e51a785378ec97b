import { InvalidArgumentError } from "commander";
import { SynthError } from "../../errors/synth-error.js";
import type { Shard } from "../../generate/shard.js";

export interface GeneratePackageFlags {
  package: string;
  outputDir?: string;
  seed: number;
  scale?: number;
  tableRows?: Record<string, number>;
  force: boolean;
  threads?: number;
  shard?: Shard;
  quiet: boolean;
  dictionary: boolean;
}

/** `--table-rows movies=100`: one table's rows, repeated for several. */
export function tableRows(raw: string, previous: Record<string, number> | undefined): Record<string, number> {
  const match = /^([^=]+)=(\d+)$/.exec(raw);
  if (!match) throw new InvalidArgumentError(`"${raw}" is not TABLE=ROWS`);
  return { ...previous, [match[1]!]: Number(match[2]) };
}

/** `synth generate --package published/datapackage.json --output-dir dummy/`. */
export async function runGeneratePackage(flags: GeneratePackageFlags): Promise<void> {
  if (!flags.outputDir) throw new SynthError("USAGE", "--package writes a folder: name it with --output-dir");
  const [{ loadPackage }, { generatePackage }] = await Promise.all([import("../../package/load.js"), import("../../package/generate/generate-package.js")]);
  const pkg = loadPackage(flags.package);
  const result = await generatePackage(pkg, {
    outputDir: flags.outputDir,
    seed: flags.seed,
    ...(flags.scale !== undefined ? { scale: flags.scale } : {}),
    ...(flags.tableRows ? { rows: flags.tableRows } : {}),
    force: flags.force,
    ...(flags.threads !== undefined ? { threads: flags.threads } : {}),
    ...(flags.shard ? { shard: flags.shard } : {}),
    dictionary: flags.dictionary,
  });
  if (flags.quiet) return;
  const lines = [`synth: wrote ${result.tables.length} tables -> ${result.descriptorPath}`];
  for (const t of result.tables) lines.push(`  ${t.table}: ${t.rows} rows -> ${t.result.output}`);
  process.stderr.write(lines.join("\n") + "\n");
}
