/**
 * How a differential-privacy budget is split. A record appears in every column, so the columns'
 * releases compose sequentially: epsilon is divided evenly between columns, and a column's share
 * between its releases (its histogram, and for some kinds one further count). Within one histogram
 * the cells are disjoint, so the whole histogram costs its share once (parallel composition).
 */
export class PrivacyBudget {
  private spentSoFar = 0;

  /**
   * `reserved` is the share of epsilon kept for the dependence model; the columns split the rest.
   */
  constructor(
    readonly epsilon: number,
    private readonly columns: number,
    readonly reserved = 0,
  ) {}

  /** One column's share. */
  get perColumn(): number {
    return (this.epsilon * (1 - this.reserved)) / Math.max(1, this.columns);
  }

  /** The share kept for the dependence model. */
  get forModel(): number {
    return this.epsilon * this.reserved;
  }

  /** Records that a release with this share was made. */
  spend(epsilon: number): void {
    this.spentSoFar += epsilon;
  }

  get spent(): number {
    // Summing the shares back can leave a rounding residue of 1e-16; publish a clean figure.
    return Math.round(this.spentSoFar * 1e9) / 1e9;
  }
}
