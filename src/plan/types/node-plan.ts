import type { Sample } from "../sampler.js";

export interface NodePlan {
  sample: Sample<unknown>;
  /** True when every value `sample` returns is valid for its subschema by construction, so it needs no check. */
  exact: boolean;
}
