import { realpathSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { isSynthError } from "../errors/synth-error.js";
import { digestFile } from "./hash.js";
import { loadManifest, type ManifestFile, type ManifestTarget } from "./manifest.js";

export interface FileCheck {
  role: "schema" | "stats" | "request" | "output" | "settings";
  path: string;
  ok: boolean;
  /** Why it failed: "missing", "size changed", "content changed". */
  problem?: string;
}

export interface VerifyReport {
  manifest: string;
  ok: boolean;
  checks: FileCheck[];
  /** Rows that went into a database table: recorded, not re-read (the table may have changed since, by design). */
  target?: ManifestTarget;
}

/** Whether a path lies inside a folder (itself excluded). */
function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== "" && !rel.startsWith(".." + sep) && rel !== ".." && !isAbsolute(rel);
}

/**
 * Where a recorded path leads, or why it is not read: only files in the manifest's folder (or below
 * it) are, so that a manifest cannot make verify a hash oracle for the rest of the machine
 * (../outside.txt, /etc/..., or a symbolic link that leads out).
 */
export function confinedPath(folder: string, recorded: string): { path: string } | { problem: string } {
  const outside = { problem: "outside the manifest's folder: not read (verify reads only files beside the manifest or below it)" };
  if (isAbsolute(recorded) || /^[a-zA-Z]:[\\/]/.test(recorded) || recorded.split(/[\\/]/).includes("..")) return outside;
  const path = resolve(folder, recorded);
  if (!inside(folder, path)) return outside;
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return { path }; // missing: reported as such when it is read
  }
  return inside(realpathSync(folder), real) ? { path } : { problem: "leads outside the manifest's folder through a symbolic link: not read" };
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
    const confined = confinedPath(folder, recorded.path);
    if ("problem" in confined) {
      checks.push({ role, path: recorded.path, ok: false, problem: confined.problem });
      continue;
    }
    const path = confined.path;
    try {
      const actual = await digestFile(path);
      const problem = actual.bytes !== recorded.bytes ? `size changed (${recorded.bytes} -> ${actual.bytes} bytes)` : actual.sha256 !== recorded.sha256 ? "content changed (sha256 differs)" : undefined;
      checks.push({ role, path: recorded.path, ok: problem === undefined, ...(problem ? { problem } : {}) });
    } catch (error) {
      if (!isSynthError(error)) throw error;
      checks.push({ role, path: recorded.path, ok: false, problem: error.code === "FILE_NOT_FOUND" ? "missing" : error.message });
    }
  }
  return { manifest: manifestPath, ok: checks.every((c) => c.ok), checks, ...(manifest.target ? { target: manifest.target } : {}) };
}
