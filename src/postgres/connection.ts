import { existsSync, readFileSync } from "node:fs";
import { homedir, userInfo } from "node:os";
import { join } from "node:path";
import type { ConnectionOptions } from "node:tls";
import pg from "pg";
import { databaseError } from "./errors.js";
import { SynthError } from "../errors/synth-error.js";
import { pgpassLookup } from "./pgpass.js";
import { redactSecrets } from "./redact.js";

/**
 * Where to connect, as libpq would work it out: the URL's parts first, then the standard PG*
 * environment variables, then libpq's defaults (the OS user, a database of the user's name, the
 * local socket folder if a server listens there, else localhost; sslmode "prefer"). The password
 * comes from the URL, PGPASSWORD or the password file, and is never part of any text synth prints.
 *
 * pg alone does much of this but not all: it has no socket default (it always tries localhost), reads
 * sslmode "prefer" as "require" (no fallback to a plain connection), and warns on stderr as it reads
 * ~/.pgpass. So settings are resolved here and handed to pg complete.
 */

export const SSL_MODES = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"] as const;
export type SslMode = (typeof SSL_MODES)[number];

export interface ConnectionSettings {
  host: string;
  port: number;
  database: string;
  user: string;
  sslMode: SslMode;
  sslRootCert?: string;
  sslCert?: string;
  sslKey?: string;
  connectTimeoutSeconds: number;
  applicationName: string;
}

const DEFAULT_CONNECT_TIMEOUT = 10;
/** Where libpq looks for a local server's socket (Debian's folder, then the upstream default). */
const SOCKET_DIRS = ["/var/run/postgresql", "/tmp"];

/** The same connection named without its password, for messages: postgresql://user@host:port/db. */
export function describeConnection(settings: ConnectionSettings): string {
  const host = settings.host.startsWith("/") ? `?host=${settings.host}` : "";
  const at = settings.host.startsWith("/") ? "" : `${settings.host.includes(":") ? `[${settings.host}]` : settings.host}:${settings.port}`;
  return `postgresql://${settings.user}@${at}/${settings.database}${host}${host ? `&port=${settings.port}` : ""}`;
}

function defaultHost(port: number): string {
  for (const dir of SOCKET_DIRS) if (existsSync(join(dir, `.s.PGSQL.${port}`))) return dir;
  return "localhost";
}

interface UrlParts {
  host?: string;
  port?: string;
  database?: string;
  user?: string;
  password?: string;
  params: URLSearchParams;
}

function parseUrl(url: string): UrlParts {
  // WHATWG URL parses only special schemes' hosts fully; read it as http to get the parts, keeping
  // the original text out of any message (it may hold a password).
  const authority = /^postgres(?:ql)?:\/\/([^/?#]*)/i.exec(url)?.[1] ?? "";
  let parsed: URL;
  try {
    // The path and query alone, under a stand-in host: the authority is read below, by libpq's rules.
    parsed = new URL("http://host" + url.replace(/^postgres(?:ql)?:\/\/[^/?#]*/i, ""));
  } catch {
    throw new SynthError("USAGE", `not a valid postgresql:// URL: ${redactSecrets(url)}`);
  }
  const at = authority.lastIndexOf("@");
  const userInfoText = at === -1 ? "" : authority.slice(0, at);
  const hostPort = at === -1 ? authority : authority.slice(at + 1);
  const colon = userInfoText.indexOf(":");
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text);
    } catch {
      throw new SynthError("USAGE", `not a valid postgresql:// URL (bad %-escape): ${redactSecrets(url)}`);
    }
  };
  const parts: UrlParts = { params: parsed.searchParams };
  if (userInfoText) {
    const user = decode(colon === -1 ? userInfoText : userInfoText.slice(0, colon));
    if (user) parts.user = user;
    if (colon !== -1) parts.password = decode(userInfoText.slice(colon + 1));
  }
  const hostMatch = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(hostPort);
  if (!hostMatch) throw new SynthError("USAGE", `not a valid postgresql:// URL (host and port): ${redactSecrets(url)}`);
  const host = decode(hostMatch[1]!.replace(/^\[|\]$/g, ""));
  if (host) parts.host = host;
  if (hostMatch[2]) parts.port = hostMatch[2];
  const path = decode(parsed.pathname.replace(/^\//, ""));
  if (path) parts.database = path;
  return parts;
}

/** Settings from a URL (optional) and the environment; the password separately, so it never travels with them. */
export function resolveConnection(url: string | undefined, env: NodeJS.ProcessEnv = process.env): { settings: ConnectionSettings; password: string | undefined } {
  const parts: UrlParts = url ? parseUrl(url) : { params: new URLSearchParams() };
  const param = (name: string) => parts.params.get(name) || undefined;
  const portText = param("port") ?? parts.port ?? env.PGPORT ?? "5432";
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new SynthError("USAGE", `not a port number: "${portText}"`);
  const user = param("user") ?? parts.user ?? env.PGUSER ?? safeUserName();
  const database = param("dbname") ?? parts.database ?? env.PGDATABASE ?? user;
  const host = param("host") ?? parts.host ?? env.PGHOST ?? defaultHost(port);
  const sslModeText = param("sslmode") ?? env.PGSSLMODE ?? "prefer";
  if (!(SSL_MODES as readonly string[]).includes(sslModeText)) throw new SynthError("USAGE", `sslmode must be one of ${SSL_MODES.join(", ")} (got "${sslModeText}")`);
  const timeoutText = param("connect_timeout") ?? env.PGCONNECT_TIMEOUT;
  const timeout = timeoutText === undefined ? DEFAULT_CONNECT_TIMEOUT : Number(timeoutText);
  if (!Number.isFinite(timeout) || timeout < 0) throw new SynthError("USAGE", `connect_timeout must be a number of seconds (got "${timeoutText}")`);
  const sslRootCert = param("sslrootcert") ?? env.PGSSLROOTCERT;
  const sslCert = param("sslcert") ?? env.PGSSLCERT;
  const sslKey = param("sslkey") ?? env.PGSSLKEY;
  const settings: ConnectionSettings = {
    host,
    port,
    database,
    user,
    sslMode: sslModeText as SslMode,
    ...(sslRootCert ? { sslRootCert } : {}),
    ...(sslCert ? { sslCert } : {}),
    ...(sslKey ? { sslKey } : {}),
    connectTimeoutSeconds: timeout,
    applicationName: param("application_name") ?? env.PGAPPNAME ?? "synth",
  };
  // An empty PGPASSWORD counts as none, as in libpq.
  const password = parts.password ?? param("password") ?? (env.PGPASSWORD || pgpassLookup({ host, port, database, user }, env));
  return { settings, password };
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return "postgres";
  }
}

function readPem(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new SynthError("FILE_UNREADABLE", `cannot read the ${what} (${(error as NodeJS.ErrnoException).code ?? "error"})`, { file: path }, { cause: error });
  }
}

/** node:tls options for an sslmode, as libpq means it; false for no TLS. */
export function tlsOptions(settings: ConnectionSettings, env: NodeJS.ProcessEnv = process.env): ConnectionOptions | false {
  if (settings.sslMode === "disable" || settings.host.startsWith("/")) return false; // libpq never uses TLS over a socket
  const home = env.HOME || homedir();
  const defaultRoot = join(home, ".postgresql", "root.crt");
  const rootFile = settings.sslRootCert ?? (existsSync(defaultRoot) ? defaultRoot : undefined);
  const options: ConnectionOptions = {};
  if (settings.sslCert) options.cert = readPem(settings.sslCert, "client certificate (sslcert)");
  if (settings.sslKey) options.key = readPem(settings.sslKey, "client key (sslkey)");
  const verifying = settings.sslMode === "verify-ca" || settings.sslMode === "verify-full" || (settings.sslMode === "require" && rootFile !== undefined);
  if (!verifying) return { ...options, rejectUnauthorized: false };
  if (!rootFile && settings.sslMode === "verify-ca") {
    throw new SynthError("USAGE", `sslmode=verify-ca needs a root certificate: sslrootcert=FILE, PGSSLROOTCERT or ${defaultRoot}`);
  }
  if (rootFile) options.ca = readPem(rootFile, "root certificate (sslrootcert)");
  options.rejectUnauthorized = true;
  // verify-full: pg checks the name against the host (SNI only for names, never IP addresses).
  if (settings.sslMode !== "verify-full") options.checkServerIdentity = () => undefined; // the chain, not the name
  return options;
}

function clientFor(settings: ConnectionSettings, password: string | undefined, ssl: ConnectionOptions | false): pg.Client {
  return new pg.Client({
    host: settings.host,
    port: settings.port,
    database: settings.database,
    user: settings.user,
    // A function, so that pg neither keeps the text on the client nor looks for ~/.pgpass itself.
    password: async () => password ?? "",
    ssl,
    connectionTimeoutMillis: settings.connectTimeoutSeconds * 1000,
    application_name: settings.applicationName,
  });
}

/**
 * A connected client. With sslmode prefer (or allow), a server that does not offer TLS gets a plain
 * connection, as libpq does. Failures become SynthErrors naming the connection (never its password).
 */
export async function connect(settings: ConnectionSettings, password: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<pg.Client> {
  const ssl = tlsOptions(settings, env);
  const place = { file: describeConnection(settings) };
  const attempt = async (tls: ConnectionOptions | false): Promise<pg.Client> => {
    const client = clientFor(settings, password, tls);
    // An error after connecting (the server going away) must not crash the process: the query in
    // flight fails and says so.
    client.on("error", () => {});
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  };
  try {
    try {
      return await attempt(ssl);
    } catch (error) {
      const fallback = (settings.sslMode === "prefer" || settings.sslMode === "allow") && ssl !== false && /does not support SSL/i.test((error as Error).message);
      if (!fallback) throw error;
      return await attempt(false);
    }
  } catch (error) {
    throw databaseError(error, place, settings.sslMode, settings.user);
  }
}

/**
 * Drops a connection after a failure, wherever it stood (in the middle of a COPY, say, where a
 * ROLLBACK would wait behind the COPY for ever). The server rolls back whatever the connection had
 * not committed when it goes, so the database is left as it was.
 */
export async function abandon(client: pg.Client): Promise<void> {
  const ended = client.end().catch(() => undefined);
  const stream = (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream;
  await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 200).unref())]);
  stream?.destroy();
}
