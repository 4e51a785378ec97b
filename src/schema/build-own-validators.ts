/**
 * Build step (npm run build): writes dist/validators/<name>.cjs, ajv's standalone code for each of
 * synth's own document schemas, so that loading a statistics file does not compile its schema first.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname } from "node:path";
import standaloneModule from "ajv/dist/standalone/index.js";
import { createUserAjv, DRAFT_URIS, type Draft } from "./ajv.js";
import { metaPrecompiledPath, OWN_DOCUMENTS, ownAjv, ownSchemaUrl, precompiledPath } from "./own-validators.js";

const standaloneCode = ((standaloneModule as unknown as { default?: unknown }).default ?? standaloneModule) as typeof import("ajv/dist/standalone/index.js").default;

for (const name of OWN_DOCUMENTS) {
  const ajv = ownAjv({ code: { source: true } });
  const schema = JSON.parse(readFileSync(ownSchemaUrl(name), "utf8")) as { $id?: string };
  const validate = (schema.$id && ajv.getSchema(schema.$id)) || ajv.compile(schema);
  const target = fileURLToPath(precompiledPath(name));
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, standaloneCode(ajv, validate));
}

for (const draft of Object.keys(DRAFT_URIS) as Draft[]) {
  const ajv = createUserAjv(draft, { code: { source: true } });
  writeFileSync(fileURLToPath(metaPrecompiledPath(draft)), standaloneCode(ajv, ajv.getSchema(DRAFT_URIS[draft])!));
}
