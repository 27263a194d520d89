// The opaque start tokens of the customer lookup. A token holds a position in the answer's order
// (not an offset, so pages stay put while customers are added) and the searches the answer came
// from, so a drill down can narrow within it. Criteria are written compactly (a mode letter
// before each text, the words of a name separated by spaces) so a stack of drill downs still
// makes a short token.
import type { Criterion, OptionalField, PrimaryField, SearchCriteria } from './customer-search.js';

export interface LookupToken {
  position: string;
  /** The search this token's answer came from. */
  search: SearchCriteria;
  /** The earlier answers that search narrowed within, oldest first. */
  within: SearchCriteria[];
}

/** How many searches a drill down may stack; deeper chains would outgrow the token. */
export const MAX_DRILL_DEPTH = 8;

// L3: positions start with the match rank; an L2 token's position means nothing in today's order.
const PREFIX = 'L3.';
const LETTER = { equals: 'e', prefix: 'p', suffix: 's', contains: 'c' } as const;
const MODE = { e: 'equals', p: 'prefix', s: 'suffix', c: 'contains' } as const;
const PRIMARY = new Set<string>(['lastName', 'identifier', 'phone', 'postal']);
const OPTIONAL = new Set<string>(['firstName', 'middleName', 'dateOfBirth', 'title', 'suffix', 'countryCode', 'user14', 'user15']);

/** The compact form: {p: primary, a: all primary, n: LAST,FIRST name, o: optional, b: all optional, g: organizations}. */
interface Compact {
  p: Record<string, string>;
  a: 0 | 1;
  n?: string;
  o: Record<string, string>;
  b: 0 | 1;
  g: number[];
}

// No key holds a space (keys keep only letters, digits and dates' dashes), so a space can part words.
const short = (c: Criterion) => LETTER[c.mode] + (c.words ? c.words.join(' ') : c.text);
const shortAll = (m: Partial<Record<string, Criterion>>) => Object.fromEntries(Object.entries(m).map(([k, c]) => [k, short(c!)]));

function compact(c: SearchCriteria): Compact {
  return { p: shortAll(c.primary), a: c.primaryAll ? 1 : 0, ...(c.nameFirst ? { n: short(c.nameFirst) } : {}), o: shortAll(c.optional), b: c.optionalAll ? 1 : 0, g: c.organizations };
}

export const encodeLookupToken = (token: LookupToken) =>
  PREFIX + Buffer.from(JSON.stringify([token.position, compact(token.search), token.within.map(compact)])).toString('base64url');

/** The token's content when this sandbox issued it; undefined for anything else. */
export function decodeLookupToken(text: string): LookupToken | undefined {
  if (!text.startsWith(PREFIX)) return undefined;
  try {
    const [position, search, within] = JSON.parse(Buffer.from(text.slice(PREFIX.length), 'base64url').toString('utf8'));
    if (typeof position !== 'string' || !Array.isArray(within) || within.length > MAX_DRILL_DEPTH) return undefined;
    const criteria = [search, ...within].map(expand);
    if (criteria.some((c) => c === undefined)) return undefined;
    return { position, search: criteria[0]!, within: criteria.slice(1) as SearchCriteria[] };
  } catch {
    return undefined;
  }
}

// A token travels through the caller's hands: only well-formed criteria are taken back.
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function long(v: unknown): Criterion | undefined {
  if (typeof v !== 'string' || !(v[0] in MODE)) return undefined;
  const mode = MODE[v[0] as keyof typeof MODE];
  const words = v.slice(1).split(' ');
  if (words.length === 1) return { mode, text: words[0] };
  if (words.some((w) => !w)) return undefined;
  return { mode, text: words.join(''), words };
}

function longAll<K extends string>(v: unknown, names: Set<string>): Partial<Record<K, Criterion>> | undefined {
  if (!isObject(v)) return undefined;
  const out: Partial<Record<K, Criterion>> = {};
  for (const [k, c] of Object.entries(v)) {
    const criterion = long(c);
    if (!names.has(k) || !criterion) return undefined;
    out[k as K] = criterion;
  }
  return out;
}

function expand(v: unknown): SearchCriteria | undefined {
  if (!isObject(v)) return undefined;
  const primary = longAll<PrimaryField>(v.p, PRIMARY);
  const optional = longAll<OptionalField>(v.o, OPTIONAL);
  const nameFirst = v.n === undefined ? undefined : long(v.n);
  const organizations = Array.isArray(v.g) && v.g.every((o) => Number.isInteger(o)) ? (v.g as number[]) : undefined;
  if (!primary || Object.keys(primary).length === 0 || !optional || !organizations || (v.n !== undefined && !nameFirst)) return undefined;
  return {
    primary,
    primaryAll: v.a === 1,
    ...(nameFirst ? { nameFirst } : {}),
    optional,
    optionalAll: v.b === 1,
    organizations,
  };
}
