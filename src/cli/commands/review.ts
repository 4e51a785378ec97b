import { Command, Option } from "commander";
import { writeFileAtomic } from "../../io/atomic-write.js";
import { REVIEW_FORMATS, type ReviewFormat } from "../../report/review/formats.js";
import { oneOf } from "../parse-flags.js";
import { stdoutSink } from "../stdout.js";
import { preloadInputs } from "../../io/json-file.js";
import { STANDARD_OUTPUT } from "../standard-streams.js";

interface ReviewFlags {
  schema?: string;
  format: ReviewFormat;
  output?: string;
  force: boolean;
}

export function reviewCommand(): Command {
  return new Command("review")
    .description("Write the sign-off page for a statistics file: per column what is published and why it is safe, every value withheld, the model and rules, and a checklist.")
    .argument("<stats>", "the statistics file written by `synth profile`")
    .option("--schema <file>", "the schema the statistics go with: column titles, code meanings, identifier and sensitivity flags")
    .addOption(new Option("--format <format>", "html (one self-contained page, printable) or markdown (for e-mail)").choices(REVIEW_FORMATS).default("html").argParser(oneOf(REVIEW_FORMATS)))
    .option("-o, --output <file>", "write to a file instead of standard output")
    .option("--force", "replace --output if it exists", false)
    .addHelpText(
      "after",
      `
Examples:
  $ synth review stats.json --schema schema.json --output review.html
  $ synth review examples/child-health/stats.json --schema examples/child-health/schema.json --format markdown`,
    )
    .action(async (stats: string, flags: ReviewFlags) => {
      // Imported here, not above: defining the command must stay cheap for every other command's start.
      const { review } = await import("../../report/review/index.js");
      if (flags.output === STANDARD_OUTPUT) delete flags.output;
      await preloadInputs([stats, flags.schema]);
      const text = review({ stats, ...(flags.schema ? { schema: flags.schema } : {}) }, flags.format);
      if (flags.output === undefined) {
        stdoutSink().write(text);
        return;
      }
      writeFileAtomic(flags.output, text, { force: flags.force, inputs: [stats, flags.schema] });
    });
}
