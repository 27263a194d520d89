// Request bodies are built as text: an identifier of up to 19 digits may go out as a bare JSON
// number, and JSON.stringify of a JavaScript number would round it beyond 2^53.
import { isLosslessNumber, LosslessNumber, stringify } from 'lossless-json';

/** A bare JSON number written digit for digit. */
export const bareNumber = (digits: string | number | bigint) => new LosslessNumber(String(digits));

export const toJsonText = (value: unknown): string => stringify(value) ?? '';

/** The same value with exact numbers turned into JavaScript numbers, for Ajv (which only knows those). */
export function approximate(value: unknown): unknown {
  if (isLosslessNumber(value)) return Number((value as LosslessNumber).value);
  if (Array.isArray(value)) return value.map(approximate);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, approximate(v)]));
  return value;
}

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}
