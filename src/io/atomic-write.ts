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
    this.stream.destroy();
    rmSync(this.temporary, { force: true });
    AtomicFile.open.delete(this);
  }

  /** For signal handlers: drop every file still being written. */
  static abortAll(): void {
    for (const file of [...AtomicFile.open]) file.abort();
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
