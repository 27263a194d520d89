// When two values are "close enough" for the fuzzy switch 0: a small misspelling, or, for names,
// the same sound. Distances come from fastest-levenshtein and sounds from Double Metaphone, which
// knows the Spanish spellings of names (J/X/G, LL/Y, Z/S, silent H).
import { doubleMetaphone } from 'double-metaphone';
import { distance } from 'fastest-levenshtein';

export type FuzzyKind = 'name' | 'text' | 'code';

/** The sound codes of a folded name, without duplicates. */
export function phoneticCodes(key: string): string[] {
  if (!key) return [];
  const [primary, alternate] = doubleMetaphone(key);
  return primary === alternate || !alternate ? [primary].filter(Boolean) : [primary, alternate].filter(Boolean);
}

/**
 * How many typing mistakes a value of this length may carry and still match. Short values must
 * be exact (every one-letter change of "LI" is another real name); numbers allow one digit.
 */
export function typoTolerance(kind: FuzzyKind, length: number): number {
  if (kind === 'code') return length >= 6 ? 1 : 0;
  return length < 4 ? 0 : length < 9 ? 1 : 2;
}

/** The widest distance any close value can have: what an edit-distance index must be built for. */
export const MAX_TYPOS: Record<FuzzyKind, number> = { name: 2, text: 2, code: 1 };

/**
 * True when `candidate` is close to `query`: within the typo tolerance of the query's length,
 * or, for names that sound the same, one mistake more ("GONSALES" finds "GONZALEZ").
 */
export function isClose(kind: FuzzyKind, query: string, candidate: string): boolean {
  const allowed = typoTolerance(kind, query.length);
  const slack = kind === 'name' ? allowed + 1 : allowed;
  if (Math.abs(query.length - candidate.length) > slack) return false;
  const d = distance(query, candidate);
  if (d <= allowed) return true;
  if (kind !== 'name' || d > slack) return false;
  const heard = phoneticCodes(query);
  return phoneticCodes(candidate).some((code) => heard.includes(code));
}

const DIGITS = '0123456789';
const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Every string one insertion, deletion or substitution away from `text`. */
export function oneEditAway(text: string): string[] {
  const alphabet = /^\d+$/.test(text) ? DIGITS : ALPHANUMERIC;
  const out: string[] = [];
  for (let i = 0; i <= text.length; i++) {
    const head = text.slice(0, i);
    for (const ch of alphabet) out.push(head + ch + text.slice(i));
    if (i === text.length) break;
    const tail = text.slice(i + 1);
    out.push(head + tail);
    for (const ch of alphabet) if (ch !== text[i]) out.push(head + ch + tail);
  }
  return out;
}
