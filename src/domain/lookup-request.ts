// The rules of a lookup request, in one place: the body of POST /customer/lookup in, the store
// query it asks for out, in one pass. It checks the platform's VPL5SZL rules the contract cannot
// express; ranges and lists of allowed values (numberOfRecords, options, switches, function
// code, identifier and phone lengths) are the contract's, checked before a request gets here.
// Pure: the error catalogue is its only tie to HTTP.
import type { components } from '../generated/openapi.js';
import { fail } from './errors.js';
import {
  criterionOf,
  PRIMARY_FIELDS,
  type Criterion,
  type CustomerQuery,
  type OptionalField,
  type PrimaryField,
  type SearchCriteria,
  type TextField,
} from './customer-search.js';
import { decodeLookupToken, MAX_DRILL_DEPTH, type LookupToken } from './lookup-token.js';
import type { Organization } from './model.js';
import { organizationOf } from './organizations.js';
import { alnumOnly, digitsOnly, nameKey } from './text-match.js';
import { codeOf, isBlank, isOrganizationGiven } from './values.js';

export type LookupRequest = components['schemas']['LookupRequest'];
type SwitchName = Extract<keyof LookupRequest, `${string}FuzzySwitch`>;

/** The fuzzy switch of each field, as the request names it. */
const SWITCH_OF: Record<TextField, SwitchName> = {
  lastName: 'lastNameFuzzySwitch',
  identifier: 'identifierFuzzySwitch',
  phone: 'phoneFuzzySwitch',
  postal: 'postalFuzzySwitch',
  firstName: 'firstNameFuzzySwitch',
  middleName: 'middleNameFuzzySwitch',
  title: 'titleFuzzySwitch',
  suffix: 'suffixFuzzySwitch',
  countryCode: 'countryFuzzySwitch',
  user14: 'user14FuzzySwitch',
  user15: 'user15FuzzySwitch',
};

const OPTIONAL_FIELDS: readonly OptionalField[] = ['firstName', 'middleName', 'dateOfBirth', 'title', 'suffix', 'countryCode', 'user14', 'user15'];

const OPTION_OF = {
  lastName: 'lastNameOption',
  identifier: 'identifierOption',
  phone: 'phoneNumberOption',
  postal: 'postalCodeOption',
} as const satisfies Record<PrimaryField, string>;

/** Checks a lookup request and answers the store query it asks for; fails with the platform's code on the first broken rule. */
export function checkLookupRequest(body: LookupRequest, tenantOrganizations: Organization[]): CustomerQuery {
  const paging = pagingOf(body);
  const organizations = isOrganizationGiven(body.organizationNumber)
    ? [organizationOf(tenantOrganizations, body.organizationNumber).organizationNumber]
    : tenantOrganizations.map((o) => o.organizationNumber);
  const search = criteriaOf(body, organizations);
  if (!paging.drillFrom || !isDrillDown(body)) {
    const { drillFrom: _unused, ...rest } = paging;
    return { search, limit: body.numberOfRecords, ...rest };
  }
  const within = [...paging.drillFrom.within, paging.drillFrom.search];
  if (within.length > MAX_DRILL_DEPTH) fail('LOOKUP_DRILL_TOO_DEEP', String(within.length));
  return { search, within, limit: body.numberOfRecords, direction: 'first' };
}

/** True when the request asks to narrow within an earlier answer (a fuzzy switch of 2). */
const isDrillDown = (body: LookupRequest) => Object.values(SWITCH_OF).some((name) => body[name] === 2);

type Paging = Pick<CustomerQuery, 'direction' | 'from' | 'within'> & {
  /** With no function code: the answer a drill down would narrow within. */
  drillFrom?: LookupToken;
};

/**
 * Where the page starts. N and P scroll from the token's position (or from a customer number);
 * a token the sandbox did not issue starts a new search.
 */
function pagingOf(body: LookupRequest): Paging {
  const fn = codeOf(body.serviceFunctionCode).toUpperCase();
  const scrolls = fn === 'N' || fn === 'P';
  const token = isBlank(body.startToken) ? undefined : body.startToken!.trim();
  if (scrolls && !token) fail('LOOKUP_TOKEN_REQUIRED');
  if (!token) return { direction: 'first', within: [] };
  const customerNumber = customerNumberStart(token);
  const issued = decodeLookupToken(token);
  if (!scrolls) return { direction: 'first', within: [], drillFrom: issued };
  const direction = fn === 'P' ? 'prev' : 'next';
  if (issued) return { direction, from: { key: issued.position }, within: issued.within };
  if (customerNumber) return { direction, from: { customerNumber }, within: [] };
  return { direction: 'first', within: [] };
}

/** A start token written as a customer number (digits, perhaps a *), checked by the platform's rules. */
function customerNumberStart(token: string): string | undefined {
  if (!/^[0-9*]+$/.test(token)) return undefined;
  if (token.includes('*')) fail('LOOKUP_CUSTOMER_WILDCARD', token);
  if (token.length > 19) fail('LOOKUP_CUSTOMER_LONG', token);
  return token;
}

const textOf = (v: string | undefined) => (isBlank(v) ? undefined : v!.trim());

function criteriaOf(body: LookupRequest, organizations: number[]): SearchCriteria {
  const p = body.primarySearchData ?? {};
  const primary: Partial<Record<PrimaryField, string>> = {
    lastName: textOf(p.lastBusinessName),
    identifier: textOf(p.identifier),
    phone: textOf(p.phoneNumber),
    postal: textOf(p.postalCode),
  };
  const options = body.requestOptionData ?? {};
  const chosen = PRIMARY_FIELDS.filter((f) => options[OPTION_OF[f]] === 1);
  for (const f of chosen) if (!primary[f]) fail('LOOKUP_PRIMARY_REQUIRED', f);
  const used = chosen.length > 0 ? chosen : PRIMARY_FIELDS.filter((f) => primary[f]);
  if (used.length === 0) fail('LOOKUP_PRIMARY_REQUIRED', 'primarySearchData');

  const fuzzy = (field: TextField) => body[SWITCH_OF[field]] ?? 0;
  const criteria: SearchCriteria = {
    primary: {},
    primaryAll: chosen.length > 0,
    optional: {},
    optionalAll: body.optionalDataMatch === 1,
    organizations,
  };
  for (const f of used) {
    const value = primary[f]!;
    if (f === 'lastName') {
      const { last, first } = checkLastName(value, fuzzy('lastName'));
      criteria.primary.lastName = last;
      if (first) criteria.nameFirst = first;
    } else if (f === 'identifier') criteria.primary.identifier = checkIdentifier(value, fuzzy('identifier'));
    else if (f === 'phone') criteria.primary.phone = checkPhone(value, fuzzy('phone'));
    else criteria.primary.postal = checkPostal(value, fuzzy('postal'));
  }
  const o = body.optionalSearchData ?? {};
  for (const f of OPTIONAL_FIELDS) {
    const value = textOf(o[f]);
    if (!value) continue;
    if (f === 'firstName' || f === 'middleName') criteria.optional[f] = checkFirstName(f, value, fuzzy(f));
    else if (f === 'dateOfBirth') criteria.optional[f] = { mode: 'equals', text: value };
    else {
      const criterion = criterionOf(f, fuzzy(f), value);
      if (criterion.text) criteria.optional[f] = criterion;
    }
  }
  return criteria;
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
  return criterionOf('identifier', fuzzy, value);
}

function checkPhone(value: string, fuzzy: number): Criterion {
  if (value.startsWith('*')) fail('LOOKUP_LEADING_WILDCARD', 'phoneNumber');
  if (value.includes('*')) fail('LOOKUP_PHONE_WILDCARD', value);
  if (digitsOnly(value).length < 6) fail('LOOKUP_PHONE_SHORT', value);
  return criterionOf('phone', fuzzy, value);
}

function checkPostal(value: string, fuzzy: number): Criterion {
  if (value.startsWith('*')) fail('LOOKUP_LEADING_WILDCARD', 'postalCode');
  const criterion = criterionOf('postal', fuzzy, value);
  if (!criterion.text) fail('LOOKUP_PRIMARY_REQUIRED', 'postalCode');
  return criterion;
}
