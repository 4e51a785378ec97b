import { compile, type CompileInput } from "./compile.js";
import { sampleRows } from "./rows.js";

export interface GenerateOptions extends CompileInput {
  /** How many records (default 100). */
  rows?: number;
  /** Index of the first record (default 0): a range of a larger run. */
  start?: number;
}

/**
 * Dummy records as an async iterable, for test suites that make fixtures in-process:
 *
 *   for await (const record of generate({ schema: "schema.json", rows: 10 })) ...
 */
export async function* generate(options: GenerateOptions): AsyncGenerator<unknown> {
  const rows = options.rows ?? 100;
  const start = options.start ?? 0;
  const { plan, seed } = await compile({ ...options, rows: start + rows });
  yield* sampleRows(plan, seed, start, start + rows);
}
