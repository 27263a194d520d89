// Runs a request again when its commit finds that the tenant changed after the request read it
// (StaleTenantError, from a store shared by several instances). Handlers compute their change from
// what they read and do nothing before the commit, so running one again from a store brought up to
// date is safe. Re-runs of one tenant take turns in this process: of many requests that collided,
// each then commits on what the one before it stored, instead of colliding again.
import { setTimeout as sleep } from 'node:timers/promises';
import { StaleTenantError } from '../store/store.js';

/**
 * Runs at most, the first included; a request still stale after them is answered 503 (the error is a
 * TenantDataError). At 8, one add in about two thousand was refused so in a burst of 16 clients
 * through two instances; the pauses are capped, so 16 runs wait at most about two seconds more.
 */
export const STALE_ATTEMPTS = 16;
/** The longest pause before a re-run, in milliseconds; each pause is random up to a bound that doubles. */
const MAX_BACKOFF_MS = 200;

const turns = new Map<string, Promise<unknown>>();

/** `run` in the key's queue of re-runs: after those queued before it, whether they succeed or fail. */
function inTurn<T>(key: string, run: () => Promise<T>): Promise<T> {
  const result = (turns.get(key) ?? Promise.resolve()).then(run);
  const settled = result.catch(() => undefined);
  turns.set(key, settled);
  void settled.then(() => turns.get(key) === settled && turns.delete(key));
  return result;
}

/**
 * `run`, run again on StaleTenantError up to STALE_ATTEMPTS times in all; `key` names the tenant.
 * `inTurnFirst` queues even the first run: writes to a tenant other processes also write then take
 * turns in this process, so they collide only with other processes' writes, not with each other.
 */
export async function retryStale<T>(key: string, run: () => Promise<T>, { attempts = STALE_ATTEMPTS, inTurnFirst = false } = {}): Promise<T> {
  try {
    return await (inTurnFirst ? inTurn(key, run) : run());
  } catch (err) {
    if (!(err instanceof StaleTenantError)) throw err;
  }
  for (let attempt = 2; ; attempt++) {
    try {
      return await inTurn(key, run);
    } catch (err) {
      if (!(err instanceof StaleTenantError) || attempt >= attempts) throw err;
      // Stale even in turn: another instance committed meanwhile. A random pause spreads the instances apart.
      await sleep(Math.random() * Math.min(MAX_BACKOFF_MS, 5 * 2 ** attempt));
    }
  }
}
