import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { daysToIsoDate, isoDate, isoDateTime, secondsToIsoDateTime } from "../../src/plan/formats/calendar.js";

const DAY = 86400;
/** What Date prints, without milliseconds: the reference the integer arithmetic must match. */
const byDate = (seconds: number) => new Date(seconds * 1000).toISOString().replace(".000Z", "Z");

describe("calendar text", () => {
  it("matches Date for any second from year 0001 to 9999", () => {
    const first = Date.UTC(1, 0, 1) / 1000, last = Date.UTC(9999, 11, 31, 23, 59, 59) / 1000;
    fc.assert(fc.property(fc.integer({ min: first, max: last }), (seconds) => secondsToIsoDateTime(seconds) === byDate(seconds)), { numRuns: 20000 });
  });

  it("gives the same date from the cache as from the arithmetic, inside and outside the cached span", () => {
    for (let days = -30000; days < 50000; days += 7) expect(isoDate(days)).toBe(daysToIsoDate(days));
    // Twice: the second read comes from the cache.
    for (let days = -30000; days < 50000; days += 7) expect(isoDate(days)).toBe(daysToIsoDate(days));
  });

  it("writes every second of a day", () => {
    for (let second = 0; second < DAY; second++) expect(isoDateTime(0, second)).toBe(byDate(second));
  });
});
