import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { example, runCli, tempDir } from "../support/cli.js";
import { CHROMIUM, SHOTS, launchBrowser, layout, open } from "./page-checks.js";

/**
 * The HTML data dictionary in a real browser: Debian's chromium, driven by playwright-core. CI
 * installs chromium (.ci/run); where it is absent the test is skipped, saying why.
 */
const available = existsSync(CHROMIUM);
if (!available) console.log(`test/browser: skipped: no browser at ${CHROMIUM} (apt-get install -y chromium, or set SYNTH_CHROMIUM)`);

/** Screenshots land here for people to look at (CI can keep it as an artifact). */

describe.skipIf(!available)("synth describe --format html in chromium", () => {
  type Browser = import("playwright-core").Browser;
  let browser: Browser;
  let page: string;
  let url: string;

  beforeAll(async () => {
    const dir = tempDir();
    const sample = join(dir, "dummy.csv");
    const schema = example("child-health", "schema.json");
    const stats = example("child-health", "stats.json");
    expect(runCli(["generate", "--schema", schema, "--stats", stats, "--rows", "200", "--output", sample]).status).toBe(0);
    page = join(dir, "child-health.html");
    const run = runCli(["describe", "--schema", schema, "--stats", stats, "--sample", sample, "--format", "html", "--output", page]);
    expect(run.status, run.stderr).toBe(0);
    url = pathToFileURL(page).href;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("renders every column and its chart, fetches nothing, logs no errors", async () => {
    const { tab, problems, close } = await open(browser, url, 1280);
    expect(await tab.title()).toBe("Child health record — data dictionary");
    const cards = tab.locator("article.col");
    expect(await cards.count()).toBe(18);
    expect(await tab.locator("article.col h2 code").allInnerTexts()).toContain("ethnic_category");
    // Charts are drawn: each has a real size and bars inside it.
    const charts = tab.locator(".chart");
    expect(await charts.count()).toBe(12);
    for (let i = 0; i < (await charts.count()); i++) {
      const box = await charts.nth(i).boundingBox();
      expect(box!.width).toBeGreaterThan(300);
      expect(box!.height).toBeGreaterThan(30);
      expect(await charts.nth(i).locator(".fill").count()).toBeGreaterThan(1);
    }
    // Histograms have a y axis.
    expect(await tab.locator("#col-date_of_birth .histogram .y-axis span").allInnerTexts()).toEqual(["10%", "5%", "0"]);
    expect(await tab.locator("#col-date_of_birth .histogram .x-axis span").allInnerTexts()).toEqual(["2009", "2017", "2024"]);
    const ethnic = tab.locator("#col-ethnic_category");
    await expect(ethnic.locator(".badge.special").innerText()).resolves.toMatch(/special category: ethnicity/i);
    expect(await ethnic.locator(".meaning").allInnerTexts()).toContain("Asian or Asian British - Any other Asian background");
    expect(await tab.locator("#col-sex .bar-row.is-held .pct").innerText()).toBe("held back");
    expect(await tab.locator("#col-safeguarding_concern .badge").innerText()).toBe("Safeguarding");
    expect(await tab.locator(".about").innerText()).toContain("data-requests@health-department.example.gov.uk");
    expect(await tab.locator("#how-to-request").isVisible()).toBe(true);
    await tab.screenshot({ path: join(SHOTS, "describe-child-health.png"), fullPage: true });
    await ethnic.screenshot({ path: join(SHOTS, "describe-ethnic-category.png") });
    expect(statSync(join(SHOTS, "describe-child-health.png")).size).toBeGreaterThan(50_000);
    const measured = await layout(tab);
    expect(measured.small).toEqual([]);
    expect(measured.cut).toEqual([]);

    // Search by name, description and code label filters cards and the index.
    await tab.fill("#q", "birth");
    expect(await tab.locator("article.col:visible h2").allInnerTexts()).toEqual(["date_of_birth", "birth_weight_grams", "gestation_weeks"]);
    await tab.fill("#q", "measles");
    expect(await tab.locator("article.col:visible h2").allInnerTexts()).toEqual(["mmr1_given"]);
    await tab.fill("#q", "white - british");
    expect(await tab.locator("article.col:visible h2").allInnerTexts()).toEqual(["ethnic_category"]);
    expect(await tab.locator("#shown").innerText()).toBe("1 of 18 columns");
    await tab.fill("#q", "no such column");
    expect(await tab.locator("article.col:visible").count()).toBe(0);
    expect(await tab.locator("#none").isVisible()).toBe(true);
    await tab.fill("#q", "");
    expect(await tab.locator("article.col:visible").count()).toBe(18);
    expect(problems).toEqual([]);
    await close();
  });

  it("in print: the search bar goes, every column stays, nothing small or cut", async () => {
    const { tab, problems, close } = await open(browser, url, 794, "print");
    expect(await tab.locator("nav.tools").isVisible()).toBe(false);
    expect(await tab.locator("article.col:visible").count()).toBe(18);
    const measured = await layout(tab);
    expect(measured.small).toEqual([]);
    expect(measured.cut).toEqual([]);
    const pdf = await tab.pdf({ format: "A4" });
    expect(pdf.length).toBeGreaterThan(20_000);
    await tab.screenshot({ path: join(SHOTS, "describe-print.png"), fullPage: true });
    expect(problems).toEqual([]);
    await close();
  });

  it("stays readable on a phone-width screen: no sideways scroll, no text under 11 px, no label cut", async () => {
    for (const width of [360, 390]) {
      const { tab, problems, close } = await open(browser, url, width);
      const measured = await layout(tab);
      expect(measured.overflow, `${width} px`).toBeLessThanOrEqual(0);
      expect(measured.small, `${width} px`).toEqual([]);
      expect(measured.cut, `${width} px`).toEqual([]);
      if (width === 390) {
        await tab.screenshot({ path: join(SHOTS, "describe-phone.png") });
        await tab.locator("#col-ethnic_category").screenshot({ path: join(SHOTS, "describe-phone-ethnic-category.png") });
      }
      expect(problems).toEqual([]);
      await close();
    }
  });

  it("is the page a reader would get: no script or style from elsewhere", () => {
    const html = readFileSync(page, "utf8");
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet/i);
  });
});
