// Arrays kept in ascending order of a string key, searched by bisection.

/** The index of the first item whose key is not below `key` (the length when there is none). */
export function lowerBound<T>(items: readonly T[], key: string, keyOf: (item: T) => string): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyOf(items[mid]) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of the first item whose key is above `key`. */
export function upperBound<T>(items: readonly T[], key: string, keyOf: (item: T) => string): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyOf(items[mid]) <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Removes the item with this key, if there is one. */
export function removeSorted<T>(items: T[], key: string, keyOf: (item: T) => string): void {
  const i = lowerBound(items, key, keyOf);
  if (i < items.length && keyOf(items[i]) === key) items.splice(i, 1);
}

/** The index of the first item not before `item` by `compare` (the length when there is none). */
export function placeBy<T>(items: readonly T[], item: T, compare: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(items[mid], item) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Puts the items of `extra` (in order) into `items` (in order), in place. A few are placed one by
 * one (a bisection, then a native move of the items after each); many, by one merge from the
 * back, which compares every item once. The choice counts a move as some fifty comparisons: a
 * rough figure, not a measured one, that only decides which of two correct ways is taken.
 */
export function mergeSorted<T>(items: T[], extra: readonly T[], compare: (a: T, b: T) => number): void {
  const n = items.length;
  if (extra.length * (Math.log2(n + 1) + 50) < n) {
    for (const item of extra) items.splice(placeBy(items, item, compare), 0, item);
    return;
  }
  // Grown by pushing, not by setting the length: an array with holes stays slower for good.
  for (const item of extra) items.push(item);
  let i = n - 1;
  let j = extra.length - 1;
  for (let k = items.length - 1; j >= 0; k--) items[k] = i >= 0 && compare(items[i], extra[j]) > 0 ? items[i--] : extra[j--];
}
