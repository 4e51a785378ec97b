/** Inclusive range of code points. */
export type CodePointRange = readonly [first: number, last: number];

/** JSON Schema counts string length in code points, so a surrogate pair counts once. */
export function countCodePoints(text: string): number {
  let count = text.length;
  const lastIndex = text.length - 1;
  for (let i = 0; i < lastIndex; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

/** Sorted, non-overlapping, with touching ranges joined. */
export function mergeRanges(ranges: readonly CodePointRange[]): CodePointRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [first, last] of sorted) {
    const previous = merged[merged.length - 1];
    if (previous !== undefined && first <= previous[1] + 1) {
      if (last > previous[1]) previous[1] = last;
    } else {
      merged.push([first, last]);
    }
  }
  return merged;
}

export function rangeMemberCount(ranges: readonly CodePointRange[]): number {
  let count = 0;
  for (const [first, last] of ranges) count += last - first + 1;
  return count;
}
