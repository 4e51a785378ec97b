/**
 * Number text without V8's number-to-string conversion. That conversion is not only slower for a
 * double: each string it makes for an integer is kept in V8's number-string cache, an old-generation
 * table, so the young string survives and is promoted, and the old generation fills with garbage at
 * a string per row (11 MB per million rows of the reference schema). Here integers below 2^31 are
 * put together from tables of three-digit groups, and two- or three-decimal values from an integer
 * and a table of fractions.
 *
 * `String(n / 10 ** decimals)` is what JSON and CSV write. A decimal of at most 15 significant digits
 * is the shortest text that reads back as the nearest double, which is what String() prints, so the
 * two agree whenever |n| < 2^31 and decimals <= 3 (test/plan/number-text.test.ts checks it).
 */
const MAX_TABLE_DECIMALS = 3;

const SMALL: readonly string[] = Array.from({ length: 1000 }, (_, i) => String(i));
const GROUP: readonly string[] = SMALL.map((text) => text.padStart(3, "0"));
const LIMIT = 2147483648;

/** String(n) for an integer 0 <= n < 2^31. */
function wholeText(n: number): string {
  if (n < 1000) return SMALL[n]!;
  const thousands = (n / 1000) | 0;
  const units = GROUP[n - thousands * 1000]!;
  if (thousands < 1000) return SMALL[thousands]! + units;
  const millions = (thousands / 1000) | 0;
  const middle = GROUP[thousands - millions * 1000]!;
  if (millions < 1000) return SMALL[millions]! + middle + units;
  const billions = (millions / 1000) | 0;
  return SMALL[billions]! + GROUP[millions - billions * 1000]! + middle + units;
}

/** String(n) for an integer n. */
export function integerText(n: number): string {
  if (n >= 0 && n < LIMIT) return wholeText(n);
  if (n < 0 && n > -LIMIT) return "-" + wholeText(-n);
  return String(n);
}

const fractionTables: Array<readonly string[] | undefined> = [];

/** "" for 0, then ".1", ".01", ".12"...: each fraction as String prints it, trailing zeros dropped. */
function fractionTable(decimals: number): readonly string[] {
  let table = fractionTables[decimals];
  if (table === undefined) {
    const scale = 10 ** decimals;
    table = Array.from({ length: scale }, (_, k) => (k === 0 ? "" : "." + String(k).padStart(decimals, "0").replace(/0+$/, "")));
    fractionTables[decimals] = table;
  }
  return table;
}

/** A function giving String(n / 10 ** decimals) for integer n. */
export function scaledIntegerText(decimals: number): (n: number) => string {
  const scale = 10 ** decimals;
  if (decimals === 0) return integerText;
  if (decimals > MAX_TABLE_DECIMALS) return (n) => String(n / scale);
  const fractions = fractionTable(decimals);
  const positive = (n: number): string => {
    const whole = (n / scale) | 0;
    return wholeText(whole) + fractions[n - whole * scale]!;
  };
  // -0 is n >= 0 here and prints "0", as String(-0 / scale) does.
  return (n) => (n >= 0 && n < LIMIT ? positive(n) : n < 0 && n > -LIMIT ? "-" + positive(-n) : String(n / scale));
}
