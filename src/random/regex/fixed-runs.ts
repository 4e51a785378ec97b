import { tableNode, type CompiledNode } from "./compiled-node.js";

/**
 * A product table stays this small; beyond it, the memory outweighs the draws saved. 8192 still
 * fuses " [0-9][A-Z]{2}", the tail of a UK postcode, into one table.
 */
const MAX_FUSED_OUTCOMES = 8192;

/**
 * Adjacent parts that each emit one of a few equally likely fixed-length strings are replaced by
 * the table of their concatenations: `[0-9][A-Z]` becomes one draw from 260 strings. A uniform draw
 * from the product is the same distribution as independent draws from each part.
 */
export function fuseFixedRuns(parts: readonly CompiledNode[]): CompiledNode[] {
  const fused: CompiledNode[] = [];
  let run: CompiledNode[] = [];
  let runSize = 1;
  const closeRun = (): void => {
    if (run.length === 1) fused.push(run[0] as CompiledNode);
    else if (run.length > 1) fused.push(productNode(run));
    run = [];
    runSize = 1;
  };
  for (const part of parts) {
    const size = part.outcomes?.length;
    if (size === undefined) {
      closeRun();
      fused.push(part);
      continue;
    }
    // A literal never grows the table, so it always joins.
    if (size > 1 && runSize * size > MAX_FUSED_OUTCOMES) closeRun();
    run.push(part);
    runSize *= size;
  }
  closeRun();
  return fused;
}

function productNode(run: readonly CompiledNode[]): CompiledNode {
  let outcomes: readonly string[] = [""];
  let length = 0;
  for (const part of run) {
    const next: string[] = [];
    for (const prefix of outcomes) for (const suffix of part.outcomes ?? []) next.push(prefix + suffix);
    outcomes = next;
    length += part.minLength;
  }
  return tableNode(outcomes, length);
}
