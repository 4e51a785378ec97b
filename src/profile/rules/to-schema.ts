import type { BandsRule, CombinationsRule, EmptyRule, Rule } from "../../rules/types.js";
import { isoToSeconds } from "../../plan/formats/calendar.js";

/**
 * The rules profile found, written into the inferred schema: all of them in `x-synth-rules` (so that
 * `generate --schema` alone keeps them), and those standard JSON Schema can say as `if`/`then`/`else`
 * and `not` in `allOf` (so that any validator checks them): an empty column, a number's bands, and
 * combinations that never occur. Orders between columns, and bands of dates, have no standard form.
 */

type Schema = Record<string, unknown>;

const given = (column: string, schema: Schema): Schema => ({ properties: { [column]: schema }, required: [column] });

function emptySchemas(rule: EmptyRule): Schema[] {
  const when = given(rule.when, { enum: rule.values });
  return [{ if: when, then: { properties: { [rule.column]: { type: "null" } } }, ...(rule.exactly ? { else: given(rule.column, { not: { type: "null" } }) } : {}) }];
}

function bandSchemas(rule: BandsRule): Schema[] {
  const bounds = [...rule.bands.flatMap((b) => [b.from, b.to])].filter((v) => v !== undefined);
  if (bounds.some((v) => typeof v === "string" && isoToSeconds(v) !== undefined)) return [];
  return rule.bands.map((band) => {
    const range: Schema = { ...(band.from !== undefined ? { minimum: band.from } : {}), ...(band.to !== undefined ? { exclusiveMaximum: band.to } : {}) };
    return {
      if: given(rule.number, { type: "number", ...range }),
      then: { properties: { [rule.category]: { enum: [band.value, null] } } },
    };
  });
}

function combinationSchemas(rule: CombinationsRule): Schema[] {
  const [a, b] = rule.columns;
  return rule.never.map(([x, y]) => ({ not: { properties: { [a]: { const: x }, [b]: { const: y } }, required: [a, b] } }));
}

function standardSchemas(rule: Rule): Schema[] {
  switch (rule.kind) {
    case "empty":
      return emptySchemas(rule);
    case "bands":
      return bandSchemas(rule);
    case "combinations":
      return combinationSchemas(rule);
    case "order":
      return [];
  }
}

export function withRules(schema: Schema, rules: readonly Rule[]): Schema {
  if (rules.length === 0) return schema;
  const allOf = rules.flatMap(standardSchemas);
  return { ...schema, ...(allOf.length > 0 ? { allOf } : {}), "x-synth-rules": rules };
}
