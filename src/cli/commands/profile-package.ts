import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { SynthError } from "../../errors/synth-error.js";
import { checkOutputs, writeFileAtomic } from "../../io/atomic-write.js";

export interface ProfilePackageFlags {
  package?: string;
  table?: Record<string, string>;
  key?: string[];
  foreignKey?: string[];
  outputDir?: string;
  minCount: number;
  epsilon?: number;
  seed?: number;
  null?: string[];
  force: boolean;
  quiet: boolean;
  dependence: boolean;
}

/** `synth profile --package real/datapackage.json --output-dir published/`. */
export async function runProfilePackage(flags: ProfilePackageFlags): Promise<void> {
  if (!flags.outputDir) throw new SynthError("USAGE", "--package writes a folder: name it with --output-dir");
  const [{ loadPackage }, { packageFromTables, parseColumns }, { profilePackage }, { formatJson }, { DEFAULT_NULL_TOKENS }] = await Promise.all([
    import("../../package/load.js"),
    import("../../package/from-tables.js"),
    import("../../package/profile/profile-package.js"),
    import("../../profile/format-json.js"),
    import("../../io/read-table.js"),
  ]);
  const pkg = flags.package !== undefined
    ? loadPackage(flags.package)
    : packageFromTables({
        tables: flags.table ?? {},
        primaryKeys: Object.fromEntries((flags.key ?? []).map((raw) => {
          const { table, columns } = parseColumns(raw, "--key");
          return [table, columns];
        })),
        foreignKeys: (flags.foreignKey ?? []).map((raw) => {
          const [child, parent] = raw.split("=");
          if (parent === undefined) throw new SynthError("USAGE", `--foreign-key "${raw}" is not TABLE.COLUMN=PARENT.COLUMN`);
          const from = parseColumns(child!, "--foreign-key");
          const to = parseColumns(parent, "--foreign-key");
          return { table: from.table, fields: from.columns, resource: to.table, referenceFields: to.columns };
        }),
      });
  const outputDir = flags.outputDir;
  const files = (tables: string[]) => ["datapackage.json", ...tables.flatMap((t) => [`${t}.schema.json`, `${t}.stats.json`])].map((name) => join(outputDir, name));
  const paths = files(pkg.tables.map((t) => t.name));
  // The real tables and the descriptor are inputs: never written over, whatever --force says.
  const inputs = [...(flags.package !== undefined ? [flags.package] : []), ...pkg.tables.map((t) => t.path)];
  if (existsSync(outputDir)) checkOutputs(paths, { force: flags.force, inputs });
  const result = await profilePackage(pkg, {
    minCount: flags.minCount,
    ...(flags.epsilon !== undefined ? { epsilon: flags.epsilon } : {}),
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
    nullTokens: flags.null ?? DEFAULT_NULL_TOKENS,
    dependence: flags.dependence,
  });
  mkdirSync(outputDir, { recursive: true });
  for (const table of result.tables) {
    writeFileAtomic(join(outputDir, table.schemaName), formatJson(table.schema), { force: flags.force, inputs });
    writeFileAtomic(join(outputDir, table.statsName), formatJson(table.result.stats), { force: flags.force, inputs });
  }
  writeFileAtomic(join(outputDir, "datapackage.json"), formatJson(result.descriptor), { force: flags.force, inputs });
  if (flags.quiet) return;
  const lines = [`synth: profiled ${result.tables.length} tables -> ${join(outputDir, "datapackage.json")}`];
  for (const table of result.tables) lines.push(`  ${table.table.name}: ${table.result.stats.rows} rows, ${table.result.columns.length} columns`);
  for (const found of result.relationships) {
    const r = found.relationship;
    const bins = r.childrenPerParent?.bins;
    lines.push(`  ${r.table}.${r.fields.join("+")} -> ${r.reference.resource}: ${bins ? `${bins.length} bins of children per parent` : "children per parent withheld"}${r.inherited ? `, copies ${r.inherited.map((i) => i.column).join(", ")}` : ""}`);
    if (found.orphans > 0) lines.push(`    warning: ${found.orphans} real rows name no existing parent (the real data breaks this foreign key)`);
  }
  for (const note of (result.descriptor["x-synth"] as { disclosure: { notes: string[] } }).disclosure.notes) lines.push(`  - ${note}`);
  process.stderr.write(lines.join("\n") + "\n");
}
