import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { identifierTypes } from "../../src/identifiers/index.js";

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => void;

/**
 * An independent validator for test assertions: a fresh ajv with the standard formats and synth's
 * identifier formats (whose check digits it then checks too), not the instance synth generated with.
 */
export function validatorFor(schemaOrPath: string | object): (value: unknown) => boolean {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const type of identifierTypes) ajv.addFormat(type.name, type.validate);
  const validate = ajv.compile(typeof schemaOrPath === "string" ? (JSON.parse(readFileSync(schemaOrPath, "utf8")) as object) : schemaOrPath);
  return (value) => {
    const ok = validate(value);
    if (!ok) throw new Error(`invalid record ${JSON.stringify(value)}: ${ajv.errorsText(validate.errors)}`);
    return ok;
  };
}
