import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../support/cli.js";
import { readCsv } from "./support.js";

/**
 * Keys of the shapes the Data Package spec allows beyond one column to one table: a parent keyed by two
 * columns and a child referring to both, and a table referring to itself (a ward's overflow ward).
 */
describe("composite and self-referencing keys", () => {
  it("profiles and generates a package whose keys resolve", () => {
    const dir = tempDir();
    const wards = ["site,ward,beds,overflow_site,overflow_ward"];
    const stays = ["stay_id,site,ward,nights"];
    let stay = 1;
    // Every site and ward code is shared by at least K (10) rows, so the statistics publish them.
    for (let s = 0; s < 10; s++) {
      for (let w = 0; w < 16; w++) {
        const overflow = w % 4 === 0 ? "," : `S${s},W${(w + 1) % 16}`;
        wards.push(`S${s},W${w},${10 + ((s * 7 + w * 3) % 20)},${overflow}`);
        for (let k = 0; k < (w % 5) + 1; k++) stays.push(`${stay++},S${s},W${w},${1 + ((stay * 13) % 9)}`);
      }
    }
    writeFileSync(join(dir, "wards.csv"), wards.join("\n") + "\n");
    writeFileSync(join(dir, "stays.csv"), stays.join("\n") + "\n");
    const descriptor = {
      resources: [
        {
          name: "wards",
          path: "wards.csv",
          schema: {
            fields: [{ name: "site" }, { name: "ward" }, { name: "beds", type: "integer" }, { name: "overflow_site" }, { name: "overflow_ward" }],
            primaryKey: ["site", "ward"],
            foreignKeys: [{ fields: ["overflow_site", "overflow_ward"], reference: { resource: "", fields: ["site", "ward"] } }],
          },
        },
        {
          name: "stays",
          path: "stays.csv",
          schema: {
            fields: [{ name: "stay_id", type: "integer" }, { name: "site" }, { name: "ward" }, { name: "nights", type: "integer" }],
            primaryKey: "stay_id",
            foreignKeys: [{ fields: ["site", "ward"], reference: { resource: "wards", fields: ["site", "ward"] } }],
          },
        },
      ],
    };
    writeFileSync(join(dir, "datapackage.json"), JSON.stringify(descriptor));
    const profiled = runCli(["profile", "--package", "datapackage.json", "--output-dir", "published", "--quiet"], { cwd: dir });
    expect(profiled.stderr).toBe("");
    expect(profiled.status).toBe(0);
    const generated = runCli(["generate", "--package", "published/datapackage.json", "--output-dir", "dummy", "--quiet"], { cwd: dir });
    expect(generated.stderr).toBe("");
    expect(generated.status).toBe(0);
    const dummyWards = readCsv(readFileSync(join(dir, "dummy/wards.csv"), "utf8"));
    const dummyStays = readCsv(readFileSync(join(dir, "dummy/stays.csv"), "utf8"));
    const keys = new Set(dummyWards.map((w) => `${w.site}|${w.ward}`));
    expect(keys.size).toBe(dummyWards.length);
    let empty = 0;
    for (const w of dummyWards) {
      if (w.overflow_site === "" && w.overflow_ward === "") empty++;
      else expect(keys.has(`${w.overflow_site}|${w.overflow_ward}`)).toBe(true);
    }
    // A quarter of the real wards have no overflow ward.
    expect(empty / dummyWards.length).toBeGreaterThan(0.1);
    expect(empty / dummyWards.length).toBeLessThan(0.45);
    for (const s of dummyStays) expect(keys.has(`${s.site}|${s.ward}`)).toBe(true);
    expect(new Set(dummyStays.map((s) => s.stay_id)).size).toBe(dummyStays.length);
  });
});
