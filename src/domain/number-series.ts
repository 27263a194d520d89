// How the sandbox shapes the numbers it hands out. No identifier starts with 0, so every one
// of them can also travel as a bare JSON number (a leading zero is not valid JSON).
import { luhnCheckDigit } from './luhn.js';
import type { NumberKind } from './model.js';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** 19 digits: 45, the organization, a 14-digit sequence. Above 2^53, like the seed's numbers. */
export const customerNumberFor = (org: number, seq: number) => `45${pad(org, 3)}${pad(seq, 14)}`;

/** 16 digits: 8, the organization, the logo, a 9-digit sequence. */
export const accountNumberFor = (org: number, logo: number, seq: number) =>
  `8${pad(org, 3)}${pad(logo, 3)}${pad(seq, 9)}`;

/** 16 digits: the logo's BIN, a 9-digit sequence, the Luhn check digit. */
export function cardNumberFor(bin: string, seq: number): string {
  const payload = `${bin}${pad(seq, 9)}`;
  return payload + luhnCheckDigit(payload);
}

/** 19 digits: 46, the organization, a 14-digit sequence. */
export const relationshipNumberFor = (org: number, seq: number) => `46${pad(org, 3)}${pad(seq, 14)}`;

/** Names one counter in TenantData.counters; a series is a kind of number within an org (and logo). */
export const seriesKey = (kind: NumberKind, org: number, logo?: number) =>
  logo === undefined ? `${kind}:${org}` : `${kind}:${org}:${logo}`;

/**
 * Takes the next number of a series that nothing holds yet and moves the counter past it,
 * so a number once handed out is never produced again.
 */
export function takeNextNumber(
  counters: Record<string, number>,
  key: string,
  format: (seq: number) => string,
  isTaken: (candidate: string) => boolean,
): string {
  let seq = counters[key] ?? 1;
  let candidate = format(seq);
  while (isTaken(candidate)) candidate = format(++seq);
  counters[key] = seq + 1;
  return candidate;
}

/**
 * The counters that `after` moved on from `before`. A change commits only these: stores merge
 * them into the rest, and every other counter in each journal line would only make it longer.
 */
export function movedCounters(before: Readonly<Record<string, number>>, after: Readonly<Record<string, number>>): Record<string, number> {
  const moved: Record<string, number> = {};
  for (const key of Object.keys(after)) if (after[key] !== before[key]) moved[key] = after[key];
  return moved;
}
