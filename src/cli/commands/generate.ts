import type { Writable } from "node:stream";
import { Command, InvalidArgumentError, Option } from "commander";
import { compile, placeInFile } from "../../generate/compile.js";
import { partOutput, writeRange } from "../../generate/output.js";
import { generateToFile, labelledPath } from "../../generate/generate-file.js";
import { manifestPathFor } from "../../audit/manifest.js";
import { checkOutputs } from "../../io/atomic-write.js";
import { preloadInputs } from "../../io/json-file.js";
import { STANDARD_OUTPUT } from "../standard-streams.js";
import { SynthError } from "../../errors/synth-error.js";
import { OUTPUT_FORMATS, type OutputFormat } from "../../sinks/encoders.js";
import { nonNegativeInteger, oneOf, positiveInteger, positiveNumber } from "../parse-flags.js";
import { runGeneratePackage, tableRows } from "./generate-package.js";
import { progressLine } from "../progress.js";
import type { Compiled } from "../../generate/compile.js";
import type { RangeOutput } from "../../generate/output.js";
import { parseShard, type Shard } from "../../generate/shard.js";
import { stdoutSink } from "../stdout.js";

/** 10^12 rows: far beyond any real need, small enough that row indices stay exact integers. */
const MAX_ROWS = 1e12;

interface GenerateFlags {
  schema?: string;
  package?: string;
  outputDir?: string;
  scale?: number;
  tableRows?: Record<string, number>;
  dictionary: boolean;
  stats?: string;
  rows: number;
  seed: number;
  format: OutputFormat;
  output?: string;
  force: boolean;
  header: boolean;
  shard?: Shard;
  label: boolean;
  threads?: number;
  quiet: boolean;
  request?: string;
  allowRemoteRefs: boolean;
  to?: string;
  table?: string;
  create: boolean;
  manifest?: string;
}

export function generateCommand(): Command {
  return new Command("generate")
    .description("Generate dummy records from a JSON Schema and, optionally, column statistics.")
    .option("--schema <file>", "JSON Schema (draft 2020-12 or 07), or a Frictionless Table Schema, describing one record (required, unless --package)")
    .option("--package <datapackage.json>", "generate every table of a package published by `synth profile --package`, keys joined")
    .option("--output-dir <folder>", "with --package: the folder to write the tables, their manifests and datapackage.json into")
    .option("--scale <factor>", "with --package: rows of each table as a multiple of the real table's (children follow their parents)", positiveNumber)
    .option("--table-rows <table=n>", "with --package: rows of a table without parents (repeat for several)", tableRows)
    .option("--no-dictionary", "with --package: no HTML data dictionary (index.html and a page per table) in the folder")
    .option("--stats <file>", "column statistics (from `synth profile`) the records should follow")
    .option("-n, --rows <n>", "how many records", nonNegativeInteger(MAX_ROWS), 100)
    .option("-s, --seed <n>", "random seed: same inputs and seed give byte-identical output", nonNegativeInteger(), 0)
    .addOption(new Option("--format <format>", "output format").choices(OUTPUT_FORMATS).default("csv").argParser(oneOf(OUTPUT_FORMATS)))
    .option("-o, --output <file>", "write to a file (written under a temporary name, renamed when complete)")
    .option("--force", "replace --output if it exists", false)
    .option("--no-header", "CSV without the header row")
    .option("--label", 'mark the output as synthetic in its name: out.csv becomes out.synthetic.csv', false)
    .option("--threads <n>", "threads generating in parallel; output is identical for any count (default: one per core or per CPU of a container's quota, fewer for small runs)", positiveInteger(256))
    .option("--request <file>", "shape the output as a data request asks (`synth request`): only its columns, coarsened, its filters applied")
    .option("--allow-remote-refs", "fetch http(s) $refs in the schema (by default synth never reaches the network)", false)
    .option("--to <url>", "write the rows into a PostgreSQL table (postgresql:// URL; PG* variables and ~/.pgpass fill what it leaves out), through COPY in one transaction")
    .option("--table <name>", "with --to: the table (or SCHEMA.TABLE) to fill")
    .option("--create", "with --to: create the table from the schema (types, NOT NULL, keys, checks) in the same transaction", false)
    .option("--manifest <file>", "with --to: write the audit manifest (inputs, seed, target, sha256 of the COPY stream) here")
    .option("-q, --quiet", "no progress line on stderr (it is shown only when stderr is a terminal)", false)
    .option("--shard <i/n>", "generate only the i-th of n contiguous parts of the run (1-based)", (raw: string) => {
      try {
        return parseShard(raw);
      } catch (error) {
        throw new InvalidArgumentError((error as Error).message);
      }
    })
    .addHelpText(
      "after",
      `
Examples:
  $ synth generate --schema examples/child-health/schema.json --stats examples/child-health/stats.json --rows 1000 --output child-health.csv
  $ synth generate --schema examples/pupils/schema.json --rows 5 --format jsonl
  $ synth generate --schema schema.json --rows 1000000 --shard 2/4 --output part-2.csv
  $ synth generate --package published/datapackage.json --output-dir dummy/ --scale 0.1
  $ synth generate --schema schema.json --stats stats.json --rows 1000 --to postgresql://ci@localhost/test --table patients --create`,
    )
    .action(async (flags: GenerateFlags, command: Command) => {
      if (flags.package !== undefined) {
        if (flags.to !== undefined) throw new SynthError("USAGE", "--to takes one table (--schema and --table) for now; a package into a database is not built yet");
        const misplaced = (["schema", "stats", "output", "request"] as const).find((name) => flags[name] !== undefined);
        if (misplaced) throw new SynthError("USAGE", `--package names every table's schema and statistics and writes --output-dir: --${misplaced} does not apply`);
        await runGeneratePackage({ ...flags, package: flags.package });
        return;
      }
      if (flags.schema === undefined) throw new SynthError("USAGE", "required option '--schema <file>' not specified (or --package for a package of tables)");
      for (const name of ["outputDir", "scale", "tableRows"] as const) {
        if (flags[name] !== undefined) throw new SynthError("USAGE", `--${name === "outputDir" ? "output-dir" : name === "tableRows" ? "table-rows" : "scale"} applies only with --package`);
      }
      try {
        await runGenerate({ ...flags, schema: flags.schema }, command.optsWithGlobals<{ debug?: boolean }>().debug === true, command);
      } catch (error) {
        // Errors met while drawing rows name a place in the schema (or statistics): say which file.
        throw placeInFile(error, flags.schema!, flags.stats);
      }
    });
}

type RangeWriter = (compiled: Compiled, range: RangeOutput, out: Writable) => Promise<number>;

/** --request: checks the request and writes its extract. Imported only then: a plain run does not pay for it. */
async function extractWriter(compiled: Compiled, requestFile: string): Promise<RangeWriter> {
  const { requestForGenerate, writeExtractRange } = await import("../../request/apply.js");
  const request = requestForGenerate(compiled, requestFile);
  return (c, r, out) => writeExtractRange(c, request, r, out);
}

/** --debug: which threads made the batches, to see whether threads took part. */
function reportBatches(batchesByThread: readonly number[]): void {
  const [here = 0, ...workers] = batchesByThread;
  const others = workers.length === 0 ? "no workers" : `${workers.length} worker${workers.length === 1 ? "" : "s"} ${workers.join(", ")}`;
  process.stderr.write(`synth: debug: batches made: main thread ${here}, ${others}\n`);
}

/** Flags that mean nothing with --to, or --to's own flags without it. */
function checkDatabaseFlags(flags: GenerateFlags, command: Command): void {
  const given = (name: string) => command.getOptionValueSource(name) === "cli";
  if (flags.to === undefined) {
    for (const [flag, name] of [["--table", "table"], ["--create", "create"], ["--manifest", "manifest"]] as const) {
      if (given(name)) throw new SynthError("USAGE", `${flag} goes with --to postgresql://...`);
    }
    return;
  }
  if (flags.table === undefined) throw new SynthError("USAGE", "--to needs --table NAME: which table to fill");
  for (const [flag, name] of [["--output", "output"], ["--shard", "shard"], ["--label", "label"], ["--request", "request"], ["--no-header", "header"]] as const) {
    if (given(name)) throw new SynthError("USAGE", `${flag} does not go with --to: the rows go into the table`);
  }
  if (flags.format !== "csv") throw new SynthError("USAGE", "--to streams CSV into COPY: leave out --format");
}

async function runDatabase(flags: GenerateFlags & { schema: string }, compiled: Compiled): Promise<void> {
  const { generateTable } = await import("../../postgres/generate-table.js");
  const progress = progressLine(flags.rows, { quiet: flags.quiet });
  let result: Awaited<ReturnType<typeof generateTable>>;
  try {
    result = await generateTable({
      compiled,
      schemaPath: flags.schema,
      ...(flags.stats ? { statsPath: flags.stats } : {}),
      url: flags.to!,
      table: flags.table!,
      create: flags.create,
      rows: flags.rows,
      ...(flags.threads ? { threads: flags.threads } : {}),
      onProgress: (rows) => progress.update(rows),
      ...(flags.manifest ? { manifestPath: flags.manifest } : {}),
      force: flags.force,
    });
  } finally {
    progress.done();
  }
  if (!flags.quiet) {
    const { target } = result;
    process.stderr.write(`synth: ${result.created ? "created and filled" : "filled"} ${target.table} in ${result.connection}: ${target.rows} rows, sha256 ${target.sha256}${flags.manifest ? ` (manifest ${flags.manifest})` : ""}\n`);
  }
}

async function runGenerate(flags: GenerateFlags & { schema: string }, debug: boolean, command: Command): Promise<void> {
  checkDatabaseFlags(flags, command);
  if (flags.output === STANDARD_OUTPUT) delete flags.output;
  if (flags.output !== undefined) {
    // Before the first row is drawn: a refusal costs nothing (generateToFile checks again, and at the end).
    const output = flags.label ? labelledPath(flags.output) : flags.output;
    checkOutputs([output, manifestPathFor(output)], { force: flags.force, inputs: [flags.schema, flags.stats, flags.request] });
  }
  // --to's manifest, likewise before a connection is opened or a row drawn.
  if (flags.to !== undefined && flags.manifest !== undefined) checkOutputs([flags.manifest], { force: flags.force, inputs: [flags.schema, flags.stats] });
  await preloadInputs([flags.schema, flags.stats, flags.request]);
  const compiled = await compile({
    schema: flags.schema,
    ...(flags.stats ? { stats: flags.stats } : {}),
    seed: flags.seed,
    rows: flags.rows,
    ...(flags.allowRemoteRefs ? { allowRemoteRefs: true } : {}),
  });
  for (const warning of compiled.plan.warnings) process.stderr.write(`synth: warning: ${warning}\n`);
  if (flags.to !== undefined) return runDatabase(flags, compiled);
  const extract = flags.request === undefined ? undefined : await extractWriter(compiled, flags.request);
  if (extract && flags.threads !== undefined) process.stderr.write("synth: warning: --threads has no effect with --request: an extract is made on one thread\n");
  const range = partOutput(flags.format, flags.rows, flags.shard, flags.header);
  const { from, to } = range;
  const progress = progressLine(to - from, { quiet: flags.quiet });
  const writer = async (c: Compiled, r: RangeOutput, out: NodeJS.WritableStream) => {
    try {
      if (extract) return await extract(c, r, out as Writable);
      return await writeRange(c, r, out as Writable, {
        ...(flags.threads ? { threads: flags.threads } : {}),
        onProgress: (rows) => progress.update(rows),
        ...(debug ? { onBatches: reportBatches } : {}),
      });
    } finally {
      progress.done();
    }
  };
  if (flags.output === undefined) {
    if (flags.label) throw new SynthError("USAGE", "--label names the output file, so it needs --output");
    await writer(compiled, range, stdoutSink());
    return;
  }
  const result = await generateToFile({
    compiled,
    schemaPath: flags.schema,
    ...(flags.stats ? { statsPath: flags.stats } : {}),
    ...(flags.request ? { requestPath: flags.request } : {}),
    output: flags.output,
    format: flags.format,
    rows: flags.rows,
    ...(flags.shard ? { shard: flags.shard } : {}),
    header: flags.header,
    force: flags.force,
    label: flags.label,
    writer,
  });
  if (result.output !== flags.output) process.stderr.write(`synth: wrote ${result.output}\n`);
}
