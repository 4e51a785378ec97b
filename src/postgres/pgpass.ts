import { readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/**
 * The password file libpq reads (~/.pgpass, or $PGPASSFILE): lines of
 * hostname:port:database:username:password, `*` matching anything, `\:` and `\\` escaped. Like libpq,
 * a file that others can read is ignored, and a unix-socket connection matches the host "localhost".
 * Read here rather than through pg, whose own support prints a deprecation notice and is going away.
 */

export interface PgpassQuery {
  host: string;
  port: number;
  database: string;
  user: string;
}

/** A line's fields, with escapes undone. */
function fields(line: string): string[] {
  const out: string[] = [];
  let current = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "\\" && i + 1 < line.length) current += line[++i];
    else if (c === ":" && out.length < 4) {
      out.push(current);
      current = "";
    } else current += c;
  }
  out.push(current);
  return out;
}

export function pgpassFile(env: NodeJS.ProcessEnv): string {
  return env.PGPASSFILE || join(env.HOME || homedir(), ".pgpass");
}

/** The password for a connection, or undefined when the file is absent, unsafe, or has no match. */
export function pgpassLookup(query: PgpassQuery, env: NodeJS.ProcessEnv): string | undefined {
  const file = pgpassFile(env);
  let text: string;
  try {
    const stat = statSync(file);
    if (!stat.isFile() || (stat.mode & 0o077) !== 0) return undefined;
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const host = query.host.startsWith("/") ? "localhost" : query.host;
  const wanted = [host, String(query.port), query.database, query.user];
  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim() === "" || raw.startsWith("#")) continue;
    const parts = fields(raw);
    if (parts.length < 5) continue;
    if (wanted.every((value, i) => parts[i] === "*" || parts[i] === value)) return parts[4];
  }
  return undefined;
}
