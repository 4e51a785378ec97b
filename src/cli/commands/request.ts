import { Command, Option } from "commander";
import { writeFileAtomic } from "../../io/atomic-write.js";
import type { CheckFormat } from "../../request/report.js";
import { CHECK_FORMATS } from "../../request/check-formats.js";
import { oneOf } from "../parse-flags.js";
import { stdoutSink } from "../stdout.js";
import { preloadInputs } from "../../io/json-file.js";
import { STANDARD_OUTPUT } from "../standard-streams.js";
import { wantsColor } from "../color.js";

// Each action imports what it runs when it runs: defining the commands must stay cheap for every start.

/** To --output (never over one of the run's inputs) or, without it, to standard output. */
function write(text: string, output: string | undefined, force: boolean, inputs: (string | undefined)[]): void {
  if (output === undefined || output === STANDARD_OUTPUT) stdoutSink().write(text);
  else writeFileAtomic(output, text, { force, inputs });
}

function initCommand(): Command {
  return new Command("init")
    .description("Write a request skeleton listing every column of the holder's schema, none selected, for the requester to fill in.")
    .requiredOption("--schema <file>", "the data holder's JSON Schema")
    .option("-o, --output <file>", "where to write the request (default: standard output)")
    .option("--force", "replace --output if it exists", false)
    .addHelpText(
      "after",
      `
Examples:
  $ synth request init --schema examples/child-health/schema.json --output request.json
  $ synth request init --schema examples/child-health/schema.json > request.json`,
    )
    .action(async (flags: { schema: string; output?: string; force: boolean }) => {
      const { initRequest } = await import("../../request/init.js");
      await preloadInputs([flags.schema]);
      write(JSON.stringify(initRequest(flags.schema), null, 2) + "\n", flags.output, flags.force, [flags.schema]);
    });
}

function checkCommand(): Command {
  return new Command("check")
    .description("Check a request against the holder's schema and print the minimisation summary the holder reviews. Exits 2 when the request has errors.")
    .argument("<request>", "the request file (JSON)")
    .requiredOption("--schema <file>", "the data holder's JSON Schema")
    .option("--stats <file>", "the holder's published statistics: filters outside their ranges are reported as impossible too")
    .addOption(new Option("--format <format>", "text, markdown or json").choices(CHECK_FORMATS).default("text").argParser(oneOf(CHECK_FORMATS)))
    .option("-o, --output <file>", "write the summary to a file")
    .option("--force", "replace --output if it exists", false)
    .option("--no-color", "no colour in the text format")
    .addHelpText(
      "after",
      `
Examples:
  $ synth request check examples/requests/education-child-health.json --schema examples/child-health/schema.json
  $ synth request check request.json --schema schema.json --stats stats.json --format markdown --output summary.md`,
    )
    .action(async (requestFile: string, flags: { schema: string; stats?: string; format: CheckFormat; output?: string; force: boolean; color?: boolean }) => {
      const [{ checkRequest, requestError }, { renderCheck }] = await Promise.all([import("../../request/check.js"), import("../../request/report.js")]);
      await preloadInputs([flags.schema, requestFile, flags.stats]);
      const result = checkRequest({ schema: flags.schema, request: requestFile, ...(flags.stats ? { stats: flags.stats } : {}) });
      const color = (flags.output === undefined || flags.output === STANDARD_OUTPUT) && flags.format === "text" && wantsColor(flags.color);
      write(renderCheck(result, flags.format, { color }), flags.output, flags.force, [flags.schema, requestFile, flags.stats]);
      if (!result.ok) {
        // Every error but the last is printed here; main prints the last and exits 2.
        for (const issue of result.errors.slice(0, -1)) process.stderr.write(`synth: ${requestError({ ...result, errors: [issue] }, issue).toLine()}\n`);
        const last = result.errors[result.errors.length - 1]!;
        throw requestError({ ...result, errors: [last] }, last);
      }
    });
}

function schemaCommand(): Command {
  return new Command("schema")
    .description("Write the JSON Schema of the extract a request asks for: the requested columns with their coarsened types.")
    .argument("<request>", "the request file (JSON)")
    .requiredOption("--schema <file>", "the data holder's JSON Schema")
    .option("-o, --output <file>", "where to write the extract's schema (default: standard output)")
    .option("--force", "replace --output if it exists", false)
    .addHelpText(
      "after",
      `
Examples:
  $ synth request schema examples/requests/education-child-health.json --schema examples/child-health/schema.json --output extract.schema.json`,
    )
    .action(async (requestFile: string, flags: { schema: string; output?: string; force: boolean }) => {
      const [{ assertRequest, checkRequest }, { extractSchema }] = await Promise.all([import("../../request/check.js"), import("../../request/apply.js")]);
      await preloadInputs([flags.schema, requestFile]);
      const result = assertRequest(checkRequest({ schema: flags.schema, request: requestFile }));
      write(JSON.stringify(extractSchema(result), null, 2) + "\n", flags.output, flags.force, [flags.schema, requestFile]);
    });
}

/** Subcommands are not reached by main's set-up: usage errors must still throw (exit 2), prefixed alike. */
function likeTopLevel(command: Command): Command {
  return command.exitOverride().configureOutput({ outputError: (text, write) => write(`synth: ${text.replace(/^error: /, "").trimEnd()}\n`) });
}

export function requestCommand(): Command {
  return new Command("request")
    .description("Frame a precise, minimised data request against a holder's schema: init, check, schema.")
    .addCommand(likeTopLevel(initCommand()))
    .addCommand(likeTopLevel(checkCommand()))
    .addCommand(likeTopLevel(schemaCommand()))
    .addHelpText(
      "after",
      `
Examples:
  $ synth request init --schema examples/child-health/schema.json --output request.json
  $ synth request check --schema examples/child-health/schema.json examples/requests/education-child-health.json
  $ synth request schema --schema examples/child-health/schema.json examples/requests/education-child-health.json --output extract.schema.json
  $ synth generate --schema examples/child-health/schema.json --stats examples/child-health/stats.json --request examples/requests/education-child-health.json --rows 100`,
    );
}
