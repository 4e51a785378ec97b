import { dirname, resolve } from "node:path";
import { confinedPath, recordedFileProblem, verifyManifest, type FileCheck } from "../audit/verify.js";
import { isSynthError, SynthError } from "../errors/synth-error.js";
import { readJsonFile } from "../io/json-file.js";
import { descriptorDigest } from "./release-hashes.js";

type Json = Record<string, unknown>;

export interface PackageCheck {
  path: string;
  role: "descriptor" | "data" | "file" | FileCheck["role"];
  ok: boolean;
  problem?: string;
}

export interface PackageVerifyReport {
  descriptor: string;
  ok: boolean;
  checks: PackageCheck[];
}

/** True when a JSON document is a Data Package descriptor rather than a single file's manifest. */
export function isPackageDescriptor(document: unknown): boolean {
  return document !== null && typeof document === "object" && Array.isArray((document as Json).resources);
}

async function checkFile(folder: string, path: unknown, expected: { sha256: string; bytes: number }, role: PackageCheck["role"]): Promise<PackageCheck> {
  const problem = typeof path === "string" ? await recordedFileProblem(folder, { path, ...expected }) : "names no file";
  return { path: String(path), role, ok: problem === undefined, ...(problem ? { problem } : {}) };
}

/**
 * Checks a dummy package folder as a whole: the descriptor's own digest, every data file against the
 * descriptor's `hash` and `bytes`, every other file it lists, and each table's manifest. Paths are
 * read only inside the descriptor's folder, so a package cannot point verify at other files.
 */
export async function verifyPackage(file: string): Promise<PackageVerifyReport> {
  const descriptor = readJsonFile(file) as Json;
  const folder = dirname(resolve(file));
  const synth = (descriptor["x-synth"] ?? {}) as Json;
  if (typeof synth.sha256 !== "string") throw new SynthError("PACKAGE_INVALID", "is not a package written by synth generate --package (it records no digests to check)", { file, pointer: "/x-synth/sha256" });
  const checks: PackageCheck[] = [];
  const own = descriptorDigest(descriptor) === synth.sha256;
  checks.push({ path: file, role: "descriptor", ok: own, ...(own ? {} : { problem: "content changed (its digest differs)" }) });
  const resources = (descriptor.resources ?? []) as Json[];
  for (const resource of resources) {
    const hash = typeof resource.hash === "string" ? resource.hash.replace(/^sha256:/, "") : "";
    checks.push(await checkFile(folder, resource.path, { sha256: hash, bytes: Number(resource.bytes) }, "data"));
  }
  const files = (Array.isArray(synth.files) ? synth.files : []) as Json[];
  for (const entry of files) {
    checks.push(await checkFile(folder, entry.path, { sha256: String(entry.sha256), bytes: Number(entry.bytes) }, "file"));
  }
  for (const resource of resources) {
    const manifest = ((resource["x-synth"] ?? {}) as Json).manifest;
    if (manifest === undefined) continue;
    const confined = typeof manifest === "string" ? confinedPath(folder, manifest) : { problem: "names no file" };
    if ("problem" in confined) {
      checks.push({ path: String(manifest), role: "file", ok: false, problem: confined.problem });
      continue;
    }
    const path = confined.path;
    try {
      const report = await verifyManifest(path);
      for (const check of report.checks) checks.push({ path: `${String(manifest)}: ${check.path}`, role: check.role, ok: check.ok, ...(check.problem ? { problem: check.problem } : {}) });
    } catch (error) {
      if (!isSynthError(error)) throw error;
      checks.push({ path: String(manifest), role: "file", ok: false, problem: error.message });
    }
  }
  return { descriptor: file, ok: checks.every((c) => c.ok), checks };
}
