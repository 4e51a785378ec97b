import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { ROOT } from "../support/cli.js";

/**
 * What every synth HTML page must do in a real browser, at any width and in print: fetch nothing but
 * its own file, log no error, draw no text under 11 px, cut no label with an ellipsis, and never
 * scroll sideways on a phone.
 */

export const CHROMIUM = process.env.SYNTH_CHROMIUM ?? "/usr/bin/chromium";

/** Where the browser tests leave their screenshots, for a person to look at. */
export const SHOTS = join(ROOT, "test", ".tmp", "browser");

/** Chromium as the browser tests run it, with the screenshot folder ready. */
export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
}

export const LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export interface Opened {
  tab: Page;
  problems: string[];
  close(): Promise<void>;
}

/** Opens a page at a width, recording every request that is not file: and every console error. */
export async function open(browser: Browser, url: string, width: number, media: "screen" | "print" = "screen"): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const tab = await context.newPage();
  const problems: string[] = [];
  tab.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  tab.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  tab.on("request", (r) => {
    if (!r.url().startsWith("file:")) problems.push(`fetched ${r.url()}`);
  });
  await tab.emulateMedia({ media });
  await tab.goto(url, { waitUntil: "load" });
  return { tab, problems, close: () => context.close() };
}

export interface Layout {
  /** Visible text drawn under 11 px: "12.2px: text". */
  small: string[];
  /** Visible text cut short: an ellipsis character at the end, or text-overflow: ellipsis that overflows. */
  cut: string[];
  /** How far the page scrolls sideways. */
  overflow: number;
}

/** Measures every visible element that draws text of its own (HTML and SVG alike). */
export async function layout(tab: Page): Promise<Layout> {
  return tab.evaluate(() => {
    const small: string[] = [];
    const cut: string[] = [];
    const all = document.querySelectorAll<HTMLElement>("body *");
    for (const el of all) {
      if (["SCRIPT", "STYLE", "TITLE"].includes(el.tagName.toUpperCase())) continue;
      const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? "").join("").trim();
      if (own === "") continue;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      if (style.display === "none" || style.visibility === "hidden" || box.width === 0 || box.height === 0) continue;
      if (el.closest("[hidden]")) continue;
      // SVG text scales with its viewBox: its drawn size is its box, not its font-size.
      const drawn = el instanceof SVGElement ? box.height * 0.8 : parseFloat(style.fontSize);
      if (drawn < 11) small.push(`${drawn.toFixed(1)}px: ${own.slice(0, 60)}`);
      if (/…$/.test(own) && !/\.\.\.$/.test(own)) cut.push(own.slice(0, 80));
      if (style.textOverflow === "ellipsis" && el.scrollWidth > el.clientWidth + 1) cut.push(own.slice(0, 80));
    }
    return { small, cut, overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth };
  });
}
