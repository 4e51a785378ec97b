import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REFERENCE_SCHEMA, runCli, tempDir } from "../support/cli.js";
import { PASSWORD, postgresAvailable, startCluster, type Cluster } from "../support/postgres.js";

// sslmode against a real server with TLS (a fresh self-signed certificate) that refuses plain TCP,
// so a connection that succeeds over 127.0.0.1 used TLS.

const available = postgresAvailable();
let cluster: Cluster;
let dir: string;

describe.skipIf(!available)("sslmode against a server with TLS", () => {
  beforeAll(async () => {
    cluster = await startCluster({ tls: true });
    dir = tempDir();
    cluster.createDatabase("target");
  });
  afterAll(() => cluster?.stop());

  // No ~/.postgresql/root.crt of the machine's user, no PG* variables: only what the test gives.
  const env = { HOME: tempDir(), PGHOST: "", PGPORT: "", PGUSER: "", PGDATABASE: "", PGPASSWORD: "", PGSSLMODE: "", PGSSLROOTCERT: "" };
  const run = (mode: string, table: string, extra = "") => runCli(["generate", "--schema", REFERENCE_SCHEMA, "--rows", "5", "--to", `${cluster.tcpUrl("target")}?sslmode=${mode}${extra}`, "--table", table, "--create", "--quiet"], { cwd: dir, env });
  const rows = (table: string) => Number(cluster.psql("target", `SELECT count(*) FROM ${table}`).trim());

  it("prefer (the default) and require use TLS", () => {
    for (const [mode, table] of [["prefer", "t_prefer"], ["require", "t_require"]] as const) {
      const result = run(mode, table);
      expect(result.status, result.stderr).toBe(0);
      expect(rows(table)).toBe(5);
    }
  });

  it("disable is refused by this server, and says why", () => {
    const result = run("disable", "t_disable");
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toMatch(/pg_hba\.conf refuses this connection without TLS \(try sslmode=require\)$/);
    expect(result.stderr).not.toContain(PASSWORD);
  });

  it("verify-full and verify-ca check the certificate against sslrootcert", () => {
    const unverified = run("verify-full", "t_unverified");
    expect(unverified.status).toBe(2);
    expect(unverified.stderr).toMatch(/cannot connect: the server's TLS certificate was not accepted/);
    for (const [mode, table] of [["verify-full", "t_full"], ["verify-ca", "t_ca"]] as const) {
      const result = run(mode, table, `&sslrootcert=${encodeURIComponent(cluster.certificate)}`);
      expect(result.status, result.stderr).toBe(0);
      expect(rows(table)).toBe(5);
    }
    const noRoot = run("verify-ca", "t_noroot");
    expect(noRoot.status).toBe(2);
    expect(noRoot.stderr).toMatch(/sslmode=verify-ca needs a root certificate/);
  });
});
