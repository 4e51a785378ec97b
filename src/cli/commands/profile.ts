import { Command, InvalidArgumentError, Option } from "commander";
import { SynthError } from "../../errors/synth-error.js";
import { checkOutputs, writeFileAtomic, type OutputRules } from "../../io/atomic-write.js";
import type { TableFormat } from "../../io/read-table.js";
import type { ProfileResult } from "../../profile/profile.js";
import type { ScanProgress } from "../../profile/scan-table.js";
import { DEFAULT_MIN_COUNT } from "../../profile/min-count.js";
import { preloadInputs, STANDARD_INPUT } from "../../io/json-file.js";
import { STANDARD_OUTPUT } from "../standard-streams.js";
import { stdoutSink } from "../stdout.js";
import { nonNegativeInteger, oneOf, positiveInteger, positiveNumber } from "../parse-flags.js";
import { isPostgresUrl } from "../../postgres/redact.js";

/** What a bare --table NAME (no =FILE) records: a table of the database named as the data. */
const DATABASE_TABLE = "";

interface ProfileFlags {
  table?: Record<string, string>;
  key?: string[];
  foreignKey?: string[];
  output?: string;
  package?: string;
  outputDir?: string;
  review?: string;
  schema?: string;
  schemaOut?: string;
  minCount: number;
  epsilon?: number;
  seed?: number;
  null?: string[];
  format?: TableFormat;
  force: boolean;
  quiet: boolean;
  json: boolean;
  dependence: boolean;
}

const TABLE_FORMATS = ["csv", "jsonl"] as const;
/** Files smaller than this are read too quickly for a progress line to help. */
const PROGRESS_MIN_BYTES = 32 * 1024 * 1024;
const REDRAW_MS = 250;

/** A progress line on stderr, by bytes read, only when stderr is a terminal and the file is large. */
function progressReporter(quiet: boolean): { update(progress: ScanProgress): void; done(): void } {
  const stream = process.stderr;
  let next = 0;
  let drawn = false;
  return {
    update({ bytesRead, totalBytes, rows }) {
      if (quiet || !stream.isTTY || totalBytes < PROGRESS_MIN_BYTES) return;
      const now = Date.now();
      if (now < next) return;
      next = now + REDRAW_MS;
      stream.write(`\r\x1b[2Ksynth: profiling ${((100 * bytesRead) / totalBytes).toFixed(1)}% (${rows.toLocaleString("en-GB")} rows)`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write("\r\x1b[2K");
    },
  };
}

function summarise(result: ProfileResult, statsFile: string, schemaFile: string | undefined): string {
  const lines = [`synth: profiled ${result.stats.rows} rows, ${result.columns.length} columns -> ${statsFile}${schemaFile ? ` and ${schemaFile}` : ""}`];
  const width = Math.max(...result.columns.map((c) => c.name.length));
  for (const column of result.columns) lines.push(`  ${column.name.padEnd(width)}  ${column.kind.padEnd(11)}  ${column.reason}`);
  for (const note of result.stats.disclosure?.notes ?? []) lines.push(`  - ${note}`);
  return lines.join("\n") + "\n";
}

/** The summary as data, for scripts: the same facts as the text, one JSON document. */
function summaryJson(result: ProfileResult, statsFile: string, schemaFile: string | undefined): string {
  const summary = {
    rows: result.stats.rows,
    stats: statsFile,
    ...(schemaFile ? { schema: schemaFile } : {}),
    columns: result.columns.map((column) => ({ name: column.name, kind: column.kind, reason: column.reason })),
    notes: result.stats.disclosure?.notes ?? [],
  };
  return JSON.stringify(summary, null, 2) + "\n";
}

function reportRowCheck(result: ProfileResult, schemaFile: string): void {
  const check = result.rowCheck;
  if (!check || check.rowsFailed === 0) return;
  process.stderr.write(`synth: warning: ${check.rowsFailed} of ${check.rowsChecked} rows do not match ${schemaFile}:\n`);
  for (const failure of check.failures) process.stderr.write(`  line ${failure.line}: ${failure.pointer || "/"} ${failure.message}\n`);
  if (check.rowsFailed > check.failures.length) process.stderr.write(`  ... and ${check.rowsFailed - check.failures.length} more\n`);
}

export function profileCommand(): Command {
  return new Command("profile")
    .description("Profile a real table (CSV or JSON Lines) into column statistics that are safe to share, and a JSON Schema when you have none.")
    .argument("[data]", "the real table: CSV with a header row, JSON Lines, or a postgresql:// URL (with --table)")
    .option("-o, --output <file>", "where to write the statistics (for `synth generate --stats`) (required, unless --package)")
    .option("--package <datapackage.json>", "profile every table of a Frictionless Data Package of real tables, and the foreign keys between them")
    .option("--output-dir <folder>", "with --package or --table: the folder to write the published package into (datapackage.json, and a schema and statistics per table)")
    .option("--table <name=file>", "instead of --package: a real table by name (repeat for each table); with a postgresql:// URL as the data, --table NAME (or SCHEMA.TABLE) names a table of the database", (raw: string, previous: Record<string, string> | undefined) => {
      const at = raw.indexOf("=");
      // A bare NAME is a table of a database (no file): recorded with an empty file name.
      if (at === -1 && raw.length > 0) return { ...previous, [raw]: DATABASE_TABLE };
      if (at <= 0 || at === raw.length - 1) throw new InvalidArgumentError(`"${raw}" is not NAME=FILE`);
      return { ...previous, [raw.slice(0, at)]: raw.slice(at + 1) };
    })
    .option("--key <table.column>", "with --table: a table's primary key (columns joined by +)", (raw: string, previous: string[] = []) => [...previous, raw])
    .option("--foreign-key <table.column=parent.column>", "with --table: a foreign key to another table's --key", (raw: string, previous: string[] = []) => [...previous, raw])
    .option("--schema <file>", "your JSON Schema for the table: its types are used, and rows that do not match it are reported")
    .option("--schema-out <file>", "write the inferred JSON Schema (2020-12) here (without --schema)")
    .option("--review <file>", "also write the sign-off page for the statistics: HTML, or Markdown when the name ends in .md")
    .option("--min-count <k>", "K: publish nothing that rests on fewer than K records", positiveInteger(), DEFAULT_MIN_COUNT)
    .option("--epsilon <e>", "differential privacy: add Laplace noise to every published count, spending this budget", positiveNumber)
    .option("-s, --seed <n>", "seed for the privacy noise, for reproducible runs (default: unpredictable; anyone who knows the seed can remove the noise)", nonNegativeInteger())
    .option("--null <token...>", `CSV cells that mean "no value" (default: the empty cell and NA)`)
    .addOption(new Option("--format <format>", "input format (default: from the extension)").choices(TABLE_FORMATS).argParser(oneOf(TABLE_FORMATS)))
    .option("--no-dependence", "publish each column alone: no dependence model and no rules (rows then come out as independent columns)")
    .option("--force", "replace output files that exist", false)
    .option("-q, --quiet", "no progress line or summary on stderr", false)
    .option("--json", "print the summary as JSON on standard output (instead of text on stderr)", false)
    .addHelpText(
      "after",
      `
Disclosure control (on by default): values seen fewer than K times are withheld; numeric and date
ranges come from the K-th smallest and largest values, never the extremes; free text and identifiers
publish only their shape. See the statistics file's "disclosure" section for what was done.

Examples:
  $ synth profile patients.csv --output stats.json --schema-out schema.json
  $ synth profile patients.csv --schema schema.json --output stats.json --review review.html
  $ synth profile patients.csv --schema schema.json --output stats.json --epsilon 1
  $ synth profile survey.csv --output stats.json --schema-out schema.json --null "" NA -99
  $ synth profile --package real/datapackage.json --output-dir published/
  $ synth profile --table movies=movies.csv --table ratings=ratings.csv --key movies.movieId --foreign-key ratings.movieId=movies.movieId --output-dir published/
  $ synth profile postgresql://analyst@db.internal/health --table patients --output stats.json --schema-out schema.json`,
    )
    .action(async (data: string | undefined, flags: ProfileFlags) => {
      const databaseTables = Object.entries(flags.table ?? {}).filter(([, file]) => file === DATABASE_TABLE);
      if ((data !== undefined && isPostgresUrl(data)) || databaseTables.length > 0) return profileDatabase(data, flags);
      if (flags.package !== undefined || flags.table !== undefined) {
        if (flags.package !== undefined && flags.table !== undefined) throw new SynthError("USAGE", "--package or --table, not both");
        if (data !== undefined || flags.output !== undefined || flags.schema !== undefined || flags.schemaOut !== undefined) {
          throw new SynthError("USAGE", "--package reads the tables and schemas the package names and writes --output-dir: give no data file, --output, --schema or --schema-out");
        }
        // One review page per statistics file: run `synth review` on each table's statistics.
        if (flags.review !== undefined) throw new SynthError("USAGE", "--review writes the page for one table's statistics; with --package, run `synth review` on each table's statistics file");
        const { runProfilePackage } = await import("./profile-package.js");
        await runProfilePackage(flags);
        return;
      }
      if (data === undefined) throw new SynthError("USAGE", "name the real table to profile (or a Data Package with --package)");
      if (flags.output === undefined) throw new SynthError("USAGE", "required option '--output <file>' not specified");
      const output = flags.output;
      // Before reading a large file, not after: an output that cannot be written should fail at once.
      const rules = checkProfileOutputs(flags, output, [data, flags.schema]);
      if (data === STANDARD_INPUT && flags.schema === STANDARD_INPUT) throw new SynthError("USAGE", "standard input (-) can be only one of the inputs");
      await preloadInputs([flags.schema]);
      // Imported here, not above: defining the command must stay cheap for every other command's start.
      const [{ DEFAULT_NULL_TOKENS }, { formatJson }, { profile }] = await Promise.all([
        import("../../io/read-table.js"),
        import("../../profile/format-json.js"),
        import("../../profile/profile.js"),
      ]);
      const progress = progressReporter(flags.quiet);
      let result: ProfileResult;
      try {
        result = await profile({
          input: data,
          ...(flags.format ? { format: flags.format } : {}),
          ...(flags.schema ? { schema: flags.schema } : {}),
          minCount: flags.minCount,
          ...(flags.epsilon !== undefined ? { epsilon: flags.epsilon } : {}),
          ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
          nullTokens: flags.null ?? DEFAULT_NULL_TOKENS,
          onProgress: (p) => progress.update(p),
          dependence: flags.dependence,
        });
      } finally {
        progress.done();
      }
      if (flags.schema) reportRowCheck(result, flags.schema);
      if (await writeProfileOutputs(result, flags, output, rules, formatJson)) process.stderr.write(summarise(result, output, flags.schemaOut));
    });
}

/** `synth profile postgresql://... --table NAME`: imported only then, so that pg costs nothing otherwise. */
async function profileDatabase(url: string | undefined, flags: ProfileFlags): Promise<void> {
  if (url === undefined || !isPostgresUrl(url)) throw new SynthError("USAGE", "--table NAME (without =FILE) names a table of a database: give a postgresql:// URL as the data");
  const tables = Object.entries(flags.table ?? {});
  if (tables.length === 0) throw new SynthError("USAGE", "a postgresql:// URL needs --table NAME: which table to profile");
  const file = tables.find(([, f]) => f !== DATABASE_TABLE);
  if (file) throw new SynthError("USAGE", `--table ${file[0]}=${file[1]} names a file; with a postgresql:// URL, --table NAME names a table of the database`);
  if (tables.length > 1) throw new SynthError("USAGE", "one --table at a time from a database for now (a package of a database's tables is not built yet)");
  for (const [given, flag] of [[flags.package, "--package"], [flags.outputDir, "--output-dir"], [flags.key, "--key"], [flags.foreignKey, "--foreign-key"]] as const) {
    if (given !== undefined) throw new SynthError("USAGE", `${flag} is for packages of files; with a postgresql:// URL give --table NAME and --output`);
  }
  const table = tables[0]![0];
  if (flags.format !== undefined) throw new SynthError("USAGE", "--format is for files: a table is read from the database as it is");
  if (flags.output === undefined) throw new SynthError("USAGE", "required option '--output <file>' not specified");
  const output = flags.output;
  // The same output rules as for a file, checked before the connection is opened.
  const rules = checkProfileOutputs(flags, output, [flags.schema]);
  await preloadInputs([flags.schema]);
  const [{ formatJson }, { profileTable }] = await Promise.all([import("../../profile/format-json.js"), import("../../postgres/profile-table.js")]);
  const result = await profileTable({
    url,
    table,
    ...(flags.schema ? { schema: flags.schema } : {}),
    minCount: flags.minCount,
    ...(flags.epsilon !== undefined ? { epsilon: flags.epsilon } : {}),
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
    ...(flags.null ? { nullTokens: flags.null } : {}),
    dependence: flags.dependence,
  });
  if (flags.schema) reportRowCheck(result, flags.schema);
  if (await writeProfileOutputs(result, flags, output, rules, formatJson)) {
    process.stderr.write(summarise(result, output, flags.schemaOut).replace(/^synth: profiled /, `synth: profiled ${result.source} table ${table}: `));
    for (const note of result.catalogNotes) process.stderr.write(`  - ${note}\n`);
  }
}

/**
 * The outputs of one profiled table, checked before anything is read (from a file or a database):
 * --schema and --schema-out exclusive, at most one of them on standard output, a --review page only
 * from a statistics file, none of them an input. The rules returned are the ones writing uses.
 */
function checkProfileOutputs(flags: ProfileFlags, output: string, inputs: Array<string | undefined>): OutputRules {
  if (flags.schema && flags.schemaOut) throw new SynthError("USAGE", "--schema-out writes an inferred schema; with --schema your own schema is used as it is");
  const rules: OutputRules = { force: flags.force, inputs };
  const files = [output, flags.schemaOut].filter((out): out is string => out !== undefined && out !== STANDARD_OUTPUT);
  const onStdout = [output, flags.schemaOut].filter((out) => out === STANDARD_OUTPUT).length + (flags.json ? 1 : 0);
  if (onStdout > 1) throw new SynthError("USAGE", "only one of --output -, --schema-out - and --json can use standard output");
  if (flags.review !== undefined && (output === STANDARD_OUTPUT || flags.review === STANDARD_OUTPUT)) {
    throw new SynthError("USAGE", "--review reads the statistics file as written and writes a page: give --output and --review files, not -");
  }
  checkOutputs(flags.review === undefined ? files : [...files, flags.review], rules);
  return rules;
}

/**
 * Writes what profiling one table made: the statistics, the inferred schema, the review page, and the
 * JSON summary. True when the caller should print its summary on stderr (neither --json nor --quiet).
 */
async function writeProfileOutputs(result: ProfileResult, flags: ProfileFlags, output: string, rules: OutputRules, formatJson: (value: unknown) => string): Promise<boolean> {
  const write = (file: string, text: string) => (file === STANDARD_OUTPUT ? stdoutSink().write(text) : writeFileAtomic(file, text, rules));
  write(output, formatJson(result.stats));
  if (flags.schemaOut && result.schema) write(flags.schemaOut, formatJson(result.schema));
  if (flags.review) {
    const { review, reviewFormatFor } = await import("../../report/review/index.js");
    // From the file as written, so that the page's sha256 is the file's; the schema is the
    // owner's, or the one inferred, for titles, codes and flags.
    const reasons = Object.fromEntries(result.columns.map((c) => [c.name, c.reason]));
    const schema = flags.schema ?? result.schema;
    writeFileAtomic(flags.review, review({ stats: output, ...(schema ? { schema } : {}), reasons }, reviewFormatFor(flags.review)), rules);
  }
  if (flags.json) stdoutSink().write(summaryJson(result, output, flags.schemaOut));
  return !flags.json && !flags.quiet;
}
