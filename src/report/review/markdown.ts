import { TOOL_VERSION } from "../../version.js";
import { ABOUT_FIELDS } from "../describe/about.js";
import { mdCell } from "../describe/markdown.js";
import { percentText } from "../html/charts.js";
import type { Review, ReviewColumn } from "./model.js";

/** The review as Markdown, to send by e-mail or keep beside the file in a repository. */

const SPARK = " ▁▂▃▄▅▆▇█";

function sparkline(fractions: number[]): string {
  const max = Math.max(...fractions, 1e-12);
  return fractions.map((f) => (f <= 0 ? SPARK[0] : SPARK[Math.max(1, Math.round((f / max) * 8))])).join("");
}

const code = (text: string) => "`" + text.replace(/`/g, "'") + "`";

function column(c: ReviewColumn, index: number): string[] {
  const out: string[] = [`### ${index + 1}. ${code(c.name)}${c.title ? ` — ${mdCell(c.title)}` : ""}`, ""];
  if (c.flags.length > 0) out.push(`> **${c.flags.map(mdCell).join(" · ")}**`, "");
  out.push(`Published as **${c.kind}**${c.reason ? `: ${mdCell(c.reason)}` : ""}.`, "");
  for (const warning of c.warnings) out.push(`> ⚠ **Check before signing:** ${mdCell(warning)}`, "");
  out.push("**What is published**", "", ...c.published.map((p) => `- ${mdCell(p)}`), "");
  out.push("**Why it is safe**", "", ...c.safe.map((p) => `- ${mdCell(p)}`), "");
  out.push("**Withheld**", "", ...(c.withheld.length > 0 ? c.withheld.map((w) => `- ${mdCell(w.words)}`) : ["- nothing beyond what the kind never publishes"]), "");
  if (c.values) {
    const meanings = c.values.some((v) => v.meaning);
    out.push(meanings ? "| Value | Meaning | Share |" : "| Value | Share |", meanings ? "|---|---|--:|" : "|---|--:|");
    for (const v of c.values) out.push(meanings ? `| ${code(v.value)} | ${mdCell(v.meaning ?? "")} | ${percentText(v.fraction)} |` : `| ${code(v.value)} | ${percentText(v.fraction)} |`);
    out.push("");
  } else if (c.chart?.kind === "histogram") {
    out.push(`Published distribution: ${code(sparkline(c.chart.bins.map((b) => b.fraction)))} ${code(c.chart.from)} to ${code(c.chart.to)}`, "");
  }
  return out;
}

export function renderReviewMarkdown(review: Review): string {
  const out: string[] = [`# ${mdCell(review.title)}: disclosure review`, ""];
  for (const [key, words] of ABOUT_FIELDS) if (review.about[key]) out.push(`- **${words}:** ${mdCell(review.about[key]!)}`);
  if (review.statsFile) out.push(`- **Statistics file:** ${code(review.statsFile)}${review.bytes !== undefined ? `, ${review.bytes.toLocaleString("en-GB")} bytes` : ""}`);
  if (review.sha256) out.push(`- **Its sha256:** ${code(review.sha256)}`);
  if (review.rows !== undefined) out.push(`- **Real rows:** ${review.rows.toLocaleString("en-GB")}${review.source?.name ? ` in ${code(review.source.name)}` : ""}${review.createdAt ? `, profiled ${review.createdAt.slice(0, 10)}` : ""}`);
  out.push(`- **Disclosure control:** K = ${review.minCount}: nothing published rests on fewer than ${review.minCount} records${review.epsilon !== undefined ? `; differential privacy, epsilon ${review.epsilon}` : "; no differential privacy"}`, "");
  const t = review.totals;
  out.push(`${t.columns} columns · ${t.publishingValues} publish values · ${t.withheldValues} values withheld · ${t.withheldModelCounts} model counts withheld · ${t.warnings} to check`, "");
  const warned = review.columns.filter((c) => c.warnings.length > 0);
  if (warned.length > 0) {
    out.push("## To check before signing", "");
    for (const c of warned) for (const w of c.warnings) out.push(`- ${code(c.name)}: ${mdCell(w)}`);
    out.push("");
  }
  out.push("## Disclosure rules applied", "", ...review.notes.map((n) => `- ${mdCell(n)}`), "");
  out.push("## Column by column", "");
  review.columns.forEach((c, i) => out.push(...column(c, i)));
  out.push("## How columns depend on one another", "");
  if (review.model) {
    out.push(`A dependence model learned from ${review.model.sampled ? "a uniform sample of " : ""}${review.model.rows.toLocaleString("en-GB")} real rows; every count published is at least ${review.minCount}, smaller ones are withheld.`, "");
    const parts = review.model.parts.filter((p) => p.parents.length > 0 || p.groups !== undefined);
    if (parts.length > 0) {
      out.push("| Column | Depends on | Counts published | Counts withheld | Groups |", "|---|---|--:|--:|--:|");
      for (const p of parts) out.push(`| ${code(p.column)} | ${p.parents.map(code).join(", ") || "none"} | ${p.published ?? "—"} | ${p.withheld ?? "—"} | ${p.groups ?? ""} |`);
      out.push("");
    }
    if (review.model.together.length > 1) out.push(`Numbers and dates that move together: ${review.model.together.map(code).join(", ")}.`, "");
  } else out.push("No dependence model.", "");
  if (review.rules.length > 0) out.push("Rules found in the real data:", "", ...review.rules.map((r) => `- ${mdCell(r.words)}`), "");
  out.push("## Sign-off", "");
  for (const c of review.checklist) out.push(`- [${c.auto === "pass" ? "x" : " "}] ${mdCell(c.item)}${c.auto ? ` *(checked by synth: ${c.auto === "pass" ? "passes" : "fails"})*` : ""}`);
  out.push("", "Reviewer: ____________________  Role: ____________________  Date: __________", "", "Decision (release / do not release): ____________________  Signature: ____________________", "");
  out.push(`*Written by synth ${TOOL_VERSION} from the statistics file alone (and its schema).*`);
  return out.join("\n").replace(/\n{3,}/g, "\n\n") + "\n";
}
