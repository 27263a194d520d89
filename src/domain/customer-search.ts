// The FirstVision customer search rules: which criteria a request makes, the VPL5SZL checks on
// them, and whether a customer matches. Pure: no storage and no HTTP.
import { fail } from '../http/errors.js';
import type { Customer, Party } from './model.js';
import { alnumOnly, digitsOnly, foldText, matches, modeFor, type MatchMode } from './text-match.js';

export type PrimaryField = 'lastName' | 'identifier' | 'phone' | 'postal';

interface Criterion {
  mode: MatchMode;
  text: string;
}

export interface SearchCriteria {
  /** A customer must match every one of these when `primaryAll`, otherwise any one of them. */
  primary: Partial<Record<PrimaryField, Criterion>>;
  primaryAll: boolean;
  /** First name given in the LAST,FIRST form of the name. */
  nameFirst?: Criterion;
  optional: Partial<Record<OptionalField, Criterion>>;
  optionalAll: boolean;
}

export type OptionalField = 'firstName' | 'middleName' | 'dateOfBirth' | 'title' | 'suffix' | 'countryCode' | 'user14' | 'user15';

export interface SearchInput {
  primary: Partial<Record<PrimaryField, string>>;
  /** Which primary fields the caller chose (an option set to 1). */
  chosen: PrimaryField[];
  fuzzy: Record<PrimaryField | OptionalField, number>;
  optional: Partial<Record<OptionalField, string>>;
  optionalAll: boolean;
}

function checkLastName(value: string, fuzzy: number): { last: Criterion; first?: Criterion } {
  if (value.startsWith('*')) fail('LOOKUP_LEADING_WILDCARD', 'lastBusinessName');
  let lastPart = value;
  let firstPart: string | undefined;
  if (value.includes(',')) {
    const parts = value.split(',');
    if (parts.length !== 2 || !parts[0].trim() || !parts[1].trim()) fail('LOOKUP_NAME_FORMAT', value);
    [lastPart, firstPart] = [parts[0].trim(), parts[1].trim()];
  }
  if (lastPart.replace(/\*/g, '').length < 2) fail('LOOKUP_LAST_NAME_SHORT', lastPart);
  if (lastPart.slice(0, -1).includes('*')) fail('LOOKUP_LAST_NAME_WILDCARD', lastPart);
  const last = modeFor(fuzzy, foldText(lastPart));
  return { last, first: firstPart === undefined ? undefined : checkFirstName(firstPart, 0) };
}

function checkFirstName(value: string, fuzzy: number): Criterion {
  if (value.replace(/\*/g, '').length < 2) fail('LOOKUP_FIRST_NAME_SHORT', value);
  if (value.slice(1, -1).includes('*')) fail('LOOKUP_FIRST_NAME_WILDCARD', value);
  return modeFor(fuzzy, foldText(value));
}

function checkIdentifier(value: string, fuzzy: number): Criterion {
  if (value.startsWith('*')) fail('LOOKUP_LEADING_WILDCARD', 'identifier');
  if (value.includes('*')) fail('LOOKUP_ID_WILDCARD', value);
  if (value.length < 6) fail('LOOKUP_ID_SHORT', value);
  if (value.length > 25) fail('LOOKUP_ID_LONG', value);
  return modeFor(fuzzy, alnumOnly(value));
}

function checkPhone(value: string, fuzzy: number): Criterion {
  if (value.startsWith('*')) fail('LOOKUP_LEADING_WILDCARD', 'phoneNumber');
  if (value.includes('*')) fail('LOOKUP_PHONE_WILDCARD', value);
  if (value.length < 6) fail('LOOKUP_PHONE_SHORT', value);
  if (value.length > 20) fail('LOOKUP_PHONE_LONG', value);
  return modeFor(fuzzy, digitsOnly(value));
}

function checkPostal(value: string, fuzzy: number): Criterion {
  if (value.startsWith('*')) fail('LOOKUP_LEADING_WILDCARD', 'postalCode');
  return modeFor(fuzzy, alnumOnly(value));
}

/** Turns a request into checked criteria, failing with the platform's code on the first broken rule. */
export function buildCriteria(input: SearchInput): SearchCriteria {
  const given = (Object.keys(input.primary) as PrimaryField[]).filter((f) => input.primary[f]);
  for (const f of input.chosen) if (!input.primary[f]) fail('LOOKUP_PRIMARY_REQUIRED', f);
  const used = input.chosen.length > 0 ? input.chosen : given;
  if (used.length === 0) fail('LOOKUP_PRIMARY_REQUIRED', 'primarySearchData');

  const criteria: SearchCriteria = { primary: {}, primaryAll: input.chosen.length > 0, optional: {}, optionalAll: input.optionalAll };
  for (const f of used) {
    const value = input.primary[f]!;
    if (f === 'lastName') {
      const { last, first } = checkLastName(value, input.fuzzy.lastName);
      criteria.primary.lastName = last;
      criteria.nameFirst = first;
    } else if (f === 'identifier') criteria.primary.identifier = checkIdentifier(value, input.fuzzy.identifier);
    else if (f === 'phone') criteria.primary.phone = checkPhone(value, input.fuzzy.phone);
    else criteria.primary.postal = checkPostal(value, input.fuzzy.postal);
  }
  for (const [f, value] of Object.entries(input.optional) as [OptionalField, string][]) {
    if (!value) continue;
    if (f === 'firstName' || f === 'middleName') criteria.optional[f] = checkFirstName(value, input.fuzzy[f]);
    else if (f === 'dateOfBirth') criteria.optional[f] = { mode: 'equals', text: value };
    else criteria.optional[f] = modeFor(input.fuzzy[f], foldText(value));
  }
  return criteria;
}

const test = (value: string | undefined, c: Criterion, normalise: (s: string) => string) =>
  value !== undefined && value !== '' && matches(normalise(value), c.text, c.mode);

function partyMatchesPrimary(p: Party, field: PrimaryField, c: Criterion): boolean {
  switch (field) {
    case 'lastName':
      return test(p.lastName, c, foldText);
    case 'identifier':
      return test(p.identificationNumber, c, alnumOnly);
    case 'phone':
      return [p.homePhoneNumber, p.mobilePhoneNumber, p.employerPhoneNumber].some((v) => test(v, c, digitsOnly));
    case 'postal':
      return test(p.postalCode, c, alnumOnly);
  }
}

function partyMatchesOptional(p: Party, field: OptionalField, c: Criterion): boolean {
  return test(p[field], c, field === 'dateOfBirth' ? (s) => s : foldText);
}

function partyMatches(p: Party, criteria: SearchCriteria): boolean {
  const primary = Object.entries(criteria.primary) as [PrimaryField, Criterion][];
  const primaryOk = criteria.primaryAll
    ? primary.every(([f, c]) => partyMatchesPrimary(p, f, c))
    : primary.some(([f, c]) => partyMatchesPrimary(p, f, c));
  if (!primaryOk) return false;
  if (criteria.nameFirst && !test(p.firstName, criteria.nameFirst, foldText)) return false;
  const optional = Object.entries(criteria.optional) as [OptionalField, Criterion][];
  if (optional.length === 0) return true;
  return criteria.optionalAll
    ? optional.every(([f, c]) => partyMatchesOptional(p, f, c))
    : optional.some(([f, c]) => partyMatchesOptional(p, f, c));
}

/** A customer matches when its owner or its co-owner does. */
export const customerMatches = (c: Readonly<Customer>, criteria: SearchCriteria) =>
  partyMatches(c.owner, criteria) || (c.coOwner !== undefined && partyMatches(c.coOwner, criteria));

/** The order results come in: folded last name, first name, then customer number. */
export const sortKeyOf = (c: Readonly<Customer>): string[] => [
  foldText(c.owner.lastName ?? ''),
  foldText(c.owner.firstName ?? ''),
  c.customerNumber.padStart(19, '0'),
];

export function compareKeys(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

const TOKEN_PREFIX = 'L1.';

/** An opaque position: the sort key of the record a page starts or ends at. */
export const encodeToken = (key: string[]) => TOKEN_PREFIX + Buffer.from(JSON.stringify(key)).toString('base64url');

/** The position in a token this sandbox issued; undefined for anything else. */
export function decodeToken(token: string): string[] | undefined {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  try {
    const key = JSON.parse(Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url').toString('utf8'));
    return Array.isArray(key) && key.length === 3 && key.every((k) => typeof k === 'string') ? key : undefined;
  } catch {
    return undefined;
  }
}
