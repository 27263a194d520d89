// How far V8 lets the old generation grow past what its last full collection kept, while a tenant
// loads or its search index is built. Allocating as fast as a load does, V8 lets the heap grow to
// up to four times what was kept before collecting again: a 100 000-customer tenant then peaked at
// 780–830 MB in the big-tenant benchmark, up to 130 MB of it garbage the next full collection
// freed. Held to half again what was kept, it peaked at 690–745 MB, its first answers as soon as
// before. Only meanwhile: held so all the time, a burst of adds (a heap that keeps growing) was
// collected so often that its p99 tripled. V8 reads the flag at each collection.
import v8 from 'node:v8';

/** Percent the old generation may grow beyond what the last full collection kept, while held. */
export const HELD_GROWING_PERCENT = 50;

let holders = 0;

/** Holds the heap's growth down until the answered function is called (once; later calls do nothing). */
export function holdHeapGrowth(): () => void {
  if (holders++ === 0) v8.setFlagsFromString(`--heap-growing-percent=${HELD_GROWING_PERCENT}`);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    // 0 gives V8 back its own reckoning.
    if (--holders === 0) v8.setFlagsFromString('--heap-growing-percent=0');
  };
}

/** How many loads and index builds hold the heap's growth down now. */
export const heapGrowthHolders = () => holders;
