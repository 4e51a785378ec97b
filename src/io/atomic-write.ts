import { closeSync, createWriteStream, linkSync, lstatSync, openSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, type Stats, type WriteStream } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { SynthError } from "../errors/synth-error.js";

/**
 * Every file synth writes goes through here, under one set of promises: nothing is replaced without
 * --force; never one of the run's own inputs; never anything but a regular file (not a device, a
 * folder, a FIFO or a symbolic link, even with --force); and a file that appears while the run is
 * under way is not replaced either, because the name is claimed only at the end, exclusively.
 */

export interface OutputRules {
  /** Replace a regular file that is already there. */
  force: boolean;
  /** The run's inputs (paths as the user named them; "-" for standard input is skipped). */
  inputs?: readonly (string | undefined)[];
  /** The destination was checked when the run began (checkOutputs): a file there now appeared since. */
  checkedAtStart?: boolean;
}

/** What a path names on disk: its device and inode when it exists, else its resolved place. */
function identity(path: string): string {
  try {
    const stat = statSync(path);
    return `inode:${stat.dev}:${stat.ino}`;
  } catch {
    try {
      return `path:${join(realpathSync(dirname(resolve(path))), basename(path))}`;
    } catch {
      return `path:${resolve(path)}`;
    }
  }
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new SynthError("FILE_UNREADABLE", `cannot check (${(error as NodeJS.ErrnoException).code ?? "error"})`, { file: path });
  }
}

function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return "a folder";
  if (stat.isSymbolicLink()) return "a symbolic link";
  if (stat.isFIFO()) return "a named pipe (FIFO)";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
  if (stat.isSocket()) return "a socket";
  return "not a regular file";
}

/** The checks made both before the run and again at the moment of claiming the name. */
function checkDestination(path: string, rules: OutputRules, inputIds: ReadonlySet<string>): void {
  const existing = lstatOrUndefined(path);
  if (existing === undefined) return;
  if (!existing.isFile()) {
    throw new SynthError("FILE_UNREADABLE", `is ${kindOf(existing)}, not a regular file: synth writes only regular files (--force does not change that)`, { file: path });
  }
  if (inputIds.has(identity(path))) throw new SynthError("USAGE", "is one of this run's inputs: choose another output file", { file: path });
  if (!rules.force) throw new SynthError("FILE_EXISTS", "already exists (use --force to replace it)", { file: path });
}

function inputIdentities(rules: OutputRules): Set<string> {
  const ids = new Set<string>();
  for (const input of rules.inputs ?? []) if (input !== undefined && input !== "-" && input !== "") ids.add(identity(input));
  return ids;
}

/**
 * Checks every output of a run before any work is done, so a refusal costs nothing: each must be
 * writable under the rules above, and no two outputs (nor an output and an input) may be one file.
 */
export function checkOutputs(paths: readonly string[], rules: OutputRules): void {
  const inputIds = inputIdentities(rules);
  const seen = new Map<string, string>();
  for (const path of paths) {
    if (path === "") throw new SynthError("USAGE", "an output file name is empty: name a file (or - for standard output)");
    const id = identity(path);
    if (inputIds.has(id)) throw new SynthError("USAGE", "is one of this run's inputs: choose another output file", { file: path });
    const twin = seen.get(id);
    if (twin !== undefined) throw new SynthError("USAGE", `is also the output ${twin}: each output needs a file of its own`, { file: path });
    seen.set(id, path);
    checkDestination(path, rules, inputIds);
    let folder: Stats | undefined;
    try {
      folder = statSync(dirname(resolve(path)));
    } catch {
      folder = undefined;
    }
    if (!folder?.isDirectory()) throw new SynthError("FILE_UNREADABLE", "its folder does not exist", { file: path });
  }
}

/** checkOutputs for one file with no inputs to compare against (callers that name their inputs use checkOutputs). */
export function assertWritable(path: string, force: boolean): void {
  checkOutputs([path], { force });
}

function temporaryPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
}

/** Errors that say a folder's file system cannot make hard links (FAT, some network mounts). */
const NO_HARD_LINKS = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "EXDEV", "EMLINK", "ENOSYS"]);

/**
 * Moves a finished temporary file to its name. Without --force the name is claimed with link(),
 * which fails if anything has appeared there since the start (or, where links are not supported,
 * with an exclusive create of the name, then the rename over that placeholder). With --force the
 * destination is checked once more (regular file, not an input) just before the rename.
 */
function claim(temporary: string, path: string, rules: OutputRules, inputIds: ReadonlySet<string>): void {
  try {
    checkDestination(path, rules, inputIds);
  } catch (error) {
    throw error instanceof SynthError && error.code === "FILE_EXISTS" ? appeared(path) : error;
  }
  if (rules.force) {
    renameSync(temporary, path);
    return;
  }
  try {
    linkSync(temporary, path);
    rmSync(temporary, { force: true });
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    if (code === "EEXIST") throw appeared(path);
    if (!NO_HARD_LINKS.has(code)) throw error;
  }
  try {
    closeSync(openSync(path, "wx"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") throw appeared(path);
    throw error;
  }
  renameSync(temporary, path);
}

function appeared(path: string): SynthError {
  return new SynthError("FILE_EXISTS", "appeared while synth was running; it was left as it is and nothing was written (use --force to replace it)", { file: path });
}

/** A failed write in words, naming the file rather than quoting a rename. */
function writeFailure(error: unknown, path: string): unknown {
  if (error instanceof SynthError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === undefined) return error;
  return new SynthError("FILE_UNREADABLE", `cannot write (${code})`, { file: path }, { cause: error });
}

/**
 * A file written under a temporary name in the same folder and moved into place only when
 * complete, so an interrupted or failed run never leaves a partial file or clobbers a good one.
 */
export class AtomicFile {
  readonly temporary: string;
  readonly stream: WriteStream;
  private settled = false;
  private committed = false;
  private readonly inputIds: ReadonlySet<string>;

  private static readonly open = new Set<AtomicFile>();

  constructor(
    readonly path: string,
    private readonly rules: OutputRules,
  ) {
    if (!rules.checkedAtStart) checkOutputs([path], rules);
    this.inputIds = inputIdentities(rules);
    this.temporary = temporaryPath(path);
    this.stream = createWriteStream(this.temporary, { flags: "wx" });
    AtomicFile.open.add(this);
  }

  /** Flushes and closes the temporary file (it is complete, but not yet in place). */
  async finish(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.stream.once("error", reject);
      this.stream.end(() => resolve());
    });
  }

  /** Flushes, closes and moves into place. */
  async commit(): Promise<void> {
    await this.finish();
    this.claim();
  }

  /** Moves a finished file into place (see claim above). */
  claim(): void {
    try {
      claim(this.temporary, this.path, this.rules, this.inputIds);
    } catch (error) {
      this.abort();
      throw writeFailure(error, this.path);
    }
    this.settled = true;
    this.committed = true;
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

  /** Undoes a commit whose companion file failed (a data file without its manifest is not kept). */
  retract(): void {
    if (this.committed) rmSync(this.path, { force: true });
    this.committed = false;
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

/** Writes a whole small file atomically (statistics, schemas, manifests, reports), under the same rules. */
export function writeFileAtomic(path: string, data: string, rules: OutputRules): void {
  if (!rules.checkedAtStart) checkOutputs([path], rules);
  const inputIds = inputIdentities(rules);
  const temporary = temporaryPath(path);
  try {
    writeFileSync(temporary, data, { flag: "wx" });
    claim(temporary, path, rules, inputIds);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw writeFailure(error, path);
  }
}
