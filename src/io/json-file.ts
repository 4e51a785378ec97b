import { closeSync, fstatSync, openSync, readSync, statSync } from "node:fs";
import type { Readable } from "node:stream";
import { SynthError } from "../errors/synth-error.js";
import { openInputStream, STANDARD_INPUT } from "./open-input.js";

/**
 * The most synth reads of a schema, statistics, request, manifest or sample file: far beyond any real
 * one, and a bound on what a wrong path (/dev/zero, a log that never ends) can cost. Tables (profile,
 * compare) are streamed and have no limit.
 */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export { STANDARD_INPUT };

/** Inputs read ahead of time (standard input, pipes, FIFOs), by the name the user gave them. */
const preloaded = new Map<string, Buffer>();

function tooLarge(path: string): SynthError {
  return new SynthError("FILE_UNREADABLE", `is larger than ${MAX_INPUT_BYTES / (1024 * 1024)} MiB, the most synth reads of a JSON input`, { file: path });
}

function readFailure(error: unknown, path: string): SynthError {
  if (error instanceof SynthError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return new SynthError("FILE_NOT_FOUND", "no such file", { file: path });
  if (code === "EISDIR") return new SynthError("FILE_UNREADABLE", "is a folder, not a file", { file: path });
  return new SynthError("FILE_UNREADABLE", `cannot read (${code ?? "unknown error"})`, { file: path });
}

/**
 * Reads ahead, without blocking the event loop, every input that is not a regular file ("-" for
 * standard input, /dev/stdin, process substitution, a FIFO, a device): such an input can be read only
 * once, and a synchronous read of it would hold off signals for as long as it lasts. Each stops at
 * MAX_INPUT_BYTES. Regular files are left to be read when needed.
 */
export async function preloadInputs(paths: readonly (string | undefined)[]): Promise<void> {
  const named = paths.filter((path): path is string => path !== undefined && path !== "");
  if (named.filter((path) => path === STANDARD_INPUT).length > 1) {
    throw new SynthError("USAGE", "standard input (-) can be only one of the inputs");
  }
  for (const path of named) {
    if (preloaded.has(path)) continue;
    if (path !== STANDARD_INPUT) {
      // stat, not open: opening a FIFO with no writer yet would block (it does so below, in the thread pool).
      let regular: boolean;
      try {
        const stat = statSync(path);
        regular = stat.isFile() || stat.isDirectory();
      } catch (error) {
        throw readFailure(error, path);
      }
      if (regular) continue;
    }
    let source: Readable;
    try {
      source = await openInputStream(path);
    } catch (error) {
      throw readFailure(error, path);
    }
    preloaded.set(path, await readBounded(source, path));
  }
}

async function readBounded(source: Readable, path: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  try {
    for await (const chunk of source) {
      bytes += (chunk as Buffer).length;
      if (bytes > MAX_INPUT_BYTES) throw tooLarge(path);
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    throw readFailure(error, path);
  } finally {
    source.destroy();
  }
  return Buffer.concat(chunks);
}

/** Inputs read ahead, for worker threads to adopt (they cannot read a pipe again). */
export function preloadedInputs(): Record<string, Uint8Array> {
  return Object.fromEntries(preloaded);
}

export function adoptPreloadedInputs(inputs: Record<string, Uint8Array> | undefined): void {
  for (const [path, bytes] of Object.entries(inputs ?? {})) preloaded.set(path, Buffer.from(bytes));
}

/** An input read ahead (its one reading, for hashing), if it was. */
export function preloadedBytes(path: string): Buffer | undefined {
  return preloaded.get(path);
}

/** The bytes of an input the user named, read ahead or read now (at most MAX_INPUT_BYTES). */
export function readInputBytes(path: string): Buffer {
  const ahead = preloaded.get(path);
  if (ahead) return ahead;
  let fd: number;
  try {
    fd = path === STANDARD_INPUT ? 0 : openSync(path, "r");
  } catch (error) {
    throw readFailure(error, path);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw readFailure(Object.assign(new Error(), { code: "EISDIR" }), path);
    if (stat.isFile() && stat.size > MAX_INPUT_BYTES) throw tooLarge(path);
    // Read to the end (a regular file may grow meanwhile; anything else has no size), never past the limit.
    const chunks: Buffer[] = [];
    let bytes = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, MAX_INPUT_BYTES + 1 - bytes));
      const length = readSync(fd, chunk, 0, chunk.length, null);
      if (length === 0) break;
      bytes += length;
      if (bytes > MAX_INPUT_BYTES) throw tooLarge(path);
      chunks.push(chunk.subarray(0, length));
    }
    return Buffer.concat(chunks);
  } catch (error) {
    throw readFailure(error, path);
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

/** Reads a file the user named, turning the usual failures into one-line input errors. */
export function readTextFile(path: string): string {
  return readInputBytes(path).toString("utf8");
}

/** Line and column (1-based) of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: offset - lineStart + 1 };
}

/** JSON.parse with the error placed at a line and column of the file. */
export function parseJsonText(text: string, file: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : body.length;
    const { line, col } = lineAndColumn(body, offset);
    const reason = message
      .replace(/^JSON\.parse: /, "")
      .replace(/ in JSON at position \d+.*$/s, "")
      .replace(/\s*\(line \d+ column \d+\)$/, "");
    throw new SynthError("JSON_SYNTAX", `malformed JSON: ${reason}`, { file, line, col });
  }
}

export function readJsonFile(path: string): unknown {
  return parseJsonText(readTextFile(path), path);
}
