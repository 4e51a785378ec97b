import { Chalk } from "chalk";
import { wrap } from "../report/describe/text.js";
import type { CheckResult, Issue, OutputColumn } from "./check.js";

import { CHECK_FORMATS, type CheckFormat } from "./check-formats.js";
export { CHECK_FORMATS, type CheckFormat };

/** The minimisation summary a holder reviews, as plain data (also the JSON output). */
export interface RequestSummary {
  ok: boolean;
  dataset: { title: string; id?: string };
  requester?: { organisation: string; team?: string; contact?: string };
  purpose?: string;
  lawfulBasis?: string;
  referenceDate?: string;
  columns: { requested: number; total: number; notRequested: string[] };
  directIdentifiers: { requested: ColumnLine[]; total: number };
  indirectIdentifiers: { requested: ColumnLine[]; total: number };
  specialCategory: { requested: ColumnLine[]; total: number };
  extract: ColumnLine[];
  coarsenings: ColumnLine[];
  filters: string[];
  warnings: Issue[];
  errors: Issue[];
}

export interface ColumnLine {
  column: string;
  /** Name in the extract. */
  as: string;
  coarsened?: string;
  category?: string;
  purpose?: string;
}

function line(o: OutputColumn): ColumnLine {
  return {
    column: o.source.name,
    as: o.name,
    ...(o.coarsening ? { coarsened: o.coarsening.summary } : {}),
    ...(o.source.specialCategory ? { category: o.source.specialCategory.value } : {}),
    ...(o.purpose ? { purpose: o.purpose } : {}),
  };
}

export function summarise(result: CheckResult): RequestSummary {
  const { columns, output } = result;
  const request = result.errors.some((e) => e.pointer === "" || e.pointer.startsWith("/format") || e.pointer.startsWith("/version")) ? undefined : result.request;
  const requested = new Set(output.map((o) => o.source.name));
  const direct = columns.filter((c) => c.identifier?.value === "direct");
  const indirect = columns.filter((c) => c.identifier?.value === "indirect");
  const special = columns.filter((c) => c.specialCategory);
  return {
    ok: result.ok,
    dataset: result.dataset,
    ...(request && typeof request === "object"
      ? {
          ...(request.requester ? { requester: request.requester } : {}),
          ...(typeof request.purpose === "string" ? { purpose: request.purpose } : {}),
          ...(typeof request.lawfulBasis === "string" ? { lawfulBasis: request.lawfulBasis } : {}),
          ...(typeof request.referenceDate === "string" ? { referenceDate: request.referenceDate } : {}),
        }
      : {}),
    columns: { requested: output.length, total: columns.length, notRequested: columns.filter((c) => !requested.has(c.name)).map((c) => c.name) },
    directIdentifiers: { requested: output.filter((o) => o.source.identifier?.value === "direct").map(line), total: direct.length },
    indirectIdentifiers: { requested: output.filter((o) => o.source.identifier?.value === "indirect").map(line), total: indirect.length },
    specialCategory: { requested: output.filter((o) => o.source.specialCategory).map(line), total: special.length },
    extract: output.map(line),
    coarsenings: output.filter((o) => o.coarsening).map(line),
    filters: result.filters.map((f) => f.text),
    warnings: result.warnings,
    errors: result.errors,
  };
}

function where(file: string, issue: Issue): string {
  return `${file} at ${issue.pointer === "" ? "/" : issue.pointer}`;
}

function columnText(c: ColumnLine, withCategory = false): string {
  const renamed = c.as !== c.column ? ` → ${c.as}` : "";
  const category = withCategory && c.category ? ` [${c.category}]` : "";
  return `${c.column}${renamed}${category}${c.coarsened ? `: ${c.coarsened}` : ""}`;
}

/** The summary for a terminal. */
export function renderCheckText(result: CheckResult, options: { color: boolean }): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const s = summarise(result);
  const out: string[] = [];
  const heading = (text: string) => out.push("", c.bold(text));
  out.push(c.bold.underline(`Data request for ${s.dataset.title}`));
  if (s.dataset.id) out.push(c.dim(s.dataset.id));
  const hang = " ".repeat(14);
  const field = (label: string, text: string) => {
    const lines = wrap(text, 80, hang);
    out.push(c.dim(label.padEnd(14)) + lines[0], ...lines.slice(1));
  };
  if (s.requester) field("From:", [s.requester.organisation || "(not filled in)", s.requester.team].filter(Boolean).join(", "));
  if (s.requester?.contact) field("Contact:", s.requester.contact);
  if (s.purpose !== undefined) field("Purpose:", s.purpose || "(not filled in)");
  if (s.lawfulBasis !== undefined) field("Lawful basis:", s.lawfulBasis || "(not filled in)");
  if (s.referenceDate) out.push(`${c.dim("Ages at:      ")}${s.referenceDate}`);

  heading("Minimisation");
  out.push(`  Columns requested:        ${s.columns.requested} of ${s.columns.total}`);
  const item = (text: string, paint: (s: string) => string = (x) => x) => {
    for (const l of wrap("- " + text, 76, "  ")) out.push("    " + paint(l));
  };
  const label = (text: string) => out.push(`  ${text.padEnd(26)}`);
  label("Direct identifiers:");
  out[out.length - 1] += `${s.directIdentifiers.requested.length} of ${s.directIdentifiers.total}`;
  for (const i of s.directIdentifiers.requested) item(columnText(i), c.red);
  label("Indirect identifiers:");
  out[out.length - 1] += `${s.indirectIdentifiers.requested.length} of ${s.indirectIdentifiers.total}`;
  for (const i of s.indirectIdentifiers.requested) item(columnText(i));
  label("Special-category columns:");
  out[out.length - 1] += `${s.specialCategory.requested.length} of ${s.specialCategory.total}`;
  for (const i of s.specialCategory.requested) item(columnText(i, true), c.magenta);

  heading("The extract");
  if (s.extract.length === 0) out.push("  (no columns)");
  for (const e of s.extract) {
    const text = e.coarsened ? `from ${e.column}: ${e.coarsened}` : e.as === e.column ? "as held" : `= ${e.column}`;
    const lines = wrap(text, 80, " ".repeat(27));
    out.push(`  ${e.as.padEnd(24)} ${lines[0]}`, ...lines.slice(1));
  }
  heading("Row filters");
  if (s.filters.length === 0) out.push("  (none: every row)");
  for (const f of s.filters) out.push(`  ${f}`);
  if (s.columns.notRequested.length > 0) {
    heading("Not requested");
    out.push(...wrap(s.columns.notRequested.join(", "), 78, "  ").map((l, i) => (i === 0 ? "  " + l : l)));
  }
  if (s.warnings.length > 0) {
    heading(`Warnings (${s.warnings.length})`);
    for (const w of s.warnings) {
      const lines = wrap(`${w.message} (${where(result.file, w)})`, 76, "    ");
      out.push(`  ${c.yellow("!")} ${lines[0]}`, ...lines.slice(1));
    }
  }
  if (s.errors.length > 0) {
    heading(`Errors (${s.errors.length})`);
    for (const e of s.errors) {
      const lines = wrap(`${where(result.file, e)}: ${e.message}`, 76, "    ");
      out.push(`  ${c.red("✗")} ${lines[0]}`, ...lines.slice(1));
    }
  }
  out.push("");
  const verdict = s.ok
    ? c.green(`✓ The request is well-formed${s.warnings.length ? `, with ${s.warnings.length} warning${s.warnings.length > 1 ? "s" : ""} to review` : ""}.`)
    : c.red(`✗ The request has ${s.errors.length} error${s.errors.length > 1 ? "s" : ""}.`);
  out.push(verdict);
  return out.join("\n") + "\n";
}

const md = (text: string) => text.replace(/\|/g, "\\|").replace(/([*_`[\]<>])/g, "\\$1");

/** The summary for an email or a review ticket. */
export function renderCheckMarkdown(result: CheckResult): string {
  const s = summarise(result);
  const out: string[] = [];
  out.push(`# Data request for ${md(s.dataset.title)}`, "");
  if (s.dataset.id) out.push(`Schema: \`${s.dataset.id}\``, "");
  if (s.requester) out.push(`- **From:** ${md([s.requester.organisation || "(not filled in)", s.requester.team].filter(Boolean).join(", "))}${s.requester.contact ? ` (${md(s.requester.contact)})` : ""}`);
  if (s.purpose !== undefined) out.push(`- **Purpose:** ${md(s.purpose || "(not filled in)")}`);
  if (s.lawfulBasis !== undefined) out.push(`- **Lawful basis:** ${md(s.lawfulBasis || "(not filled in)")}`);
  if (s.referenceDate) out.push(`- **Ages at:** ${s.referenceDate}`);
  out.push("", "## Minimisation", "");
  out.push(`| | Requested |`, `|---|--:|`);
  out.push(`| Columns | ${s.columns.requested} of ${s.columns.total} |`);
  out.push(`| Direct identifiers | ${s.directIdentifiers.requested.length} of ${s.directIdentifiers.total} |`);
  out.push(`| Indirect identifiers | ${s.indirectIdentifiers.requested.length} of ${s.indirectIdentifiers.total} |`);
  out.push(`| Special-category columns | ${s.specialCategory.requested.length} of ${s.specialCategory.total} |`);
  out.push("", "## The extract", "", "| Extract column | From | Form | Flags | Purpose stated |", "|---|---|---|---|---|");
  for (const o of result.output) {
    const flags = [o.source.identifier ? `${o.source.identifier.value} identifier` : "", o.source.specialCategory ? `special category: ${o.source.specialCategory.value}` : ""].filter(Boolean).join("; ");
    out.push(`| \`${o.name}\` | \`${o.source.name}\` | ${md(o.coarsening?.summary ?? "as held")} | ${md(flags)} | ${o.purpose ? md(o.purpose) : flags ? "**none**" : ""} |`);
  }
  out.push("", "## Row filters", "");
  if (s.filters.length === 0) out.push("None: every row.");
  for (const f of s.filters) out.push(`- \`${f}\``);
  if (s.columns.notRequested.length > 0) out.push("", "## Not requested", "", s.columns.notRequested.map((n) => `\`${n}\``).join(", "));
  if (s.warnings.length > 0) {
    out.push("", `## Warnings (${s.warnings.length})`, "");
    for (const w of s.warnings) out.push(`- ${md(w.message)} (\`${w.pointer}\`)`);
  }
  if (s.errors.length > 0) {
    out.push("", `## Errors (${s.errors.length})`, "");
    for (const e of s.errors) out.push(`- \`${e.pointer || "/"}\`: ${md(e.message)}`);
  }
  out.push("", s.ok ? `**Result:** well-formed${s.warnings.length ? `, ${s.warnings.length} warning${s.warnings.length > 1 ? "s" : ""} to review` : ""}.` : `**Result:** ${s.errors.length} error${s.errors.length > 1 ? "s" : ""}.`);
  return out.join("\n") + "\n";
}

export function renderCheck(result: CheckResult, format: CheckFormat, options: { color: boolean }): string {
  if (format === "json") return JSON.stringify(summarise(result), null, 2) + "\n";
  if (format === "markdown") return renderCheckMarkdown(result);
  return renderCheckText(result, options);
}
