/**
 * A progress line on stderr for long runs: rows done, rows/s and time left. Only when stderr is a
 * terminal (never into a pipe or a log file) and not --quiet. `update` is cheap enough to call after
 * every batch: it redraws at most a few times a second.
 */
export interface Progress {
  update(rowsDone: number): void;
  /** Clears the line. */
  done(): void;
}

const REDRAW_MS = 250;
/** Runs shorter than this never show a line at all. */
const FIRST_DRAW_MS = 1000;

const SILENT: Progress = { update: () => undefined, done: () => undefined };

function compact(n: number): string {
  if (n >= 1e9) return (n / 1e9).toFixed(2) + "G";
  if (n >= 1e6) return (n / 1e6).toFixed(2) + "M";
  if (n >= 1e4) return (n / 1e3).toFixed(1) + "k";
  return String(Math.round(n));
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  return h > 0 ? `${h}h${String(m).padStart(2, "0")}m` : m > 0 ? `${m}m${String(r).padStart(2, "0")}s` : `${r}s`;
}

export function progressLine(total: number, options: { quiet: boolean; stream?: NodeJS.WriteStream }): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.quiet || !stream.isTTY || total <= 0) return SILENT;
  const started = Date.now();
  let nextDraw = started + FIRST_DRAW_MS;
  let drawn = false;
  return {
    update(rowsDone) {
      const now = Date.now();
      if (now < nextDraw) return;
      nextDraw = now + REDRAW_MS;
      const seconds = (now - started) / 1000;
      const rate = rowsDone / seconds;
      const left = rate > 0 ? (total - rowsDone) / rate : Infinity;
      const percent = ((100 * rowsDone) / total).toFixed(1);
      stream.write(`\r\x1b[2Ksynth: ${compact(rowsDone)}/${compact(total)} rows (${percent}%), ${compact(rate)} rows/s, ${duration(left)} left`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write("\r\x1b[2K");
    },
  };
}
