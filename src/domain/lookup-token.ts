// The opaque start tokens of the customer lookup. A token holds a position in the answer's order
// (not an offset, so pages stay put while customers are added) and the searches the answer came
// from, so a drill down can narrow within it. Compressed, so a few nested searches stay short.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Criterion, SearchCriteria } from './customer-search.js';

export interface LookupToken {
  position: string;
  /** The search this token's answer came from. */
  search: SearchCriteria;
  /** The earlier answers that search narrowed within, oldest first. */
  within: SearchCriteria[];
}

/** How many searches a drill down may stack; deeper chains would outgrow the token. */
export const MAX_DRILL_DEPTH = 8;

const PREFIX = 'L2.';
const MODES = new Set(['equals', 'prefix', 'suffix', 'contains']);
const PRIMARY = new Set(['lastName', 'identifier', 'phone', 'postal']);
const OPTIONAL = new Set(['firstName', 'middleName', 'dateOfBirth', 'title', 'suffix', 'countryCode', 'user14', 'user15']);

export const encodeLookupToken = (token: LookupToken) =>
  PREFIX + deflateRawSync(Buffer.from(JSON.stringify([token.position, token.search, token.within]))).toString('base64url');

/** The token's content when this sandbox issued it; undefined for anything else. */
export function decodeLookupToken(text: string): LookupToken | undefined {
  if (!text.startsWith(PREFIX)) return undefined;
  try {
    const [position, search, within] = JSON.parse(inflateRawSync(Buffer.from(text.slice(PREFIX.length), 'base64url')).toString('utf8'));
    if (typeof position !== 'string' || !isCriteria(search) || !Array.isArray(within) || !within.every(isCriteria)) return undefined;
    if (within.length >= MAX_DRILL_DEPTH) return undefined;
    return { position, search, within };
  } catch {
    return undefined;
  }
}

// A token travels through the caller's hands: only well-formed criteria are taken back.
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCriterion = (v: unknown): v is Criterion => isObject(v) && MODES.has(v.mode as string) && typeof v.text === 'string';
const criteriaMap = (v: unknown, names: Set<string>) =>
  isObject(v) && Object.entries(v).every(([k, c]) => names.has(k) && isCriterion(c));

function isCriteria(v: unknown): v is SearchCriteria {
  return (
    isObject(v) &&
    criteriaMap(v.primary, PRIMARY) &&
    Object.keys(v.primary as object).length > 0 &&
    criteriaMap(v.optional, OPTIONAL) &&
    typeof v.primaryAll === 'boolean' &&
    typeof v.optionalAll === 'boolean' &&
    (v.nameFirst === undefined || isCriterion(v.nameFirst)) &&
    Array.isArray(v.organizations) &&
    v.organizations.every((o) => Number.isInteger(o))
  );
}
