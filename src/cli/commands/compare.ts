import { Command, InvalidArgumentError, Option } from "commander";
import { SynthError } from "../../errors/synth-error.js";
import { checkOutputs, writeFileAtomic, type OutputRules } from "../../io/atomic-write.js";
import { STANDARD_OUTPUT } from "../standard-streams.js";
import { oneOf } from "../parse-flags.js";
import { DEFAULT_MIN_COUNT } from "../../profile/min-count.js";
import { positiveInteger } from "../parse-flags.js";
import { stdoutSink } from "../stdout.js";
import { preloadInputs, STANDARD_INPUT } from "../../io/json-file.js";
import { wantsColor } from "../color.js";

interface CompareFlags {
  schema?: string;
  json?: boolean;
  null?: string[];
  minCount: number;
  color?: boolean;
  failUnder?: { shapes: number; pairs?: number };
  format?: CompareFormat;
  output?: string;
  force: boolean;
}

const COMPARE_FORMATS = ["text", "json", "html"] as const;
type CompareFormat = (typeof COMPARE_FORMATS)[number];

/** `--fail-under 0.9` or `0.9,0.85`: kept free of the report's modules so that --help stays cheap. */
function bar(raw: string): { shapes: number; pairs?: number } {
  const parts = raw.split(",").map((p) => p.trim());
  if (parts.length > 2 || parts.some((p) => !/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(p))) throw new InvalidArgumentError("expected SHAPES or SHAPES,PAIRS: scores between 0 and 1, such as 0.9,0.85.");
  const [shapes, pairs] = parts.map(Number);
  return { shapes: shapes!, ...(pairs !== undefined ? { pairs } : {}) };
}

export function compareCommand(): Command {
  return new Command("compare")
    .description("Report how faithful dummy data is to the real table (column shapes, missing values) and whether it copies real rows.")
    .argument("<real>", "the real table (CSV or JSON Lines)")
    .argument("<dummy>", "the dummy table to judge (CSV or JSON Lines)")
    .option("--schema <file>", "the table's JSON Schema: its types decide how columns are read")
    .option("--json", "print the report as JSON (the same as --format json)")
    .addOption(new Option("--format <format>", "text (terminal), json, or html (one self-contained page with pictures)").choices(COMPARE_FORMATS).argParser(oneOf(COMPARE_FORMATS)))
    .option("-o, --output <file>", "write the report to a file instead of standard output")
    .option("--force", "replace --output if it exists", false)
    .option("--null <token...>", `CSV cells that mean "no value" (default: the empty cell and NA)`)
    .option("--min-count <k>", "K, as given to profile: tells categories from free text the same way", positiveInteger(), DEFAULT_MIN_COUNT)
    .option("--no-color", "no colour (also: NO_COLOR=1, or output not a terminal)")
    .option("--fail-under <shapes[,pairs]>", "exit 1 when Column Shapes (and Column Pair Trends) score under these bars, for CI", bar)
    .addHelpText(
      "after",
      `
Scores follow SDMetrics: 1 - Kolmogorov-Smirnov statistic for numbers and dates (KSComplement),
1 - total variation distance for categories (TVComplement); Column Shapes is their mean. Free text and
identifiers are not scored. The report holds only aggregate figures: the only values it names
are categories at least K real rows hold.

Exit status: 0, or 1 with --fail-under when a score is under its bar; 2 for bad input.

Examples:
  $ synth compare real.csv dummy.csv
  $ synth compare real.csv dummy.csv --fail-under 0.9,0.85
  $ synth compare real.csv dummy.csv --format html --output compare.html
  $ synth compare real.csv dummy.csv --schema schema.json --json > report.json`,
    )
    .action(async (real: string, dummy: string, flags: CompareFlags) => {
      // Imported here, not above: defining the command must stay cheap for every other command's start.
      if (flags.json && flags.format !== undefined && flags.format !== "json") throw new SynthError("USAGE", `--json and --format ${flags.format} ask for two formats: give one`);
      if (flags.output === STANDARD_OUTPUT) delete flags.output;
      const rules: OutputRules = { force: flags.force, inputs: [real, dummy, flags.schema] };
      // Before reading two tables, not after: an output that cannot be written should fail at once.
      if (flags.output !== undefined) checkOutputs([flags.output], rules);
      const format: CompareFormat = flags.json ? "json" : (flags.format ?? "text");
      const [{ DEFAULT_NULL_TOKENS }, { compare }, { renderCompareJson, renderCompareText }, { verdict }] = await Promise.all([
        import("../../io/read-table.js"),
        import("../../report/compare/compare.js"),
        import("../../report/compare/render.js"),
        import("../../report/compare/verdict.js"),
      ]);
      await preloadInputs([flags.schema]);
      if (real === STANDARD_INPUT && dummy === STANDARD_INPUT) throw new SynthError("USAGE", "standard input (-) can be only one of the two tables");
      const report = await compare({
        real,
        dummy,
        ...(flags.schema ? { schema: flags.schema } : {}),
        nullTokens: flags.null ?? DEFAULT_NULL_TOKENS,
        minCount: flags.minCount,
      });
      const judged = verdict(report, flags.failUnder);
      let text: string;
      if (format === "html") text = (await import("../../report/compare/html.js")).renderCompareHtml(report, judged);
      else if (format === "json") text = renderCompareJson(report, judged);
      else text = renderCompareText(report, { color: flags.output === undefined && wantsColor(flags.color), verdict: judged });
      if (flags.output === undefined) stdoutSink().write(text);
      else writeFileAtomic(flags.output, text, rules);
      if (judged.pass === false) process.exitCode = 1;
    });
}
