import { structureSentences } from "./structure.js";
import { TOOL_VERSION } from "../../version.js";
import { barsHtml, CHART_CSS, histogramHtml } from "../html/charts.js";
import { esc } from "../html/escape.js";
import { pageStart } from "../html/page.js";
import { ABOUT_FIELDS, requestSteps } from "./about.js";
import { binWord } from "./distribution.js";
import { plainType } from "./columns.js";
import { sensitiveWords } from "./flags.js";
import { emptyLine, lengthLine, percent, type Dictionary, type DictionaryColumn } from "./model.js";

export { esc };

const slug = (name: string) => "col-" + name.replace(/[^A-Za-z0-9_-]+/g, "-");

function badges(column: DictionaryColumn): string {
  const out: string[] = [];
  if (column.identifier) {
    const guess = column.identifier.source === "guess";
    out.push(`<span class="badge ${column.identifier.value}${guess ? " guess" : ""}" title="${guess ? "Guessed from the column name; the schema does not say" : "Marked in the schema (x-identifier)"}">${column.identifier.value === "direct" ? "Direct identifier" : "Indirect identifier"}${guess ? " (guess)" : ""}</span>`);
  }
  if (column.specialCategory) {
    const guess = column.specialCategory.source === "guess";
    out.push(`<span class="badge special${guess ? " guess" : ""}" title="${guess ? "Guessed from the column name; the schema does not say" : "Marked in the schema (x-special-category)"}">Special category: ${esc(column.specialCategory.value)}${guess ? " (guess)" : ""}</span>`);
  }
  if (column.sensitive) {
    const guess = column.sensitive.source === "guess";
    const words = sensitiveWords(column.sensitive);
    out.push(`<span class="badge sensitive${guess ? " guess" : ""}" title="${guess ? "Guessed from the column name; the schema does not say" : "Marked in the schema; not an Article 9 special category"}">${esc(words.charAt(0).toUpperCase() + words.slice(1))}${guess ? " (guess)" : ""}</span>`);
  }
  return out.join("");
}

function fact(term: string, value: string): string {
  return `<div><dt>${esc(term)}</dt><dd>${value}</dd></div>`;
}

/** Everything a reader might search a column by: name, title, description, codes and their meanings, flags. */
function searchText(column: DictionaryColumn): string {
  const codes = (column.codes ?? []).flatMap((c) => [String(c.value), c.label ?? ""]);
  const flags = [column.identifier ? `${column.identifier.value} identifier` : "", column.specialCategory ? `special category ${column.specialCategory.value}` : "", column.sensitive ? sensitiveWords(column.sensitive) : ""];
  return [column.name, column.name.replace(/[_.-]+/g, " "), column.title ?? "", column.description ?? "", ...codes, ...flags].join(" ").toLowerCase().replace(/\s+/g, " ");
}

function card(column: DictionaryColumn, index: number): string {
  const facts: string[] = [];
  facts.push(fact("Type", esc(plainType(column)) + (column.unique ? ", unique" : "")));
  facts.push(fact("Empty", esc(emptyLine(column))));
  if (column.allowed) facts.push(fact("Allowed", `<span class="nowrap">${esc(column.allowed.min)}</span> to <span class="nowrap">${esc(column.allowed.max)}</span>`));
  if (column.observed) {
    const median = column.observed.median ? `<span class="muted">, median</span> <code>${esc(column.observed.median)}</code>` : "";
    facts.push(fact(column.observed.source === "sample" ? "Range (dummy sample)" : "Range", `<code>${esc(column.observed.min)}</code> to <code>${esc(column.observed.max)}</code>${median}`));
  }
  const length = lengthLine(column);
  if (length) facts.push(fact("Length", esc(length)));
  if (column.generator) facts.push(fact("Dummy values", esc(column.generator)));
  if (column.examples.length > 0) facts.push(fact("Examples (dummy)", column.examples.map((e) => `<code class="example">${esc(e)}</code>`).join(" ")));
  let figure = "";
  const chart = column.chart;
  if (chart) {
    const label = `${chart.kind === "histogram" ? "Distribution" : column.codes ? "Codes" : "Values"} of ${column.name}`;
    const body = chart.kind === "histogram" ? histogramHtml(chart.bins, label, { from: chart.from, to: chart.to, per: binWord(chart) }) : barsHtml(chart.bars, label);
    const source = chart.source === "sample" ? "from the dummy sample" : "from the statistics";
    const note = column.suppressed ? ` · ${column.suppressed.categories} rarer ${column.suppressed.categories === 1 ? "category" : "categories"} (each under the disclosure threshold) held back together: ${percent(column.suppressed.fraction)} of values` : "";
    figure = `<figure>${body}<figcaption>${chart.kind === "histogram" ? "Distribution" : column.codes ? "Codes" : "Values"} ${source}${esc(note)}</figcaption></figure>`;
  } else if (column.codes) {
    figure = `<figure>${barsHtml(
      column.codes.map((c) => ({ label: String(c.value), ...(c.label ? { meaning: c.label } : {}), fraction: 0, heldBack: true })),
      `Codes of ${column.name}`,
    ).replace(/<span class="held">held back<\/span>/g, "")}<figcaption>Codes from the schema (no shares published)</figcaption></figure>`;
  }
  const flagged = column.identifier?.value === "direct" ? " flagged-direct" : column.specialCategory || column.sensitive || column.identifier ? " flagged" : "";
  return (
    `<article class="col${flagged}" id="${slug(column.name)}" data-search="${esc(searchText(column))}">` +
    `<header><span class="num">${index + 1}</span><div class="names"><h2><code>${esc(column.name)}</code></h2>${column.title ? `<p class="title">${esc(column.title)}</p>` : ""}</div><div class="badges">${badges(column)}</div></header>` +
    (column.description ? `<p class="desc">${esc(column.description)}</p>` : "") +
    `<div class="body${figure ? "" : " nofig"}"><dl class="facts">${facts.join("")}</dl>${figure}</div>` +
    `</article>`
  );
}

const CSS = `
:root{--ink:#1c2430;--muted:#5b6675;--line:#dfe3e8;--bg:#f4f6f8;--card:#fff;--accent:#0f6e6e;--accent-soft:#d9efed;--direct:#b42318;--direct-bg:#fde8e6;--indirect:#8a5300;--indirect-bg:#fdf1dc;--special:#6b2fa0;--special-bg:#f1e8fa}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
code,.code,.tick,.pct{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace}
.wrap{max-width:1080px;margin:0 auto;padding:0 24px}
.top{background:#14323a;color:#fff;padding:28px 0 22px}
.kicker{margin:0;text-transform:uppercase;letter-spacing:.12em;font-size:12px;color:#9fd3cf}
h1{margin:4px 0 8px;font-size:30px;line-height:1.2}
.lede{margin:0 0 14px;max-width:72ch;color:#dbe7ea}
.meta{display:flex;flex-wrap:wrap;gap:4px 22px;margin:0 0 14px;font-size:13px;color:#b9cdd2}
.meta div{display:flex;gap:6px}.meta dt{font-weight:600;color:#e6f0f2}.meta dd{margin:0;min-width:0;overflow-wrap:anywhere}
.counts{display:flex;flex-wrap:wrap;gap:10px;list-style:none;margin:0;padding:0}
.counts li{background:rgba(255,255,255,.1);border-radius:8px;padding:6px 12px;font-size:13px}
.counts strong{font-size:18px;margin-right:4px}
.tools{position:sticky;top:0;z-index:2;background:rgba(244,246,248,.96);border-bottom:1px solid var(--line);backdrop-filter:blur(4px)}
.tools .wrap{display:flex;align-items:center;gap:14px;padding-top:10px;padding-bottom:10px;flex-wrap:wrap}
.tools label{font-weight:600;font-size:14px}
#q{flex:1 1 260px;max-width:420px;font:inherit;padding:7px 11px;border:1px solid #b8c0ca;border-radius:8px;background:#fff}
#q:focus{outline:2px solid var(--accent);outline-offset:1px;border-color:var(--accent)}
#shown{color:var(--muted);font-size:13px}
.index{width:100%;border-collapse:collapse;margin:22px 0 8px;background:var(--card);border:1px solid var(--line);border-radius:10px;overflow:hidden;font-size:13.5px}
.index th,.index td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--line);vertical-align:top}
.index th{background:#eef1f4;font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
.index tr:last-child td{border-bottom:0}
.index a{color:var(--accent);text-decoration:none}.index a:hover{text-decoration:underline}
.index .badge{font-size:11px;padding:1px 6px;white-space:normal}
.col{background:var(--card);border:1px solid var(--line);border-radius:12px;margin:16px 0;padding:16px 20px 18px;box-shadow:0 1px 2px rgba(16,24,40,.05);border-left:4px solid #c5d3d8}
.col.flagged{border-left-color:#b58ad6}.col.flagged-direct{border-left-color:var(--direct)}
.col>header{display:flex;align-items:flex-start;gap:12px;flex-wrap:wrap}
.num{flex:none;width:28px;height:28px;border-radius:50%;background:var(--accent-soft);color:var(--accent);font-weight:700;font-size:13px;display:flex;align-items:center;justify-content:center;margin-top:2px}
.names{flex:1 1 240px;min-width:0}
h2{margin:0;font-size:18px;line-height:1.3;word-break:break-word}
.title{margin:0;color:var(--muted)}
.badges{display:flex;flex-wrap:wrap;gap:6px;justify-content:flex-end}
.badge{display:inline-block;border-radius:999px;padding:2px 10px;font-size:12px;font-weight:600;border:1px solid transparent}
.badge.direct{background:var(--direct-bg);color:var(--direct);border-color:#f5b5ae}
.badge.indirect{background:var(--indirect-bg);color:var(--indirect);border-color:#f0cf94}
.badge.special{background:var(--special-bg);color:var(--special);border-color:#d6bdf0}
.badge.sensitive{background:#e8f0fb;color:#1d4f91;border-color:#b7cdee}
.badge.guess{border-style:dashed;background:#fff}
.desc{margin:10px 0 0 40px;max-width:80ch}
.body{display:grid;grid-template-columns:minmax(0,4fr) minmax(0,6fr);gap:18px 28px;margin:12px 0 0 40px;align-items:start}
.body.nofig{grid-template-columns:1fr}
.facts{margin:0;display:grid;gap:6px}
.facts div{display:grid;grid-template-columns:130px 1fr;gap:8px}
.facts dt{color:var(--muted);font-size:13px;padding-top:1px}
.facts dd{margin:0;word-break:break-word}
.example{background:#eef4f4;border:1px solid #d5e6e6;border-radius:4px;padding:0 5px;margin:0 3px 3px 0;display:inline-block;font-size:13px}
.muted{color:var(--muted)}
figure{margin:0}
figcaption{font-size:12px;color:var(--muted);margin-top:4px}
${CHART_CSS}
.flagged .bar-row .fill{background:#7d4bb0}.flagged .histogram .fill{fill:#7d4bb0}
.flagged-direct .bar-row .fill{background:var(--direct)}.flagged-direct .histogram .fill{fill:var(--direct)}
.facts code,.nowrap{white-space:nowrap}
.facts code.example{white-space:normal;overflow-wrap:anywhere}
.about{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:4px 14px;margin:0 0 14px;font-size:14px;color:#dbe7ea;max-width:80ch}
.about dt{font-weight:600;color:#fff}.about dd{margin:0;overflow-wrap:anywhere}
.request{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:14px 20px;margin:18px 0}
.request h2{font-size:18px;margin:0 0 8px}
.request ol{margin:0;padding-left:22px}.request li{margin:6px 0}
.request pre{margin:4px 0 0;background:#14323a;color:#f1f7f8;border-radius:8px;padding:8px 12px;font-size:13px;white-space:pre-wrap;overflow-wrap:anywhere}
.structure{margin:18px 0}
#none{margin:30px 0;color:var(--muted);font-size:16px}
footer{color:var(--muted);font-size:12.5px;padding:18px 0 40px}
[hidden]{display:none!important}
@media (max-width:760px){.body{grid-template-columns:1fr;margin-left:0}.desc{margin-left:0}.badges{justify-content:flex-start}.index .t-type,.index .t-title{display:none}.wrap{padding:0 14px}.col{padding:14px}.facts div{grid-template-columns:104px minmax(0,1fr)}h1{font-size:24px}.about{grid-template-columns:1fr}.about dd{margin-bottom:4px}}
@media print{
 body{background:#fff;font-size:11pt}
 .tools,#none{display:none!important}
 .top{background:#fff;color:#000;padding:0 0 8pt;border-bottom:2pt solid #000}
 .kicker,.lede,.meta,.meta dt,.about,.about dt{color:#000}.counts li{background:#fff;border:1px solid #999}
 .request pre{background:#fff;color:#000;border:1px solid #999}.request{break-inside:avoid}
 .wrap{max-width:none;padding:0}
 .col{box-shadow:none;break-inside:avoid;page-break-inside:avoid;border:1px solid #999;border-left-width:4px;margin:8pt 0}
 .index{break-inside:auto}.index tr{break-inside:avoid}
 .badge{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 .chart .fill{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 a{color:#000;text-decoration:none}
 @page{margin:14mm}
}
`;

const SCRIPT = `
(function(){
  var q=document.getElementById("q"),shown=document.getElementById("shown"),none=document.getElementById("none");
  var cards=[].slice.call(document.querySelectorAll("article.col")),rows=[].slice.call(document.querySelectorAll(".index tbody tr"));
  function apply(){
    var terms=q.value.toLowerCase().split(/\\s+/).filter(Boolean),n=0;
    function hit(el){var s=el.getAttribute("data-search")||"";return terms.every(function(t){return s.indexOf(t)>=0;});}
    cards.forEach(function(c){var ok=hit(c);c.hidden=!ok;if(ok)n++;});
    rows.forEach(function(r){r.hidden=!hit(r);});
    shown.textContent=n+" of "+cards.length+" columns";
    none.hidden=n>0;
  }
  q.addEventListener("input",apply);
  document.addEventListener("keydown",function(e){if(e.key==="/"&&document.activeElement!==q){e.preventDefault();q.focus();}});
  if(location.hash.indexOf("#q=")===0){q.value=decodeURIComponent(location.hash.slice(3));}
  apply();
})();
`;

/** One self-contained page: inline CSS, inline SVG charts, a few lines of script; no fetches. */
/** Which columns depend on which, and the rules rows keep, in plain sentences. */
function structureSection(dictionary: Dictionary): string {
  if (!dictionary.structure) return "";
  const said = structureSentences(dictionary.structure);
  const list = (items: string[]) => (items.length > 0 ? `<ul>${items.map((item) => `<li>${esc(item)}</li>`).join("")}</ul>` : "");
  return `<section class="structure" aria-labelledby="structure"><h2 id="structure">How the columns go together</h2>${list(said.dependencies)}${said.rules.length > 0 ? `<p>Rules every dummy row keeps:</p>${list(said.rules)}` : ""}${said.independent ? `<p>${esc(said.independent)}</p>` : ""}</section>`;
}

/** How to ask for an extract: the request commands, ready to paste. */
function requestSection(dictionary: Dictionary): string {
  const steps = requestSteps(dictionary.schemaFile, dictionary.stats?.file);
  const items = steps.map((step) => `<li>${esc(step.say)}${step.command ? `<pre><code>${esc(step.command)}</code></pre>` : ""}</li>`).join("");
  return `<section class="request" aria-labelledby="how-to-request"><h2 id="how-to-request">How to request the data</h2><p>The columns above describe the real data; every example on this page is dummy. To ask for an extract:</p><ol>${items}</ol></section>`;
}

export function renderHtml(dictionary: Dictionary): string {
  const cols = dictionary.columns;
  const direct = cols.filter((c) => c.identifier?.value === "direct").length;
  const indirect = cols.filter((c) => c.identifier?.value === "indirect").length;
  const special = cols.filter((c) => c.specialCategory).length;
  const sensitive = cols.filter((c) => c.sensitive).length;
  const meta: string[] = [`<div><dt>Schema</dt><dd><code>${esc(dictionary.schemaFile)}</code></dd></div>`];
  if (dictionary.stats) {
    const parts = [dictionary.stats.file ?? "given", dictionary.stats.rows !== undefined ? `${dictionary.stats.rows.toLocaleString("en-GB")} rows` : "", dictionary.stats.createdAt ? `profiled ${dictionary.stats.createdAt.slice(0, 10)}` : ""].filter(Boolean);
    meta.push(`<div><dt>Statistics</dt><dd>${esc(parts.join(", "))}</dd></div>`);
    if (dictionary.stats.minCount !== undefined) meta.push(`<div><dt>Disclosure control</dt><dd>categories under ${dictionary.stats.minCount} records held back</dd></div>`);
  }
  meta.push(`<div><dt>Example values</dt><dd>dummy data only: ${esc(dictionary.sample.source)}</dd></div>`);
  const index = cols
    .map((c) => `<tr data-search="${esc(searchText(c))}"><td><a href="#${slug(c.name)}"><code>${esc(c.name)}</code></a></td><td class="t-title">${esc(c.title ?? "")}</td><td class="t-type">${esc(plainType(c))}</td><td>${badges(c)}</td></tr>`)
    .join("");
  const about = ABOUT_FIELDS.filter(([key]) => dictionary.about[key]).map(([key, words]) => `<dt>${esc(words)}</dt><dd>${esc(dictionary.about[key]!)}</dd>`);
  return `${pageStart(`${dictionary.title} — data dictionary`, CSS)}<header class="top"><div class="wrap">
<p class="kicker">Data dictionary</p>
<h1>${esc(dictionary.title)}</h1>
${dictionary.description ? `<p class="lede">${esc(dictionary.description)}</p>` : ""}
${about.length > 0 ? `<dl class="about">${about.join("")}</dl>` : ""}
<dl class="meta">${meta.join("")}</dl>
<ul class="counts"><li><strong>${cols.length}</strong>columns</li><li><strong>${direct}</strong>direct identifiers</li><li><strong>${indirect}</strong>indirect identifiers</li><li><strong>${special}</strong>special-category columns</li>${sensitive > 0 ? `<li><strong>${sensitive}</strong>other sensitive ${sensitive === 1 ? "column" : "columns"}</li>` : ""}</ul>
</div></header>
<nav class="tools" aria-label="Search"><div class="wrap"><label for="q">Find a column</label><input id="q" type="search" placeholder="Name, meaning or code, e.g. immunisation" autocomplete="off" spellcheck="false"><span id="shown" aria-live="polite">${cols.length} of ${cols.length} columns</span></div></nav>
<main class="wrap">
${structureSection(dictionary)}
<table class="index"><thead><tr><th>Column</th><th class="t-title">Title</th><th class="t-type">Type</th><th>Flags</th></tr></thead><tbody>${index}</tbody></table>
${cols.map(card).join("\n")}
<p id="none" hidden>No column matches the search.</p>
${requestSection(dictionary)}
</main>
<footer class="wrap">Written by synth ${esc(TOOL_VERSION)}. Every example value on this page comes from dummy data, never from real records. Flags marked “guess” are inferred from column names where the schema does not say.</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
