// Scrolling through an ordered list by position tokens rather than offsets, so a page boundary
// stays put while records are added before or after it.

export type Direction = 'first' | 'next' | 'prev';

export interface Page<T> {
  items: T[];
  /** Records remain beyond this page in the direction of travel (or after it, for prev). */
  more: boolean;
  /** Records exist before the first item of this page. */
  hasPrevious: boolean;
}

/**
 * One page of `sorted`. With 'next' the page starts after `from`; with 'prev' it ends before it.
 * `compareToKey(item)` is negative when the item sorts before the key, zero when equal.
 */
export function pageByKey<T>(
  sorted: readonly T[],
  size: number,
  direction: Direction,
  compareToKey?: (item: T) => number,
): Page<T> {
  if (direction === 'first' || !compareToKey) {
    return { items: sorted.slice(0, size), more: sorted.length > size, hasPrevious: false };
  }
  if (direction === 'next') {
    const start = firstIndex(sorted, (item) => compareToKey(item) > 0);
    return { items: sorted.slice(start, start + size), more: sorted.length > start + size, hasPrevious: start > 0 };
  }
  const end = firstIndex(sorted, (item) => compareToKey(item) >= 0);
  const start = Math.max(0, end - size);
  return { items: sorted.slice(start, end), more: end < sorted.length, hasPrevious: start > 0 };
}

/** Index of the first item for which `pass` holds, in a list where it holds for a suffix. */
function firstIndex<T>(sorted: readonly T[], pass: (item: T) => boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pass(sorted[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** 'N' next, 'P' previous, anything else the first page (the platform's blank function code). */
export function directionOf(functionCode: string): Direction {
  const c = functionCode.trim().toUpperCase();
  return c === 'N' ? 'next' : c === 'P' ? 'prev' : 'first';
}
