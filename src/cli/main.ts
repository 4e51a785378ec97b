import { CommanderError } from "commander";
import { AtomicFile } from "../io/atomic-write.js";
import { releasePendingOpens } from "../io/pending-opens.js";
import { buildProgram } from "./program.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, errorLine, exitCodeFor } from "./exit.js";
import { guardStandardStreams, writeFailureReason } from "./stdout.js";
import { redactSecrets } from "../postgres/redact.js";

const QUIET_COMMANDER_CODES = new Set(["commander.helpDisplayed", "commander.version", "commander.help"]);

/** Exit code for a run ended by a signal (128 + SIGINT's number, as shells report it). */
export const EXIT_INTERRUPTED = 130;

let signalsHandled = false;
let interrupted = false;

/**
 * Ctrl-C or a TERM from a CI runner: drop every file still being written (they live under temporary
 * names, so nothing partial is left and no existing file is touched), then exit 130.
 */
function handleSignals(): void {
  if (signalsHandled) return;
  signalsHandled = true;
  const stop = () => {
    interrupted = true;
    releasePendingOpens();
    const exit = () => process.exit(EXIT_INTERRUPTED);
    // Within a second, whatever is still under way: dropping temporary files takes milliseconds.
    setTimeout(exit, 500).unref();
    AtomicFile.abortAllAndWait().then(exit, exit);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

/** Runs the CLI and resolves to the exit code; never throws. */
export async function main(argv: string[] = process.argv): Promise<number> {
  handleSignals();
  guardStandardStreams();
  const program = buildProgram();
  program.exitOverride();
  // commander prints its own "error: ..." line; keep it to one line, prefixed like ours.
  program.configureOutput({
    outputError: (text, write) => write(redactSecrets(`synth: ${text.replace(/^error: /, "").trimEnd()}\n`)),
  });
  for (const command of program.commands) {
    command.exitOverride();
    command.configureOutput({ outputError: (text, write) => write(redactSecrets(`synth: ${text.replace(/^error: /, "").trimEnd()}\n`)) });
  }
  const debug = argv.includes("--debug");
  // Nothing asked: say what can be asked, and that nothing was done.
  if (argv.length <= 2) {
    process.stderr.write(program.helpInformation());
    return EXIT_USAGE;
  }
  try {
    await program.parseAsync(argv);
    // A command that completed but found something wrong (verify's mismatch) sets the exit code itself.
    return typeof process.exitCode === "number" ? process.exitCode : EXIT_OK;
  } catch (error) {
    // Writes failing because a signal dropped their file are part of stopping, not news.
    if (interrupted) return EXIT_INTERRUPTED;
    if (error instanceof CommanderError) {
      return QUIET_COMMANDER_CODES.has(error.code) ? EXIT_OK : EXIT_USAGE;
    }
    // A write to stdout that fails at once (a file on a full disk) throws here rather than emitting.
    if (isStdoutWriteFailure(error)) {
      process.stderr.write(`synth: cannot write to standard output: ${writeFailureReason(error)}\n`);
      return EXIT_FAILURE;
    }
    // A connection string may hold a password: none reaches the terminal, even with --debug.
    process.stderr.write(redactSecrets(errorLine(error)) + "\n");
    if (debug && error instanceof Error && error.stack) process.stderr.write(redactSecrets(error.stack) + "\n");
    return exitCodeFor(error);
  }
}

function isStdoutWriteFailure(error: unknown): error is NodeJS.ErrnoException {
  // Only stdout's own error: a failed write to an output file (also a "write" without a path) is not one.
  return error instanceof Error && (process.stdout.errored === error || (process.stdout.destroyed && (error as NodeJS.ErrnoException).syscall === "write" && !("path" in error)));
}
