/** Parents between checkpoints: the locator keeps one number per this many parents. */
const STRIDE = 1024;

/**
 * Which parent a child row belongs to, when parent p has count(p) children laid out one parent after
 * another. Counts are drawn from the row number alone, so any thread or shard finds the same parent
 * for the same child row; memory is one checkpoint per thousand parents, whatever the sizes.
 */
export class ParentLocator {
  /** First child row of parents 0, STRIDE, 2·STRIDE, … */
  private readonly checkpoints: number[] = [];
  readonly children: number;
  private cursor = { parent: 0, start: 0, count: 0 };

  constructor(
    readonly parents: number,
    private readonly count: (parent: number) => number,
  ) {
    let start = 0;
    for (let p = 0; p < parents; p++) {
      if (p % STRIDE === 0) this.checkpoints.push(start);
      start += count(p);
    }
    this.children = start;
    this.cursor = { parent: 0, start: 0, count: parents > 0 ? count(0) : 0 };
  }

  /** The parent of child row `row` and the child's place among its siblings (0-based). */
  find(row: number): { parent: number; index: number } {
    let { parent, start, count } = this.cursor;
    if (row < start) {
      // Backwards (a new batch or shard): start again from the checkpoint at or before the row.
      let lo = 0;
      let hi = this.checkpoints.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (this.checkpoints[mid]! <= row) lo = mid;
        else hi = mid - 1;
      }
      parent = lo * STRIDE;
      start = this.checkpoints[lo]!;
      count = this.count(parent);
    }
    while (row >= start + count && parent < this.parents - 1) {
      start += count;
      parent++;
      count = this.count(parent);
    }
    this.cursor = { parent, start, count };
    return { parent, index: row - start };
  }
}
