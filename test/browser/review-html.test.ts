import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { example, runCli, tempDir } from "../support/cli.js";
import { CHROMIUM, SHOTS, launchBrowser, layout, open } from "./page-checks.js";

/** The sign-off page in Chromium, at a phone's width, a desktop's and in print. */
const available = existsSync(CHROMIUM);

describe.skipIf(!available)("synth review --format html in chromium", () => {
  type Browser = import("playwright-core").Browser;
  let browser: Browser;
  const pages: Record<string, string> = {};

  beforeAll(async () => {
    const dir = tempDir();
    const child = join(dir, "child-health-review.html");
    const run = runCli(["review", example("child-health", "stats.json"), "--schema", example("child-health", "schema.json"), "--output", child]);
    expect(run.status, run.stderr).toBe(0);
    pages.child = pathToFileURL(child).href;
    // A file profiled without the owner's schema: surnames published as categories, which the page must flag.
    const data = join(dir, "pupils.csv");
    writeFileSync(data, ["surname,year_group,score", ...Array.from({ length: 300 }, (_, i) => `${["Smith", "Jones", "Patel", "Nowak"][i % 4]},${(i % 7) + 1},${(i * 37) % 101}`)].join("\n") + "\n");
    const schema = join(dir, "pupils.schema.json");
    writeFileSync(schema, JSON.stringify({ title: "Pupils", type: "object", properties: { surname: { type: "string", "x-identifier": "direct" }, year_group: { type: "integer" }, score: { type: "integer" } } }));
    const stats = join(dir, "stats.json");
    expect(runCli(["profile", data, "--output", stats, "--quiet"]).status).toBe(0);
    const flagged = join(dir, "flagged-review.html");
    expect(runCli(["review", stats, "--schema", schema, "--output", flagged]).status).toBe(0);
    pages.flagged = pathToFileURL(flagged).href;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  for (const [width, media] of [
    [1280, "screen"],
    [390, "screen"],
    [360, "screen"],
    [794, "print"],
  ] as const) {
    it(`at ${width} px (${media}): nothing fetched, no error, no text under 11 px, no label cut${width < 400 ? ", no sideways scroll" : ""}`, async () => {
      for (const name of ["child", "flagged"]) {
        const { tab, problems, close } = await open(browser, pages[name]!, width, media);
        expect(await tab.title()).toMatch(/ — disclosure review$/);
        const measured = await layout(tab);
        expect(measured.small, `${name} ${width}`).toEqual([]);
        expect(measured.cut, `${name} ${width}`).toEqual([]);
        if (width < 400) expect(measured.overflow, `${name} ${width}`).toBeLessThanOrEqual(0);
        if (name === "child") {
          expect(await tab.locator("article.col").count()).toBe(18);
          expect(await tab.locator(".checks li").count()).toBeGreaterThan(5);
          expect(await tab.locator("#col-ethnic_category .meaning").allInnerTexts()).toContain("Asian or Asian British - Any other Asian background");
          expect(await tab.locator("#col-date_of_birth .histogram .fill").count()).toBe(16);
        } else {
          await expect(tab.locator("#col-surname .alert").innerText()).resolves.toMatch(/direct identifier, yet the file publishes 4 values/);
          expect(await tab.locator(".checks li.fail").count()).toBe(1);
        }
        if (media === "print") expect((await tab.pdf({ format: "A4" })).length).toBeGreaterThan(20_000);
        if (width !== 360) {
          const tag = media === "print" ? "print" : width === 390 ? "phone" : "desktop";
          await tab.screenshot({ path: join(SHOTS, `review-${name}-${tag}.png`), fullPage: name === "flagged" || media === "print" });
          if (name === "child" && media === "screen") await tab.locator("#col-sex").screenshot({ path: join(SHOTS, `review-child-sex-${tag}.png`) });
        }
        expect(problems).toEqual([]);
        await close();
      }
    });
  }
});
