#!/usr/bin/env node
import { main } from "../dist/cli/main.js";

const code = await main(process.argv);
// Let pending stdout drain before exiting: process.exit() would cut piped output short.
process.exitCode = code;
