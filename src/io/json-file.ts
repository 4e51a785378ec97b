import { readFileSync } from "node:fs";
import { SynthError } from "../errors/synth-error.js";

/** Reads a file the user named, turning the usual failures into one-line input errors. */
export function readTextFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new SynthError("FILE_NOT_FOUND", "no such file", { file: path });
    if (code === "EISDIR") throw new SynthError("FILE_UNREADABLE", "is a folder, not a file", { file: path });
    throw new SynthError("FILE_UNREADABLE", `cannot read (${code ?? "unknown error"})`, { file: path });
  }
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
