import { createWriteStream, existsSync, renameSync, rmSync, writeFileSync, type WriteStream } from "node:fs";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { SynthError } from "../errors/synth-error.js";

/** Refuses to replace a file the user already has, unless they said --force. */
export function assertWritable(path: string, force: boolean): void {
  if (!force && existsSync(path)) {
    throw new SynthError("FILE_EXISTS", "already exists (use --force to replace it)", { file: path });
  }
  if (!existsSync(dirname(path) || ".")) {
    throw new SynthError("FILE_UNREADABLE", "its folder does not exist", { file: path });
  }
}

function temporaryPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
}

/**
 * A file written under a temporary name in the same folder and renamed into place only when
 * complete, so an interrupted or failed run never leaves a partial file or clobbers a good one.
 */
export class AtomicFile {
  readonly temporary: string;
  readonly stream: WriteStream;
  private settled = false;

  private static readonly open = new Set<AtomicFile>();

  constructor(
    readonly path: string,
    force: boolean,
  ) {
    assertWritable(path, force);
    this.temporary = temporaryPath(path);
    this.stream = createWriteStream(this.temporary, { flags: "wx" });
    AtomicFile.open.add(this);
  }

  /** Flushes, closes and renames into place. */
  async commit(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.stream.once("error", reject);
      this.stream.end(() => resolve());
    });
    renameSync(this.temporary, this.path);
    this.settled = true;
    AtomicFile.open.delete(this);
  }

  /** Removes the temporary file; the destination is left as it was. */
  abort(): void {
    if (this.settled) return;
    this.settled = true;
    // The stream opens its file asynchronously: if that has not happened yet, the file appears
    // after this call, so remove it again once the stream has closed.
    const remove = () => rmSync(this.temporary, { force: true });
    this.closed = new Promise<void>((resolve) => {
      if (this.stream.closed) resolve();
      else this.stream.once("close", () => resolve());
    }).then(remove);
    // Writes already on their way fail once the stream is gone: expected, not an error to report.
    this.stream.on("error", () => {});
    this.stream.destroy();
    remove();
    AtomicFile.open.delete(this);
  }

  private closed: Promise<void> = Promise.resolve();

  /** For signal handlers: drop every file still being written. */
  static abortAll(): void {
    for (const file of [...AtomicFile.open]) file.abort();
  }

  /** abortAll, resolving once every temporary file is gone (before a signal handler exits). */
  static async abortAllAndWait(): Promise<void> {
    const files = [...AtomicFile.open];
    for (const file of files) file.abort();
    await Promise.all(files.map((file) => file.closed));
  }
}

/** Writes a whole small file atomically (statistics, schemas, manifests, reports). */
export function writeFileAtomic(path: string, data: string, options: { force: boolean }): void {
  assertWritable(path, options.force);
  const temporary = temporaryPath(path);
  try {
    writeFileSync(temporary, data, { flag: "wx" });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new SynthError("FILE_UNREADABLE", `cannot write (${(error as NodeJS.ErrnoException).code ?? "error"})`, { file: path });
  }
}
