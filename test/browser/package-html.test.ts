import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli, tempDir } from "../support/cli.js";
import { CHROMIUM, SHOTS, launchBrowser, layout, open } from "./page-checks.js";

/** A dummy package's front page, as generate --package writes it into the folder, in Chromium. */
const available = existsSync(CHROMIUM);

describe.skipIf(!available)("a package's dictionary front page in chromium", () => {
  type Browser = import("playwright-core").Browser;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    const dir = tempDir();
    const run = runCli(["generate", "--package", join(ROOT, "examples/child-health/datapackage.json"), "--output-dir", dir, "--scale", "0.01", "--quiet", "--force"]);
    expect(run.status, run.stderr).toBe(0);
    url = pathToFileURL(join(dir, "index.html")).href;
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
    it(`at ${width} px (${media}): the tables, their keys and joins; nothing fetched, no error, no text under 11 px, no sideways scroll`, async () => {
      const { tab, problems, close } = await open(browser, url, width, media);
      const measured = await layout(tab);
      expect(measured.small).toEqual([]);
      expect(measured.cut).toEqual([]);
      expect(measured.overflow).toBeLessThanOrEqual(0);
      expect(await tab.locator(".card").count()).toBe(2);
      await expect(tab.locator(".card").nth(1).innerText()).resolves.toMatch(/refers to\s+record_id\s+→\s+children\.record_id/i);
      expect(await tab.locator(".bins tr").count()).toBe(6);
      const header = await tab.locator("header").innerText();
      expect(header).toMatch(/Open Government Licence v3\.0/);
      expect(header).toMatch(/Real data as at\s+2026-03-31/);
      expect(header).toMatch(/data-requests@health-department\.example\.gov\.uk/);
      // Each table's own page is beside it, and opens.
      const link = tab.locator('.tables a[href="immunisations.html"]');
      expect(await link.count()).toBe(1);
      await tab.screenshot({ path: join(SHOTS, `package-${media === "print" ? "print" : width === 390 ? "phone" : "desktop"}.png`), fullPage: true });
      await link.click();
      await expect(tab.locator("h1").innerText()).resolves.toMatch(/Immunisation event/);
      expect(problems).toEqual([]);
      await close();
    });
  }
});
