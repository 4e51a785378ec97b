import { basename, dirname, extname, join } from "node:path";
import { HashingWritable } from "../audit/hash.js";
import { buildManifest, manifestPathFor, type FileManifest } from "../audit/manifest.js";
import { AtomicFile, checkOutputs, writeFileAtomic, type OutputRules } from "../io/atomic-write.js";
import type { OutputFormat } from "../sinks/encoders.js";
import type { Compiled } from "./compile.js";
import { partOutput, writeRange, type RangeOutput } from "./output.js";
import type { Shard } from "./shard.js";

export interface FileRunOptions {
  compiled: Compiled;
  /** The input files as the user named them, for the manifest's hashes. */
  schemaPath: string;
  statsPath?: string;
  requestPath?: string;
  output: string;
  format: OutputFormat;
  rows: number;
  shard?: Shard;
  header: boolean;
  force: boolean;
  /** Put ".synthetic" into the file name (before the extension) unless it already says so. */
  label: boolean;
  /** Replaces the range writer, e.g. with one that spreads rows over worker threads. */
  writer?: (compiled: Compiled, range: RangeOutput, out: NodeJS.WritableStream) => Promise<number>;
}

export interface FileRunResult {
  output: string;
  manifestPath: string;
  manifest: FileManifest;
}

/** child-health.csv -> child-health.synthetic.csv; names that already say "synthetic" are kept. */
export function labelledPath(path: string): string {
  if (/synthetic/i.test(basename(path))) return path;
  const extension = extname(path);
  return join(dirname(path), `${basename(path, extension)}.synthetic${extension}`);
}

/**
 * Writes a run (or one shard of it) to a file, atomically, and the audit manifest beside it. Both
 * destinations are checked before the first row is drawn, so a refusal costs nothing.
 */
export async function generateToFile(options: FileRunOptions): Promise<FileRunResult> {
  const output = options.label ? labelledPath(options.output) : options.output;
  const manifestPath = manifestPathFor(output);
  const checks: OutputRules = { force: options.force, inputs: [options.schemaPath, options.statsPath, options.requestPath] };
  checkOutputs([output, manifestPath], checks);
  // Checked here; checked again, and claimed exclusively, when each file is moved into place.
  const rules: OutputRules = { ...checks, checkedAtStart: true };
  const range = partOutput(options.format, options.rows, options.shard, options.header);
  const { from, to } = range;
  const file = new AtomicFile(output, rules);
  const hashing = new HashingWritable(file.stream);
  // A failed write reaches the writer through its callback (and end's), which is where it is
  // reported; the stream's "error" event, unheard, would also crash the process, e.g. when a
  // signal drops the file mid-write.
  hashing.on("error", () => {});
  try {
    await (options.writer ?? writeRange)(options.compiled, range, hashing);
    await new Promise<void>((resolve, reject) => hashing.end((error?: Error | null) => (error ? reject(error) : resolve())));
    await file.commit();
  } catch (error) {
    file.abort();
    throw error;
  }
  let manifest: FileManifest;
  try {
    manifest = await buildManifest({
      manifestPath,
      schemaPath: options.schemaPath,
      ...(options.statsPath ? { statsPath: options.statsPath } : {}),
      ...(options.requestPath ? { requestPath: options.requestPath } : {}),
      outputPath: output,
      output: hashing.digest(),
      generation: {
        seed: options.compiled.seed,
        rows: options.rows,
        format: options.format,
        ...(options.format === "csv" ? { header: range.header === true } : {}),
        ...(options.shard ? { shard: { index: options.shard.index, count: options.shard.count, from, to } } : {}),
      },
    });
    writeFileAtomic(manifestPath, JSON.stringify(manifest, null, 2) + "\n", rules);
  } catch (error) {
    // A data file without its manifest is not kept: the run either leaves both or nothing.
    file.retract();
    throw error;
  }
  return { output, manifestPath, manifest };
}
