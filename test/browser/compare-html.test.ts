import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PENGUINS, runCli, tempDir } from "../support/cli.js";
import { CHROMIUM, SHOTS, launchBrowser, layout, open } from "./page-checks.js";

/** The compare page in Chromium, at a phone's width, a desktop's and in print. */
const available = existsSync(CHROMIUM);

describe.skipIf(!available)("synth compare --format html in chromium", () => {
  type Browser = import("playwright-core").Browser;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    const dir = tempDir();
    const stats = join(dir, "stats.json");
    const schema = join(dir, "schema.json");
    expect(runCli(["profile", PENGUINS, "--output", stats, "--schema-out", schema, "--quiet"]).status).toBe(0);
    const dummy = join(dir, "penguins-dummy.csv");
    expect(runCli(["generate", "--schema", schema, "--stats", stats, "--rows", "344", "--seed", "0", "--output", dummy]).status).toBe(0);
    const page = join(dir, "compare.html");
    const run = runCli(["compare", PENGUINS, dummy, "--format", "html", "--output", page]);
    expect(run.status, run.stderr).toBe(0);
    url = pathToFileURL(page).href;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  for (const [width, media] of [
    [1280, "screen"],
    [390, "screen"],
    [794, "print"],
  ] as const) {
    it(`at ${width} px (${media}): nothing fetched, no error, no text under 11 px, no label cut${width < 400 ? ", no sideways scroll" : ""}`, async () => {
      const { tab, problems, close } = await open(browser, url, width, media);
      expect(await tab.locator(".verdict").innerText()).toMatch(/^Scores: Column Shapes 0\.\d{3}/);
      expect(await tab.locator("article.col").count()).toBe(8);
      expect(await tab.locator("#col-species .pair-row").count()).toBe(3);
      const measured = await layout(tab);
      expect(measured.small).toEqual([]);
      expect(measured.cut).toEqual([]);
      if (width < 400) expect(measured.overflow).toBeLessThanOrEqual(0);
      const tag = media === "print" ? "print" : width < 400 ? "phone" : "desktop";
      await tab.screenshot({ path: join(SHOTS, `compare-penguins-${tag}.png`), fullPage: true });
      expect(problems).toEqual([]);
      await close();
    });
  }
});
