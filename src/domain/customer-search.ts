// The FirstVision customer search rules: which criteria a request makes, the VPL5SZL checks on
// them, whether a customer matches and where it stands in the answer. Pure: no storage, no HTTP.
import { fail } from '../http/errors.js';
import type { FuzzyKind } from './fuzzy-text.js';
import type { Customer, Party, PartyRole } from './model.js';
import { alnumOnly, digitsOnly, foldText, matches, modeFor, nameKey, type MatchMode } from './text-match.js';

export type PrimaryField = 'lastName' | 'identifier' | 'phone' | 'postal';
export type OptionalField = 'firstName' | 'middleName' | 'dateOfBirth' | 'title' | 'suffix' | 'countryCode' | 'user14' | 'user15';
/** Every field compared as text (the date of birth is compared as a date). */
export type TextField = PrimaryField | Exclude<OptionalField, 'dateOfBirth'>;

/** Also the order of precedence when several primary fields could set the answer's order. */
export const PRIMARY_FIELDS: readonly PrimaryField[] = ['lastName', 'identifier', 'phone', 'postal'];
export const TEXT_FIELDS: readonly TextField[] = [...PRIMARY_FIELDS, 'firstName', 'middleName', 'title', 'suffix', 'countryCode', 'user14', 'user15'];

/** How each field is written for comparing, and how tolerant its fuzzy match is. */
export const FIELD_RULES: Record<TextField, { key: (s: string) => string; kind: FuzzyKind }> = {
  lastName: { key: nameKey, kind: 'name' },
  identifier: { key: alnumOnly, kind: 'code' },
  phone: { key: digitsOnly, kind: 'code' },
  postal: { key: alnumOnly, kind: 'code' },
  firstName: { key: nameKey, kind: 'name' },
  middleName: { key: nameKey, kind: 'name' },
  title: { key: nameKey, kind: 'text' },
  suffix: { key: nameKey, kind: 'text' },
  countryCode: { key: nameKey, kind: 'text' },
  user14: { key: nameKey, kind: 'text' },
  user15: { key: nameKey, kind: 'text' },
};

export interface Criterion {
  /** 'equals' is the tolerant match of fuzzy switch 0; the others compare the text as named. */
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
  organizations: number[];
}

export interface SearchInput {
  primary: Partial<Record<PrimaryField, string>>;
  /** Which primary fields the caller chose (an option set to 1). */
  chosen: PrimaryField[];
  fuzzy: Record<PrimaryField | OptionalField, number>;
  optional: Partial<Record<OptionalField, string>>;
  optionalAll: boolean;
  organizations: number[];
}

function criterionOf(field: TextField, fuzzy: number, value: string): Criterion {
  const { mode, text } = modeFor(fuzzy, foldText(value));
  return { mode, text: FIELD_RULES[field].key(text) };
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
  if (nameKey(lastPart).length < 2) fail('LOOKUP_LAST_NAME_SHORT', lastPart);
  if (lastPart.slice(0, -1).includes('*')) fail('LOOKUP_LAST_NAME_WILDCARD', lastPart);
  const last = criterionOf('lastName', fuzzy, lastPart);
  return { last, first: firstPart === undefined ? undefined : checkFirstName('firstName', firstPart, 0) };
}

function checkFirstName(field: 'firstName' | 'middleName', value: string, fuzzy: number): Criterion {
  if (nameKey(value).length < 2) fail('LOOKUP_FIRST_NAME_SHORT', value);
  if (value.slice(1, -1).includes('*')) fail('LOOKUP_FIRST_NAME_WILDCARD', value);
  return criterionOf(field, fuzzy, value);
}

function checkIdentifier(value: string, fuzzy: number): Criterion {
  if (value.startsWith('*')) fail('LOOKUP_LEADING_WILDCARD', 'identifier');
  if (value.includes('*')) fail('LOOKUP_ID_WILDCARD', value);
  if (alnumOnly(value).length < 6) fail('LOOKUP_ID_SHORT', value);
  if (value.length > 25) fail('LOOKUP_ID_LONG', value);
  return criterionOf('identifier', fuzzy, value);
}

function checkPhone(value: string, fuzzy: number): Criterion {
  if (value.startsWith('*')) fail('LOOKUP_LEADING_WILDCARD', 'phoneNumber');
  if (value.includes('*')) fail('LOOKUP_PHONE_WILDCARD', value);
  if (digitsOnly(value).length < 6) fail('LOOKUP_PHONE_SHORT', value);
  if (value.length > 20) fail('LOOKUP_PHONE_LONG', value);
  return criterionOf('phone', fuzzy, value);
}

function checkPostal(value: string, fuzzy: number): Criterion {
  if (value.startsWith('*')) fail('LOOKUP_LEADING_WILDCARD', 'postalCode');
  const criterion = criterionOf('postal', fuzzy, value);
  if (!criterion.text) fail('LOOKUP_PRIMARY_REQUIRED', 'postalCode');
  return criterion;
}

/** Turns a request into checked criteria, failing with the platform's code on the first broken rule. */
export function buildCriteria(input: SearchInput): SearchCriteria {
  const given = PRIMARY_FIELDS.filter((f) => input.primary[f]);
  for (const f of input.chosen) if (!input.primary[f]) fail('LOOKUP_PRIMARY_REQUIRED', f);
  const used = input.chosen.length > 0 ? input.chosen : given;
  if (used.length === 0) fail('LOOKUP_PRIMARY_REQUIRED', 'primarySearchData');

  const criteria: SearchCriteria = {
    primary: {},
    primaryAll: input.chosen.length > 0,
    optional: {},
    optionalAll: input.optionalAll,
    organizations: input.organizations,
  };
  for (const f of used) {
    const value = input.primary[f]!;
    if (f === 'lastName') {
      const { last, first } = checkLastName(value, input.fuzzy.lastName);
      criteria.primary.lastName = last;
      if (first) criteria.nameFirst = first;
    } else if (f === 'identifier') criteria.primary.identifier = checkIdentifier(value, input.fuzzy.identifier);
    else if (f === 'phone') criteria.primary.phone = checkPhone(value, input.fuzzy.phone);
    else criteria.primary.postal = checkPostal(value, input.fuzzy.postal);
  }
  for (const [f, value] of Object.entries(input.optional) as [OptionalField, string][]) {
    if (!value) continue;
    if (f === 'firstName' || f === 'middleName') criteria.optional[f] = checkFirstName(f, value, input.fuzzy[f]);
    else if (f === 'dateOfBirth') criteria.optional[f] = { mode: 'equals', text: value };
    else {
      const criterion = criterionOf(f, input.fuzzy[f], value);
      if (criterion.text) criteria.optional[f] = criterion;
    }
  }
  return criteria;
}

/** True when a request asked to narrow within an earlier answer (a fuzzy switch of 2). */
export const isDrillDown = (fuzzy: Record<string, number>) => Object.values(fuzzy).some((v) => v === 2);

// ---------------------------------------------------------------------------------------------
// Matching. A tolerant ('equals') criterion is first resolved into the set of stored values close
// to it, so checking one customer is a set look-up.

export type Resolved = { mode: 'prefix' | 'suffix' | 'contains'; text: string } | { mode: 'in'; values: ReadonlySet<string> };

export interface ResolvedSearch {
  primary: [PrimaryField, Resolved][];
  primaryAll: boolean;
  nameFirst?: Resolved;
  optional: [OptionalField, Resolved][];
  optionalAll: boolean;
  organizations: ReadonlySet<number>;
  /** The primary field whose order the answer follows. */
  order: PrimaryField;
  /** True when every customer found matches the order field (so the order field's index can lead). */
  orderRequired: boolean;
}

/** The fields a search uses as its primary search, in precedence order. */
export const primaryFieldsOf = (c: SearchCriteria) => PRIMARY_FIELDS.filter((f) => c.primary[f]);

/**
 * The answer is ordered by the primary field searched (name, then first name, then customer
 * number within it); a search that accepts any of several fields is ordered by name.
 */
function orderOf(c: SearchCriteria): { order: PrimaryField; orderRequired: boolean } {
  const used = primaryFieldsOf(c);
  if (used.length === 1 || c.primaryAll) return { order: used[0], orderRequired: true };
  return { order: 'lastName', orderRequired: false };
}

/** `closeValues` answers the stored values a tolerant criterion accepts for a field. */
export function resolveSearch(c: SearchCriteria, closeValues: (field: TextField, text: string) => ReadonlySet<string>): ResolvedSearch {
  const resolve = (field: TextField | 'dateOfBirth', { mode, text }: Criterion): Resolved => {
    if (mode !== 'equals') return { mode, text };
    return { mode: 'in', values: field === 'dateOfBirth' ? new Set([text]) : closeValues(field, text) };
  };
  return {
    primary: primaryFieldsOf(c).map((f) => [f, resolve(f, c.primary[f]!)]),
    primaryAll: c.primaryAll,
    ...(c.nameFirst ? { nameFirst: resolve('firstName', c.nameFirst) } : {}),
    optional: (Object.entries(c.optional) as [OptionalField, Criterion][]).map(([f, crit]) => [f, resolve(f, crit)]),
    optionalAll: c.optionalAll,
    organizations: new Set(c.organizations),
    ...orderOf(c),
  };
}

/** A party's values as searches compare them, worked out once when the party is stored. */
export type PartyKeys = Record<TextField, readonly string[]> & { dateOfBirth?: string; sortName: string };

export interface SearchableCustomer {
  customer: Customer;
  owner: PartyKeys;
  coOwner?: PartyKeys;
}

const NONE: readonly string[] = Object.freeze([]);

function rawValues(p: Party, field: TextField): (string | undefined)[] {
  switch (field) {
    case 'phone':
      return [p.homePhoneNumber, p.mobilePhoneNumber, p.employerPhoneNumber];
    case 'identifier':
      return [p.identificationNumber];
    case 'postal':
      return [p.postalCode];
    default:
      return [p[field]];
  }
}

export function partyKeys(p: Party): PartyKeys {
  const keys = {} as Record<TextField, readonly string[]>;
  for (const field of TEXT_FIELDS) {
    const found: string[] = [];
    for (const raw of rawValues(p, field)) {
      const key = raw ? FIELD_RULES[field].key(raw) : '';
      if (key && !found.includes(key)) found.push(key);
    }
    // Exact-size lists: a list grown by push keeps room for more, which adds up over many customers.
    keys[field] = found.length === 0 ? NONE : found.length === 1 ? [found[0]] : found.slice();
  }
  const sortName = `${keys.lastName[0] ?? ''}\0${keys.firstName[0] ?? ''}`;
  return Object.assign(keys, { sortName }, p.dateOfBirth ? { dateOfBirth: p.dateOfBirth } : {});
}

export const searchable = (customer: Customer): SearchableCustomer => ({
  customer,
  owner: partyKeys(customer.owner),
  ...(customer.coOwner ? { coOwner: partyKeys(customer.coOwner) } : {}),
});

export const valueMatches = (value: string, r: Resolved) => (r.mode === 'in' ? r.values.has(value) : matches(value, r.text, r.mode));

const anyValueMatches = (values: readonly string[], r: Resolved) => values.some((v) => valueMatches(v, r));

function optionalMatches(p: PartyKeys, field: OptionalField, r: Resolved): boolean {
  return field === 'dateOfBirth' ? p.dateOfBirth !== undefined && valueMatches(p.dateOfBirth, r) : anyValueMatches(p[field], r);
}

function partyMatches(p: PartyKeys, s: ResolvedSearch): boolean {
  const primaryOk = s.primaryAll
    ? s.primary.every(([f, r]) => anyValueMatches(p[f], r))
    : s.primary.some(([f, r]) => anyValueMatches(p[f], r));
  if (!primaryOk) return false;
  if (s.nameFirst && !anyValueMatches(p.firstName, s.nameFirst)) return false;
  if (s.optional.length === 0) return true;
  return s.optionalAll
    ? s.optional.every(([f, r]) => optionalMatches(p, f, r))
    : s.optional.some(([f, r]) => optionalMatches(p, f, r));
}

/** The party of the customer a search finds: the owner when it matches, else the co-owner. */
export function matchingRole(c: SearchableCustomer, s: ResolvedSearch): PartyRole | undefined {
  if (!s.organizations.has(c.customer.organizationNumber)) return undefined;
  if (partyMatches(c.owner, s)) return 'owner';
  return c.coOwner && partyMatches(c.coOwner, s) ? 'coOwner' : undefined;
}

/** A search, plus the earlier answers it narrows within (drill down). */
export interface ResolvedQuery {
  search: ResolvedSearch;
  within: ResolvedSearch[];
}

/**
 * An entry's place in the answer's order: the order field's value, then name, first name,
 * customer number and party. '\0' separates the parts, so comparing the strings compares them
 * part by part.
 */
export const entryKey = (value: string, p: PartyKeys, customerNumber: string, role: PartyRole) =>
  `${value}\0${p.sortName}\0${customerNumber.padStart(19, '0')}\0${role === 'owner' ? 0 : 1}`;

/** The value part of an entry key. */
export const valueOfKey = (key: string) => key.slice(0, key.indexOf('\0'));

export interface Position {
  key: string;
  role: PartyRole;
}

/**
 * Where a customer stands in the answer, or undefined when the answer does not hold it. A
 * customer with several values of the order field (phones) stands at the smallest that matches.
 */
export function positionOf(c: SearchableCustomer, q: ResolvedQuery): Position | undefined {
  const role = matchingRole(c, q.search);
  if (!role) return undefined;
  for (const w of q.within) if (!matchingRole(c, w)) return undefined;
  return { key: keyOf(c, role, q.search)!, role };
}

/** The key a customer's party has in this search's order (also when it does not match). */
export function keyOf(c: SearchableCustomer, role: PartyRole, s: ResolvedSearch): string | undefined {
  const p = role === 'owner' ? c.owner : c.coOwner;
  if (!p) return undefined;
  const criterion = s.orderRequired ? s.primary.find(([f]) => f === s.order)?.[1] : undefined;
  let best: string | undefined;
  const values = p[s.order].length ? p[s.order] : [''];
  for (const v of values) {
    if (criterion && !valueMatches(v, criterion)) continue;
    const key = entryKey(v, p, c.customer.customerNumber, role);
    if (best === undefined || key < best) best = key;
  }
  return best ?? entryKey(values[0], p, c.customer.customerNumber, role);
}

// ---------------------------------------------------------------------------------------------
// What the store is asked and answers.

export type PageDirection = 'first' | 'next' | 'prev';

export interface CustomerQuery {
  search: SearchCriteria;
  /** Earlier searches whose answers this one narrows within. */
  within: SearchCriteria[];
  limit: number;
  direction: PageDirection;
  /** Where the page starts (next) or ends (prev): an issued position, or a customer number. */
  from?: { key: string } | { customerNumber: string };
}

/** What a lookup shows of the party that matched. */
export const SUMMARY_FIELDS = [
  'title', 'firstName', 'middleName', 'lastName', 'suffix', 'dateOfBirth', 'identificationNumber', 'homePhoneNumber',
  'mobilePhoneNumber', 'houseAddress1', 'city', 'state', 'postalCode', 'countryCode', 'user14', 'user15',
] as const satisfies readonly (keyof Party)[];

export type PartySummary = Pick<Party, (typeof SUMMARY_FIELDS)[number]>;

/** A new object with the party's lookup fields: a copy, yet far cheaper than copying the whole customer. */
export function summaryOf(p: Party): PartySummary {
  const out: PartySummary = {};
  for (const f of SUMMARY_FIELDS) if (p[f] !== undefined) out[f] = p[f];
  return out;
}

export interface FoundCustomer {
  organizationNumber: number;
  customerNumber: string;
  /** The party that matched, shown in the answer. */
  role: PartyRole;
  party: PartySummary;
  key: string;
}

export interface CustomerPage {
  items: FoundCustomer[];
  /** Matches remain after this page. */
  more: boolean;
  /** Matches exist before this page. */
  hasPrevious: boolean;
}
