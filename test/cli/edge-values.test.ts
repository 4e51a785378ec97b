import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { code, mdCell } from "../../src/report/describe/markdown.js";
import { runCli, tempDir } from "../support/cli.js";

/** Issue 14, values that broke readers: one-column CSV nulls, a __proto__ column, Markdown that escaped its code span. */

describe("a one-column CSV with nulls keeps every row", () => {
  it("writes an empty quoted field, not a blank line, and csv-parse and profile count every row", () => {
    const dir = tempDir("synth-edges-");
    writeFileSync(join(dir, "schema.json"), JSON.stringify({ type: "object", properties: { a: { type: ["integer", "null"], minimum: 1, maximum: 9 } }, required: ["a"] }));
    const result = runCli(["generate", "--schema", "schema.json", "--rows", "200", "--output", "one.csv"], { cwd: dir });
    expect(result.status, result.stderr).toBe(0);
    const text = readFileSync(join(dir, "one.csv"), "utf8");
    expect(text.split("\n").slice(0, -1)).not.toContain("");
    expect(text.split("\n").slice(0, -1)).toHaveLength(201);
    expect(text).toMatch(/\n""\n/);
    expect(parse(text, { columns: true })).toHaveLength(200);
    const profiled = runCli(["profile", "one.csv", "--output", "-", "--quiet", "--min-count", "1"], { cwd: dir });
    expect(profiled.status, profiled.stderr).toBe(0);
    expect((JSON.parse(profiled.stdout) as { rows: number }).rows).toBe(200);
  });
});

describe("a column named __proto__", () => {
  it("is profiled, inferred and generated like any other", () => {
    const dir = tempDir("synth-edges-");
    writeFileSync(join(dir, "real.csv"), "__proto__,b\n" + Array.from({ length: 40 }, (_, i) => `x${i % 2},${i}`).join("\n") + "\n");
    const profiled = runCli(["profile", "real.csv", "--output", "stats.json", "--schema-out", "schema.json", "--quiet"], { cwd: dir });
    expect(profiled.status, profiled.stderr).toBe(0);
    const stats = JSON.parse(readFileSync(join(dir, "stats.json"), "utf8")) as { columns: object };
    expect(Object.keys(stats.columns)).toEqual(["__proto__", "b"]);
    const schema = JSON.parse(readFileSync(join(dir, "schema.json"), "utf8")) as { properties: object };
    expect(Object.keys(schema.properties)).toEqual(["__proto__", "b"]);
    const generated = runCli(["generate", "--schema", "schema.json", "--stats", "stats.json", "--rows", "5"], { cwd: dir });
    expect(generated.status, generated.stderr).toBe(0);
    expect(generated.stdout.split("\n")[0]).toBe("__proto__,b");
    for (const line of generated.stdout.trim().split("\n").slice(1)) expect(["x0", "x1"]).toContain(line.split(",")[0]);
  });
});

describe("Markdown escaping", () => {
  /** CommonMark: a code span's fence is a backtick run that the content holds no run of exactly; a padded content loses one space each side. */
  function spanContent(span: string): string {
    const fence = /^`+/.exec(span)![0];
    expect(span.endsWith(fence)).toBe(true);
    let inner = span.slice(fence.length, span.length - fence.length);
    expect((inner.match(/`+/g) ?? []).some((run) => run.length === fence.length)).toBe(false);
    if (inner.startsWith(" ") && inner.endsWith(" ") && inner.trim() !== "") inner = inner.slice(1, -1);
    return inner;
  }

  it.each(["ends with a backtick`", "`starts with one", "``double`` runs`", "`", "a | pipe", " spaced ", "plain"])("code(%j) is one closed span holding the text", (text) => {
    expect(spanContent(code(text)).replace(/\\\|/g, "|")).toBe(text);
  });

  it("cells escape what would become markup, HTML or entities", () => {
    expect(mdCell("<img src=x onerror=alert(1)> &lt; ![x](y) # h ~~s~~")).toBe("\\<img src=x onerror=alert(1)\\> \\&lt; \\!\\[x\\](y) \\# h \\~\\~s\\~\\~");
  });

  it("describe --format markdown: a value ending in a backtick leaves no code span open for raw HTML after it", () => {
    const dir = tempDir("synth-edges-");
    writeFileSync(join(dir, "schema.json"), JSON.stringify({ type: "object", title: "T <b>bold</b>", properties: { a: { enum: ["x`", "<script>alert(1)</script>"], title: "<i>t</i>" } }, required: ["a"] }));
    const result = runCli(["describe", "--schema", "schema.json", "--format", "markdown"], { cwd: dir });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(code("x`"));
    // Outside code spans, no < is left unescaped.
    const outside = result.stdout.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, "");
    expect(outside).not.toMatch(/(^|[^\\])</);
  });
});

describe("minProperties under CSV", () => {
  it("more members than columns is refused for CSV (it would drop them), and served as JSON Lines", () => {
    const dir = tempDir("synth-edges-");
    writeFileSync(join(dir, "schema.json"), JSON.stringify({ type: "object", properties: { a: { type: "integer" } }, additionalProperties: { type: "integer" }, minProperties: 3 }));
    const csv = runCli(["generate", "--schema", "schema.json", "--rows", "5"], { cwd: dir });
    expect(csv.status).toBe(2);
    expect(csv.stderr).toBe("synth: schema.json at /minProperties: minProperties 3 asks for more members than the 1 columns a CSV row holds: use --format jsonl or json\n");
    const jsonl = runCli(["generate", "--schema", "schema.json", "--rows", "5", "--format", "jsonl"], { cwd: dir });
    expect(jsonl.status, jsonl.stderr).toBe(0);
    for (const line of jsonl.stdout.trim().split("\n")) expect(Object.keys(JSON.parse(line) as object).length).toBeGreaterThanOrEqual(3);
  });

  it("as many members as columns fills the columns", () => {
    const dir = tempDir("synth-edges-");
    writeFileSync(join(dir, "schema.json"), JSON.stringify({ type: "object", properties: { a: { type: "integer" }, b: { type: "integer" } }, minProperties: 2 }));
    const csv = runCli(["generate", "--schema", "schema.json", "--rows", "20"], { cwd: dir });
    expect(csv.status, csv.stderr).toBe(0);
    for (const line of csv.stdout.trim().split("\n").slice(1)) expect(line).toMatch(/^-?\d+,-?\d+$/);
  });
});
