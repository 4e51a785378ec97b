import { wantsColor } from "../color.js";
import { Command, Option } from "commander";
import type { DescribeFormat } from "../../report/describe/index.js";
import { writeFileAtomic } from "../../io/atomic-write.js";
import { DESCRIBE_FORMATS } from "../../report/describe/formats.js";
import { oneOf } from "../parse-flags.js";
import { stdoutSink } from "../stdout.js";

interface DescribeFlags {
  schema: string;
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
    .requiredOption("--schema <file>", "JSON Schema describing one record")
    .option("--stats <file>", "column statistics (frequencies, ranges, how often empty)")
    .option("--sample <file>", "dummy records to take example values from: a file `synth generate --output` wrote, with its manifest beside it (anything else is refused)")
    .addOption(new Option("--format <format>", "text (terminal), markdown or html (one self-contained page)").choices(DESCRIBE_FORMATS).default("text").argParser(oneOf(DESCRIBE_FORMATS)))
    .option("--output <file>", "write to a file instead of standard output")
    .option("--force", "replace --output if it exists", false)
    .option("--no-color", "no colour in the text format (also: NO_COLOR=1, or output not a terminal)")
    .addHelpText(
      "after",
      `
Examples:
  $ synth describe --schema examples/child-health/schema.json --stats examples/child-health/stats.json
  $ synth describe --schema examples/child-health/schema.json --stats examples/child-health/stats.json --sample dummy.csv --format html --output child-health.html`,
    )
    .action(async (flags: DescribeFlags) => {
      // Imported here, not above: defining the command must stay cheap for every other command's start.
      const { describe } = await import("../../report/describe/index.js");
      const color = flags.output === undefined && flags.format === "text" && wantsColor(flags.color);
      const text = await describe(
        { schema: flags.schema, ...(flags.stats ? { stats: flags.stats } : {}), ...(flags.sample ? { sample: flags.sample } : {}) },
        { format: flags.format, color },
      );
      if (flags.output === undefined) {
        stdoutSink().write(text);
        return;
      }
      writeFileAtomic(flags.output, text, { force: flags.force });
    });
}
