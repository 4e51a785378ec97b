/**
 * Every failure synth anticipates is a SynthError with a code from a closed list. The library never
 * decides exit codes or wording for the terminal: the CLI maps `kind` to an exit code.
 */

/** Input errors are the user's to fix (exit 2); internal errors are ours (exit 1). */
export type ErrorKind = "usage" | "input" | "unsatisfiable" | "internal";

export const ERROR_CODES = {
  USAGE: "usage",
  FILE_NOT_FOUND: "input",
  FILE_UNREADABLE: "input",
  FILE_EXISTS: "input",
  JSON_SYNTAX: "input",
  SCHEMA_INVALID: "input",
  SCHEMA_UNSUPPORTED: "input",
  SCHEMA_CONTRADICTION: "input",
  REF_UNRESOLVED: "input",
  REF_REMOTE_REFUSED: "input",
  REF_OUTSIDE_FOLDER: "input",
  STATS_INVALID: "input",
  STATS_CONTRADICTS_SCHEMA: "input",
  UNKNOWN_FORMAT: "input",
  UNKNOWN_GENERATOR: "input",
  CSV_NESTED_VALUE: "input",
  CSV_MALFORMED: "input",
  DATA_INVALID: "input",
  REQUEST_INVALID: "input",
  RULE_INVALID: "input",
  MANIFEST_INVALID: "input",
  PACKAGE_INVALID: "input",
  DB_UNREACHABLE: "input",
  DB_AUTH_FAILED: "input",
  DB_NOT_FOUND: "input",
  DB_UNSUPPORTED: "input",
  DB_MISMATCH: "input",
  DB_REJECTED: "input",
  DB_FAILED: "input",
  UNSATISFIABLE: "unsatisfiable",
  GENERATION_FAILED: "unsatisfiable",
  INTERNAL: "internal",
} as const satisfies Record<string, ErrorKind>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorPlace {
  /** The file the problem is in, as the user named it. */
  file?: string;
  /** JSON pointer into the schema, statistics or request file. */
  pointer?: string;
  /** A database table (the file is then the database, as postgresql://user@host:port/db). */
  table?: string;
  /** The table column concerned. */
  column?: string;
  /** 1-based line (and column) in a text file. */
  line?: number;
  col?: number;
}

export class SynthError extends Error {
  readonly code: ErrorCode;
  readonly place: ErrorPlace;

  constructor(code: ErrorCode, message: string, place: ErrorPlace = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SynthError";
    this.code = code;
    this.place = place;
  }

  get kind(): ErrorKind {
    return ERROR_CODES[this.code];
  }

  /** One line for a terminal: where, then what. */
  toLine(): string {
    return [describePlace(this.place), this.message].filter(Boolean).join(": ");
  }
}

export function describePlace(place: ErrorPlace): string {
  const parts: string[] = [];
  if (place.file !== undefined) {
    let at = place.file;
    if (place.line !== undefined) at += `:${place.line}`;
    if (place.line !== undefined && place.col !== undefined) at += `:${place.col}`;
    parts.push(at);
  }
  if (place.table !== undefined) parts.push(`table "${place.table}"`);
  if (place.pointer !== undefined) parts.push(`at ${place.pointer === "" ? "/" : place.pointer}`);
  if (place.column !== undefined) parts.push(`column "${place.column}"`);
  return parts.join(" ");
}

export function isSynthError(error: unknown): error is SynthError {
  return error instanceof SynthError;
}
