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

/**
 * Why a file recorded by path, size and sha256 (relative to a folder) no longer matches, or undefined
 * when it does: outside the folder (not read), missing, a different size, different content.
 */
export async function recordedFileProblem(folder: string, recorded: { path: string; bytes: number; sha256: string }): Promise<string | undefined> {
  const confined = confinedPath(folder, recorded.path);
  if ("problem" in confined) return confined.problem;
  try {
    const actual = await digestFile(confined.path);
    if (actual.bytes !== recorded.bytes) return `size changed (${recorded.bytes} -> ${actual.bytes} bytes)`;
    return actual.sha256 !== recorded.sha256 ? "content changed (sha256 differs)" : undefined;
  } catch (error) {
    if (!isSynthError(error)) throw error;
    return error.code === "FILE_NOT_FOUND" ? "missing" : error.message;
  }
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
    const problem = await recordedFileProblem(folder, recorded);
    checks.push({ role, path: recorded.path, ok: problem === undefined, ...(problem ? { problem } : {}) });
  }
  return { manifest: manifestPath, ok: checks.every((c) => c.ok), checks, ...(manifest.target ? { target: manifest.target } : {}) };
}
