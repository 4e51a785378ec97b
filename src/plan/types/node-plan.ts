import type { Sample } from "../sampler.js";

export interface NodePlan {
  sample: Sample<unknown>;
  /** True when every value `sample` returns is valid for its subschema by construction, so it needs no check. */
  exact: boolean;
  /**
   * Set only by object plans whose `sample` is exactly "each field in order: draw it, keep it unless
   * OMIT": writers use it to emit a record (CSV line, JSON text) without building the object.
   * Drawing the fields in order consumes the Rng exactly as `sample` does.
   */
  fields?: readonly FieldPlan[];
  /**
   * A lower bound on the characters of JSON text any value drawn takes (see plan/value-size.ts):
   * sizes no run could write are refused at compile time. Absent: small.
   */
  smallest?: number;
}

/** One property of an object plan: its value, or OMIT when the property is absent from this record. */
export interface FieldPlan {
  name: string;
  draw: Sample<unknown>;
}
