import { esc } from "../html/escape.js";
import { pageStart } from "../html/page.js";
import { TOOL_VERSION } from "../../version.js";
import { binWords, joinSentence, shareWords, type PackageOverview } from "./overview.js";

/** The package's part of a dictionary as plain text: what it is, its tables, and how they join. */
export function packageText(o: PackageOverview): string {
  const lines = [o.title, "=".repeat(o.title.length)];
  if (o.description) lines.push("", o.description);
  lines.push("");
  if (o.version) lines.push(`Version: ${o.version}`);
  if (o.referenceDate) lines.push(`Real data as at: ${o.referenceDate}`);
  if (o.coverage) lines.push(`Coverage: ${o.coverage}`);
  if (o.licences.length > 0) lines.push(`Licence: ${o.licences.join("; ")}`);
  for (const c of o.contributors) lines.push(`Contact: ${c}`);
  lines.push("", `Tables (${o.tables.length}):`);
  for (const t of o.tables) lines.push(`  ${t.name}${t.title ? ` (${t.title})` : ""}: ${t.columns.length} columns${t.rows !== undefined ? `, ${t.rows.toLocaleString("en-GB")} real rows` : ""}${t.primaryKey.length > 0 ? `, key ${t.primaryKey.join(" + ")}` : ""}`);
  if (o.joins.length > 0) lines.push("", "How the tables join:");
  for (const j of o.joins) {
    lines.push(`  ${joinSentence(j)}`);
    if (j.bins) lines.push(`    ${j.table} rows per ${j.parent} row: ${j.bins.map((b) => `${binWords(b)}: ${shareWords(b.share)}`).join(", ")}`);
  }
  return lines.join("\n") + "\n";
}

export function packageMarkdown(o: PackageOverview): string {
  const md = (s: string) => s.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
  const lines = [`# ${md(o.title)}`, ""];
  if (o.description) lines.push(md(o.description), "");
  if (o.version) lines.push(`- **Version:** ${md(o.version)}`);
  if (o.referenceDate) lines.push(`- **Real data as at:** ${md(o.referenceDate)}`);
  if (o.coverage) lines.push(`- **Coverage:** ${md(o.coverage)}`);
  if (o.licences.length > 0) lines.push(`- **Licence:** ${md(o.licences.join("; "))}`);
  for (const c of o.contributors) lines.push(`- **Contact:** ${md(c)}`);
  lines.push("", "## Tables", "", "| Table | Columns | Real rows | Key |", "|---|--:|--:|---|");
  for (const t of o.tables) lines.push(`| ${md(t.name)} | ${t.columns.length} | ${t.rows?.toLocaleString("en-GB") ?? ""} | ${md(t.primaryKey.join(" + "))} |`);
  if (o.joins.length > 0) lines.push("", "## How the tables join", "");
  for (const j of o.joins) {
    lines.push(`- ${md(joinSentence(j))}`);
    if (j.bins) lines.push(`  ${md(`${j.table} rows per ${j.parent} row`)}: ${j.bins.map((b) => `${binWords(b)}: ${shareWords(b.share)}`).join(", ")}`);
  }
  return lines.join("\n") + "\n";
}

/**
 * The tables as cards, key columns listed: the primary key marked, each foreign key with the table
 * and column it refers to. HTML rather than a drawing, so it wraps on a phone and prints as text.
 */
function diagram(o: PackageOverview): string {
  const cards = o.tables.map((t) => {
    const keys = t.primaryKey.map((c) => `<li><span class="pk">key</span> <code>${esc(c)}</code></li>`);
    const refs = o.joins
      .filter((j) => j.table === t.name)
      .map((j) => `<li><span class="fk">refers to</span> <code>${esc(j.fields.join(" + "))}</code> → <a href="#join-${esc(j.table)}-${esc(j.fields.join("-"))}"><code>${esc(`${j.parent}.${j.parentFields.join(" + ")}`)}</code></a></li>`);
    const others = t.columns.length - new Set([...t.primaryKey, ...o.joins.filter((j) => j.table === t.name).flatMap((j) => j.fields)]).size;
    return `<div class="card"><h3>${esc(t.name)}</h3><ul>${[...keys, ...refs].join("")}<li class="more">and ${others} other column${others === 1 ? "" : "s"}</li></ul></div>`;
  });
  return `<div class="cards">${cards.join("")}</div>`;
}

function binsChart(bins: NonNullable<PackageOverview["joins"][number]["bins"]>): string {
  const max = Math.max(...bins.map((b) => b.share), 1e-12);
  return `<table class="bins"><tbody>${bins.map((b) => `<tr><th scope="row">${esc(binWords(b))}</th><td><span class="bar" style="width:${((100 * b.share) / max).toFixed(1)}%"></span></td><td class="share">${esc(shareWords(b.share))}</td></tr>`).join("")}</tbody></table>`;
}

const CSS = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2327;background:#f6f7f7}
.wrap{max-width:1000px;margin:0 auto;padding:0 16px}header{background:#0b3d5c;color:#fff;padding:24px 0}h1{margin:.2em 0;font-size:1.8em}
.kicker{text-transform:uppercase;letter-spacing:.08em;font-size:13px;margin:0;opacity:.85}.lede{max-width:70ch}
dl.meta{display:flex;flex-wrap:wrap;gap:8px 28px;margin:12px 0 0}dl.meta dt{font-size:13px;opacity:.85}dl.meta dd{margin:0}
main section{background:#fff;border:1px solid #dcdcde;border-radius:8px;padding:16px;margin:16px 0}
.cards{display:flex;flex-wrap:wrap;gap:12px}.card{flex:1 1 260px;border:1.5px solid #0b3d5c;border-radius:6px;padding:8px 12px}
.card h3{margin:.2em 0}.card ul{list-style:none;padding:0;margin:0}.card li{margin:4px 0;overflow-wrap:anywhere}.card .more{color:#50575e}
.pk,.fk{display:inline-block;font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:.04em;padding:0 6px;border-radius:3px;color:#fff}
.pk{background:#0b3d5c}.fk{background:#b32d2e}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:4px 8px;vertical-align:top;font-size:15px}
.bins th{font-weight:400;white-space:nowrap;width:1%}.bins .bar{display:block;height:14px;background:#2271b1;min-width:1px}.bins .share{width:1%;white-space:nowrap}
.tables td a{font-weight:600}code{font-size:14px;overflow-wrap:anywhere}footer{font-size:14px;color:#50575e;padding:16px}
@media (max-width:600px){.tables tr{display:block;border-bottom:1px solid #dcdcde;padding:6px 0}.tables td{display:inline-block;padding:2px 8px 2px 0}.bins th{white-space:normal}}
@media print{body{background:#fff}header{background:#fff;color:#000}}
`;

/** The package's front page: what the dataset is, a diagram of its tables, and how many children each parent has. */
export function packageHtml(o: PackageOverview, tablePages: Map<string, string>): string {
  const meta = [
    o.version ? `<div><dt>Version</dt><dd>${esc(o.version)}</dd></div>` : "",
    o.referenceDate ? `<div><dt>Real data as at</dt><dd>${esc(o.referenceDate)}</dd></div>` : "",
    o.coverage ? `<div><dt>Coverage</dt><dd>${esc(o.coverage)}</dd></div>` : "",
    o.licences.length > 0 ? `<div><dt>Licence</dt><dd>${esc(o.licences.join("; "))}</dd></div>` : "",
    ...o.contributors.map((c) => `<div><dt>Contact</dt><dd>${esc(c)}</dd></div>`),
  ].join("");
  const tables = o.tables
    .map((t) => `<tr><td>${tablePages.has(t.name) ? `<a href="${esc(tablePages.get(t.name)!)}">${esc(t.name)}</a>` : esc(t.name)}</td><td>${esc(t.title ?? "")}</td><td>${t.columns.length} columns</td><td>${t.rows !== undefined ? `${t.rows.toLocaleString("en-GB")} real rows` : ""}</td><td>${t.primaryKey.length > 0 ? `key <code>${esc(t.primaryKey.join(" + "))}</code>` : "no key"}</td></tr>`)
    .join("");
  const joins = o.joins.map((j) => `<h3 id="join-${esc(j.table)}-${esc(j.fields.join("-"))}">${esc(`${j.table} → ${j.parent}`)}</h3><p>${esc(joinSentence(j))}</p>${j.bins ? `<p>${esc(`${j.table} rows per ${j.parent} row`)}:</p>${binsChart(j.bins)}` : ""}`).join("");
  return `${pageStart(`${o.title}: data dictionary`, CSS)}<header><div class="wrap"><p class="kicker">Data dictionary: ${o.tables.length} tables</p><h1>${esc(o.title)}</h1>${o.description ? `<p class="lede">${esc(o.description)}</p>` : ""}<dl class="meta">${meta}</dl></div></header>
<main class="wrap">
<section><h2>Tables</h2><table class="tables"><tbody>${tables}</tbody></table></section>
<section><h2>How the tables join</h2>${diagram(o)}${joins}</section>
</main>
<footer class="wrap">Written by synth ${esc(TOOL_VERSION)}. Every figure here is published statistics; every example value in the table pages comes from dummy data, never from real records.</footer>
</body>
</html>
`;
}
