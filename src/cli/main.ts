import { CommanderError } from "commander";
import { buildProgram } from "./program.js";
import { EXIT_OK, EXIT_USAGE, errorLine, exitCodeFor } from "./exit.js";

const QUIET_COMMANDER_CODES = new Set(["commander.helpDisplayed", "commander.version", "commander.help"]);

/** Runs the CLI and resolves to the exit code; never throws. */
export async function main(argv: string[] = process.argv): Promise<number> {
  const program = buildProgram();
  program.exitOverride();
  // commander prints its own "error: ..." line; keep it to one line, prefixed like ours.
  program.configureOutput({
    outputError: (text, write) => write(`synth: ${text.replace(/^error: /, "").trimEnd()}\n`),
  });
  for (const command of program.commands) {
    command.exitOverride();
    command.configureOutput({ outputError: (text, write) => write(`synth: ${text.replace(/^error: /, "").trimEnd()}\n`) });
  }
  const debug = argv.includes("--debug");
  try {
    await program.parseAsync(argv);
    // A command that completed but found something wrong (verify's mismatch) sets the exit code itself.
    return typeof process.exitCode === "number" ? process.exitCode : EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      return QUIET_COMMANDER_CODES.has(error.code) ? EXIT_OK : EXIT_USAGE;
    }
    process.stderr.write(errorLine(error) + "\n");
    if (debug && error instanceof Error && error.stack) process.stderr.write(error.stack + "\n");
    return exitCodeFor(error);
  }
}
