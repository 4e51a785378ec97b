import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, example, runCli, tempDir } from "../support/cli.js";

/**
 * The HTML data dictionary in a real browser: Debian's chromium, driven by playwright-core. CI
 * installs chromium (.ci/run); where it is absent the test is skipped, saying why.
 */
const CHROMIUM = process.env.SYNTH_CHROMIUM ?? "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
if (!available) console.log(`test/browser: skipped: no browser at ${CHROMIUM} (apt-get install -y chromium, or set SYNTH_CHROMIUM)`);

/** Screenshots land here for people to look at (CI can keep it as an artifact). */
const SHOTS = join(ROOT, "test", ".tmp", "browser");

describe.skipIf(!available)("synth describe --format html in chromium", () => {
  type Browser = import("playwright-core").Browser;
  let browser: Browser;
  let page: string;

  beforeAll(async () => {
    const dir = tempDir();
    const sample = join(dir, "dummy.csv");
    const schema = example("child-health", "schema.json");
    const stats = example("child-health", "stats.json");
    expect(runCli(["generate", "--schema", schema, "--stats", stats, "--rows", "200", "--output", sample]).status).toBe(0);
    page = join(dir, "child-health.html");
    const run = runCli(["describe", "--schema", schema, "--stats", stats, "--sample", sample, "--format", "html", "--output", page]);
    expect(run.status, run.stderr).toBe(0);
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("renders every column and its chart, fetches nothing, logs no errors", async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const tab = await context.newPage();
    const problems: string[] = [];
    tab.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
    });
    tab.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    tab.on("request", (r) => {
      if (!r.url().startsWith("file:")) problems.push(`fetched ${r.url()}`);
    });
    await tab.goto(pathToFileURL(page).href, { waitUntil: "load" });

    expect(await tab.title()).toBe("Child health record — data dictionary");
    const cards = tab.locator("article.col");
    expect(await cards.count()).toBe(18);
    expect(await tab.locator("article.col h2 code").allInnerTexts()).toContain("ethnic_category");
    // Charts are drawn: each SVG has a real size and bars inside it.
    const charts = tab.locator("svg.chart");
    expect(await charts.count()).toBe(12);
    for (let i = 0; i < (await charts.count()); i++) {
      const box = await charts.nth(i).boundingBox();
      expect(box!.width).toBeGreaterThan(300);
      expect(box!.height).toBeGreaterThan(40);
      expect(await charts.nth(i).locator("rect.fill").count()).toBeGreaterThan(1);
    }
    const ethnic = tab.locator("#col-ethnic_category");
    await expect(ethnic.locator(".badge.special").innerText()).resolves.toMatch(/special category: ethnicity/i);
    expect(await ethnic.locator("svg text.meaning").allTextContents()).toContain("White - British");
    await tab.screenshot({ path: join(SHOTS, "describe-child-health.png"), fullPage: true });
    await ethnic.screenshot({ path: join(SHOTS, "describe-ethnic-category.png") });
    expect(statSync(join(SHOTS, "describe-child-health.png")).size).toBeGreaterThan(50_000);

    // Search by column name filters cards and the index.
    await tab.fill("#q", "birth");
    expect(await tab.locator("article.col:visible").count()).toBe(3); // date_of_birth, birth_weight_grams, gestation_weeks ("at birth")
    expect(await tab.locator("#shown").innerText()).toBe("3 of 18 columns");
    await tab.fill("#q", "no such column");
    expect(await tab.locator("article.col:visible").count()).toBe(0);
    expect(await tab.locator("#none").isVisible()).toBe(true);
    await tab.fill("#q", "");
    expect(await tab.locator("article.col:visible").count()).toBe(18);

    // Print: the search bar goes, every column stays.
    await tab.emulateMedia({ media: "print" });
    expect(await tab.locator("nav.tools").isVisible()).toBe(false);
    expect(await tab.locator("article.col:visible").count()).toBe(18);
    const pdf = await tab.pdf({ format: "A4" });
    expect(pdf.length).toBeGreaterThan(20_000);

    expect(problems).toEqual([]);
    await context.close();
  });

  it("stays readable on a phone-width screen", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const tab = await context.newPage();
    await tab.goto(pathToFileURL(page).href);
    const overflow = await tab.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await tab.screenshot({ path: join(SHOTS, "describe-phone.png") });
    await context.close();
  });

  it("is the page a reader would get: no script or style from elsewhere", () => {
    const html = readFileSync(page, "utf8");
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet/i);
  });
});
