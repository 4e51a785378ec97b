import { isSynthError } from "../errors/synth-error.js";

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Usage and input errors are the user's to fix (2); anything else is a failure (1). */
export function exitCodeFor(error: unknown): number {
  if (isSynthError(error)) return error.kind === "internal" ? EXIT_FAILURE : EXIT_USAGE;
  if (error instanceof Error && error.name === "CommanderError") return EXIT_USAGE;
  return EXIT_FAILURE;
}

/** The one line the user sees. The stack only with --debug. */
export function errorLine(error: unknown): string {
  if (isSynthError(error)) return `synth: ${error.toLine()}`;
  if (error instanceof Error) return `synth: ${error.message}`;
  return `synth: ${String(error)}`;
}
