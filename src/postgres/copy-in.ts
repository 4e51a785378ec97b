import { Writable } from "node:stream";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { quoteIdent } from "./catalog.js";
import type { SchemaColumn } from "./schema-columns.js";

/**
 * The rows' CSV bytes (the same encoder and batches as a CSV file, without the header) written
 * into `COPY ... FROM STDIN`. A row the server refuses fails the COPY at once: the error reaches the
 * writer through its write callback, as a failed disk write would, and the caller rolls back.
 */

export function copyInStatement(qualified: string, columns: readonly SchemaColumn[]): string {
  // An empty unquoted cell is NULL in COPY's CSV; synth writes an empty string the same way, so a
  // text column that can never be NULL reads it as the empty string.
  const notNullText = columns.filter((c) => c.type === "string" && !c.nullable).map((c) => quoteIdent(c.name));
  const options = ["FORMAT csv", ...(notNullText.length > 0 ? [`FORCE_NOT_NULL (${notNullText.join(", ")})`] : [])];
  return `COPY ${qualified} (${columns.map((c) => quoteIdent(c.name)).join(", ")}) FROM STDIN WITH (${options.join(", ")})`;
}

export class CopyInSink extends Writable {
  private readonly copy: ReturnType<typeof copyFrom>;
  private failure: Error | undefined;
  private pending: ((error?: Error | null) => void) | undefined;

  constructor(client: pg.Client, statement: string) {
    super({ highWaterMark: 1 << 20 });
    this.copy = client.query(copyFrom(statement));
    this.copy.on("error", (error: Error) => {
      this.failure ??= error;
      const callback = this.pending;
      this.pending = undefined;
      callback?.(error);
    });
  }

  /** Rows the server counted, once the COPY has finished. */
  get rowCount(): number {
    return this.copy.rowCount;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.failure) return callback(this.failure);
    // The writer reuses its buffers once this calls back, and the socket may still hold a chunk it
    // accepted: the COPY gets its own copy.
    this.pending = callback;
    this.copy.write(Buffer.from(chunk), (error?: Error | null) => {
      if (this.pending !== callback) return;
      this.pending = undefined;
      callback(error ?? this.failure);
    });
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (this.failure) return callback(this.failure);
    const done = (error?: Error | null) => {
      this.copy.off("finish", onFinish);
      this.copy.off("error", onError);
      callback(error ?? this.failure);
    };
    const onFinish = () => done();
    const onError = (error: Error) => done(error);
    this.copy.once("finish", onFinish);
    this.copy.once("error", onError);
    this.copy.end();
  }
}
