// Loads of tenants and builds of their lookup indexes running in this process, whichever store
// runs them: heavy work, seconds long for a large tenant. While any runs, the contract warm-up
// gives way (contract-warm-up.ts), and V8's old generation is held to grow to half again what its
// last full collection kept. Allocating as fast as a load does, V8 would let it grow to up to four
// times that before collecting again: a 100 000-customer tenant then peaked at 780–830 MB in the
// big-tenant benchmark, up to 130 MB of it garbage the next full collection freed. Held, it peaked
// at 690–745 MB, its first answers as soon as before. Only meanwhile: held all the time, a burst of
// adds (a heap that keeps growing) was collected so often that its p99 tripled. V8 reads the flag
// at each collection.
import v8 from 'node:v8';

/** Percent the old generation may grow beyond what the last full collection kept, while a load runs. */
export const HELD_GROWING_PERCENT = 50;

let running = 0;

/** Counts a load or an index build until the answered function is called (once; later calls do nothing). */
export function loadStarted(): () => void {
  if (running++ === 0) v8.setFlagsFromString(`--heap-growing-percent=${HELD_GROWING_PERCENT}`);
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    // 0 gives V8 back its own reckoning.
    if (--running === 0) v8.setFlagsFromString('--heap-growing-percent=0');
  };
}

/** How many tenant loads and index builds are running now. */
export const loadsRunning = () => running;
