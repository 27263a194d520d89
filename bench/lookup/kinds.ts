// The kinds of customer lookup the benchmarks time (bench/lookup.ts in process, bench/postgres.ts
// over HTTP): a request body per kind, drawn from one of the tenant's own customers, and the
// follow-up steps of the kinds that page or drill down with tokens.
import type { Customer } from '../../src/domain/model.js';
import { nameWords } from '../../src/domain/text-match.js';

export type Body = Record<string, unknown>;
export type Answer = { more: 'Y' | 'N'; customers: { customerNumber: string }[]; nextToken?: string; prevToken?: string };

/** One kind of search: a body per run, drawn from the tenant's own customers. */
export interface Kind {
  name: string;
  body: (c: Customer) => Body;
  /** Searches that follow tokens: each run sends these steps one after the other. */
  steps?: number;
}

export const plain = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '');
const misspell = (s: string) => {
  const letters = plain(s).replace(/[^A-Z]/g, '');
  const i = Math.min(letters.length - 2, 3);
  return letters.slice(0, i) + (letters[i] === 'A' ? 'E' : 'A') + letters.slice(i + 1);
};
/** The first word of a compound surname: a common surname, held by hundreds at 100 000 customers. */
const firstWord = (s: string) => nameWords(s)[0] ?? s;

export const KINDS: Kind[] = [
  { name: 'exact last name', body: (c) => ({ primarySearchData: { lastBusinessName: plain(c.owner.lastName!).toLowerCase() } }) },
  { name: 'prefix (3 letters*)', body: (c) => ({ primarySearchData: { lastBusinessName: `${plain(c.owner.lastName!).slice(0, 3)}*` } }) },
  { name: 'ends with (switch 3)', body: (c) => ({ primarySearchData: { lastBusinessName: c.owner.lastName!.slice(-5) }, lastNameFuzzySwitch: 3 }) },
  { name: 'fuzzy (one typo)', body: (c) => ({ primarySearchData: { lastBusinessName: misspell(c.owner.lastName!) } }) },
  { name: 'whole word (switch 0)', body: (c) => ({ primarySearchData: { lastBusinessName: firstWord(c.owner.lastName!) } }) },
  { name: 'misspelt word (switch 0)', body: (c) => ({ primarySearchData: { lastBusinessName: misspell(firstWord(c.owner.lastName!)) } }) },
  { name: 'paging whole word N,N,P', body: (c) => ({ primarySearchData: { lastBusinessName: firstWord(c.owner.lastName!) } }), steps: 3 },
  { name: 'identifier', body: (c) => ({ primarySearchData: { identifier: c.owner.identificationNumber }, requestOptionData: { identifierOption: 1 } }) },
  { name: 'phone', body: (c) => ({ primarySearchData: { phoneNumber: c.owner.mobilePhoneNumber ?? c.owner.homePhoneNumber }, returnDataOption: '1' }) },
  { name: 'postal code', body: (c) => ({ primarySearchData: { postalCode: c.owner.postalCode }, requestOptionData: { postalCodeOption: 1 } }) },
  {
    name: 'prefix + all filters',
    body: (c) => ({
      primarySearchData: { lastBusinessName: `${plain(c.owner.lastName!).slice(0, 2)}*` },
      optionalSearchData: { firstName: c.owner.firstName, dateOfBirth: c.owner.dateOfBirth },
      optionalDataMatch: 1,
    }),
  },
  {
    name: 'exact + any filter',
    body: (c) => ({
      primarySearchData: { lastBusinessName: c.owner.lastName },
      optionalSearchData: { countryCode: c.owner.countryCode, title: 'ZZ' },
      returnDataOption: '2',
    }),
  },
  { name: 'paging N,N,P (10 a page)', body: (c) => ({ numberOfRecords: 10, primarySearchData: { lastBusinessName: `${plain(c.owner.lastName!).slice(0, 2)}*` } }), steps: 3 },
  {
    name: 'drill down (2 steps)',
    body: (c) => ({ primarySearchData: { lastBusinessName: plain(c.owner.lastName!).slice(0, 2) }, lastNameFuzzySwitch: 2 }),
    steps: 2,
  },
];

/** The request of step `i` of a run, from the previous answer. */
export function stepBody(kind: Kind, first: Body, c: Customer, i: number, previous?: Answer): Body | undefined {
  if (i === 0) return first;
  if (kind.name.startsWith('paging')) {
    if (i === 1) return previous?.nextToken ? { ...first, serviceFunctionCode: 'N', startToken: previous.nextToken } : undefined;
    return previous?.prevToken ? { ...first, serviceFunctionCode: 'P', startToken: previous.prevToken } : undefined;
  }
  if (!previous?.nextToken) return undefined;
  return { primarySearchData: { lastBusinessName: plain(c.owner.lastName!).slice(0, 4) }, lastNameFuzzySwitch: 2, startToken: previous.nextToken };
}
