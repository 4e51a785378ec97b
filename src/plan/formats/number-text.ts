/**
 * `String(n / 10 ** decimals)` for an integer n, without converting a double to text: the whole part
 * is a small integer (which V8 turns into text from a cache) and the fraction comes from a table.
 * A decimal of at most 15 significant digits is the shortest text that reads back as the nearest
 * double, which is what String() prints, so the two agree whenever |n| < 2^31 and decimals <= 3
 * (test/plan/number-text.test.ts checks it against String on many values).
 */
export const MAX_TABLE_DECIMALS = 3;

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
  if (decimals === 0) return (n) => String(n);
  if (decimals > MAX_TABLE_DECIMALS) return (n) => String(n / scale);
  const fractions = fractionTable(decimals);
  const positive = (n: number): string => {
    const whole = Math.floor(n / scale);
    return whole + fractions[n - whole * scale]!;
  };
  return (n) => (n > -2147483648 && n < 2147483648 ? (n < 0 ? "-" + positive(-n) : positive(n)) : String(n / scale));
}
