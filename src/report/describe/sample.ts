import { existsSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { parse } from "csv-parse/sync";
import { loadManifest, manifestPathFor } from "../../audit/manifest.js";
import { verifyManifest } from "../../audit/verify.js";
import { SynthError } from "../../errors/synth-error.js";
import { parseJsonText, readTextFile } from "../../io/json-file.js";

/** Records of a dummy sample, as read: CSV cells are strings (empty cell = no value). */
export type SampleRecord = Record<string, unknown>;

/** Reads a dummy sample written by `synth generate`: CSV, JSON Lines or a JSON array, by extension. */
export function readSample(path: string): SampleRecord[] {
  const text = readTextFile(path);
  const lower = path.toLowerCase();
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
    return text
      .split(/\r?\n/)
      .map((line, i) => ({ line, i }))
      .filter(({ line }) => line.trim() !== "")
      .map(({ line, i }) => {
        const record = parseJsonText(line, `${path}:${i + 1}`);
        if (record === null || typeof record !== "object" || Array.isArray(record)) {
          throw new SynthError("DATA_INVALID", "each line of the sample must be a JSON object", { file: path, line: i + 1 });
        }
        return record as SampleRecord;
      });
  }
  if (lower.endsWith(".json")) {
    const records = parseJsonText(text, path);
    if (!Array.isArray(records)) throw new SynthError("DATA_INVALID", "a JSON sample must be an array of records", { file: path });
    return records as SampleRecord[];
  }
  try {
    return parse(text, { columns: true, skip_empty_lines: true, bom: true }) as SampleRecord[];
  } catch (error) {
    const e = error as { message: string; lines?: number };
    throw new SynthError("CSV_MALFORMED", e.message.replace(/^Invalid [^:]*: /, ""), { file: path, ...(e.lines ? { line: e.lines } : {}) });
  }
}

/** A sample value counts as empty when absent, null or an empty CSV cell. */
export function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

/** Renders a sample value for a dictionary: strings as they are, everything else as JSON. */
export function showValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * Reads a sample only when it is synth's own output: a manifest beside it (FILE.manifest.json, as
 * `synth generate --output FILE` writes) that names this very file and whose hashes still match.
 * The dictionary labels example values "dummy"; a real file passed by mistake would publish real
 * values under that label, so anything unverified is refused rather than shown.
 */
export async function readVerifiedSample(path: string): Promise<SampleRecord[]> {
  const manifestPath = manifestPathFor(path);
  const refuse = (why: string) =>
    new SynthError("USAGE", `describe will not show values from ${path}, which may be real data: ${why}; pass a file written by \`synth generate --output\` (with its manifest), or leave out --sample to use freshly generated dummy rows`, { file: path });
  if (!existsSync(manifestPath)) throw refuse(`no synth manifest beside it (${basename(manifestPath)})`);
  let report: Awaited<ReturnType<typeof verifyManifest>>;
  let manifest: ReturnType<typeof loadManifest>;
  try {
    manifest = loadManifest(manifestPath);
    report = await verifyManifest(manifestPath);
  } catch (error) {
    if (error instanceof SynthError) throw refuse(`its manifest cannot be read (${error.message})`);
    throw error;
  }
  // A manifest of rows put into a database (generate --to) describes no file at all.
  if (!manifest.output) throw refuse("its manifest describes rows put into a database, not this file");
  if (resolve(dirname(resolve(manifestPath)), manifest.output.path) !== resolve(path)) throw refuse(`its manifest describes another file (${manifest.output.path})`);
  const output = report.checks.find((check) => check.role === "output");
  if (!output?.ok) throw refuse(`it does not match its manifest (${output?.problem ?? "not checked"})`);
  return readSample(path);
}
