import { Command, type Option } from "commander";
import { TOOL_VERSION } from "../version.js";
import { generateCommand } from "./commands/generate.js";
import { profileCommand } from "./commands/profile.js";
import { compareCommand } from "./commands/compare.js";
import { verifyCommand } from "./commands/verify.js";
import { describeCommand } from "./commands/describe.js";
import { requestCommand } from "./commands/request.js";
import { reviewCommand } from "./commands/review.js";

/** Each command lives in its own file under commands/ and is only wired in here. */
export function buildProgram(): Command {
  const program = new Command("synth")
    .description("Structurally faithful dummy data from a JSON Schema plus column statistics.")
    .version(TOOL_VERSION, "-V, --version", "print the version")
    .option("--debug", "print stack traces for errors (and, for generate, which threads made the batches)")
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText(
      "after",
      `
Examples:
  $ synth generate --schema examples/child-health/schema.json --stats examples/child-health/stats.json --rows 1000
  $ synth profile real.csv --output stats.json --schema-out schema.json
  $ synth compare real.csv dummy.csv`,
    );
  program.addCommand(generateCommand());
  program.addCommand(profileCommand());
  program.addCommand(compareCommand());
  program.addCommand(verifyCommand());
  program.addCommand(describeCommand());
  program.addCommand(requestCommand());
  program.addCommand(reviewCommand());
  markRequired(program);
  return program;
}

/** commander lists required options like any other: say so in each one's help line. */
function markRequired(command: Command): void {
  for (const option of command.options as Option[]) {
    if (option.mandatory && !option.description.endsWith("(required)")) option.description += " (required)";
  }
  for (const sub of command.commands) markRequired(sub);
}
