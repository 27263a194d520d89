// The platform's optional HMAC request signature:
// Base64(HMAC-SHA256(secret, apikey + X-Client-Request-Id + Timestamp + raw body)).
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_WINDOW_MS = 5 * 60 * 1000;

export function signRequest(secret: string, apikey: string, requestId: string, timestamp: string, rawBody: Buffer | string): string {
  return createHmac('sha256', secret)
    .update(apikey + requestId + timestamp)
    .update(rawBody)
    .digest('base64');
}

/** Compares in constant time, so the answer's timing says nothing about how much of it was right. */
export function constantTimeEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** True when `timestamp` (epoch milliseconds) is within five minutes of `nowMs`, either way. */
export function timestampFresh(timestamp: string, nowMs: number): boolean {
  if (!/^\d{1,15}$/.test(timestamp)) return false;
  return Math.abs(Number(timestamp) - nowMs) <= SIGNATURE_WINDOW_MS;
}
