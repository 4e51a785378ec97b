import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { PREBUILT_METHODS, poolInFile } from "../../src/plan/strings/faker-source.js";
import { BIN, ROOT, REFERENCE_SCHEMA, example, tempDir } from "../support/cli.js";

/**
 * Issue 4 item 6: `synth generate` starts quickly. Not timed here (timings on a shared machine are
 * noise): what is checked is the structure that keeps it quick, which a change could quietly undo.
 */

const REFERENCE = REFERENCE_SCHEMA;

interface Run {
  status: number | null;
  stderr: string;
  /** Files loaded as ES modules (package entry points among them; CommonJS files they require are not seen). */
  modules: string[];
}

/**
 * Runs a script under a module hook that records every file loaded as an ES module. The hook runs on
 * its own thread (module.register), so it appends to a file as it goes.
 */
function runRecordingModules(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const dir = tempDir("synth-modules-");
  const log = join(dir, "modules.log");
  writeFileSync(
    join(dir, "hooks.mjs"),
    `import { appendFileSync } from "node:fs";
export async function load(url, context, next) {
  appendFileSync(${JSON.stringify(log)}, url + "\\n");
  return next(url, context);
}\n`,
  );
  writeFileSync(join(dir, "register.mjs"), `import { register } from "node:module";\nregister("./hooks.mjs", import.meta.url);\n`);
  const result = spawnSync(process.execPath, ["--import", pathToFileURL(join(dir, "register.mjs")).href, script, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
  const modules = existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : [];
  return { status: result.status, stderr: result.stderr, modules };
}

/** A script that runs the unbundled CLI, dist/cli/main.js, as bin/synth.js did before the bundle. */
function unbundledCli(): string {
  const script = join(tempDir("synth-unbundled-"), "synth.mjs");
  writeFileSync(
    script,
    `import { main } from ${JSON.stringify(pathToFileURL(join(ROOT, "dist/cli/main.js")).href)};\nprocess.exitCode = await main(process.argv);\n`,
  );
  return script;
}

/** What a plain `generate` never needs: other commands' code and the libraries only they use. */
const NOT_FOR_GENERATE = [
  /\/node_modules\/csv-parse\//,
  /\/node_modules\/csv-stringify\//,
  /\/node_modules\/chalk\//,
  /\/node_modules\/@faker-js\/faker\//,
  // The commands' definitions (choices, defaults for --help) come from modules of constants only.
  /\/dist\/profile\/(?!min-count\.js$)/,
  /\/dist\/report\/(?!(describe|review)\/formats\.js$)/,
  /\/dist\/request\/(?!check-formats\.js$)/,
  /\/dist\/audit\/verify\.js$/,
  /\/dist\/io\/read-table\.js$/,
];

function unwanted(modules: string[]): string[] {
  return modules.filter((url) => NOT_FOR_GENERATE.some((pattern) => pattern.test(url)));
}

describe("cold start of synth generate", () => {
  it.each([
    ["the reference schema", [REFERENCE]],
    ["child-health with statistics", [example("child-health", "schema.json"), "--stats", example("child-health", "stats.json")]],
  ])("loads no module of another command, nor faker, for %s (unbundled)", (_, schemaArgs) => {
    const output = join(tempDir(), "out.csv");
    const run = runRecordingModules(unbundledCli(), ["generate", "--schema", ...schemaArgs, "--rows", "10", "--output", output, "--quiet"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.modules.some((url) => url.endsWith("/dist/cli/commands/generate.js"))).toBe(true);
    expect(unwanted(run.modules)).toEqual([]);
  });

  it("the other commands still load what they need when they run (unbundled)", () => {
    const dir = tempDir();
    const data = join(dir, "real.csv");
    writeFileSync(data, "a,b\n" + Array.from({ length: 30 }, (_, i) => `${i % 3},x${i % 2}`).join("\n") + "\n");
    const run = runRecordingModules(unbundledCli(), ["profile", data, "--output", join(dir, "stats.json"), "--quiet"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.modules.some((url) => /\/node_modules\/csv-parse\//.test(url))).toBe(true);
    expect(run.modules.some((url) => url.endsWith("/dist/profile/profile.js"))).toBe(true);
  });

  it("bin/synth.js runs the bundle, not the ~200 modules of dist/, with the same output", () => {
    const dir = tempDir();
    for (const [name, schemaArgs] of [
      ["reference", [REFERENCE]],
      ["child-health", [example("child-health", "schema.json"), "--stats", example("child-health", "stats.json")]],
    ] as const) {
      const bundled = join(dir, `${name}.bundled.csv`);
      const unbundled = join(dir, `${name}.unbundled.csv`);
      const run = runRecordingModules(BIN, ["generate", "--schema", ...schemaArgs, "--rows", "200", "--output", bundled, "--quiet"]);
      expect(run.status, run.stderr).toBe(0);
      const fromDist = run.modules.filter((url) => url.includes("/dist/")).map((url) => url.replace(/^.*\/dist\//, "dist/"));
      expect(fromDist).toEqual(["dist/cli/load-bundle.js"]);
      const plain = runRecordingModules(unbundledCli(), ["generate", "--schema", ...schemaArgs, "--rows", "200", "--output", unbundled, "--quiet"]);
      expect(plain.status, plain.stderr).toBe(0);
      expect(readFileSync(bundled, "utf8")).toBe(readFileSync(unbundled, "utf8"));
    }
  });

  it("keeps a code cache in its own folder, and runs the same when it cannot", () => {
    const tmp = tempDir("synth-tmpdir-");
    const output = (name: string) => join(tmp, name);
    const args = (out: string) => ["generate", "--schema", REFERENCE, "--rows", "50", "--output", out, "--quiet"];
    const run = (env: NodeJS.ProcessEnv, out: string) => spawnSync(process.execPath, [BIN, ...args(out)], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env } });
    const first = run({ TMPDIR: tmp }, output("1.csv"));
    expect(first.status, first.stderr).toBe(0);
    const uid = process.getuid?.();
    if (uid !== undefined) expect(existsSync(join(tmp, `synth-compile-cache-${uid}`, "generate.bin"))).toBe(true);
    const second = run({ TMPDIR: tmp }, output("2.csv"));
    expect(second.status, second.stderr).toBe(0);
    // A temporary directory that is a file: no cache can be made there, and nothing is said about it.
    const notADirectory = join(tmp, "file");
    writeFileSync(notADirectory, "");
    const third = run({ TMPDIR: notADirectory }, output("3.csv"));
    expect(third.status, third.stderr).toBe(0);
    expect(third.stderr).toBe("");
    // A cache file that is not V8's data (or was made by another build) is passed over.
    if (uid !== undefined) writeFileSync(join(tmp, `synth-compile-cache-${uid}`, "generate.bin"), "not a cache");
    const fourth = run({ TMPDIR: tmp }, output("4.csv"));
    expect(fourth.status, fourth.stderr).toBe(0);
    const expected = readFileSync(output("1.csv"), "utf8");
    for (const name of ["2.csv", "3.csv", "4.csv"]) expect(readFileSync(output(name), "utf8")).toBe(expected);
  });
});

describe("faker pools read one at a time", () => {
  it("each pool cut out of the build's file is the pool the whole file holds", () => {
    const text = readFileSync(join(ROOT, "dist/pools/faker.json"));
    const whole = (JSON.parse(text.toString("utf8")) as { pools: Record<string, string[]> }).pools;
    // Every method's base pool, one per sex where it takes one, and the en_GB overlay's own pools.
    expect(Object.keys(whole)).toEqual(expect.arrayContaining([...PREBUILT_METHODS, "person.firstName:female", "en_GB/person.firstName:male", "en_GB/person.lastName"]));
    expect(Object.keys(whole).filter((key) => !/^(en_GB\/)?[a-z]+\.[a-zA-Z]+(:female|:male)?$/.test(key))).toEqual([]);
    // A key is never found inside a longer one ("person.firstName" within "en_GB/person.firstName").
    for (const key of Object.keys(whole)) expect(poolInFile(text, key)).toEqual(whole[key]);
    expect(whole["en_GB/person.firstName:male"]).not.toEqual(whole["person.firstName:male"]);
    expect(poolInFile(text, "person.nonesuch")).toBeUndefined();
    expect(poolInFile(text, "note")).toBeUndefined();
  });

  it('finds the end of a pool whose values hold "]", quotes and other keys', () => {
    const pools = { "a.b": ["]", 'x"]', '"c.d":["', "[]]"], "c.d": ["y"] };
    const text = Buffer.from(JSON.stringify({ note: '"a.b":["no"]', pools }));
    expect(poolInFile(text, "a.b")).toEqual(pools["a.b"]);
    expect(poolInFile(text, "c.d")).toEqual(["y"]);
  });
});
