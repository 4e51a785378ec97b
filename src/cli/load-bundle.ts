import { lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Script, constants as vmConstants } from "node:vm";

/**
 * Runs the bundled CLI (dist/bundle/synth.cjs, see src/cli/build-bundle.ts) with a V8 code cache, so that
 * a start does not compile the same code again: about a quarter of the start-up of `synth generate`.
 * Node 20 has no compile cache for modules (module.enableCompileCache came in Node 22), but a script
 * can be handed the code V8 compiled for it last time (vm.Script's cachedData): hence a CommonJS
 * bundle, run here as Node's own loader runs one.
 *
 * The cache lives in the temporary directory, in a folder that only this user can write (anything
 * else is not trusted: the cache is code), one file per command. A cache holds the code that its runs
 * compiled, so the first successful run of each set of inputs (up to MAX_INPUTS) adds what it
 * compiled; after that the cache is only read. Whatever goes wrong with it, the run goes on without
 * it, and V8 itself passes over data that does not match the script.
 */

export type Main = (argv: string[]) => Promise<number>;

export interface LoadedBundle {
  main: Main;
  /** After the run: saves the code compiled during it for the next runs, when the cache lacks it. */
  saveCache(exitCode: number): void;
}

/** Sets of inputs whose code a cache gathers: enough for the few schemas one works with. */
const MAX_INPUTS = 8;
/** The options that name a run's inputs, which decide what code it runs. */
const INPUT_OPTIONS = new Set(["--schema", "--stats", "--request", "--format"]);

interface CacheHeader {
  /** The bundle the cache was made from (its hash and path) and the Node that made it. */
  bundle: string;
  /** Fingerprints of the inputs of the runs whose code the cache holds. */
  inputs: string[];
}

/** The cache folder, or undefined when it cannot be made or is not safely this user's own. */
function cacheFolder(): string | undefined {
  const uid = process.getuid?.();
  if (uid === undefined) return undefined; // (Windows) no simple way to tell who owns the folder
  const folder = join(tmpdir(), `synth-compile-cache-${uid}`);
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const stat = lstatSync(folder);
    return stat.isDirectory() && stat.uid === uid && (stat.mode & 0o077) === 0 ? folder : undefined;
  } catch {
    return undefined;
  }
}

/** The command a run names, and its inputs; none for help and version, which run little of the code. */
function describeRun(argv: string[]): { command: string; inputs: string } | undefined {
  const args = argv.slice(2);
  if (args.some((arg) => /^(-h|--help|-V|--version)$/.test(arg))) return undefined;
  const command = args.find((arg) => !arg.startsWith("-"));
  if (command === undefined || !/^[a-z]{1,20}$/.test(command)) return undefined;
  const inputs = args.flatMap((arg, i) => {
    const [option, value] = arg.split(/=(.*)/s, 2);
    if (!INPUT_OPTIONS.has(option!)) return [];
    return [`${option}=${value ?? args[i + 1] ?? ""}`];
  });
  return { command, inputs: fingerprint(inputs.join("\0")) };
}

/** 64 bits of FNV-1a, twice over with different bases: the cache records which inputs it has seen, not their paths. */
function fingerprint(text: string): string {
  let a = 0x811c9dc5, b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

function readCache(cacheFile: string, bundle: string): { header: CacheHeader; data: Buffer } | undefined {
  try {
    const file = readFileSync(cacheFile);
    const end = file.indexOf(0x0a);
    const header = JSON.parse(file.toString("utf8", 0, end)) as CacheHeader;
    if (header.bundle !== bundle || !Array.isArray(header.inputs)) return undefined;
    return { header, data: file.subarray(end + 1) };
  } catch {
    return undefined; // none yet, or not one of ours
  }
}

export function loadBundle(bundleUrl: URL, argv: string[]): LoadedBundle {
  const file = fileURLToPath(bundleUrl);
  const source = readFileSync(file, "utf8");
  // The bundle's first line is a hash of the rest (src/cli/build-bundle.ts): code compiled from one bundle
  // is never handed to another, nor code compiled by another Node.
  const bundle = [source.slice(0, source.indexOf("\n")), file, process.version, process.arch].join("\0");
  const run = describeRun(argv);
  const folder = run === undefined ? undefined : cacheFolder();
  const cacheFile = run === undefined || folder === undefined ? undefined : join(folder, `${run.command}.bin`);
  const cache = cacheFile === undefined ? undefined : readCache(cacheFile, bundle);
  const runInputs = run?.inputs ?? "";

  // Wrapped as Node wraps a CommonJS module.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, {
    filename: file,
    ...(cache ? { cachedData: cache.data } : {}),
    importModuleDynamically: vmConstants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} as { main?: Main } };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  const main = module.exports.main;
  if (typeof main !== "function") throw new Error(`${file} does not export main`);

  return {
    main,
    saveCache(exitCode) {
      // A failed run stops early: its code would make a poor cache for the runs that work.
      if (cacheFile === undefined || exitCode !== 0) return;
      const usable = cache !== undefined && !script.cachedDataRejected;
      const inputs = usable ? cache.header.inputs : [];
      if (usable && (inputs.includes(runInputs) || inputs.length >= MAX_INPUTS)) return;
      // Code compiled now joins the code the cache gave: the new cache holds both.
      const header: CacheHeader = { bundle, inputs: [...inputs, runInputs] };
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      try {
        writeFileSync(temporary, Buffer.concat([Buffer.from(JSON.stringify(header) + "\n"), script.createCachedData()]), { mode: 0o600 });
        renameSync(temporary, cacheFile);
      } catch {
        // A cache is only ever a help.
        try {
          rmSync(temporary, { force: true });
        } catch {
          // nothing more to do
        }
      }
    },
  };
}
