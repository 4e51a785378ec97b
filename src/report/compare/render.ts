import { Chalk, type ChalkInstance } from "chalk";
import type { CompareReport } from "./compare.js";
import type { Verdict } from "./verdict.js";

/**
 * The compare report for a terminal (a table, coloured when `color`) or as JSON. Colour is an
 * argument, not global state: the CLI decides it from the terminal and --no-color.
 */

export function renderCompareJson(report: CompareReport, verdict?: Verdict): string {
  return JSON.stringify(verdict ? { verdict, ...report } : report, null, 2) + "\n";
}

const GOOD = 0.95;
const FAIR = 0.9;

function percent(rate: number): string {
  return `${(rate * 100).toFixed(rate > 0 && rate < 0.001 ? 3 : 1)}%`;
}

function pad(text: string, width: number, visible = text.length): string {
  return text + " ".repeat(Math.max(0, width - visible));
}

export function renderCompareText(report: CompareReport, options: { color: boolean; verdict?: Verdict }): string {
  const c: ChalkInstance = new Chalk({ level: options.color ? 1 : 0 });
  const scoreText = (score: number | null) => {
    if (score === null) return c.dim("-");
    const text = score.toFixed(3);
    return score >= GOOD ? c.green(text) : score >= FAIR ? c.yellow(text) : c.red(text);
  };
  const lines: string[] = [];
  if (options.verdict) {
    const v = options.verdict;
    lines.push(v.pass === false ? c.red.bold(v.line) : v.pass === true ? c.green.bold(v.line) : c.bold(v.line), "");
  }
  lines.push(c.bold(`Fidelity: ${report.dummy.file} (${report.dummy.rows} rows) against ${report.real.file} (${report.real.rows} rows)`), "");
  const header = ["column", "kind", "metric", "score", "missing real", "missing dummy", ""];
  const rows = report.columns.map((col) => [
    col.column,
    col.kind,
    col.metric ?? "",
    col.score === null ? "-" : col.score.toFixed(3),
    col.missing.real.toFixed(3),
    col.missing.dummy.toFixed(3),
    [col.note, col.unreadable > 0 ? `${col.unreadable} unreadable dummy values` : undefined].filter(Boolean).join("; "),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  lines.push("  " + header.map((h, i) => pad(c.dim(h), widths[i]!, h.length)).join("  ").trimEnd());
  report.columns.forEach((col, r) => {
    const cells = rows[r]!;
    const missingGap = Math.abs(col.missing.real - col.missing.dummy);
    const shown = [
      cells[0]!,
      cells[1]!,
      cells[2]!,
      scoreText(col.score),
      cells[4]!,
      missingGap > 0.01 ? c.yellow(cells[5]!) : cells[5]!,
      c.dim(cells[6]!),
    ];
    lines.push("  " + shown.map((text, i) => pad(text, widths[i]!, cells[i]!.length)).join("  ").trimEnd());
  });
  const scored = report.columns.filter((col) => col.score !== null).length;
  lines.push(
    "",
    `  Column Shapes: ${c.bold(scoreText(report.columnShapes))}  (mean over ${scored} scored column${scored === 1 ? "" : "s"}; ${report.columns.length - scored} not scored)`,
  );
  const pairCount = report.pairs.filter((pair) => pair.score !== null).length;
  lines.push(`  Column Pair Trends: ${c.bold(scoreText(report.columnPairTrends))}  (mean over ${pairCount} scored pair${pairCount === 1 ? "" : "s"})`);
  const weakest = report.pairs.filter((pair) => pair.score !== null && pair.score < FAIR).sort((a, b) => a.score! - b.score!).slice(0, 5);
  for (const pair of weakest) lines.push(c.dim(`    weakest: ${pair.columns.join(" × ")} ${pair.score!.toFixed(3)} (${pair.metric})`));
  const halves = report.realHalves;
  lines.push(c.dim(`  A real half against the other half (${halves.rows[0]} and ${halves.rows[1]} rows), for scale: Column Shapes ${halves.columnShapes === null ? "-" : halves.columnShapes.toFixed(3)}, Column Pair Trends ${halves.columnPairTrends === null ? "-" : halves.columnPairTrends.toFixed(3)}`));
  if (report.rules.length > 0) {
    const broken = report.rules.filter((rule) => rule.broken > 0).length;
    lines.push("", c.bold(`Rules found in the real data: ${report.rules.length}, broken by dummy rows: ${broken === 0 ? c.green("none") : c.red(String(broken))}`));
    for (const rule of report.rules) {
      const count = rule.note ? c.dim(rule.note) : rule.broken > 0 ? c.red(`${rule.broken} rows (${percent(rule.brokenRate)})`) : c.green("0 rows");
      lines.push(`  ${rule.words}: ${count}`);
    }
  }
  if (report.extraColumns.length > 0) lines.push(c.yellow(`  Dummy columns not in the real data: ${report.extraColumns.join(", ")}`));

  const d = report.disclosure;
  const dcr = d.distanceToClosestRecord;
  const flag = (count: number, text: string) => (count > 0 ? c.yellow(text) : c.green(text));
  lines.push(
    "",
    c.bold("Disclosure"),
    `  Dummy rows equal to a real row:                     ${flag(d.exactMatches, `${d.exactMatches} (${percent(d.exactMatchRate)})`)}`,
    `  ... to a real row that is unique in the real data:  ${d.uniqueMatches > 0 ? c.red(`${d.uniqueMatches} (${percent(d.uniqueMatchRate)})`) : c.green(`${d.uniqueMatches} (${percent(d.uniqueMatchRate)})`)}`,
    `  Distance to closest real row: median ${dcr.median.toFixed(3)}, 5th percentile ${dcr.p5.toFixed(3)}  (real to real: median ${dcr.realToRealMedian.toFixed(3)})`,
    c.dim(`  Rows compared on ${d.comparedColumns.length} column${d.comparedColumns.length === 1 ? "" : "s"} (identifiers left out); distances from ${dcr.dummyRowsSampled} sampled dummy rows to ${dcr.realRowsCompared} real rows, 0 = identical, 1 = different in every column.`),
  );
  return lines.join("\n") + "\n";
}
