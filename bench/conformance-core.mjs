// The JSON Schema Test Suite conformance harness, shared by `npm run bench:conformance` (built code)
// and test/conformance/suite.test.ts (sources). For every test group with at least one valid test and
// no remote reference, synth generates VALUES values and a fresh ajv of the group's draft checks each.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

const addFormats = addFormatsModule.default ?? addFormatsModule;

export const SUITE = fileURLToPath(new URL("../../shared/json-schema-test-suite/tests/", import.meta.url));
/** The same suite's draft 2020-12 and draft 7 files, vendored for the tests (MIT; see test/fixtures/README.md). */
export const VENDORED_SUITE = fileURLToPath(new URL("../test/fixtures/json-schema-test-suite/tests/", import.meta.url));
export const DRAFTS = [
  { name: "draft2020-12", uri: "https://json-schema.org/draft/2020-12/schema" },
  { name: "draft7", uri: "http://json-schema.org/draft-07/schema#" },
];
export const VALUES = 20;

/** The suite's remotes are served from localhost:1234; a group naming it needs the network. */
function isRemote(group) {
  return JSON.stringify(group.schema).includes("localhost:1234") || group.tests.some((t) => JSON.stringify(t.data).includes("localhost:1234"));
}

function referenceAjv(draft) {
  // Meta-schema checks are left to synth (every suite schema is valid): compiling the meta-schema per group would dominate.
  const options = { strict: false, logger: false, validateFormats: true, validateSchema: false };
  const ajv = draft === "draft7" ? new Ajv(options) : new Ajv2020(options);
  addFormats(ajv, { mode: "full" });
  return ajv;
}

/** The groups to measure, with their draft, file and description. */
export function loadGroups(suite = SUITE) {
  const groups = [];
  for (const draft of DRAFTS) {
    const folder = join(suite, draft.name);
    for (const file of readdirSync(folder).filter((f) => f.endsWith(".json")).sort()) {
      const list = JSON.parse(readFileSync(join(folder, file), "utf8"));
      list.forEach((group, index) => {
        if (!group.tests.some((t) => t.valid)) return;
        if (isRemote(group)) return;
        groups.push({ draft: draft.name, draftUri: draft.uri, file, index, description: group.description, schema: group.schema });
      });
    }
  }
  return groups;
}

/**
 * Runs one group. `api` = { compile, sampleRows, SynthError } from synth (built or sources).
 * Returns { status: "pass" | "error" | "invalid" | "crash" | "uncompilable", reason }.
 */
export async function runGroup(group, api, values = VALUES) {
  let validate;
  try {
    validate = referenceAjv(group.draft).compile(group.schema);
  } catch (error) {
    return { status: "uncompilable", reason: String(error.message ?? error).split("\n")[0] };
  }
  // Draft 7 groups carry no $schema: say which draft they are in, as a user's file would.
  const schema =
    group.draft === "draft7" && group.schema !== null && typeof group.schema === "object" && group.schema.$schema === undefined
      ? { $schema: group.draftUri, ...group.schema }
      : group.schema;
  let produced = 0;
  try {
    const { plan, seed } = await api.compile({ schema, seed: 1, rows: values });
    for (const value of api.sampleRows(plan, seed, 0, values)) {
      produced++;
      const text = JSON.stringify(value);
      if (text === undefined) return { status: "invalid", reason: `value ${produced} is not JSON` };
      const emitted = JSON.parse(text);
      if (!validate(emitted)) {
        const e = validate.errors?.[0];
        return { status: "invalid", reason: `${text.slice(0, 120)} fails ${e?.keyword} at ${e?.instancePath || "/"} (${e?.message})` };
      }
    }
  } catch (error) {
    if (error instanceof api.SynthError) return { status: "error", reason: `${error.code}: ${error.toLine()}` };
    return { status: "crash", reason: String(error?.stack ?? error).split("\n").slice(0, 3).join(" | ") };
  }
  return { status: "pass" };
}

/** Runs every group; returns per-draft tallies and the list of groups that did not pass. */
export async function runConformance(api, { values = VALUES, onGroup, suite = SUITE } = {}) {
  const tallies = {};
  const failures = [];
  for (const group of loadGroups(suite)) {
    const tally = (tallies[group.draft] ??= { considered: 0, compilable: 0, pass: 0, error: 0, invalid: 0, crash: 0 });
    const started = Date.now();
    const result = await runGroup(group, api, values);
    const ms = Date.now() - started;
    tally.considered++;
    if (result.status !== "uncompilable") tally.compilable++;
    if (result.status in tally) tally[result.status]++;
    if (result.status !== "pass") failures.push({ ...group, ...result, ms });
    onGroup?.(group, result, ms);
  }
  return { tallies, failures };
}
