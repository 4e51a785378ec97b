import { dirname, resolve } from "node:path";
import { isSynthError } from "../errors/synth-error.js";
import { digestFile } from "./hash.js";
import { loadManifest, type ManifestFile } from "./manifest.js";

export interface FileCheck {
  role: "schema" | "stats" | "request" | "output";
  path: string;
  ok: boolean;
  /** Why it failed: "missing", "size changed", "content changed". */
  problem?: string;
}

export interface VerifyReport {
  manifest: string;
  ok: boolean;
  checks: FileCheck[];
}

/** Recomputes every hash a manifest records; a missing or changed file is a failed check, not an error. */
export async function verifyManifest(manifestPath: string): Promise<VerifyReport> {
  const manifest = loadManifest(manifestPath);
  const folder = dirname(resolve(manifestPath));
  const entries: Array<[FileCheck["role"], ManifestFile | undefined]> = [
    ["schema", manifest.inputs.schema],
    ["stats", manifest.inputs.stats],
    ["request", manifest.inputs.request],
    ["output", manifest.output],
  ];
  const checks: FileCheck[] = [];
  for (const [role, recorded] of entries) {
    if (!recorded) continue;
    const path = resolve(folder, recorded.path);
    try {
      const actual = await digestFile(path);
      const problem = actual.bytes !== recorded.bytes ? `size changed (${recorded.bytes} -> ${actual.bytes} bytes)` : actual.sha256 !== recorded.sha256 ? "content changed (sha256 differs)" : undefined;
      checks.push({ role, path: recorded.path, ok: problem === undefined, ...(problem ? { problem } : {}) });
    } catch (error) {
      if (!isSynthError(error)) throw error;
      checks.push({ role, path: recorded.path, ok: false, problem: error.code === "FILE_NOT_FOUND" ? "missing" : error.message });
    }
  }
  return { manifest: manifestPath, ok: checks.every((c) => c.ok), checks };
}
