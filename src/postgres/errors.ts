import { SynthError, type ErrorPlace } from "../errors/synth-error.js";
import { redactSecrets } from "./redact.js";

/**
 * A failure of the database or the way to it, as one line naming the place: which connection, table,
 * column or constraint. pg's errors carry the server's SQLSTATE and fields; Node's carry errno codes.
 * Messages are passed through redactSecrets, in case any repeats a connection string.
 */

interface ServerError extends Error {
  code?: string;
  table?: string;
  column?: string;
  constraint?: string;
  where?: string;
  severity?: string;
}

const NETWORK: Record<string, string> = {
  ECONNREFUSED: "connection refused (is the server running, and listening there?)",
  ENOTFOUND: "no such host",
  EAI_AGAIN: "the host name could not be looked up",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ETIMEDOUT: "timed out",
  ECONNRESET: "the server closed the connection",
  ENOENT: "no server socket in that folder (is the server running?)",
  EACCES: "permission denied on the server socket",
};

/** The COPY line a server error happened on ("COPY t, line 5, column x: ..."), as a row number. */
function copyLine(where: string | undefined): number | undefined {
  const match = where ? /COPY [^,]+, line (\d+)/.exec(where) : null;
  return match ? Number(match[1]) : undefined;
}

export function databaseError(error: unknown, place: ErrorPlace, sslMode?: string, user?: string, options: { headerLines?: number } = {}): SynthError {
  if (error instanceof SynthError) return error;
  const e = error as ServerError;
  const message = redactSecrets(String(e?.message ?? error));
  const code = typeof e?.code === "string" ? e.code : undefined;
  if (code && NETWORK[code]) return new SynthError("DB_UNREACHABLE", `cannot connect: ${NETWORK[code]}`, place, { cause: error });
  if (/timeout expired|Connection terminated due to connection timeout/i.test(message)) return new SynthError("DB_UNREACHABLE", "cannot connect: timed out", place, { cause: error });
  if (/The server does not support SSL/i.test(message)) return new SynthError("DB_UNREACHABLE", `cannot connect: the server does not offer TLS, which sslmode=${sslMode ?? "require"} requires`, place, { cause: error });
  if (/self[- ]signed certificate|unable to verify|certificate/i.test(message) && !code?.match(/^[0-9A-Z]{5}$/)) return new SynthError("DB_UNREACHABLE", `cannot connect: the server's TLS certificate was not accepted (${message})`, place, { cause: error });
  if (code === "28000" && /pg_hba\.conf/.test(message)) {
    const reason = /no encryption/.test(message) ? " without TLS (try sslmode=require)" : "";
    return new SynthError("DB_AUTH_FAILED", `the server's pg_hba.conf refuses this connection${reason}`, place, { cause: error });
  }
  if (code === "28P01" || code === "28000" || /password authentication failed|SASL|no password/i.test(message)) {
    return new SynthError("DB_AUTH_FAILED", `authentication failed for user "${user ?? "?"}" (check the password: the URL, PGPASSWORD or ~/.pgpass)`, place, { cause: error });
  }
  if (code === "3D000") return new SynthError("DB_NOT_FOUND", "no such database", place, { cause: error });
  if (code === "42P01") return new SynthError("DB_NOT_FOUND", "no such table", place, { cause: error });
  if (code === "42703") return new SynthError("DB_MISMATCH", message, place, { cause: error });
  if (code?.startsWith("23") || code?.startsWith("22")) {
    // A row the table refused: say which rule and which row; the row's values stay out of it.
    const line = copyLine(e.where);
    const row = line !== undefined ? line - (options.headerLines ?? 0) : undefined;
    const rule = e.constraint ? `constraint "${e.constraint}"` : code === "23502" ? "NOT NULL" : "a rule of the column";
    const what = code.startsWith("22") ? `a value the column's type refuses (${message})` : `a row that breaks ${rule}`;
    return new SynthError("DB_REJECTED", `the table refused ${what}${row !== undefined ? ` at dummy row ${row}` : ""}; nothing was written (the transaction was rolled back)`, { ...place, ...(e.table ? { table: e.table } : {}), ...(e.column ? { column: e.column } : {}) }, { cause: error });
  }
  if (code === "42501") return new SynthError("DB_FAILED", `permission denied (${message})`, place, { cause: error });
  return new SynthError("DB_FAILED", message, place, { cause: error });
}
