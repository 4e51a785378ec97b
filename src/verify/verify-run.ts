import { Writable } from "node:stream";
import { dirname, resolve } from "node:path";
import { HashingWritable } from "../audit/hash.js";
import { loadManifest } from "../audit/manifest.js";
import { verifyManifest, type FileCheck, type VerifyReport } from "../audit/verify.js";
import { isSynthError } from "../errors/synth-error.js";
import { compile } from "../generate/compile.js";
import { partOutput, writeRange } from "../generate/output.js";
import { TOOL_VERSION } from "../version.js";

/** Bytes are hashed and dropped: a re-derived output is never kept. */
class Discard extends Writable {
  override _write(_chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    callback();
  }
}

/**
 * `synth verify`: the recorded files' hashes (audit/verify.ts), then the recorded settings bound to
 * the output by making it again. Same inputs, seed and version give the same bytes, so a manifest whose
 * seed, rows, format, header or shard was edited describes some other output, and the re-derived hash
 * says so. Nothing is written; the run costs what generating the file cost.
 */
export async function verifyRun(manifestPath: string): Promise<VerifyReport> {
  const report = await verifyManifest(manifestPath);
  const manifest = loadManifest(manifestPath);
  const check = (ok: boolean, problem?: string): FileCheck => ({ role: "settings", path: manifestPath, ok, ...(problem ? { problem } : {}) });
  let settings: FileCheck;
  if (!report.ok) {
    settings = check(false, "not re-derived: a recorded file is missing, changed or out of reach");
  } else if (manifest.tool.version !== TOOL_VERSION) {
    settings = check(false, `not re-derived: made by synth ${manifest.tool.version}, and only the same version makes the same bytes (this is ${TOOL_VERSION})`);
  } else {
    settings = await rederive(manifestPath, manifest, check);
  }
  const checks = [...report.checks, settings];
  return { ...report, ok: checks.every((c) => c.ok), checks };
}

async function rederive(manifestPath: string, manifest: ReturnType<typeof loadManifest>, check: (ok: boolean, problem?: string) => FileCheck): Promise<FileCheck> {
  const folder = dirname(resolve(manifestPath));
  const at = (recorded: { path: string } | undefined) => (recorded ? resolve(folder, recorded.path) : undefined);
  const { seed, rows, format, header, shard } = manifest.generation;
  try {
    const schema = at(manifest.inputs.schema)!;
    const stats = at(manifest.inputs.stats);
    const compiled = await compile({ schema, ...(stats ? { stats } : {}), seed, rows });
    const range = partOutput(format, rows, shard, header ?? true);
    if (shard && (range.from !== shard.from || range.to !== shard.to)) return check(false, `shard ${shard.index}/${shard.count} of ${rows} rows is rows ${range.from}-${range.to}, not the ${shard.from}-${shard.to} recorded`);
    const hashing = new HashingWritable(new Discard());
    const requestFile = at(manifest.inputs.request);
    if (requestFile) {
      const { requestForGenerate, writeExtractRange } = await import("../request/apply.js");
      await writeExtractRange(compiled, requestForGenerate(compiled, requestFile), range, hashing);
    } else {
      await writeRange(compiled, range, hashing, { threads: 1 });
    }
    await new Promise<void>((done, fail) => hashing.end((error?: Error | null) => (error ? fail(error) : done())));
    const made = hashing.digest();
    // A file's bytes, or the CSV bytes streamed into a database table's COPY (recorded the same way).
    const recorded = manifest.output ?? manifest.target;
    if (!recorded) return check(false, "not re-derived: the manifest records neither an output file nor a target table");
    return made.sha256 === recorded.sha256 && made.bytes === recorded.bytes
      ? check(true)
      : check(false, "the recorded inputs and settings (seed, rows, format, header, shard) do not make this output: the manifest was edited, or the output replaced along with its hash");
  } catch (error) {
    if (!isSynthError(error)) throw error;
    return check(false, `not re-derived: ${error.toLine()}`);
  }
}
