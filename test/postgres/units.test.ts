import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkFacts } from "../../src/postgres/check-constraint.js";
import { resolveConnection } from "../../src/postgres/connection.js";
import { pgpassLookup } from "../../src/postgres/pgpass.js";
import { redactSecrets } from "../../src/postgres/redact.js";
import { tempDir } from "../support/cli.js";

describe("CHECK constraints, as pg_get_constraintdef writes them", () => {
  it("reads ranges, IN lists and lengths", () => {
    expect(checkFacts("CHECK (((age >= 0) AND (age <= 120)))", "age")).toEqual({ minimum: 0, maximum: 120 });
    expect(checkFacts("CHECK ((price > (0)::numeric))", "price")).toEqual({ exclusiveMinimum: 0 });
    expect(checkFacts("CHECK ((t >= '-5'::integer))", "t")).toEqual({ minimum: -5 });
    expect(checkFacts("CHECK ((sex = ANY (ARRAY['F'::text, 'M'::text, 'it''s'::text])))", "sex")).toEqual({ enum: ["F", "M", "it's"] });
    expect(checkFacts("CHECK (((code)::text = ANY ((ARRAY['A'::character varying, 'B'::character varying])::text[])))", "code")).toEqual({ enum: ["A", "B"] });
    expect(checkFacts("CHECK ((char_length(note) <= 50))", "note")).toEqual({ maxLength: 50 });
    expect(checkFacts('CHECK (("Weird Name" < 10))', "Weird Name")).toEqual({ exclusiveMaximum: 10 });
  });

  it("leaves out what JSON Schema cannot say", () => {
    expect(checkFacts("CHECK (((age < 200) OR (sex = 'U'::text)))", "age")).toBeUndefined();
    expect(checkFacts("CHECK ((lower(name) = name))", "name")).toBeUndefined();
    expect(checkFacts("CHECK ((age > other))", "age")).toBeUndefined();
  });
});

describe("connection settings", () => {
  const bare = { HOME: "/nonexistent", PGPASSFILE: "/nonexistent/pgpass" };

  it("reads a URL, with libpq's defaults for what it leaves out", () => {
    const { settings, password } = resolveConnection("postgresql://ann:p%40ss@db.example.org:6543/health?sslmode=verify-full&application_name=ci", bare);
    expect(settings).toMatchObject({ host: "db.example.org", port: 6543, database: "health", user: "ann", sslMode: "verify-full", applicationName: "ci" });
    expect(password).toBe("p@ss");
    const socket = resolveConnection("postgresql:///health?host=%2Fvar%2Frun%2Fpostgresql", { ...bare, PGUSER: "bob" });
    expect(socket.settings).toMatchObject({ host: "/var/run/postgresql", port: 5432, database: "health", user: "bob", sslMode: "prefer" });
    expect(resolveConnection("postgresql://", { ...bare, PGUSER: "carol" }).settings.database).toBe("carol");
  });

  it("finds the password in a private password file, matching * and escapes", () => {
    const dir = tempDir();
    const file = join(dir, "pgpass");
    writeFileSync(file, "db:*:*:ann:a\\:b\\\\c\nlocalhost:5432:*:ann:socket-pw\n");
    chmodSync(file, 0o600);
    expect(pgpassLookup({ host: "db", port: 1, database: "x", user: "ann" }, { PGPASSFILE: file })).toBe("a:b\\c");
    expect(pgpassLookup({ host: "/tmp", port: 5432, database: "x", user: "ann" }, { PGPASSFILE: file })).toBe("socket-pw");
    expect(pgpassLookup({ host: "db", port: 1, database: "x", user: "bob" }, { PGPASSFILE: file })).toBeUndefined();
    chmodSync(file, 0o640);
    expect(pgpassLookup({ host: "db", port: 1, database: "x", user: "ann" }, { PGPASSFILE: file })).toBeUndefined();
  });

  it("never shows a password", () => {
    expect(redactSecrets("synth: bad postgresql://ann:s3cr:et@host/db and postgres://bob:x@h/d?password=y&sslmode=require")).toBe("synth: bad postgresql://ann@host/db and postgres://bob@h/d?password=(hidden)&sslmode=require");
  });
});
