import { structureSentences } from "./structure.js";
import { Chalk, type ChalkInstance } from "chalk";
import { ABOUT_FIELDS, requestSteps } from "./about.js";
import { plainType } from "./columns.js";
import { binWord, type Chart } from "./distribution.js";
import { emptyLine, flagWords, lengthLine, percent, type Dictionary, type DictionaryColumn } from "./model.js";

export interface TextOptions {
  /** Colour on or off: the caller decides (TTY, NO_COLOR); the library never looks at process. */
  color: boolean;
  /** Line width (default 80). */
  width?: number;
}

const LABEL = 11;
const INDENT = 3;
const BLOCKS = " ▁▂▃▄▅▆▇█";

/**
 * Word-wraps text so that every line fits `width` once prefixed by `hang`: lines after the first get
 * `hang`; the caller puts something as wide before the first.
 */
export function wrap(text: string, width: number, hang = ""): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const limit = width - hang.length;
    if (line === "") line = word;
    else if (line.length + 1 + word.length <= limit) line += " " + word;
    else {
      lines.push(line);
      line = word;
    }
    while (line.length > limit && limit > 10) {
      lines.push(line.slice(0, limit));
      line = line.slice(limit);
    }
  }
  if (line !== "" || lines.length === 0) lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : hang + l));
}

function bar(fraction: number, width: number): string {
  const eighths = Math.round(Math.max(0, Math.min(1, fraction)) * width * 8);
  const full = Math.floor(eighths / 8);
  const rest = eighths % 8;
  return "█".repeat(full) + (rest > 0 ? "▏▎▍▌▋▊▉"[rest - 1] ?? "" : "");
}

function sparkline(fractions: number[]): string {
  const max = Math.max(...fractions, 1e-12);
  return fractions.map((f) => (f <= 0 ? BLOCKS[0] : BLOCKS[Math.max(1, Math.round((f / max) * 8))])).join("");
}

function field(c: ChalkInstance, label: string, lines: string[]): string[] {
  const pad = " ".repeat(INDENT);
  return lines.map((line, i) => pad + (i === 0 ? c.dim(label.padEnd(LABEL)) : " ".repeat(LABEL)) + line);
}

function chartLines(c: ChalkInstance, chart: Chart, width: number): string[] {
  const room = width - INDENT - LABEL;
  if (chart.kind === "histogram") {
    const source = chart.source === "sample" ? "dummy sample" : "statistics";
    const peak = Math.max(...chart.bins.map((b) => b.fraction));
    return [
      `${c.cyan(sparkline(chart.bins.map((b) => b.fraction)))}  ${chart.from} … ${chart.to}  ${c.dim(`(${source})`)}`,
      ...wrap(`one bar per ${binWord(chart)}; the tallest holds ${percent(peak)} of values`, room).map((line) => c.dim(line)),
    ];
  }
  // Codes and meanings wrap onto further lines, never cut: a request's groups need the exact labels.
  const codeWidth = Math.min(12, Math.max(...chart.bars.map((b) => b.label.length)));
  const barWidth = 14;
  const meanings = chart.bars.some((b) => b.meaning);
  const meaningWidth = meanings ? Math.max(12, room - codeWidth - 2 - 11 - 1 - barWidth) : 0;
  const max = Math.max(...chart.bars.map((b) => (b.heldBack ? 0 : b.fraction)), 1e-12);
  return chart.bars.flatMap((b) => {
    const codeLines = wrap(b.label, codeWidth);
    const meaningLines = meanings ? wrap(b.meaning ?? "", meaningWidth) : [""];
    const share = b.heldBack ? "held back" : percent(b.fraction);
    const lines: string[] = [];
    const count = Math.max(codeLines.length, meaningLines.length);
    // The share goes on the last line, so that a wrapped meaning reads on without a figure inside it.
    for (let i = 0; i < count; i++) {
      const code = c.bold((codeLines[i] ?? "").padEnd(codeWidth));
      const meaning = meanings ? "  " + (meaningLines[i] ?? "").padEnd(meaningWidth) : "";
      lines.push(i === count - 1 ? `${code}${meaning} ${share.padStart(9)} ${b.heldBack ? "" : c.cyan(bar(b.fraction / max, barWidth))}`.trimEnd() : `${code}${meaning}`.trimEnd());
    }
    return lines;
  });
}

function columnBlock(c: ChalkInstance, column: DictionaryColumn, index: number, width: number): string[] {
  const out: string[] = [];
  const flags = flagWords(column);
  const number = String(index + 1).padStart(2);
  out.push(`${c.dim(number)} ${c.bold(column.name)}`);
  // flagWords lists identifier, then special category, then other sensitive kind: one badge each.
  const badges = flags.map((flag, i) => (i === 0 && column.identifier ? (column.identifier.value === "direct" ? c.red.bold(`[${flag}]`) : c.yellow(`[${flag}]`)) : c.magenta(`[${flag}]`)));
  for (const badge of badges) out.push(" ".repeat(INDENT) + badge);
  const text = width - INDENT - LABEL;
  if (column.title) out.push(...field(c, "title", wrap(column.title, text)));
  if (column.description) out.push(...field(c, "about", wrap(column.description, text)));
  out.push(...field(c, "type", wrap(plainType(column) + (column.unique ? ", unique" : ""), text)));
  out.push(...field(c, "empty", wrap(emptyLine(column), text)));
  if (column.allowed) out.push(...field(c, "allowed", [`${column.allowed.min} … ${column.allowed.max}`]));
  if (column.observed) {
    const median = column.observed.median ? `, median ${column.observed.median}` : "";
    const source = column.observed.source === "sample" ? " (dummy sample)" : "";
    out.push(...field(c, "range", wrap(`${column.observed.min} … ${column.observed.max}${median}${source}`, text)));
  }
  const length = lengthLine(column);
  if (length) out.push(...field(c, "length", wrap(length, text)));
  if (column.generator) out.push(...field(c, "dummy", wrap(column.generator, text)));
  if (column.codes && !column.codeRows) {
    const codeWidth = Math.min(12, Math.max(...column.codes.map((code) => String(code.value).length)));
    out.push(...field(c, "codes", column.codes.flatMap((code) => wrap(code.label ?? "", text - codeWidth - 2).map((line, i) => `${i === 0 ? c.bold(String(code.value).padEnd(codeWidth)) : " ".repeat(codeWidth)}  ${line}`.trimEnd()))));
  }
  if (column.chart) out.push(...field(c, column.chart.kind === "bars" ? (column.codes ? "codes" : "values") : "histogram", chartLines(c, column.chart, width)));
  if (column.suppressed) out.push(...field(c, "", wrap(`+ ${column.suppressed.categories} rarer ${column.suppressed.categories === 1 ? "category" : "categories"} held back together (${percent(column.suppressed.fraction)} of values)`, text).map((line) => c.dim(line))));
  if (column.examples.length > 0) out.push(...field(c, "examples", wrap(column.examples.join(", "), text)));
  return out;
}

/** The dictionary for a terminal, readable at 80 columns. */
export function renderText(dictionary: Dictionary, options: TextOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const width = options.width ?? 80;
  const lines: string[] = [];
  lines.push(c.bold.underline(dictionary.title));
  if (dictionary.description) lines.push(...wrap(dictionary.description, width));
  lines.push("");
  const identifiers = dictionary.columns.filter((col) => col.identifier?.value === "direct").length;
  const indirect = dictionary.columns.filter((col) => col.identifier?.value === "indirect").length;
  const special = dictionary.columns.filter((col) => col.specialCategory).length;
  const sensitive = dictionary.columns.filter((col) => col.sensitive).length;
  lines.push(...wrap(`${dictionary.columns.length} columns · ${identifiers} direct identifiers · ${indirect} indirect identifiers · ${special} special-category columns${sensitive > 0 ? ` · ${sensitive} other sensitive ${sensitive === 1 ? "column" : "columns"}` : ""}`, width));
  for (const [key, words] of ABOUT_FIELDS) {
    const value = dictionary.about[key];
    if (value) lines.push(...wrap(`${c.dim(words + ":")} ${value}`, width, "  "));
  }
  lines.push(...wrap(`${c.dim("schema")}  ${dictionary.schemaFile}`, width, "  "));
  if (dictionary.stats) {
    const about = [dictionary.stats.rows !== undefined ? `${dictionary.stats.rows.toLocaleString("en-GB")} rows` : "", dictionary.stats.createdAt ? `profiled ${dictionary.stats.createdAt.slice(0, 10)}` : "", dictionary.stats.minCount !== undefined ? `categories under ${dictionary.stats.minCount} held back` : ""].filter(Boolean).join(", ");
    lines.push(...wrap(`${c.dim("stats")}   ${dictionary.stats.file ?? "given"}${about ? ` (${about})` : ""}`, width, "  "));
  }
  lines.push(...wrap(`${c.dim("examples")} from dummy data only: ${dictionary.sample.source}`, width, "  "));
  if (dictionary.structure) {
    const said = structureSentences(dictionary.structure);
    lines.push("", c.bold("How the columns go together"));
    for (const sentence of said.dependencies) lines.push(...wrap(`- ${sentence}`, width, "  "));
    if (said.rules.length > 0) lines.push(c.dim("Rules every dummy row keeps:"));
    for (const sentence of said.rules) lines.push(...wrap(`- ${sentence}`, width, "  "));
    if (said.independent) lines.push(...wrap(said.independent, width));
  }
  dictionary.columns.forEach((column, i) => {
    lines.push("", c.dim("─".repeat(width)));
    lines.push(...columnBlock(c, column, i, width));
  });
  lines.push("", c.dim("─".repeat(width)), c.bold("How to request the data"));
  for (const step of requestSteps(dictionary.schemaFile, dictionary.stats?.file)) {
    lines.push(...wrap(step.say, width));
    // Commands stay on one line, however long, so that they paste as they are.
    if (step.command) lines.push(`  $ ${step.command}`);
  }
  return lines.join("\n") + "\n";
}
