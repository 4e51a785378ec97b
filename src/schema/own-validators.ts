import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { ValidateFunction } from "ajv";
import { createStrictAjv, createUserAjv, DRAFT_URIS, type Draft } from "./ajv.js";

/** synth's own document formats, each with a JSON Schema in schemas/. */
export const OWN_DOCUMENTS = ["stats", "manifest", "request", "rules"] as const;
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

export function metaPrecompiledPath(draft: Draft): URL {
  return new URL(`dist/validators/meta-${draft}.cjs`, ROOT);
}

const cache = new Map<string, ValidateFunction>();

/**
 * The build precompiles these validators with ajv's standalone code (compiling the statistics schema
 * costs ~150 ms, a meta-schema as much, at every start otherwise); when the precompiled file is
 * absent, e.g. when running from the sources, the schema is compiled here instead.
 */
function precompiledOr(path: URL, compile: () => ValidateFunction): ValidateFunction {
  let validate = cache.get(path.href);
  if (!validate) {
    try {
      const loaded = requireFromHere(path.pathname) as { default?: ValidateFunction } & ValidateFunction;
      validate = loaded.default ?? loaded;
    } catch {
      validate = compile();
    }
    cache.set(path.href, validate);
  }
  return validate;
}

/** Own schemas that others refer to by $id: added to an ajv before any own document is compiled. */
const SHARED_DOCUMENTS: readonly OwnDocument[] = ["rules"];

/** A strict ajv that knows the shared own schemas, so a document's $ref to one of them resolves. */
export function ownAjv(extra: Parameters<typeof createStrictAjv>[0] = {}): ReturnType<typeof createStrictAjv> {
  const ajv = createStrictAjv(extra);
  for (const shared of SHARED_DOCUMENTS) ajv.addSchema(JSON.parse(readFileSync(ownSchemaUrl(shared), "utf8")) as object);
  return ajv;
}

/** The strict validator for one of synth's own formats. */
export function ownValidator(name: OwnDocument): ValidateFunction {
  return precompiledOr(precompiledPath(name), () => {
    const ajv = ownAjv();
    const schema = JSON.parse(readFileSync(ownSchemaUrl(name), "utf8")) as { $id?: string };
    return (schema.$id && ajv.getSchema(schema.$id)) || ajv.compile(schema);
  });
}

/** A validator for a draft's meta-schema. */
export function metaSchemaValidator(draft: Draft): ValidateFunction {
  return precompiledOr(metaPrecompiledPath(draft), () => createUserAjv(draft).getSchema(DRAFT_URIS[draft])!);
}
