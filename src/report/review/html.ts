import { TOOL_VERSION } from "../../version.js";
import { ABOUT_FIELDS } from "../describe/about.js";
import { binWord } from "../describe/distribution.js";
import { barsHtml, CHART_CSS, histogramHtml } from "../html/charts.js";
import { esc } from "../html/escape.js";
import { pageStart } from "../html/page.js";
import type { Review, ReviewColumn } from "./model.js";

/** The review page: one self-contained HTML file (inline CSS, no script, no fetches), printable for signing. */

const list = (items: readonly string[], cls = "") => (items.length > 0 ? `<ul${cls ? ` class="${cls}"` : ""}>${items.map((i) => `<li>${esc(i)}</li>`).join("")}</ul>` : "");

function badges(column: ReviewColumn): string {
  return column.flags
    .map((flag) => {
      const cls = flag.startsWith("direct") ? "direct" : flag.startsWith("indirect") ? "indirect" : flag.startsWith("special") ? "special" : "sensitive";
      return `<span class="badge ${cls}">${esc(flag.charAt(0).toUpperCase() + flag.slice(1))}</span>`;
    })
    .join("");
}

function picture(column: ReviewColumn): string {
  const chart = column.chart;
  if (!chart) return "";
  if (chart.kind === "histogram") {
    return `<figure class="picture">${histogramHtml(chart.bins, `Published distribution of ${column.name}`, { from: chart.from, to: chart.to, per: binWord(chart) }, "small")}<figcaption>The distribution as the file publishes it (drawn from its quantiles)</figcaption></figure>`;
  }
  return `<figure class="picture">${barsHtml(chart.bars, `Published values of ${column.name}`)}<figcaption>Every value the file publishes, with its share</figcaption></figure>`;
}

function card(column: ReviewColumn, index: number): string {
  const withheld = column.withheld.length > 0 ? `<ul>${column.withheld.map((w) => `<li>${esc(w.words)}</li>`).join("")}</ul>` : `<p class="muted">Nothing withheld beyond what the kind never publishes.</p>`;
  return (
    `<article class="col${column.warnings.length > 0 ? " warn" : ""}" id="col-${esc(column.name.replace(/[^A-Za-z0-9_-]+/g, "-"))}">` +
    `<header><span class="num">${index + 1}</span><div class="names"><h3><code>${esc(column.name)}</code></h3>${column.title ? `<p class="title">${esc(column.title)}</p>` : ""}<p class="kind">Published as <strong>${esc(column.kind)}</strong>${column.reason ? `: ${esc(column.reason)}` : ""}</p></div><div class="badges">${badges(column)}</div></header>` +
    (column.warnings.length > 0 ? `<div class="alert" role="alert"><strong>Check before signing:</strong>${list(column.warnings)}</div>` : "") +
    `<div class="grid"><div><h4>What is published</h4>${list(column.published)}<h4>Why it is safe</h4>${list(column.safe)}<h4>Withheld</h4>${withheld}</div>${picture(column)}</div>` +
    `</article>`
  );
}

function modelSection(review: Review): string {
  const model = review.model;
  if (!model && review.rules.length === 0) return `<section><h2>How columns depend on one another</h2><p>No dependence model and no rules: every column is generated on its own.</p></section>`;
  const parts = model
    ? model.parts
        .filter((p) => p.parents.length > 0 || p.groups !== undefined)
        .map((p) => `<tr><td><code>${esc(p.column)}</code></td><td>${p.parents.map((x) => `<code>${esc(x)}</code>`).join(", ") || "none"}</td><td class="n">${p.published ?? "—"}</td><td class="n">${p.withheld ?? "—"}</td><td class="n">${p.groups ?? ""}</td></tr>`)
        .join("")
    : "";
  const table = parts ? `<div class="scroll"><table class="model"><thead><tr><th>Column</th><th>Depends on</th><th>Counts published</th><th>Counts withheld (under K)</th><th>Groups</th></tr></thead><tbody>${parts}</tbody></table></div>` : "";
  return (
    `<section><h2>How columns depend on one another</h2>` +
    (model ? `<p>A dependence model learned from ${model.sampled ? "a uniform sample of " : ""}${model.rows.toLocaleString("en-GB")} real rows. It publishes counts of rows by each column's state and its parents' states; every count is at least ${review.minCount}, smaller ones are withheld (null) and never generated.${model.together.length > 1 ? ` Numbers and dates that move together (correlations published): ${esc(model.together.join(", "))}.` : ""}</p>${table}` : "<p>No dependence model.</p>") +
    (review.rules.length > 0 ? `<h3>Rules found in the real data (each holds in every real row)</h3>${list(review.rules.map((r) => r.words))}` : "") +
    `</section>`
  );
}

function checklistSection(review: Review): string {
  const items = review.checklist
    .map((c) => `<li class="${c.auto ?? ""}"><span class="box" aria-hidden="true">${c.auto === "pass" ? "✓" : c.auto === "fail" ? "✗" : ""}</span><span>${esc(c.item)}${c.auto ? ` <em>(checked by synth: ${c.auto === "pass" ? "passes" : "fails"})</em>` : ""}</span></li>`)
    .join("");
  const line = (label: string) => `<div class="sign"><span>${esc(label)}</span><span class="line"></span></div>`;
  return `<section class="checklist"><h2>Sign-off</h2><p>Tick each item once checked. Release the file only when every item holds.</p><ul class="checks">${items}</ul>${line("Reviewer")}${line("Role")}${line("Date")}${line("Decision (release / do not release)")}${line("Signature")}</section>`;
}

const CSS = `
:root{--ink:#1c2430;--muted:#5b6675;--line:#dfe3e8;--bg:#f4f6f8;--card:#fff;--accent:#0f6e6e;--direct:#b42318;--warn:#8a5300;--warn-bg:#fdf1dc}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.92em;overflow-wrap:anywhere}
.wrap{max-width:1080px;margin:0 auto;padding:0 24px}
.top{background:#2b2140;color:#fff;padding:26px 0 20px}
.kicker{margin:0;text-transform:uppercase;letter-spacing:.12em;font-size:12px;color:#d9c8f5}
h1{margin:4px 0 10px;font-size:28px;line-height:1.2}
.top dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:4px 14px;margin:0;font-size:14px;max-width:90ch}
.top dt{font-weight:600}.top dd{margin:0;overflow-wrap:anywhere;color:#ece6f7}
.summary{display:flex;flex-wrap:wrap;gap:10px;list-style:none;margin:14px 0 0;padding:0}
.summary li{background:rgba(255,255,255,.12);border-radius:8px;padding:6px 12px;font-size:13px}
.summary strong{font-size:18px;margin-right:4px}
main{padding-bottom:30px}
h2{font-size:21px;margin:26px 0 10px}
h3{margin:0;font-size:17px}
h4{margin:10px 0 2px;font-size:13px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
section{margin:0}
ul{margin:4px 0;padding-left:20px}
li{margin:2px 0}
.notes li{margin:6px 0}
.col{background:var(--card);border:1px solid var(--line);border-left:4px solid #c5d3d8;border-radius:12px;margin:14px 0;padding:14px 18px}
.col.warn{border-left-color:var(--direct)}
.col>header{display:flex;gap:12px;flex-wrap:wrap;align-items:flex-start}
.num{flex:none;width:28px;height:28px;border-radius:50%;background:#ebe4f7;color:#4b2d83;font-weight:700;font-size:13px;display:flex;align-items:center;justify-content:center}
.names{flex:1 1 220px;min-width:0}
.title,.kind{margin:0;color:var(--muted);font-size:14px}
.badges{display:flex;flex-wrap:wrap;gap:6px}
.badge{display:inline-block;border-radius:999px;padding:2px 10px;font-size:12px;font-weight:600;border:1px solid transparent}
.badge.direct{background:#fde8e6;color:var(--direct);border-color:#f5b5ae}
.badge.indirect{background:#fdf1dc;color:#8a5300;border-color:#f0cf94}
.badge.special{background:#f1e8fa;color:#6b2fa0;border-color:#d6bdf0}
.badge.sensitive{background:#e8f0fb;color:#1d4f91;border-color:#b7cdee}
.alert{background:var(--warn-bg);border:1px solid #f0cf94;border-radius:8px;padding:8px 12px;margin:10px 0 0;color:#5c3800}
.grid{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:8px 28px;margin-top:6px;align-items:start}
.picture{margin:10px 0 0}
figcaption{font-size:12px;color:var(--muted);margin-top:4px}
.muted{color:var(--muted)}
.scroll{max-width:100%;overflow-x:auto}
table.model{border-collapse:collapse;background:var(--card);border:1px solid var(--line);font-size:13.5px;min-width:100%}
table.model th,table.model td{border-bottom:1px solid var(--line);padding:5px 10px;text-align:left;vertical-align:top}
table.model th{background:#eef1f4;font-size:12px;color:var(--muted)}
table.model .n{text-align:right;font-variant-numeric:tabular-nums}
.checklist{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:14px 20px;margin:22px 0}
.checks{list-style:none;padding:0}
.checks li{display:flex;gap:10px;margin:8px 0;align-items:flex-start}
.checks .box{flex:none;width:20px;height:20px;border:2px solid #5b6675;border-radius:3px;display:inline-flex;align-items:center;justify-content:center;font-weight:700;font-size:14px;line-height:1}
.checks .pass .box{color:#17653a;border-color:#17653a}.checks .fail .box{color:var(--direct);border-color:var(--direct)}
.checks em{color:var(--muted);font-size:13px}
.checks li>span:last-child{min-width:0;overflow-wrap:anywhere}
.sign{display:flex;gap:12px;align-items:flex-end;margin:18px 0 0}
.sign span:first-child{flex:none;min-width:9em;font-weight:600}
.sign .line{flex:1;border-bottom:1px solid #5b6675;height:1.4em}
footer{color:var(--muted);font-size:12.5px;padding:10px 0 40px}
${CHART_CSS}
@media (max-width:760px){.wrap{padding:0 14px}.grid{grid-template-columns:1fr}.top dl{grid-template-columns:1fr}.top dd{margin-bottom:4px}h1{font-size:23px}.col{padding:12px}.sign span:first-child{min-width:6em}}
@media print{
 body{background:#fff;font-size:10.5pt}
 .top{background:#fff;color:#000;border-bottom:2pt solid #000;padding:0 0 8pt}
 .kicker,.top dd{color:#000}.summary li{background:#fff;border:1px solid #999}
 .wrap{max-width:none;padding:0}
 .col{break-inside:avoid;border:1px solid #999;border-left-width:4px}
 .badge,.alert,.checks .box{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 .checklist{break-inside:avoid}
 .scroll{overflow:visible}
 @page{margin:14mm}
}
`;

export function renderReviewHtml(review: Review): string {
  const about = ABOUT_FIELDS.filter(([key]) => review.about[key]).map(([key, words]) => `<dt>${esc(words)}</dt><dd>${esc(review.about[key]!)}</dd>`);
  const facts: string[] = [...about];
  if (review.statsFile) facts.push(`<dt>Statistics file</dt><dd><code>${esc(review.statsFile)}</code>${review.bytes !== undefined ? `, ${review.bytes.toLocaleString("en-GB")} bytes` : ""}</dd>`);
  if (review.sha256) facts.push(`<dt>Its sha256</dt><dd><code>${esc(review.sha256)}</code></dd>`);
  if (review.rows !== undefined) facts.push(`<dt>Real rows</dt><dd>${review.rows.toLocaleString("en-GB")}${review.source?.name ? ` in <code>${esc(review.source.name)}</code>` : ""}${review.createdAt ? `, profiled ${esc(review.createdAt.slice(0, 10))}` : ""}${review.toolVersion ? ` by synth ${esc(review.toolVersion)}` : ""}</dd>`);
  facts.push(`<dt>Disclosure control</dt><dd>K = ${review.minCount}: nothing published rests on fewer than ${review.minCount} records${review.epsilon !== undefined ? `; differential privacy, epsilon ${review.epsilon}${review.epsilonSpent !== undefined ? ` (spent ${review.epsilonSpent})` : ""}` : "; no differential privacy"}</dd>`);
  const t = review.totals;
  const warnings = review.columns.filter((c) => c.warnings.length > 0);
  return `${pageStart(`${review.title} — disclosure review`, CSS)}<header class="top"><div class="wrap">
<p class="kicker">Disclosure review: what leaves, before it leaves</p>
<h1>${esc(review.title)}</h1>
<dl>${facts.join("")}</dl>
<ul class="summary"><li><strong>${t.columns}</strong>columns</li><li><strong>${t.publishingValues}</strong>publish values</li><li><strong>${t.withheldValues}</strong>values withheld</li><li><strong>${t.withheldModelCounts}</strong>model counts withheld</li><li><strong>${t.warnings}</strong>to check</li></ul>
</div></header>
<main class="wrap">
${warnings.length > 0 ? `<section><h2>To check before signing</h2><ul>${warnings.flatMap((c) => c.warnings.map((w) => `<li><a href="#col-${esc(c.name.replace(/[^A-Za-z0-9_-]+/g, "-"))}"><code>${esc(c.name)}</code></a>: ${esc(w)}</li>`)).join("")}</ul></section>` : ""}
<section><h2>Disclosure rules applied</h2><p>As recorded in the statistics file, every one:</p>${list(review.notes, "notes")}</section>
<section><h2>Column by column</h2>
${review.columns.map(card).join("\n")}
</section>
${modelSection(review)}
${checklistSection(review)}
</main>
<footer class="wrap">Written by synth ${esc(TOOL_VERSION)} from the statistics file alone (and its schema): every figure on this page is one the file publishes; no value from the real data appears unless the file publishes it.</footer>
</body>
</html>
`;
}
