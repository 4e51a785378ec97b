import { esc } from "./escape.js";

/**
 * Charts for synth's HTML pages (the data dictionary, the review page), drawn so that text stays
 * text: labels, meanings, shares and axes are HTML, which wraps and keeps its size from a 360 px phone
 * to print; only the bars' shapes are SVG, stretched to fit. No label is ever cut short.
 */

export interface ChartBar {
  label: string;
  meaning?: string;
  fraction: number;
  /** Held back by disclosure control: shown as such, with no bar and no share. */
  heldBack?: boolean;
}

export interface ChartBin {
  label: string;
  fraction: number;
}

/** "12.3%", "<0.1%", "0%". */
export function percentText(fraction: number): string {
  if (fraction === 0) return "0%";
  if (fraction < 0.001) return "<0.1%";
  return (fraction * 100).toFixed(1).replace(/\.0$/, "") + "%";
}

/** One row per code: the code, its full meaning (wrapping), a bar and its share; held-back codes say so. */
export function barsHtml(bars: readonly ChartBar[], label: string): string {
  const max = Math.max(...bars.map((b) => (b.heldBack ? 0 : b.fraction)), 1e-12);
  const meanings = bars.some((b) => b.meaning);
  const rows = bars
    .map((b) => {
      const width = b.heldBack ? 0 : Math.max(b.fraction > 0 ? 0.5 : 0, (b.fraction / max) * 100);
      const share = b.heldBack ? `<span class="held">held back</span>` : percentText(b.fraction);
      return (
        `<li class="bar-row${b.heldBack ? " is-held" : ""}"><span class="code">${esc(b.label)}</span>` +
        (meanings ? `<span class="meaning">${esc(b.meaning ?? "")}</span>` : "") +
        `<span class="track" aria-hidden="true"><span class="fill" style="width:${width.toFixed(1)}%"></span></span>` +
        `<span class="pct">${share}</span></li>`
      );
    })
    .join("");
  return `<ul class="chart bars${meanings ? " with-meaning" : ""}" aria-label="${esc(label)}">${rows}</ul>`;
}

/**
 * Vertical bars over bins, with a y axis (share of values) and the first, middle and last bin under
 * the x axis. Bins may be of unequal width (calendar years cut at the ends): each bar is one bin.
 */
export function histogramHtml(bins: readonly ChartBin[], label: string, ends: { from: string; to: string; per: string }, size: "full" | "small" = "full"): string {
  const n = bins.length;
  const max = Math.max(...bins.map((b) => b.fraction), 1e-12);
  const top = niceTop(max);
  const gap = n > 20 ? 0.15 : 0.3;
  const rects = bins
    .map((b, i) => {
      const h = (b.fraction / top) * 100;
      return `<rect class="fill" x="${(i + gap / 2).toFixed(2)}" y="${(100 - h).toFixed(2)}" width="${(1 - gap).toFixed(2)}" height="${h.toFixed(2)}"><title>${esc(b.label)}: ${percentText(b.fraction)}</title></rect>`;
    })
    .join("");
  const mid = bins[Math.floor(n / 2)]?.label ?? "";
  const first = bins[0]?.label ?? ends.from;
  const last = bins[n - 1]?.label ?? ends.to;
  const ticks = n >= 3 ? [first, mid, last] : [first, last];
  return (
    `<div class="chart histogram ${size}" role="img" aria-label="${esc(`${label}: ${bins.map((b) => `${b.label} ${percentText(b.fraction)}`).join(", ")}`)}">` +
    `<div class="y-axis" aria-hidden="true"><span>${percentText(top)}</span><span>${percentText(top / 2)}</span><span>0</span></div>` +
    `<div class="plot"><svg viewBox="0 0 ${n} 100" preserveAspectRatio="none" aria-hidden="true"><line class="grid" x1="0" x2="${n}" y1="50" y2="50"/>${rects}</svg></div>` +
    `<div class="x-axis" aria-hidden="true">${ticks.map((t) => `<span>${esc(t)}</span>`).join("")}</div>` +
    `<p class="range">${esc(ends.from)} to ${esc(ends.to)}; one bar per ${esc(ends.per)}, its height the share of values in it</p>` +
    `</div>`
  );
}

/** A round top for the y axis just above the tallest bar: 5%, 10%, 20%, 25%, 50%, 100%... */
function niceTop(max: number): number {
  const steps = [0.01, 0.02, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.75, 1];
  return steps.find((s) => s >= max - 1e-12) ?? 1;
}

/** The charts' CSS; every size is 11 px or more, and nothing depends on the page's width. */
export const CHART_CSS = `
.chart{margin:0;padding:0}
.bars{list-style:none;display:grid;gap:4px}
.bar-row{display:grid;grid-template-columns:minmax(2.5em,max-content) minmax(0,1fr) 5.2em;gap:2px 10px;align-items:center;font-size:13px;line-height:1.35}
.bars.with-meaning .bar-row{grid-template-columns:minmax(2.5em,max-content) minmax(8em,1.3fr) minmax(60px,1fr) 5.2em}
.bar-row .code{font-weight:600;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;overflow-wrap:anywhere}
.bar-row .meaning{color:var(--muted,#5b6675);overflow-wrap:break-word}
.bar-row .track{display:block;height:14px;background:#eef1f4;border-radius:2px;position:relative}
.bar-row .fill{display:block;height:100%;background:var(--accent,#0f6e6e);border-radius:2px;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.bar-row .pct{text-align:right;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:12px;color:var(--muted,#5b6675);white-space:nowrap}
.bar-row .held{font-family:system-ui,sans-serif;font-style:italic;font-size:12px}
@media (max-width:520px){.bars.with-meaning .bar-row{grid-template-columns:minmax(2.5em,max-content) minmax(0,1fr) 5.2em}.bars.with-meaning .bar-row .track{grid-column:2/3;grid-row:2}.bars.with-meaning .bar-row .pct{grid-row:2;grid-column:3}}
.histogram{display:grid;grid-template-columns:auto minmax(0,1fr);grid-template-rows:auto auto auto;column-gap:6px}
.histogram .y-axis{grid-row:1;grid-column:1;display:flex;flex-direction:column;justify-content:space-between;text-align:right;font-size:11px;line-height:1;color:var(--muted,#5b6675);font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;height:120px}
.histogram.small .y-axis,.histogram.small .plot{height:72px}
.histogram .plot{grid-row:1;grid-column:2;height:120px;border-left:1px solid #9aa5b1;border-bottom:1px solid #9aa5b1}
.histogram svg{display:block;width:100%;height:100%}
.histogram .fill{fill:var(--accent,#0f6e6e);-webkit-print-color-adjust:exact;print-color-adjust:exact}
.histogram .grid{stroke:#e1e6eb;stroke-width:1;vector-effect:non-scaling-stroke;stroke-dasharray:3 3}
.histogram .x-axis{grid-row:2;grid-column:2;display:flex;justify-content:space-between;gap:6px;font-size:11.5px;color:var(--muted,#5b6675);font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;padding-top:3px}
.histogram .range{grid-row:3;grid-column:1/3;margin:2px 0 0;font-size:12px;color:var(--muted,#5b6675)}
`;
