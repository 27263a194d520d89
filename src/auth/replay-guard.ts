// Remembers the request ids of signed requests for the signature window. SeenRequestIds is all
// access control knows of it; ReplayGuard keeps them in this process's memory (the default, and the
// embedded sandbox's only one), PostgresReplayGuard (postgres-replay-guard.ts) in the database that
// several instances share.
import { SIGNATURE_WINDOW_MS } from './request-signature.js';

/** The request ids of signed requests used within the signature window, per apikey. */
export interface SeenRequestIds {
  /**
   * False when the id was already used within the window; otherwise records it until `untilMs`
   * (by default the window from now) and answers true. May throw an ApiError (503 SBX503T) when it
   * cannot tell.
   */
  admit(apikey: string, requestId: string, nowMs: number, untilMs?: number): boolean | Promise<boolean>;
}

/** In bounded memory: past the limit the oldest ids are forgotten first (they are also the first to leave the window). */
export class ReplayGuard implements SeenRequestIds {
  /** Key → the time it stops mattering; a Map keeps insertion order, which is expiry order. */
  private readonly seen = new Map<string, number>();

  constructor(private readonly maxEntries = 100_000) {}

  /** False when the id was already used within the window; otherwise records it. */
  admit(apikey: string, requestId: string, nowMs: number, untilMs = nowMs + SIGNATURE_WINDOW_MS): boolean {
    this.forgetExpired(nowMs);
    const key = `${apikey}\u0000${requestId}`;
    const until = this.seen.get(key);
    if (until !== undefined && until > nowMs) return false;
    this.seen.delete(key);
    this.seen.set(key, untilMs);
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
