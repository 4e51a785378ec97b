import type { ColumnAccumulator } from "./column-accumulator.js";
import type { ColumnDecision } from "./infer-kind.js";
import type { ColumnRelease } from "./release-column.js";
import { setProperty } from "../io/own-property.js";

/**
 * A JSON Schema (2020-12) for a row of the profiled table. It leaves the secure setting with the
 * statistics, so it obeys the same rules, and the real data must validate against it:
 *
 * - No minimum or maximum from the data (they would be raw extremes). Only `minimum: 0` for columns
 *   whose values are all >= 0: a sign, not an observed value.
 * - `enum` only when every value of the column is published (all seen at least K times). When rare
 *   values were withheld, an enum of the published ones would reject the real rows that hold the rare
 *   ones, and an enum of all of them would publish them; so no enum, and the statistics carry the
 *   published categories (generation draws only those).
 * - No patterns or lengths for text: those are statistics, published (K-safe) in the statistics file.
 */

export const SCHEMA_DRAFT_URI = "https://json-schema.org/draft/2020-12/schema";

export interface InferredColumn {
  decision: ColumnDecision;
  accumulator: ColumnAccumulator;
  release: ColumnRelease;
}

function propertySchema({ decision, accumulator, release }: InferredColumn): Record<string, unknown> {
  const property: Record<string, unknown> = {};
  property.type = decision.nullable ? [decision.valueType, "null"] : decision.valueType;
  if (decision.format) property.format = decision.format;
  else if (decision.identifierType) property.format = decision.identifierType;
  if (release.completeValues && release.completeValues.length > 0) {
    property.enum = decision.nullable ? [...release.completeValues, null] : [...release.completeValues];
  }
  const numeric = decision.valueType === "integer" || decision.valueType === "number";
  if (numeric && accumulator.numbers.count > 0 && accumulator.numbers.min >= 0 && !property.enum) property.minimum = 0;
  return property;
}

export function inferSchema(columns: InferredColumn[], table: string): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const column of columns) setProperty(properties, column.decision.name, propertySchema(column));
  return {
    $schema: SCHEMA_DRAFT_URI,
    title: table,
    description: "A row of the table, inferred by synth profile. Real values never appear here: see the statistics file.",
    type: "object",
    properties,
    required: columns.filter((c) => c.decision.required).map((c) => c.decision.name),
    additionalProperties: false,
  };
}
