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

/** Inserts `item` at its place; an item with the same key is replaced. */
export function insertSorted<T>(items: T[], item: T, keyOf: (item: T) => string): void {
  const key = keyOf(item);
  const i = lowerBound(items, key, keyOf);
  if (i < items.length && keyOf(items[i]) === key) items[i] = item;
  else items.splice(i, 0, item);
}

/** Removes the item with this key, if there is one. */
export function removeSorted<T>(items: T[], key: string, keyOf: (item: T) => string): void {
  const i = lowerBound(items, key, keyOf);
  if (i < items.length && keyOf(items[i]) === key) items.splice(i, 1);
}
