#!/usr/bin/env node
import { existsSync } from "node:fs";

// npm run build bundles the CLI into one file (src/cli/build-bundle.ts), which starts in under half the
// time of the ~200 modules it is made from; without it, the same program runs unbundled.
const bundle = new URL("../dist/bundle/synth.cjs", import.meta.url);
const loaded = existsSync(bundle)
  ? (await import("../dist/cli/load-bundle.js")).loadBundle(bundle, process.argv)
  : { main: (await import("../dist/cli/main.js")).main, saveCache: () => undefined };

const code = await loaded.main(process.argv);
loaded.saveCache(code);
// Let pending stdout drain before exiting: process.exit() would cut piped output short.
process.exitCode = code;
