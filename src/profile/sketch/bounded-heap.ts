/**
 * The `size` smallest numbers seen, kept exactly in a max-heap (the largest of them on top, so a new
 * value is compared with one number and usually rejected). The largest values are kept by feeding
 * negated numbers. Used beside the quantile sketch: the K-th smallest and largest values, on which
 * disclosure control rests, must be exact, and a sketch is least accurate exactly there.
 */
export class SmallestValues {
  private readonly heap: Float64Array;
  private length = 0;

  constructor(readonly size: number) {
    this.heap = new Float64Array(Math.max(1, size));
  }

  add(value: number): void {
    const heap = this.heap;
    if (this.length < this.size) {
      let i = this.length++;
      heap[i] = value;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (heap[parent]! >= heap[i]!) break;
        [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
        i = parent;
      }
      return;
    }
    if (this.size === 0 || value >= heap[0]!) return;
    heap[0] = value;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let largest = i;
      if (left < this.length && heap[left]! > heap[largest]!) largest = left;
      if (right < this.length && heap[right]! > heap[largest]!) largest = right;
      if (largest === i) break;
      [heap[largest], heap[i]] = [heap[i]!, heap[largest]!];
      i = largest;
    }
  }

  /** The kept values, ascending. */
  sorted(): Float64Array {
    return this.heap.slice(0, this.length).sort();
  }
}
