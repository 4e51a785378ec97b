import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { ValidateFunction } from "ajv";
import { createStrictAjv, createUserAjv, DRAFT_URIS, type Draft } from "./ajv.js";

/** synth's own document formats, each with a JSON Schema in schemas/. */
export const OWN_DOCUMENTS = ["stats", "manifest", "request"] as const;
export type OwnDocument = (typeof OWN_DOCUMENTS)[number];

// Both src/schema and dist/schema sit two levels below the package root.
const ROOT = new URL("../../", import.meta.url);
const requireFromHere = createRequire(import.meta.url);

export function ownSchemaUrl(name: OwnDocument): URL {
  return new URL(`schemas/${name}.schema.json`, ROOT);
}

export function precompiledPath(name: OwnDocument): URL {
  return new URL(`dist/validators/${name}.cjs`, ROOT);
}

const cache = new Map<OwnDocument, ValidateFunction>();

/**
 * The strict validator for one of synth's own formats. The build precompiles them with ajv's
 * standalone code (compiling the statistics schema costs ~150 ms at every start otherwise); when the
 * precompiled file is absent, e.g. when running from the sources, the schema is compiled here.
 */
export function ownValidator(name: OwnDocument): ValidateFunction {
  let validate = cache.get(name);
  if (!validate) {
    try {
      const loaded = requireFromHere(precompiledPath(name).pathname) as { default?: ValidateFunction } & ValidateFunction;
      validate = loaded.default ?? loaded;
    } catch {
      validate = createStrictAjv().compile(JSON.parse(readFileSync(ownSchemaUrl(name), "utf8")) as object);
    }
    cache.set(name, validate);
  }
  return validate;
}

export function metaPrecompiledPath(draft: Draft): URL {
  return new URL(`dist/validators/meta-${draft}.cjs`, ROOT);
}

const metaCache = new Map<Draft, ValidateFunction>();

/** A validator for a draft's meta-schema, precompiled by the build like the ones above. */
export function metaSchemaValidator(draft: Draft): ValidateFunction {
  let validate = metaCache.get(draft);
  if (!validate) {
    try {
      const loaded = requireFromHere(metaPrecompiledPath(draft).pathname) as { default?: ValidateFunction } & ValidateFunction;
      validate = loaded.default ?? loaded;
    } catch {
      validate = createUserAjv(draft).getSchema(DRAFT_URIS[draft])!;
    }
    metaCache.set(draft, validate);
  }
  return validate;
}
