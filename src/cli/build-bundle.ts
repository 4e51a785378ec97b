// Build step (npm run build, after tsc): bundles the compiled CLI with esbuild, for start-up speed.
//
//   dist/bundle/synth.cjs  the CLI (dist/cli/main.js and everything it imports, dependencies too) as
//                          one CommonJS file, which bin/synth.js runs with a V8 code cache
//                          (load-bundle.ts): Node 20 can cache compiled code only for scripts
//   dist/bundle/worker.js  the worker thread (dist/generate/worker.js), one ES module, started by the
//                          bundled CLI
//
// Reading one file instead of ~200 modules, and not compiling it again at every start, is most of
// what makes `synth generate` start quickly. Dynamic imports stay lazy: the code of other commands
// and of faker is in the file but runs only when imported. The unbundled dist/ is left as it is: the
// library export and the tests use it, and bin/synth.js falls back to it when there is no bundle.
import { createHash } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type BuildOptions, type Plugin } from "esbuild";

const DIST = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(DIST, "bundle");

const posix = (path: string) => path.split(sep).join("/");

// Modules find files beside them (dist/validators, dist/pools, schemas/, package.json) from their
// own import.meta.url. In the bundle, each module's import.meta.url is made the URL of the file it
// came from, so every such path resolves exactly as it does unbundled. The one exception is the
// worker thread's file: the bundled CLI starts the bundled worker, which sits beside it.
const WORKER_URL = 'new URL("./worker.js", import.meta.url)';
const LOCATES_WORKER = ["generate/parallel.js", "generate/output.js"];

const moduleUrls: Plugin = {
  name: "module-urls",
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, async (args) => {
      if (!args.path.startsWith(DIST + sep)) return undefined;
      const text = await readFile(args.path, "utf8");
      const local = posix(relative(DIST, args.path));
      const parts = text.split(WORKER_URL);
      if (LOCATES_WORKER.includes(local) && parts.length < 2) {
        throw new Error(`${local} no longer locates its worker as ${WORKER_URL}: update src/cli/build-bundle.ts to match`);
      }
      const own = `new URL(${JSON.stringify(posix(relative(OUT, args.path)))}, import.meta.url).href`;
      return { contents: parts.map((part) => part.replaceAll("import.meta.url", own)).join(WORKER_URL), loader: "js" };
    });
  },
};

const common: BuildOptions = { bundle: true, platform: "node", target: "node20", plugins: [moduleUrls], logLevel: "warning" };

await rm(OUT, { recursive: true, force: true });
await mkdir(OUT, { recursive: true });
await Promise.all([
  build({
    ...common,
    entryPoints: [join(DIST, "cli/main.js")],
    outfile: join(OUT, "synth.cjs"),
    format: "cjs",
    // A CommonJS file has no import.meta: the bundle's own URL stands in for import.meta.url.
    banner: { js: 'var __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
    define: { "import.meta.url": "__bundleUrl" },
    write: false,
  }).then(({ outputFiles }) => {
    const file = outputFiles![0]!;
    // The first line names the contents, so that a code cache is never used with another bundle.
    return writeFile(file.path, `// sha256 ${createHash("sha256").update(file.contents).digest("hex")}\n${file.text}`);
  }),
  build({
    ...common,
    entryPoints: [join(DIST, "generate/worker.js")],
    outfile: join(OUT, "worker.js"),
    format: "esm",
    // CommonJS dependencies (ajv) require() Node's modules: an ES module has to make its own require.
    banner: { js: 'import { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);' },
  }),
]);
