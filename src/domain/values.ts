// Normalises the loosely typed values the platform accepts (a field may come as a string or a
// number) into the one form the sandbox stores.

/** True for undefined, null, and strings of spaces only: the platform's "not given". */
export const isBlank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** An organization number counts as given unless blank or 0 (the platform's empty numeric field). */
export const isOrganizationGiven = (v: unknown): boolean => !isBlank(v) && v !== 0 && v !== '0';

/**
 * The exact digits of an identifier sent as a string or a number. Numbers too large for a JS
 * number reach here as digit strings already (see http/json-body), so nothing is rounded.
 */
export function digitsOf(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return String(v);
  if (typeof v === 'string' && /^\d{1,19}$/.test(v.trim())) return v.trim();
  return undefined;
}

/** A one-character code sent as "1" or 1; blank answers ''. */
export function codeOf(v: unknown): string {
  if (isBlank(v)) return '';
  return String(v).trim();
}

/** A small integer sent as 1 or "1"; blank or non-numeric answers undefined. */
export function intOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^\s*\d+\s*$/.test(v)) return Number(v);
  return undefined;
}

/** A text value, trimmed at the end as a fixed-width record would be; blank answers undefined. */
export function textOf(v: unknown): string | undefined {
  if (isBlank(v)) return undefined;
  return String(v).trimEnd();
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** Numeric order of digit strings without leading zeros: shorter first, then by digits. */
export const compareDigits = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
