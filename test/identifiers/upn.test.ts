import { describe, expect, it } from "vitest";
import { identifierType } from "../../src/identifiers/index.js";
import { upn } from "../../src/identifiers/upn.js";
import { expectNthBijective, samples } from "./helpers.js";

const CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

/** The DfE rule, written out plainly: characters 2-13 times weights 2-13, mod 23, through the table. */
function referenceCheckLetter(body: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const ch = body[i]!;
    const value = /[0-9]/.test(ch) ? Number(ch) : CHECK_LETTERS.indexOf(ch);
    sum += value * (i + 2);
  }
  return CHECK_LETTERS[sum % 23]!;
}

/** LA codes DfE's school census accepts in a UPN (characters 2-4), including pseudo-LA codes. */
function censusLaCode(code: number): boolean {
  const ranges: [number, number][] = [
    [1, 5], [201, 213], [301, 320], [330, 336], [340, 344], [350, 359], [370, 373], [380, 384],
    [390, 394], [420, 420], [660, 681], [701, 708], [800, 803], [805, 808], [810, 813], [815, 816],
    [820, 823], [825, 826], [830, 831], [835, 837], [840, 841], [845, 846], [850, 852], [855, 857],
    [860, 861], [865, 896], [908, 909], [916, 916], [919, 919], [921, 921], [925, 926], [928, 929],
    [931, 931], [933, 933], [935, 938],
  ];
  return ranges.some(([lo, hi]) => code >= lo && code <= hi);
}

describe("upn", () => {
  it("is registered under its name", () => {
    expect(identifierType("upn")).toBe(upn);
  });

  it("accepts known-valid permanent and temporary UPNs", () => {
    // B801200005001: 8*2 + 1*4 + 2*5 + 5*10 + 1*13 = 93, mod 23 = 1 -> B.
    // P207000016049: 2*2 + 7*4 + 1*9 + 6*10 + 4*12 + 9*13 = 266, mod 23 = 13 -> P. (A worked example
    // circulated with DfE census error 1510 says Q, but its sum is misadded as 267.)
    // X00180001701A: temporary; A counts 0; 4 + 40 + 9 + 70 + 12 = 135, mod 23 = 20 -> X.
    for (const value of ["B801200005001", "P207000016049", "X00180001701A"]) {
      expect(upn.validate(value), value).toBe(true);
    }
  });

  it("rejects wrong check letters and malformed values", () => {
    for (const value of [
      "A801200005001", // check should be B
      "B207000016049", // check should be P
      "Q207000016049", // the misadded worked example
      "C801200005001",
      "Y00180001701A", // check should be X
      "X00180001701B", // temporary letter changes the check
      "b801200005001", // lowercase
      "X80120000A001", // letters only allowed in positions 1 and 13
      "B80120000500", // 12 characters
      "B8012000050011", // 14 characters
      "8801200005001", // position 1 must be a letter
      "B 801200005001",
      "",
    ]) {
      expect(upn.validate(value), JSON.stringify(value)).toBe(false);
    }
  });

  it("never accepts I, O or S as check letter or temporary letter", () => {
    for (const bad of "IOS") {
      for (let i = 0; i < 200; i++) {
        const body = String(100000000000 + i * 7919).slice(0, 11);
        expect(upn.validate(bad + body + "0")).toBe(false);
        for (const check of CHECK_LETTERS) expect(upn.validate(check + body + bad)).toBe(false);
      }
    }
  });

  it("agrees with the reference rule on random bodies, permanent and temporary", () => {
    let seed = 12345;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    for (let i = 0; i < 5000; i++) {
      let body = "";
      for (let j = 0; j < 11; j++) body += String(next(10));
      body += i % 2 === 0 ? String(next(10)) : CHECK_LETTERS[next(23)];
      const right = referenceCheckLetter(body);
      expect(upn.validate(right + body), right + body).toBe(true);
      for (const other of CHECK_LETTERS) if (other !== right) expect(upn.validate(other + body)).toBe(false);
    }
  });

  it("has capacity LA codes x 4000 establishments x 25 years x 1000 serials", () => {
    expect(upn.capacity % 100_000_000).toBe(0);
    expect(upn.capacity / 100_000_000).toBe(146);
  });

  it("samples 10,000 valid permanent UPNs under real LA codes", () => {
    const values = samples(upn, 10_000);
    const las = new Set<string>();
    for (const value of values) {
      expect(value).toMatch(/^[A-HJ-NP-RT-Z]\d{12}$/);
      expect(upn.validate(value), value).toBe(true);
      expect(referenceCheckLetter(value.slice(1))).toBe(value[0]);
      const la = Number(value.slice(1, 4));
      expect(censusLaCode(la), value).toBe(true);
      las.add(value.slice(1, 4));
      const establishment = Number(value.slice(4, 8));
      expect(establishment).toBeGreaterThanOrEqual(2000);
      expect(establishment).toBeLessThanOrEqual(5999);
      expect(Number(value.slice(8, 10))).toBeLessThanOrEqual(24);
    }
    expect(las.size).toBe(146);
  });

  it("nth is injective over probes and every value validates", () => {
    expectNthBijective(upn);
    // Indices beyond 2^32 work too.
    const high = upn.nth(upn.capacity - 1);
    expect(upn.validate(high)).toBe(true);
    expect(upn.nth(upn.capacity - 2)).not.toBe(high);
  });
});
