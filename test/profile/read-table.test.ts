import { describe, expect, it } from "vitest";
import { SynthError } from "../../src/errors/synth-error.js";
import { openTable, readRecords, type Cell } from "../../src/io/read-table.js";
import { tempFile } from "./helpers.js";

async function rows(file: string, options: Parameters<typeof readRecords>[1] = {}): Promise<Array<{ line: number; record: Record<string, Cell> }>> {
  const out = [];
  for await (const row of readRecords(file, options)) out.push(row);
  return out;
}

async function failure(file: string): Promise<SynthError> {
  try {
    await rows(file);
  } catch (error) {
    expect(error).toBeInstanceOf(SynthError);
    return error as SynthError;
  }
  throw new Error("expected the read to fail");
}

describe("reading CSV", () => {
  it("reads a header, quoted fields, a BOM and the default null tokens", async () => {
    const file = tempFile("basic.csv", '\uFEFFname,age,note\n"Smith, J",41,"said ""hi"""\nJones,NA,\n');
    const read = await rows(file);
    expect(read.map((r) => r.record)).toEqual([
      { name: "Smith, J", age: "41", note: 'said "hi"' },
      { name: "Jones", age: null, note: null },
    ]);
    expect(read.map((r) => r.line)).toEqual([2, 3]);
  });

  it("numbers rows by the line they end on, across quoted line breaks", async () => {
    const file = tempFile("multiline.csv", 'a,b\n1,"two\nlines"\n3,x\n');
    expect((await rows(file)).map((r) => r.line)).toEqual([3, 4]);
  });

  it("takes custom null tokens, and then an empty cell is an empty string", async () => {
    const file = tempFile("tokens.csv", "a,b\n-99,\nx,y\n");
    const read = await rows(file, { nullTokens: ["-99"] });
    expect(read[0]!.record).toEqual({ a: null, b: "" });
  });

  it("reads CRLF line endings", async () => {
    const file = tempFile("crlf.csv", "a,b\r\n1,2\r\n3,4\r\n");
    expect((await rows(file)).map((r) => r.record)).toEqual([{ a: "1", b: "2" }, { a: "3", b: "4" }]);
  });

  it("rejects a ragged row, naming the file and line", async () => {
    const file = tempFile("ragged.csv", "a,b\n1,2\n3\n");
    const error = await failure(file);
    expect(error.code).toBe("CSV_MALFORMED");
    expect(error.place).toMatchObject({ file, line: 3 });
    expect(error.message).toMatch(/1 fields where the header has 2/);
  });

  it("rejects unbalanced quotes", async () => {
    const error = await failure(tempFile("quotes.csv", 'a,b\n1,"open\n2,3\n'));
    expect(error.code).toBe("CSV_MALFORMED");
    expect(error.message).toMatch(/never closed/);
    const stray = await failure(tempFile("stray.csv", 'a,b\n1,ab"c\n'));
    expect(stray.code).toBe("CSV_MALFORMED");
    expect(stray.place.line).toBe(2);
  });

  it("rejects bytes that are not UTF-8, naming the line", async () => {
    const file = tempFile("latin1.csv", Buffer.concat([Buffer.from("name\nok\ncaf"), Buffer.from([0xe9]), Buffer.from("\n")]));
    const error = await failure(file);
    expect(error.code).toBe("CSV_MALFORMED");
    expect(error.message).toMatch(/UTF-8/);
    expect(error.place).toMatchObject({ file, line: 3 });
  });

  it("accepts multi-byte characters split across read chunks", async () => {
    const text = "name\n" + "é€😀\n".repeat(60_000);
    const file = tempFile("multibyte.csv", text);
    const read = await rows(file);
    expect(read).toHaveLength(60_000);
    expect(read[59_999]!.record.name).toBe("é€😀");
  });

  it("rejects an empty column name, a repeated one, an empty file and a header without rows", async () => {
    expect((await failure(tempFile("emptyname.csv", "a,,c\n1,2,3\n"))).message).toMatch(/empty column name.*column 2/);
    expect((await failure(tempFile("dup.csv", "a,b,a\n1,2,3\n"))).message).toMatch(/"a" appears twice/);
    const empty = await failure(tempFile("empty.csv", ""));
    expect(empty.code).toBe("CSV_MALFORMED");
    expect(empty.message).toMatch(/no header/);
    const headerOnly = await failure(tempFile("header.csv", "a,b\n"));
    expect(headerOnly.code).toBe("CSV_MALFORMED");
    expect(headerOnly.message).toMatch(/no data rows/);
  });

  it("reports a missing file as FILE_NOT_FOUND", async () => {
    expect(() => openTable("/no/such/file.csv")).toThrow(expect.objectContaining({ code: "FILE_NOT_FOUND" }));
  });
});

describe("reading JSON Lines", () => {
  it("keeps JSON types, and a key missing from a row is absent (not null)", async () => {
    const file = tempFile("rows.jsonl", '{"a":1,"b":"x"}\n\n{"a":2.5,"c":true,"b":null}\n');
    const reader = openTable(file);
    const batches = [];
    for await (const batch of reader.batches()) batches.push(...batch);
    expect(reader.format).toBe("jsonl");
    expect(reader.columns).toEqual(["a", "b", "c"]);
    expect(batches.map((r) => r.cells)).toEqual([[1, "x"], [2.5, null, true]]);
    expect(batches.map((r) => r.line)).toEqual([1, 3]);
  });

  it("detects JSON Lines by content when the extension says nothing", async () => {
    expect(openTable(tempFile("rows.txt", '{"a":1}\n')).format).toBe("jsonl");
    expect(openTable(tempFile("table.txt", "a,b\n1,2\n")).format).toBe("csv");
  });

  it("names the line of malformed JSON, of a non-object and of a nested value", async () => {
    const bad = await failure(tempFile("bad.jsonl", '{"a":1}\n{"a":\n'));
    expect(bad.code).toBe("JSON_SYNTAX");
    expect(bad.place.line).toBe(2);
    const array = await failure(tempFile("array.jsonl", '{"a":1}\n[1,2]\n'));
    expect(array.code).toBe("DATA_INVALID");
    expect(array.place.line).toBe(2);
    const nested = await failure(tempFile("nested.jsonl", '{"a":{"b":1}}\n'));
    expect(nested.code).toBe("DATA_INVALID");
    expect(nested.place).toMatchObject({ line: 1, column: "a" });
  });

  it("never repeats the text of a malformed line: it is real data", async () => {
    // JSON.parse's own messages quote the text around the fault (Node 20: up to the whole line).
    for (const line of ['{"n":ZEBRA_SECRET}', '{"dx":"HIV-SECRET","cd4":NaN}', '{"name":"SECRET-NAME",}']) {
      const error = await failure(tempFile("rows.jsonl", `{"a":1}\n${line}\n`));
      expect(error.code).toBe("JSON_SYNTAX");
      expect(error.place.line).toBe(2);
      expect(error.message).not.toMatch(/SECRET|HIV|NaN/);
    }
  });
});
