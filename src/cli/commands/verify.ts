import { Command } from "commander";
import { preloadInputs } from "../../io/json-file.js";

export function verifyCommand(): Command {
  return new Command("verify")
    .description("Recompute the hashes a generation manifest records, make the output again from its inputs and settings, and report anything that changed.")
    .argument("<manifest>", "a FILE.manifest.json written by `synth generate --output FILE`, or the datapackage.json of a folder written by `synth generate --package`")
    .option("--json", "print the report as JSON")
    .addHelpText(
      "after",
      `
Only files in the manifest's folder (or below it) are read; a path that leads elsewhere fails. The
output is made again, from the recorded inputs, seed, rows, format and shard, so an edited setting is
noticed; this takes as long as generating it did, and needs the synth version that made it.
Exit status: 0 when everything matches, 1 when anything is missing or changed, 2 for a bad manifest.

Examples:
  $ synth verify child-health.csv.manifest.json
  $ synth verify dummy/datapackage.json`,
    )
    .action(async (manifest: string, flags: { json?: boolean }) => {
      // Imported here, not above: defining the command must stay cheap for every other command's start.
      const [{ verifyRun }, { default: chalk }, { readJsonFile }, { isPackageDescriptor, verifyPackage }] = await Promise.all([
        import("../../verify/verify-run.js"),
        import("chalk"),
        import("../../io/json-file.js"),
        import("../../package/verify-package.js"),
      ]);
      await preloadInputs([manifest]);
      const report = isPackageDescriptor(readJsonFile(manifest)) ? await verifyPackage(manifest) : await verifyRun(manifest);
      if (flags.json) {
        process.stdout.write(JSON.stringify(report, null, 2) + "\n");
      } else {
        for (const check of report.checks) {
          const mark = check.ok ? chalk.green("ok") : chalk.red("MISMATCH");
          process.stdout.write(`${mark.padEnd(8)} ${check.role.padEnd(8)} ${check.path}${check.problem ? `: ${check.problem}` : ""}\n`);
        }
        const target = "target" in report ? report.target : undefined;
        if (target) process.stdout.write(`${"note".padEnd(8)} ${"target".padEnd(8)} ${target.rows} rows into ${target.table} of ${target.database} at ${target.host}:${target.port} (not re-read: the rows live in the database)\n`);
        process.stdout.write(report.ok ? "all files match the manifest\n" : "some files do not match the manifest\n");
      }
      if (!report.ok) process.exitCode = 1;
    });
}
