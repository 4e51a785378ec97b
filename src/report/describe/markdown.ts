import { structureSentences } from "./structure.js";
import { binWord } from "./distribution.js";
import { ABOUT_FIELDS, requestSteps } from "./about.js";
import { plainType } from "./columns.js";
import { emptyLine, flagWords, lengthLine, percent, type CodeRow, type Dictionary, type DictionaryColumn } from "./model.js";

/** Text safe inside a Markdown table cell or list item. */
export function mdCell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ").replace(/([*_`[\]<>&!#~])/g, "\\$1");
}

/**
 * A CommonMark code span that holds any text: its fence is a run of backticks longer than any inside,
 * and a space pads text that begins or ends with a backtick (which would otherwise join the fence and
 * leave the span open, letting what follows, raw HTML included, be rendered).
 */
export function code(text: string): string {
  const flat = text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = flat === "" || flat.startsWith("`") || flat.endsWith("`") || (flat.startsWith(" ") && flat.endsWith(" ") && flat.trim() !== "") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

const SPARK = " ▁▂▃▄▅▆▇█";

function sparkline(fractions: number[]): string {
  const max = Math.max(...fractions, 1e-12);
  return fractions.map((f) => (f <= 0 ? SPARK[0] : SPARK[Math.max(1, Math.round((f / max) * 8))])).join("");
}

function columnSection(column: DictionaryColumn, index: number): string[] {
  const out: string[] = [];
  out.push(`### ${index + 1}. ${code(column.name)}${column.title ? ` — ${mdCell(column.title)}` : ""}`, "");
  const flags = flagWords(column);
  if (flags.length > 0) out.push(`> **${flags.map(mdCell).join(" · ")}**`, "");
  if (column.description) out.push(mdCell(column.description), "");
  out.push(`- **Type:** ${mdCell(plainType(column))}${column.unique ? ", unique" : ""}`);
  out.push(`- **Empty:** ${mdCell(emptyLine(column))}`);
  if (column.allowed) out.push(`- **Allowed:** ${column.allowed.min} to ${column.allowed.max}`);
  if (column.observed) {
    const median = column.observed.median ? `, median ${code(column.observed.median)}` : "";
    out.push(`- **Range${column.observed.source === "sample" ? " (dummy sample)" : ""}:** ${code(column.observed.min)} … ${code(column.observed.max)}${median}`);
  }
  const length = lengthLine(column);
  if (length) out.push(`- **Length:** ${mdCell(length)}`);
  if (column.generator) out.push(`- **Dummy values:** ${mdCell(column.generator)}`);
  if (column.chart?.kind === "histogram") {
    const chart = column.chart;
    const peak = Math.max(...chart.bins.map((b) => b.fraction));
    out.push(`- **Distribution${chart.source === "sample" ? " (dummy sample)" : ""}:** ${code(sparkline(chart.bins.map((b) => b.fraction)))} ${code(chart.from)} … ${code(chart.to)} (one bar per ${binWord(chart)}; the tallest holds ${percent(peak)} of values)`);
  }
  if (column.examples.length > 0) out.push(`- **Examples (dummy):** ${column.examples.map(code).join(", ")}`);
  const rows: CodeRow[] | undefined = column.codeRows ?? column.codes?.map((c) => ({ value: String(c.value), ...(c.label ? { meaning: c.label } : {}) }));
  if (rows) {
    const shares = rows.some((r) => r.fraction !== undefined);
    out.push("", shares ? "| Code | Meaning | Share |" : "| Code | Meaning |", shares ? "|---|---|--:|" : "|---|---|");
    for (const row of rows) {
      const share = row.heldBack ? " held back |" : row.fraction !== undefined ? ` ${percent(row.fraction)} |` : shares ? " |" : "";
      out.push(`| ${code(row.value)} | ${mdCell(row.meaning ?? "")} |${share}`);
    }
    if (column.suppressed) out.push("", `*${column.suppressed.categories} rarer ${column.suppressed.categories === 1 ? "category" : "categories"} held back together (${percent(column.suppressed.fraction)} of values).*`);
  } else if (column.chart?.kind === "bars") {
    out.push("", "| Value | Share |", "|---|--:|");
    for (const bar of column.chart.bars) out.push(`| ${code(bar.label)} | ${percent(bar.fraction)} |`);
  }
  out.push("");
  return out;
}

/** The dictionary as Markdown, for a repository or an email. */
export function renderMarkdown(dictionary: Dictionary): string {
  const out: string[] = [];
  out.push(`# ${mdCell(dictionary.title)}: data dictionary`, "");
  if (dictionary.description) out.push(mdCell(dictionary.description), "");
  for (const [key, words] of ABOUT_FIELDS) {
    const value = dictionary.about[key];
    if (value) out.push(`- **${words}:** ${mdCell(value)}`);
  }
  out.push(`- **Schema:** ${code(dictionary.schemaFile)}${dictionary.id ? ` (${code(dictionary.id)})` : ""}`);
  if (dictionary.stats) {
    const parts = [dictionary.stats.file ? code(dictionary.stats.file) : "given", dictionary.stats.rows !== undefined ? `${dictionary.stats.rows.toLocaleString("en-GB")} rows` : "", dictionary.stats.createdAt ? `profiled ${dictionary.stats.createdAt.slice(0, 10)}` : ""].filter(Boolean);
    out.push(`- **Statistics:** ${parts.join(", ")}`);
    if (dictionary.stats.minCount !== undefined) out.push(`- **Disclosure control:** categories with fewer than ${dictionary.stats.minCount} records are held back`);
  }
  out.push(`- **Example values:** dummy data only (${mdCell(dictionary.sample.source)})`, "");
  const direct = dictionary.columns.filter((c) => c.identifier?.value === "direct").length;
  const special = dictionary.columns.filter((c) => c.specialCategory).length;
  const sensitive = dictionary.columns.filter((c) => c.sensitive).length;
  out.push(`${dictionary.columns.length} columns, ${direct} direct identifiers, ${special} special-category columns${sensitive > 0 ? `, ${sensitive} other sensitive ${sensitive === 1 ? "column" : "columns"}` : ""}.`, "");
  out.push("| # | Column | Title | Type | Empty | Flags |", "|--:|---|---|---|---|---|");
  dictionary.columns.forEach((column, i) => {
    const empty = !column.nullable && column.required ? "never" : column.empty ? percent(column.empty.fraction) : "may be";
    out.push(`| ${i + 1} | ${code(column.name)} | ${mdCell(column.title ?? "")} | ${mdCell(plainType(column))} | ${empty} | ${mdCell(flagWords(column).join("; "))} |`);
  });
  if (dictionary.structure) {
    const said = structureSentences(dictionary.structure);
    out.push("", "## How the columns go together", "");
    for (const sentence of said.dependencies) out.push(`- ${mdCell(sentence)}`);
    if (said.rules.length > 0) out.push("", "Rules every dummy row keeps:", "");
    for (const sentence of said.rules) out.push(`- ${mdCell(sentence)}`);
    if (said.independent) out.push("", mdCell(said.independent));
  }
  out.push("", "## Columns", "");
  dictionary.columns.forEach((column, i) => out.push(...columnSection(column, i)));
  out.push("## How to request the data", "");
  requestSteps(dictionary.schemaFile, dictionary.stats?.file).forEach((step, i) => {
    out.push(`${i + 1}. ${mdCell(step.say)}`);
    if (step.command) out.push("", "   ```sh", `   ${step.command}`, "   ```");
    out.push("");
  });
  return out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}
