import { wantsColor } from "../color.js";
import { Command, Option } from "commander";
import type { DescribeFormat } from "../../report/describe/index.js";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { SynthError } from "../../errors/synth-error.js";
import { checkOutputs, writeFileAtomic } from "../../io/atomic-write.js";
import { DESCRIBE_FORMATS } from "../../report/describe/formats.js";
import { oneOf } from "../parse-flags.js";
import { stdoutSink } from "../stdout.js";
import { preloadInputs } from "../../io/json-file.js";
import { STANDARD_OUTPUT } from "../standard-streams.js";

interface DescribeFlags {
  schema?: string;
  package?: string;
  outputDir?: string;
  stats?: string;
  sample?: string;
  format: DescribeFormat;
  output?: string;
  force: boolean;
  color?: boolean;
}

export function describeCommand(): Command {
  return new Command("describe")
    .description("Write a data dictionary: each column's meaning, type, codes, range, distribution, dummy examples and sensitivity flags.")
    .option("--schema <file>", "JSON Schema (or Table Schema, or CSVW metadata) describing one record (required, unless --package)")
    .option("--package <datapackage.json>", "a package of tables (published or dummy): the dataset, how its tables join, and each table's dictionary")
    .option("--output-dir <folder>", "with --package --format html: the folder for the front page (index.html) and a page per table")
    .option("--stats <file>", "column statistics (frequencies, ranges, how often empty)")
    .option("--sample <file>", "dummy records to take example values from: a file `synth generate --output` wrote, with its manifest beside it (anything else is refused)")
    .addOption(new Option("--format <format>", "text (terminal), markdown or html (one self-contained page)").choices(DESCRIBE_FORMATS).default("text").argParser(oneOf(DESCRIBE_FORMATS)))
    .option("-o, --output <file>", "write to a file instead of standard output")
    .option("--force", "replace --output if it exists", false)
    .option("--no-color", "no colour in the text format (also: NO_COLOR=1, or output not a terminal)")
    .addHelpText(
      "after",
      `
Examples:
  $ synth describe --schema examples/child-health/schema.json --stats examples/child-health/stats.json
  $ synth describe --schema examples/child-health/schema.json --stats examples/child-health/stats.json --sample dummy.csv --format html --output child-health.html
  $ synth describe --package examples/pupils/datapackage.json --format markdown
  $ synth describe --package dummy/datapackage.json --format html --output-dir dictionary/`,
    )
    .action(async (flags: DescribeFlags) => {
      if (flags.package !== undefined) {
        await describePackageCommand({ ...flags, package: flags.package });
        return;
      }
      if (flags.schema === undefined) throw new SynthError("USAGE", "required option '--schema <file>' not specified (or --package for a package of tables)");
      // Imported here, not above: defining the command must stay cheap for every other command's start.
      const { describe } = await import("../../report/describe/index.js");
      if (flags.output === STANDARD_OUTPUT) delete flags.output;
      await preloadInputs([flags.schema, flags.stats, flags.sample]);
      const color = flags.output === undefined && flags.format === "text" && wantsColor(flags.color);
      const text = await describe(
        { schema: flags.schema, ...(flags.stats ? { stats: flags.stats } : {}), ...(flags.sample ? { sample: flags.sample } : {}) },
        { format: flags.format, color },
      );
      if (flags.output === undefined) {
        stdoutSink().write(text);
        return;
      }
      writeFileAtomic(flags.output, text, { force: flags.force, inputs: [flags.schema, flags.stats, flags.sample] });
    });
}

async function describePackageCommand(flags: DescribeFlags & { package: string }): Promise<void> {
  if (flags.schema !== undefined || flags.stats !== undefined || flags.sample !== undefined) {
    throw new SynthError("USAGE", "--package names every table's schema, statistics and dummy data: --schema, --stats and --sample do not apply");
  }
  const [{ loadPackage }, { describePackage }] = await Promise.all([import("../../package/load.js"), import("../../report/package/describe-package.js")]);
  const pkg = loadPackage(flags.package);
  if (flags.format === "html") {
    if (flags.outputDir === undefined) throw new SynthError("USAGE", "the HTML dictionary of a package is a front page and a page per table: name a folder with --output-dir");
    const files = await describePackage(pkg, "html");
    mkdirSync(flags.outputDir, { recursive: true });
    const inputs = [flags.package, ...pkg.tables.flatMap((t) => [t.schemaFile, t.statsFile, t.path])];
    checkOutputs([...files.keys()].map((name) => join(flags.outputDir!, name)), { force: flags.force, inputs });
    for (const [name, text] of files) writeFileAtomic(join(flags.outputDir, name), text, { force: flags.force, inputs });
    return;
  }
  if (flags.outputDir !== undefined) throw new SynthError("USAGE", "--output-dir is for --format html; text and markdown are one document (--output)");
  const text = (await describePackage(pkg, flags.format)).get("")!;
  if (flags.output === undefined) stdoutSink().write(text);
  else writeFileAtomic(flags.output, text, { force: flags.force, inputs: [flags.package, ...pkg.tables.flatMap((t) => [t.schemaFile, t.statsFile, t.path])] });
}
