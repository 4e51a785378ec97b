import type { BandsRule } from "../types.js";
import { comparable, isEmpty, sameCode, shown } from "../values.js";
import type { RuleDefinition } from "./definition.js";

/** The index of the band a number falls in, or -1. */
export function bandOf(rule: BandsRule, x: number): number {
  return rule.bands.findIndex((band) => {
    const from = band.from === undefined ? -Infinity : comparable(band.from)!;
    const to = band.to === undefined ? Infinity : comparable(band.to)!;
    return x >= from && x < to;
  });
}

export const bands: RuleDefinition<BandsRule> = {
  kind: "bands",
  columns: (rule) => [rule.number, rule.category],
  holds(rule, get) {
    const category = get(rule.category), number = get(rule.number);
    if (isEmpty(category) || isEmpty(number)) return true;
    const x = comparable(number);
    if (x === undefined) return false;
    const band = bandOf(rule, x);
    return band >= 0 && sameCode(category, rule.bands[band]!.value);
  },
  words(rule) {
    const parts = rule.bands.map((band) => {
      const range = band.from === undefined ? `below ${shown(band.to)}` : band.to === undefined ? `${shown(band.from)} or more` : `from ${shown(band.from)} to below ${shown(band.to)}`;
      return `${shown(band.value)} for ${range}`;
    });
    return `${rule.category} follows ${rule.number}: ${parts.join("; ")}`;
  },
};
