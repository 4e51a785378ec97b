import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";

/**
 * A throwaway PostgreSQL cluster for tests: initdb in a temporary folder, a server on a private unix
 * socket folder and a 127.0.0.1 port, stopped and deleted afterwards. initdb refuses to run as root,
 * so as root the cluster belongs to an unprivileged user (postgres, else nobody).
 *
 * Local connections (the socket) trust the operating-system user; TCP connections need the password,
 * so tests can exercise authentication, ~/.pgpass and a wrong password.
 */

export const SUPERUSER = "synth_test";
export const PASSWORD = "s3cret-pw-never-shown";

export interface Cluster {
  /** With `tls`: the server's self-signed certificate (a PEM file). */
  certificate: string;
  /** The folder holding the server's unix socket. */
  socketDir: string;
  port: number;
  /** psql, as the superuser, over the socket: unaligned tuples only; several statements run in one session. */
  psql(database: string, sql: string | string[]): string;
  createDatabase(name: string): void;
  /** postgresql:// over the socket (no password needed). */
  socketUrl(database: string): string;
  /** postgresql:// over TCP, with the password when asked. */
  tcpUrl(database: string, options?: { password?: string | false }): string;
  stop(): void;
}

/** The folder of initdb, pg_ctl and postgres: on PATH, /usr/local/bin, or Debian's newest /usr/lib/postgresql/N/bin. */
export function serverBinaries(): string | undefined {
  const candidates: string[] = [];
  for (const dir of (process.env.PATH ?? "").split(":")) if (dir) candidates.push(dir);
  candidates.push("/usr/local/bin");
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const version of versions) candidates.push(join(debian, version, "bin"));
  }
  return candidates.find((dir) => ["initdb", "pg_ctl", "postgres"].every((tool) => existsSync(join(dir, tool))));
}

export function psqlBinary(bin: string): string {
  return existsSync(join(bin, "psql")) ? join(bin, "psql") : "psql";
}

/**
 * Whether the PostgreSQL tests can run here. Under CI they must: .ci/run installs the server, so a
 * missing one is a failure there, never a quiet skip.
 */
export function postgresAvailable(): boolean {
  const found = serverBinaries() !== undefined;
  if (!found && process.env.CI) throw new Error("PostgreSQL server binaries (initdb, pg_ctl) not found under CI: .ci/run should have installed Debian's postgresql package");
  return found;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** uid/gid to run the server as: ourselves, or an unprivileged user when we are root. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ["postgres", "nobody"]) {
    const result = spawnSync("id", ["-u", name], { encoding: "utf8" });
    if (result.status === 0) {
      const uid = Number(result.stdout.trim());
      const gid = Number(spawnSync("id", ["-g", name], { encoding: "utf8" }).stdout.trim());
      return { uid, gid };
    }
  }
  throw new Error("running as root with no unprivileged user (postgres, nobody) to own a test cluster");
}

export interface ClusterOptions {
  /**
   * Serve TLS with a fresh self-signed certificate (for localhost and 127.0.0.1, written to
   * `certificate`), and refuse TCP connections without it, so a test can tell TLS was used.
   */
  tls?: boolean;
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const bin = serverBinaries();
  if (!bin) throw new Error("PostgreSQL server binaries not found");
  const owner = serverUser();
  const root = mkdtempSync(join(tmpdir(), "synth-pg-"));
  const data = join(root, "data");
  const socketDir = join(root, "socket");
  const pwfile = join(root, "pw");
  execFileSync("mkdir", ["-p", data, socketDir]);
  writeFileSync(pwfile, PASSWORD + "\n");
  chmodSync(root, 0o755);
  if (owner) for (const path of [root, data, socketDir, pwfile]) chownSync(path, owner.uid, owner.gid);
  chmodSync(data, 0o700);
  const as = owner ? { uid: owner.uid, gid: owner.gid } : {};
  const env = { ...process.env, LC_ALL: "C", TZ: "UTC" };
  execFileSync(join(bin, "initdb"), ["-D", data, "-U", SUPERUSER, "--pwfile", pwfile, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync", "--locale=C"], { ...as, env, stdio: "pipe" });
  const port = await freePort();
  let serverOptions = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${socketDir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=32MB -c max_connections=20`;
  const certificate = join(root, "server.crt");
  if (options.tls) {
    const key = join(data, "server.key");
    execFileSync("openssl", ["req", "-new", "-x509", "-days", "2", "-nodes", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", certificate], { stdio: "pipe" });
    chmodSync(key, 0o600);
    if (owner) chownSync(key, owner.uid, owner.gid);
    writeFileSync(join(data, "pg_hba.conf"), "local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\nhostnossl all all 127.0.0.1/32 reject\n");
    serverOptions += ` -c ssl=on -c ssl_cert_file=${certificate} -c ssl_key_file=${key}`;
  }
  execFileSync(join(bin, "pg_ctl"), ["-D", data, "-o", serverOptions, "-l", join(root, "server.log"), "-w", "-t", "60", "start"], { ...as, env, stdio: "pipe" });
  const psqlPath = psqlBinary(bin);
  const cluster: Cluster = {
    certificate,
    socketDir,
    port,
    psql(database, sql) {
      const commands = (Array.isArray(sql) ? sql : [sql]).flatMap((s) => ["-c", s]);
      return execFileSync(psqlPath, ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", socketDir, "-p", String(port), "-U", SUPERUSER, "-d", database, "-A", "-t", ...commands], { encoding: "utf8", env: { ...env, PGPASSWORD: "" }, maxBuffer: 1 << 30 });
    },
    createDatabase(name) {
      cluster.psql("postgres", `CREATE DATABASE "${name}"`);
    },
    socketUrl(database) {
      return `postgresql://${SUPERUSER}@/${database}?host=${encodeURIComponent(socketDir)}&port=${port}`;
    },
    tcpUrl(database, options = {}) {
      const password = options.password === undefined ? PASSWORD : options.password;
      return `postgresql://${SUPERUSER}${password === false ? "" : ":" + encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
    },
    stop() {
      spawnSync(join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], { ...as, env, stdio: "pipe" });
      rmSync(root, { recursive: true, force: true });
    },
  };
  return cluster;
}

/** The OS user's name, which libpq-style defaults use for the user and database. */
export const osUser = (): string => userInfo().username;
