import { createHash } from "node:crypto";
import { digestFile, type FileDigest } from "../audit/hash.js";
import { formatJson } from "../profile/format-json.js";

type Json = Record<string, unknown>;

/** The descriptor's own digest: of its text as synth writes it, with the digest itself left out. */
export function descriptorDigest(descriptor: Json): string {
  const synth = { ...((descriptor["x-synth"] ?? {}) as Json) };
  delete synth.sha256;
  return createHash("sha256").update(formatJson({ ...descriptor, "x-synth": synth })).digest("hex");
}

/**
 * Seals a package folder's descriptor: each data file's `bytes` and `hash` (the Data Package's own
 * properties), the digest of every other file it names, and its own digest, so that a change of any
 * byte of any file is found by `synth verify`, wherever the folder has been moved.
 */
export async function sealDescriptor(descriptor: Json, folder: string, otherFiles: string[], known: ReadonlyMap<string, FileDigest> = new Map()): Promise<Json> {
  const resources = [];
  for (const resource of descriptor.resources as Json[]) {
    // A data file's digest is already known from writing it (its manifest's): not read back.
    const digest = known.get(resource.path as string) ?? (await digestFile(`${folder}/${resource.path as string}`));
    resources.push({ ...resource, bytes: digest.bytes, hash: `sha256:${digest.sha256}` });
  }
  const files = [];
  for (const path of otherFiles) files.push({ path, ...(await digestFile(`${folder}/${path}`)) });
  const sealed: Json = { ...descriptor, resources, "x-synth": { ...((descriptor["x-synth"] ?? {}) as Json), files } };
  (sealed["x-synth"] as Json).sha256 = descriptorDigest(sealed);
  return sealed;
}
