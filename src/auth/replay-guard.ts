// Remembers the request ids of signed requests for the signature window, in bounded memory: past
// the limit the oldest ids are forgotten first (they are also the first to leave the window).
import { SIGNATURE_WINDOW_MS } from './request-signature.js';

export class ReplayGuard {
  /** Key → the time it stops mattering; a Map keeps insertion order, which is expiry order. */
  private readonly seen = new Map<string, number>();

  constructor(private readonly maxEntries = 100_000) {}

  /** False when the id was already used within the window; otherwise records it. */
  admit(apikey: string, requestId: string, nowMs: number): boolean {
    this.forgetExpired(nowMs);
    const key = `${apikey}\u0000${requestId}`;
    const until = this.seen.get(key);
    if (until !== undefined && until > nowMs) return false;
    this.seen.delete(key);
    this.seen.set(key, nowMs + SIGNATURE_WINDOW_MS);
    while (this.seen.size > this.maxEntries) this.seen.delete(this.seen.keys().next().value!);
    return true;
  }

  get size() {
    return this.seen.size;
  }

  private forgetExpired(nowMs: number) {
    for (const [key, until] of this.seen) {
      if (until > nowMs) break;
      this.seen.delete(key);
    }
  }
}
