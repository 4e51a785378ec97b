import { TOOL_VERSION } from "../../version.js";
import { percentText } from "../html/charts.js";
import { esc } from "../html/escape.js";
import { pageStart } from "../html/page.js";
import type { ColumnComparison, CompareReport } from "./compare.js";
import type { ColumnPicture } from "./picture.js";
import type { Verdict } from "./verdict.js";

/**
 * The compare report as one self-contained page: the verdict, per column real against dummy on one
 * shared axis, pair trends as a heatmap, missing values, and the disclosure figures beside their
 * baselines. Every figure is an aggregate of at least K real records.
 */

const GOOD = 0.95;
const FAIR = 0.9;
const grade = (score: number | null) => (score === null ? "none" : score >= GOOD ? "good" : score >= FAIR ? "fair" : "poor");
const show = (score: number | null) => (score === null ? "–" : score.toFixed(3));

/** Paired bars per category or bin: real above, dummy below, on one scale. */
function pairedBars(picture: ColumnPicture, name: string): string {
  const max = Math.max(...picture.bars.flatMap((b) => [b.real ?? 0, b.dummy]), 1e-12);
  const rows = picture.bars
    .map((b) => {
      const real = b.real === null ? `<span class="held">under K</span>` : percentText(b.real);
      return (
        `<li class="pair-row"><span class="label">${esc(b.label)}</span>` +
        `<span class="tracks" aria-hidden="true"><span class="track"><span class="fill real" style="width:${(((b.real ?? 0) / max) * 100).toFixed(1)}%"></span></span><span class="track"><span class="fill dummy" style="width:${((b.dummy / max) * 100).toFixed(1)}%"></span></span></span>` +
        `<span class="pcts"><span>${real}</span><span>${percentText(b.dummy)}</span></span></li>`
      );
    })
    .join("");
  const axis = picture.kind === "bins" ? `<p class="range">Bins of equal width from ${esc(picture.from ?? "")} to ${esc(picture.to ?? "")} (the K-th smallest to the K-th largest real value); dummy values beyond count in the end bins.</p>` : "";
  return `<ul class="pairs" aria-label="${esc(`Real against dummy: ${name}`)}">${rows}</ul>${axis}`;
}

function card(column: ColumnComparison): string {
  const picture = column.picture ? pairedBars(column.picture, column.column) : `<p class="muted">${esc(column.note ?? "No picture: not scored.")}</p>`;
  const tails = column.tails && (column.tails.below > 0 || column.tails.above > 0) ? `<div><dt>Beyond the real range</dt><dd>${percentText(column.tails.below)} below, ${percentText(column.tails.above)} above (of the range)</dd></div>` : "";
  return (
    `<article class="col" id="col-${esc(column.column.replace(/[^A-Za-z0-9_-]+/g, "-"))}"><header><h3><code>${esc(column.column)}</code></h3><span class="score ${grade(column.score)}">${show(column.score)}</span></header>` +
    `<dl class="facts"><div><dt>Kind</dt><dd>${esc(column.kind)}${column.metric ? `, ${esc(column.metric)}` : ""}</dd></div><div><dt>Missing</dt><dd>real ${percentText(column.missing.real)}, dummy ${percentText(column.missing.dummy)}</dd></div>${tails}${column.note && column.picture ? `<div><dt>Note</dt><dd>${esc(column.note)}</dd></div>` : ""}</dl>` +
    `<figure>${picture}</figure></article>`
  );
}

function heatmap(report: CompareReport): string {
  const names = [...new Set(report.pairs.flatMap((p) => p.columns))];
  if (names.length < 2) return "";
  const byPair = new Map(report.pairs.map((p) => [`${p.columns[0]}\u0000${p.columns[1]}`, p]));
  const cell = (a: string, b: string) => byPair.get(`${a}\u0000${b}`) ?? byPair.get(`${b}\u0000${a}`);
  const head = `<tr><th></th>${names.map((n) => `<th scope="col"><code>${esc(n)}</code></th>`).join("")}</tr>`;
  const rows = names
    .map((a) => `<tr><th scope="row"><code>${esc(a)}</code></th>${names.map((b) => {
      if (a === b) return `<td class="self"></td>`;
      const pair = cell(a, b);
      const score = pair?.score ?? null;
      const detail = pair?.real !== undefined && pair.dummy !== undefined ? ` (r real ${pair.real.toFixed(2)}, dummy ${pair.dummy.toFixed(2)})` : "";
      return `<td class="${grade(score)}" title="${esc(`${a} × ${b}: ${show(score)} ${pair?.metric ?? ""}${detail}`)}">${show(score)}</td>`;
    }).join("")}</tr>`)
    .join("");
  return `<section><h2>Column Pair Trends</h2><p>How well each pair of columns keeps its real relationship (1 = as in the real data): CorrelationSimilarity for two numbers or dates, ContingencySimilarity otherwise.</p><div class="scroll"><table class="heat">${head}${rows}</table></div></section>`;
}

const CSS = `
:root{--ink:#1c2430;--muted:#5b6675;--line:#dfe3e8;--bg:#f4f6f8;--card:#fff;--real:#0f6e6e;--dummy:#c26a1b}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.92em;overflow-wrap:anywhere}
.wrap{max-width:1080px;margin:0 auto;padding:0 24px}
.top{background:#14323a;color:#fff;padding:24px 0 18px}
.kicker{margin:0;text-transform:uppercase;letter-spacing:.12em;font-size:12px;color:#9fd3cf}
h1{margin:4px 0 8px;font-size:26px;line-height:1.2;overflow-wrap:anywhere}
.verdict{font-size:17px;font-weight:700;margin:8px 0;padding:8px 12px;border-radius:8px;background:rgba(255,255,255,.12)}
.verdict.pass{background:#1e6b3a}.verdict.fail{background:#9b1c12}
.totals{display:flex;flex-wrap:wrap;gap:10px;list-style:none;margin:8px 0 0;padding:0}
.totals li{background:rgba(255,255,255,.1);border-radius:8px;padding:6px 12px;font-size:13px}
.totals strong{font-size:18px;margin-right:4px}
h2{font-size:21px;margin:24px 0 8px}
.legend{display:flex;gap:16px;font-size:13px;margin:4px 0 10px}.legend span::before{content:"";display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:6px;vertical-align:-1px}
.legend .real::before{background:var(--real)}.legend .dummy::before{background:var(--dummy)}
.cols{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,440px),1fr));gap:14px}
.col{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:12px 16px;min-width:0}
.col header{display:flex;justify-content:space-between;gap:10px;align-items:center}
h3{margin:0;font-size:16px;min-width:0}
.score{font-weight:700;font-family:ui-monospace,Menlo,Consolas,monospace;border-radius:6px;padding:1px 8px}
.good{background:#dff3e6;color:#17653a}.fair{background:#fdf1dc;color:#8a5300}.poor{background:#fde8e6;color:#b42318}.none{background:#eef1f4;color:var(--muted)}
.facts{margin:6px 0;display:grid;gap:2px;font-size:13.5px}.facts div{display:grid;grid-template-columns:9.5em minmax(0,1fr);gap:6px}.facts dt{color:var(--muted)}.facts dd{margin:0}
figure{margin:6px 0 0}
.pairs{list-style:none;margin:0;padding:0;display:grid;gap:5px}
.pair-row{display:grid;grid-template-columns:minmax(3em,max-content) minmax(60px,1fr) 6.2em;gap:8px;align-items:center;font-size:13px}
.pair-row .label{font-family:ui-monospace,Menlo,Consolas,monospace;overflow-wrap:anywhere;max-width:14em}
.tracks{display:grid;gap:2px}.track{display:block;height:8px;background:#eef1f4;border-radius:2px}
.fill{display:block;height:100%;border-radius:2px;-webkit-print-color-adjust:exact;print-color-adjust:exact}.fill.real{background:var(--real)}.fill.dummy{background:var(--dummy)}
.pcts{display:grid;text-align:right;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:11.5px;line-height:1.15;color:var(--muted)}
.held{font-family:system-ui,sans-serif;font-style:italic}
.range,.muted{font-size:12px;color:var(--muted);margin:4px 0 0}
.scroll{max-width:100%;overflow-x:auto}
.heat{border-collapse:collapse;font-size:12px;font-family:ui-monospace,Menlo,Consolas,monospace;background:var(--card)}
.heat th,.heat td{border:1px solid #fff;padding:4px 6px;text-align:center;white-space:nowrap}
.heat th{font-weight:600;background:#eef1f4}.heat td.self{background:#f7f8fa}
.heat td{-webkit-print-color-adjust:exact;print-color-adjust:exact}
table.disc{border-collapse:collapse;background:var(--card);font-size:14px}
table.disc td,table.disc th{border-bottom:1px solid var(--line);padding:6px 10px;text-align:left;vertical-align:top}
footer{color:var(--muted);font-size:12.5px;padding:18px 0 40px}
@media (max-width:760px){.wrap{padding:0 14px}h1{font-size:22px}}
@media print{body{background:#fff}.top{background:#fff;color:#000;border-bottom:2pt solid #000}.kicker{color:#000}.verdict,.totals li{border:1px solid #999;-webkit-print-color-adjust:exact;print-color-adjust:exact}.col{break-inside:avoid}.scroll{overflow:visible}.wrap{max-width:none;padding:0}@page{margin:14mm}}
`;

export function renderCompareHtml(report: CompareReport, verdict: Verdict): string {
  const d = report.disclosure;
  const dcr = d.distanceToClosestRecord;
  const halves = report.realHalves;
  const brokenRules = report.rules.filter((r) => r.broken > 0).length;
  const rules = report.rules.length > 0 ? `<section><h2>Rules found in the real data</h2><p>${report.rules.length} ${report.rules.length === 1 ? "rule" : "rules"}; broken by dummy rows: ${brokenRules === 0 ? "none" : brokenRules}.</p><ul>${report.rules.map((r) => `<li>${esc(r.words)}: ${r.note ? esc(r.note) : `${r.broken} rows`}</li>`).join("")}</ul></section>` : "";
  return `${pageStart(`${report.dummy.file} against ${report.real.file} — fidelity and disclosure`, CSS)}<header class="top"><div class="wrap">
<p class="kicker">Fidelity and disclosure: dummy against real</p>
<h1><code>${esc(report.dummy.file)}</code> (${report.dummy.rows.toLocaleString("en-GB")} rows) against <code>${esc(report.real.file)}</code> (${report.real.rows.toLocaleString("en-GB")} rows)</h1>
<p class="verdict${verdict.pass === true ? " pass" : verdict.pass === false ? " fail" : ""}">${esc(verdict.line)}</p>
<ul class="totals"><li><strong>${show(report.columnShapes)}</strong>Column Shapes (real halves ${show(halves.columnShapes)})</li><li><strong>${show(report.columnPairTrends)}</strong>Column Pair Trends (real halves ${show(halves.columnPairTrends)})</li><li><strong>${d.exactMatches}</strong>dummy rows equal to a real row</li><li><strong>${d.uniqueMatches}</strong>equal to a unique real row</li></ul>
</div></header>
<main class="wrap">
<section><h2>Column by column</h2><p>Each column's score (SDMetrics: KSComplement for numbers and dates, TVComplement for categories) and its real and dummy distributions on one scale. Real shares resting on fewer than K records are not shown.</p>
<p class="legend"><span class="real">real</span><span class="dummy">dummy</span></p>
<div class="cols">${report.columns.map(card).join("\n")}</div></section>
${heatmap(report)}
${rules}
<section><h2>Disclosure</h2><table class="disc"><tbody>
<tr><th>Dummy rows equal to a real row</th><td>${d.exactMatches} (${percentText(d.exactMatchRate)})</td></tr>
<tr><th>… equal to a real row that is unique in the real data</th><td>${d.uniqueMatches} (${percentText(d.uniqueMatchRate)}): the copies that matter, since a copy of a common row identifies nobody</td></tr>
<tr><th>Distance to the closest real row</th><td>median ${dcr.median.toFixed(3)}, 5th percentile ${dcr.p5.toFixed(3)}; real rows to other real rows, for scale: median ${dcr.realToRealMedian.toFixed(3)}</td></tr>
<tr><th>Compared on</th><td>${d.comparedColumns.length} columns (identifiers left out); ${dcr.dummyRowsSampled} sampled dummy rows against ${dcr.realRowsCompared} real rows</td></tr>
</tbody></table></section>
</main>
<footer class="wrap">Written by synth ${esc(TOOL_VERSION)}. Every figure is an aggregate; no category or bin is shown for real data that rests on fewer than K records.</footer>
</body>
</html>
`;
}
