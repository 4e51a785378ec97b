import { readFileSync } from "node:fs";

/** The package's version, read once from package.json so that there is one place to bump it. */
export const TOOL_NAME = "synth";
export const TOOL_VERSION: string = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
).version;
