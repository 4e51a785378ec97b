import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { faker } from "@faker-js/faker";
import { beforeAll, describe, expect, it } from "vitest";
import { profile, validateStats, type ProfileResult, type StringStats } from "../../src/index.js";
import { parseCsv, validateTable } from "./helpers.js";
import { runCli, tempDir } from "../support/cli.js";

/** Invented films (test/fixtures/README.md): genres joined by "|", languages by "," in quoted cells, titles. */
const FILMS = resolve(import.meta.dirname, "../fixtures/films.csv");
const K = 10;
const ROWS = 20_000;
const RARE_CODE = "Zarzuela";
const LOREM = new Set(faker.definitions.lorem.word);

const real = parseCsv(readFileSync(FILMS, "utf8"));

/** Shares of each key among the items. */
function shares(items: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return new Map([...counts].map(([key, count]) => [key, count / items.length]));
}

function totalVariation(a: Map<string, number>, b: Map<string, number>): number {
  let distance = 0;
  for (const key of new Set([...a.keys(), ...b.keys()])) distance += Math.abs((a.get(key) ?? 0) - (b.get(key) ?? 0));
  return distance / 2;
}

/** Largest gap between the empirical CDFs of two samples of small whole numbers. */
function ksDistance(a: readonly number[], b: readonly number[]): number {
  let gap = 0;
  for (let v = 0; v <= Math.max(...a, ...b); v++) {
    gap = Math.max(gap, Math.abs(a.filter((x) => x <= v).length / a.length - b.filter((x) => x <= v).length / b.length));
  }
  return gap;
}

const wordCount = (text: string) => text.split(" ").length;

let result: ProfileResult;
let dir: string;
let dummy: Array<Record<string, string>>;
let dummyText: string;

beforeAll(async () => {
  result = await profile({ input: FILMS, minCount: K });
  dir = tempDir();
  writeFileSync(join(dir, "stats.json"), JSON.stringify(result.stats));
  writeFileSync(join(dir, "schema.json"), JSON.stringify(result.schema));
  const run = runCli(["generate", "--schema", join(dir, "schema.json"), "--stats", join(dir, "stats.json"), "--rows", String(ROWS), "--seed", "7", "--output", join(dir, "dummy.csv"), "--quiet"]);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  dummyText = readFileSync(join(dir, "dummy.csv"), "utf8");
  dummy = parseCsv(dummyText);
});

describe("lists of codes", () => {
  const genres = () => (result.stats.columns.genres as StringStats).codes!;

  it("finds the delimiter, publishes each code held by K records with its share, and the list lengths", () => {
    const codes = genres();
    expect(codes.delimiter).toBe("|");
    expect(codes.sorted).toBe(true);
    const realCodes = real.flatMap((row) => row.genres!.split("|"));
    const expected = shares(realCodes);
    expect(codes.codes.map((c) => c.value).sort()).toEqual(["Action", "Comedy", "Crime", "Drama", "Family", "Horror", "Romance", "Thriller"]);
    for (const code of codes.codes) expect(code.frequency).toBeCloseTo(expected.get(code.value)!, 5);
    const lengths = shares(real.map((row) => String(row.genres!.split("|").length)));
    expect(codes.lengths.map((l) => l.length)).toEqual([1, 2, 3, 4]);
    for (const { length, frequency } of codes.lengths) expect(Math.abs(frequency - lengths.get(String(length))!)).toBeLessThan(0.01);
  });

  it("withholds a code held by fewer than K records, and a list length as rare, saying so", () => {
    const text = JSON.stringify(result.stats);
    expect(text).not.toContain(RARE_CODE);
    expect(genres().suppressed).toEqual({ codes: 1, frequency: expect.any(Number) });
    const notes = result.stats.disclosure!.notes!.join("\n");
    expect(notes).toMatch(/"genres" 1 value/);
    expect(notes).toMatch(/List lengths held by fewer than 10 records are withheld.*"genres"/);
  });

  it("reads codes joined by commas inside quoted cells", () => {
    const languages = (result.stats.columns.languages as StringStats).codes!;
    expect(languages.delimiter).toBe(",");
    expect(languages.codes.map((c) => c.value).sort()).toEqual(["cs", "da", "de", "en", "es", "fi", "fr", "it", "nl", "pl", "pt", "sv"]);
    expect(languages.sorted).toBeUndefined();
  });

  it("keeps the inferred schema free of codes (type string), and the dummy rows valid against it", async () => {
    expect((result.schema!.properties as Record<string, unknown>).genres).toEqual({ type: "string" });
    const { rows, failures } = await validateTable(join(dir, "dummy.csv"), result.schema!);
    expect(rows).toBe(ROWS);
    expect(failures).toEqual([]);
  });

  it("generates lists of known codes, none twice in a row, in order, never the withheld code", () => {
    const known = new Set(genres().codes.map((c) => c.value));
    expect(dummyText).not.toContain(RARE_CODE);
    for (const row of dummy) {
      const codes = row.genres!.split("|");
      for (const code of codes) expect(known.has(code)).toBe(true);
      expect(new Set(codes).size).toBe(codes.length);
      expect([...codes].sort()).toEqual(codes);
      expect(codes.length).toBeLessThanOrEqual(4);
    }
    const languages = new Set((result.stats.columns.languages as StringStats).codes!.codes.map((c) => c.value));
    for (const row of dummy) expect(row.languages!.split(",").every((code) => languages.has(code))).toBe(true);
  });

  it("keeps the distributions of codes and of list lengths", () => {
    const lengths = (rows: Array<Record<string, string>>) => shares(rows.map((row) => String(row.genres!.split("|").length)));
    expect(totalVariation(lengths(real), lengths(dummy))).toBeLessThan(0.03);
    const published = new Set(genres().codes.map((c) => c.value));
    const codes = (rows: Array<Record<string, string>>) => shares(rows.flatMap((row) => row.genres!.split("|")).filter((code) => published.has(code)));
    expect(totalVariation(codes(real), codes(dummy))).toBeLessThan(0.03);
  });
});

describe("free text of words", () => {
  const words = () => (result.stats.columns.title as StringStats).words!;

  it("publishes words per value, their length and the case, never a word", () => {
    expect(words().case).toBe("title");
    expect(words().count.length).toBeGreaterThan(2);
    expect(words().length!.length).toBeGreaterThan(2);
    const text = JSON.stringify(result.stats);
    for (const word of ["River", "Harbour", "Stranger"]) expect(text).not.toContain(word);
    expect(result.stats.disclosure!.notes!.join("\n")).toMatch(/Free text of words .*"title"/);
  });

  it("draws every word from faker's lorem list, written in Title Case", () => {
    for (const row of dummy) {
      for (const word of row.title!.split(" ")) {
        expect(LOREM.has(word.toLowerCase())).toBe(true);
        expect(word[0]).toBe(word[0]!.toUpperCase());
      }
    }
  });

  it("keeps the number of words per value", () => {
    expect(ksDistance(real.map((row) => wordCount(row.title!)), dummy.map((row) => wordCount(row.title!)))).toBeLessThan(0.05);
  });

  it("honours maxLength from the schema, and falls back to the schema's pattern when it forbids spaces", () => {
    const generate = (title: Record<string, unknown>) => {
      const schema = structuredClone(result.schema!) as { properties: Record<string, unknown> };
      schema.properties.title = title;
      writeFileSync(join(dir, "bounded.json"), JSON.stringify(schema));
      const run = runCli(["generate", "--schema", join(dir, "bounded.json"), "--stats", join(dir, "stats.json"), "--rows", "2000", "--seed", "3", "--quiet"]);
      expect(run.stderr).toBe("");
      return parseCsv(run.stdout).map((row) => row.title!);
    };
    const short = generate({ type: "string", maxLength: 9 });
    for (const title of short) expect(title.length).toBeGreaterThan(0);
    for (const title of short) expect(title.length).toBeLessThanOrEqual(9);
    expect(short.some((title) => title.includes(" "))).toBe(true);
    for (const title of generate({ type: "string", pattern: "^[a-z]{3,8}$" })) expect(title).toMatch(/^[a-z]{3,8}$/);
  });
});

describe("text and determinism, privacy", () => {
  it("gives the same bytes for the same seed, whatever the threads", () => {
    const args = ["generate", "--schema", join(dir, "schema.json"), "--stats", join(dir, "stats.json"), "--rows", String(ROWS), "--seed", "7", "--quiet"];
    expect(runCli([...args, "--threads", "1"]).stdout).toBe(dummyText);
    expect(runCli([...args, "--threads", "2"]).stdout).toBe(dummyText);
    expect(runCli([...args.slice(0, -3), "8", "--quiet"]).stdout).not.toBe(dummyText);
  });

  it("under --epsilon publishes noisy code and length shares, still withholding the rare code", async () => {
    const noisy = await profile({ input: FILMS, minCount: K, epsilon: 1, seed: 5 });
    expect(() => validateStats(noisy.stats)).not.toThrow();
    const codes = (noisy.stats.columns.genres as StringStats).codes!;
    expect(JSON.stringify(noisy.stats)).not.toContain(RARE_CODE);
    const exact = (result.stats.columns.genres as StringStats).codes!;
    const exactShares = new Map(exact.codes.map((c) => [c.value, c.frequency]));
    for (const code of codes.codes) expect(Math.abs(code.frequency - exactShares.get(code.value)!)).toBeLessThan(0.1);
    expect(codes.codes.some((code) => code.frequency !== exactShares.get(code.value))).toBe(true);
    expect(noisy.stats.disclosure!.notes!.join("\n")).toMatch(/lists of codes, half to list lengths/);
    expect((noisy.stats.columns.title as StringStats).words?.case).toBe("title");
  });
});
