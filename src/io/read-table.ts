import { closeSync, fstatSync, openSync, readSync, statSync, type Stats } from "node:fs";
import { extname } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parse, CsvError, type Parser } from "csv-parse";
import { SynthError } from "../errors/synth-error.js";
import { InvalidUtf8Error, Utf8Guard } from "./utf8-guard.js";
import { openInputStream, STANDARD_INPUT } from "./open-input.js";
import { setProperty } from "./own-property.js";

/**
 * Reads a table (CSV with a header row, or JSON Lines) as a stream of rows, in batches so that the
 * per-row cost stays that of the parser. Memory does not grow with the file: rows are handed on and
 * forgotten. Every malformed input becomes a SynthError naming the file and line.
 */

export type TableFormat = "csv" | "jsonl";
/** A cell as read: CSV gives text or null (a null token); JSON Lines gives JSON scalars. */
export type Cell = string | number | boolean | null;

export interface TableRow {
  /** 1-based line of the file where the row ends (the header is line 1 in CSV). */
  line: number;
  /** Aligned with the reader's `columns`; undefined where a JSON Lines row lacks the key. */
  cells: Array<Cell | undefined>;
}

export interface ReadTableOptions {
  /** Default: from the extension (.csv; .jsonl, .ndjson), else from the first byte. */
  format?: TableFormat;
  /** CSV cells that mean "no value". Default: the empty cell and NA. */
  nullTokens?: readonly string[];
  /** Sees every raw chunk of the file, e.g. to hash it. */
  onBytes?: (chunk: Buffer) => void;
}

/**
 * Where a table's bytes come from when they are not a file: a database's COPY stream, say. The reader
 * parses them exactly as it parses a file of the same bytes, so both give the same rows.
 */
export interface TableSource {
  /** How messages and provenance name the source (never a password). */
  readonly name: string;
  readonly format: TableFormat;
  /** Whether `open` may be called again for a second pass over the same rows. */
  readonly rereadable: boolean;
  /** A fresh stream of the table's bytes, from the start. */
  open(): Readable;
}

export function isTableSource(input: unknown): input is TableSource {
  return typeof input === "object" && input !== null && typeof (input as TableSource).open === "function";
}

export const DEFAULT_NULL_TOKENS: readonly string[] = Object.freeze(["", "NA"]);

const BATCH_ROWS = 2048;
const READ_CHUNK = 256 * 1024;


/** The format an extension says, if it says one. */
function formatOfName(file: string): TableFormat | undefined {
  const extension = extname(file).toLowerCase();
  if (extension === ".csv") return "csv";
  if (extension === ".jsonl" || extension === ".ndjson") return "jsonl";
  return undefined;
}

/** Unknown extension: a JSON Lines file starts with "{" (after any BOM and blank space). */
function formatOfHead(head: Buffer): TableFormat {
  return head.toString("utf8").replace(/^\uFEFF/, "").trimStart().startsWith("{") ? "jsonl" : "csv";
}

export function detectFormat(file: string): TableFormat {
  const named = formatOfName(file);
  if (named) return named;
  const fd = openSync(file, "r");
  try {
    const head = Buffer.alloc(64);
    const length = readSync(fd, head, 0, head.length, 0);
    return formatOfHead(head.subarray(0, length));
  } finally {
    closeSync(fd);
  }
}

/**
 * What the input is: a regular file can be sized, peeked at and read again; anything else (standard
 * input, a pipe, process substitution's /dev/fd/N, a FIFO) is read once, front to back, as it comes.
 */
function inputStat(file: string): Stats {
  try {
    const stat = file === STANDARD_INPUT ? fstatSync(0) : statSync(file);
    if (stat.isDirectory()) throw new SynthError("FILE_UNREADABLE", "is a folder, not a file", { file });
    return stat;
  } catch (error) {
    if (error instanceof SynthError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new SynthError("FILE_NOT_FOUND", "no such file", { file });
    throw new SynthError("FILE_UNREADABLE", `cannot read (${code ?? "unknown error"})`, { file });
  }
}

/** 1-based line of a byte offset, found by reading the file up to it (only on the error path). */
function lineAtByte(file: string, offset: number): number {
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(1 << 16);
    let line = 1;
    let position = 0;
    while (position < offset) {
      const length = readSync(fd, buffer, 0, Math.min(buffer.length, offset - position), position);
      if (length === 0) break;
      for (let i = 0; i < length; i++) if (buffer[i] === 10) line++;
      position += length;
    }
    return line;
  } finally {
    closeSync(fd);
  }
}

export class TableReader {
  private decided: TableFormat | undefined;
  readonly totalBytes: number;
  /** A regular file (sized, peeked at, read again for error lines); else a stream read once. */
  readonly seekable: boolean;
  /** Column names in file order. Complete after the first batch for CSV; grows as keys appear for JSON Lines. */
  readonly columns: string[] = [];
  private guard: Utf8Guard | null = null;
  private readonly nullTokens: ReadonlySet<string>;

  /** The file, or the source's name: what messages say the rows came from. */
  readonly file: string;
  private readonly source: TableSource | undefined;

  constructor(
    input: string | TableSource,
    private readonly options: ReadTableOptions = {},
  ) {
    if (isTableSource(input)) {
      this.source = input;
      this.file = input.name;
      this.seekable = false;
      this.totalBytes = 0;
      this.decided = input.format;
    } else {
      this.file = input;
      const stat = inputStat(input);
      this.seekable = stat.isFile() && input !== STANDARD_INPUT;
      this.totalBytes = this.seekable ? stat.size : 0;
      this.decided = options.format ?? formatOfName(input) ?? (this.seekable ? detectFormat(input) : undefined);
    }
    this.nullTokens = new Set(options.nullTokens ?? DEFAULT_NULL_TOKENS);
  }

  /** Bytes read so far (for progress). */
  get bytesRead(): number {
    return this.guard?.bytes ?? 0;
  }

  /**
   * CSV or JSON Lines. For a stream with no --format and no telling extension, known only once its
   * first bytes have come (when the first batch is read); "csv" until then.
   */
  get format(): TableFormat {
    return this.decided ?? "csv";
  }

  async *batches(): AsyncGenerator<TableRow[]> {
    let source: Readable;
    try {
      source = this.source ? this.source.open() : await openInputStream(this.file, READ_CHUNK);
    } catch (error) {
      throw this.readError(error);
    }
    if (this.decided === undefined) this.decided = formatOfHead(await peek(source));
    yield* this.decided === "csv" ? this.csvBatches(source) : this.jsonLinesBatches(source);
  }

  private openSource(source: Readable): { source: Readable; guard: Utf8Guard } {
    const guard = new Utf8Guard(this.options.onBytes);
    this.guard = guard;
    return { source, guard };
  }

  /** The line of a byte offset, where the file can be read again to count it. */
  private lineAt(offset: number): { line?: number } {
    return this.seekable ? { line: lineAtByte(this.file, offset) } : {};
  }

  private readError(error: unknown): SynthError {
    const file = this.file;
    if (error instanceof SynthError) return error;
    if (error instanceof InvalidUtf8Error) {
      return new SynthError("CSV_MALFORMED", "not valid UTF-8 (convert the file to UTF-8 first)", { file, ...this.lineAt(error.byteOffset) });
    }
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      const place = { file, ...(line !== undefined ? { line } : {}) };
      switch (error.code) {
        case "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH": {
          // csv-parse's message holds only counts; the record itself (real data) is not repeated.
          const counts = /expect (\d+), got (\d+)/.exec(error.message);
          const detail = counts ? `: ${counts[2]} fields where the header has ${counts[1]}` : "";
          return new SynthError("CSV_MALFORMED", `ragged row${detail}`, place);
        }
        case "CSV_QUOTE_NOT_CLOSED":
          return new SynthError("CSV_MALFORMED", "a quoted field is never closed (unbalanced quotes)", place);
        case "CSV_INVALID_CLOSING_QUOTE":
          return new SynthError("CSV_MALFORMED", "a quote inside an unquoted field (unbalanced quotes)", place);
        case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
          return new SynthError("CSV_MALFORMED", "text after a closing quote (unbalanced quotes)", place);
        default:
          return new SynthError("CSV_MALFORMED", `malformed CSV (${error.code})`, place);
      }
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === "string" && /^E[A-Z]+$/.test(code)) return new SynthError("FILE_UNREADABLE", `cannot read (${code})`, { file });
    return new SynthError("INTERNAL", `reading failed: ${(error as Error).message}`, { file }, { cause: error });
  }

  private async *csvBatches(input: Readable): AsyncGenerator<TableRow[]> {
    const { source, guard } = this.openSource(input);
    const parser: Parser = parse({ bom: true, skip_empty_lines: true, relax_column_count: false, max_record_size: 64 * 1024 * 1024 });
    // csv-parse reports a record's line only through its `info` option, which costs three times the
    // parse itself. The parser updates `info.lines` before pushing each record, so reading it as the
    // record is pushed gives the same line for free.
    const push = parser.push.bind(parser);
    parser.push = (record: unknown) => push(record === null ? null : { line: parser.info.lines, cells: record });
    const rows = pullRows<TableRow>(parser, pipeline(source, guard, parser));
    const isNull = nullPredicate(this.nullTokens);
    let header = true;
    let width = 0;
    let seenRows = false;
    try {
      for await (const batch of rows) {
        let start = 0;
        if (header) {
          this.setHeader(batch[0]!);
          width = this.columns.length;
          header = false;
          start = 1;
        }
        const out = start === 0 ? batch : batch.slice(start);
        for (const row of out) {
          const cells = row.cells;
          for (let i = 0; i < width; i++) if (isNull(cells[i] as string)) cells[i] = null;
        }
        if (out.length > 0) {
          seenRows = true;
          yield out;
        }
      }
    } catch (error) {
      throw this.readError(error);
    } finally {
      source.destroy();
      parser.destroy();
    }
    if (header) throw new SynthError("CSV_MALFORMED", "empty file: no header row", { file: this.file, line: 1 });
    if (!seenRows) throw new SynthError("CSV_MALFORMED", "no data rows after the header", { file: this.file, line: 2 });
  }

  private setHeader(row: TableRow): void {
    const seen = new Set<string>();
    row.cells.forEach((cell, i) => {
      const name = String(cell ?? "").trim();
      if (name === "") throw new SynthError("CSV_MALFORMED", `empty column name in the header (column ${i + 1})`, { file: this.file, line: row.line, col: i + 1 });
      if (seen.has(name)) throw new SynthError("CSV_MALFORMED", `column name "${name}" appears twice in the header`, { file: this.file, line: row.line, col: i + 1 });
      seen.add(name);
      this.columns.push(name);
    });
  }

  private async *jsonLinesBatches(input: Readable): AsyncGenerator<TableRow[]> {
    const { source, guard } = this.openSource(input);
    const chunks = pullChunks(guard, pipeline(source, guard));
    const index = new Map<string, number>();
    let carry = "";
    let line = 0;
    let seenRows = false;
    const parseLine = (text: string, at: number): TableRow | undefined => {
      if (text.trim() === "") return undefined;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        // The parser's own message quotes the text around the fault, which is real data: only the
        // position is passed on.
        const position = /at position (\d+)/.exec((error as Error).message)?.[1];
        throw new SynthError("JSON_SYNTAX", `malformed JSON${position !== undefined ? ` at character ${Number(position) + 1}` : ""}`, { file: this.file, line: at });
      }
      if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw new SynthError("DATA_INVALID", "each line must be a JSON object (one row)", { file: this.file, line: at });
      }
      const cells: Array<Cell | undefined> = [];
      for (const [key, cell] of Object.entries(value as Record<string, unknown>)) {
        if (cell !== null && typeof cell === "object") {
          throw new SynthError("DATA_INVALID", `nested value: profile and compare read flat tables of scalars`, { file: this.file, line: at, column: key });
        }
        let i = index.get(key);
        if (i === undefined) {
          i = this.columns.length;
          index.set(key, i);
          this.columns.push(key);
        }
        cells[i] = cell as Cell;
      }
      return { line: at, cells };
    };
    try {
      for await (const chunk of chunks) {
        const text = carry + chunk.toString("utf8");
        const batch: TableRow[] = [];
        let start = 0;
        for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
          line++;
          let body = text.slice(start, end);
          if (line === 1 && body.charCodeAt(0) === 0xfeff) body = body.slice(1);
          const row = parseLine(body, line);
          if (row) batch.push(row);
          start = end + 1;
        }
        carry = text.slice(start);
        if (batch.length > 0) {
          seenRows = true;
          yield batch;
        }
      }
      if (carry.length > 0) {
        line++;
        const row = parseLine(line === 1 ? carry.replace(/^\uFEFF/, "") : carry, line);
        if (row) {
          seenRows = true;
          yield [row];
        }
      }
    } catch (error) {
      if (error instanceof SynthError) throw error;
      if (error instanceof InvalidUtf8Error) {
        throw new SynthError("JSON_SYNTAX", "not valid UTF-8 (convert the file to UTF-8 first)", { file: this.file, ...this.lineAt(error.byteOffset) });
      }
      throw this.readError(error);
    } finally {
      source.destroy();
      guard.destroy();
    }
    if (!seenRows) throw new SynthError("DATA_INVALID", "no rows", { file: this.file });
  }
}

/** The first bytes of a stream, put back for the reader that follows (empty at once for an empty stream). */
async function peek(source: Readable): Promise<Buffer> {
  for (;;) {
    const chunk = source.read() as Buffer | null;
    if (chunk !== null) {
      source.unshift(chunk);
      return chunk;
    }
    if (source.readableEnded || source.destroyed) return Buffer.alloc(0);
    await new Promise<void>((resolve) => {
      const done = () => {
        source.off("readable", done).off("end", done).off("error", done).off("close", done);
        resolve();
      };
      source.on("readable", done).on("end", done).on("error", done).on("close", done);
    });
  }
}

/** A test for null tokens that rejects most cells on their length alone (it runs on every cell). */
function nullPredicate(tokens: ReadonlySet<string>): (cell: string) => boolean {
  const lengths = new Set([...tokens].map((t) => t.length));
  if (tokens.size === 0) return () => false;
  return (cell) => lengths.has(cell.length) && tokens.has(cell);
}

/**
 * Batches of objects from a readable object stream, waiting for 'readable' when it runs dry; the
 * pipeline's failure is rethrown in the consumer. Batching keeps one await per few thousand rows.
 */
async function* pullRows<T>(stream: Parser, done: Promise<void>): AsyncGenerator<T[]> {
  let failure: unknown;
  let finished = false;
  let wake: (() => void) | null = null;
  const signal = () => {
    const resume = wake;
    wake = null;
    resume?.();
  };
  done.then(
    () => {
      finished = true;
      signal();
    },
    (error: unknown) => {
      failure = error;
      signal();
    },
  );
  stream.on("readable", signal);
  stream.on("end", () => {
    finished = true;
    signal();
  });
  for (;;) {
    const batch: T[] = [];
    let item: T | null;
    while (batch.length < BATCH_ROWS && (item = stream.read() as T | null) !== null) batch.push(item);
    if (batch.length > 0) {
      yield batch;
      continue;
    }
    if (failure !== undefined) throw failure;
    if (finished || stream.readableEnded) {
      await done.catch(() => undefined);
      if (failure !== undefined) throw failure;
      return;
    }
    await new Promise<void>((resolve) => (wake = resolve));
  }
}

async function* pullChunks(stream: Utf8Guard, done: Promise<void>): AsyncGenerator<Buffer> {
  let failure: unknown;
  done.catch((error: unknown) => {
    failure = error;
  });
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    await done.catch(() => undefined);
    throw failure ?? error;
  }
  await done.catch(() => undefined);
  if (failure !== undefined) throw failure;
}

/** Opens a table for reading: a file, which must exist, or a source of the same bytes. */
export function openTable(input: string | TableSource, options: ReadTableOptions = {}): TableReader {
  return new TableReader(input, options);
}

/** Row by row as objects keyed by column name: convenient where speed matters less (tests, checks). */
export async function* readRecords(file: string, options: ReadTableOptions = {}): AsyncGenerator<{ line: number; record: Record<string, Cell> }> {
  const reader = openTable(file, options);
  for await (const batch of reader.batches()) {
    for (const row of batch) {
      const record: Record<string, Cell> = {};
      reader.columns.forEach((name, i) => {
        const cell = row.cells[i];
        if (cell !== undefined) setProperty(record, name, cell);
      });
      yield { line: row.line, record };
    }
  }
}
