// POST /customer/lookup: the request checked by the platform's VPL5SZL rules, one page read from the
// store's search index, and each customer shown as returnDataOption asks.
import {
  buildCriteria,
  isDrillDown,
  type CustomerQuery,
  type FoundCustomer,
  type OptionalField,
  type PageDirection,
  type PrimaryField,
} from '../domain/customer-search.js';
import { decodeLookupToken, encodeLookupToken, MAX_DRILL_DEPTH, type LookupToken } from '../domain/lookup-token.js';
import { organizationOf, PRODUCT_CODES } from '../domain/organizations.js';
import type { Organization } from '../domain/model.js';
import { codeOf, intOf, isBlank, isOrganizationGiven } from '../domain/values.js';
import { fail } from '../http/errors.js';
import type { Handler, OperationContext } from './types.js';

const MAX_RECORDS = 50;
type Body = Parameters<Handler<'lookupCustomers'>>[0]['body'];

function switchOf(value: number | undefined): number {
  const v = value ?? 0;
  if (v < 0 || v > 3) fail('LOOKUP_FUZZY_INVALID', String(value));
  return v;
}

function optionOf(value: number | undefined, field: string): boolean {
  const v = value ?? 0;
  if (v !== 0 && v !== 1) fail('LOOKUP_OPTION_INVALID', `${field} ${v}`);
  return v === 1;
}

function criteriaOf(body: Body, organizations: number[]) {
  const options = body.requestOptionData ?? {};
  const chosen = (
    [
      ['lastName', optionOf(options.lastNameOption, 'lastNameOption')],
      ['identifier', optionOf(options.identifierOption, 'identifierOption')],
      ['phone', optionOf(options.phoneNumberOption, 'phoneNumberOption')],
      ['postal', optionOf(options.postalCodeOption, 'postalCodeOption')],
    ] as [PrimaryField, boolean][]
  ).filter(([, on]) => on).map(([f]) => f);
  const match = body.optionalDataMatch ?? 0;
  if (match !== 0 && match !== 1) fail('LOOKUP_MATCH_INVALID', String(match));
  const p = body.primarySearchData ?? {};
  const o = body.optionalSearchData ?? {};
  const fuzzy: Record<PrimaryField | OptionalField, number> = {
    lastName: switchOf(body.lastNameFuzzySwitch),
    identifier: switchOf(body.identifierFuzzySwitch),
    phone: switchOf(body.phoneFuzzySwitch),
    postal: switchOf(body.postalFuzzySwitch),
    firstName: switchOf(body.firstNameFuzzySwitch),
    middleName: switchOf(body.middleNameFuzzySwitch),
    title: switchOf(body.titleFuzzySwitch),
    suffix: switchOf(body.suffixFuzzySwitch),
    countryCode: switchOf(body.countryFuzzySwitch),
    user14: switchOf(body.user14FuzzySwitch),
    user15: switchOf(body.user15FuzzySwitch),
    dateOfBirth: 0,
  };
  const text = (v: string | undefined) => (isBlank(v) ? undefined : v!.trim());
  const criteria = buildCriteria({
    primary: { lastName: text(p.lastBusinessName), identifier: text(p.identifier), phone: text(p.phoneNumber), postal: text(p.postalCode) },
    chosen,
    fuzzy,
    optional: {
      firstName: text(o.firstName), middleName: text(o.middleName), dateOfBirth: text(o.dateOfBirth), title: text(o.title),
      suffix: text(o.suffix), countryCode: text(o.countryCode), user14: text(o.user14), user15: text(o.user15),
    },
    optionalAll: match === 1,
    organizations,
  });
  return { criteria, drillDown: isDrillDown(fuzzy) };
}

/** A start token written as a customer number (digits, perhaps a *), checked by the platform's rules. */
function customerNumberStart(token: string): string | undefined {
  if (!/^[0-9*]+$/.test(token)) return undefined;
  if (token.includes('*')) fail('LOOKUP_CUSTOMER_WILDCARD', token);
  if (token.length > 19) fail('LOOKUP_CUSTOMER_LONG', token);
  return token;
}

type Paging = Pick<CustomerQuery, 'direction' | 'from' | 'within'> & {
  /** With no function code: the answer a drill down would narrow within. */
  drillFrom?: LookupToken;
};

/**
 * Where the page starts. N and P scroll from the token's position (or from a customer number);
 * a token the sandbox did not issue starts a new search.
 */
function pagingOf(body: Body): Paging {
  const fn = codeOf(body.serviceFunctionCode).toUpperCase();
  if (!['', 'N', 'P'].includes(fn)) fail('LOOKUP_FUNCTION_INVALID', fn);
  const token = isBlank(body.startToken) ? undefined : body.startToken!.trim();
  if (fn && !token) fail('LOOKUP_TOKEN_REQUIRED');
  if (!token) return { direction: 'first', within: [] };
  const customerNumber = customerNumberStart(token);
  const issued = decodeLookupToken(token);
  if (!fn) return { direction: 'first', within: [], drillFrom: issued };
  const direction: PageDirection = fn === 'P' ? 'prev' : 'next';
  if (issued) return { direction, from: { key: issued.position }, within: issued.within };
  if (customerNumber) return { direction, from: { customerNumber }, within: [] };
  return { direction: 'first', within: [] };
}

/** A new search with a fuzzy switch of 2 and a token narrows within the answer the token came from. */
function narrowed(paging: Paging, drillDown: boolean): Paging {
  if (!paging.drillFrom || !drillDown) return paging;
  const within = [...paging.drillFrom.within, paging.drillFrom.search];
  if (within.length > MAX_DRILL_DEPTH) fail('LOOKUP_DRILL_TOO_DEEP', String(within.length));
  return { direction: 'first', within };
}

/** A found customer as the answer shows it: the party that matched, and as much as returnDataOption asks. */
function view({ organizationNumber, customerNumber, party: p }: FoundCustomer, detail: number, ctx: OperationContext) {
  const base = {
    organizationNumber,
    customerNumber,
    title: p.title, firstName: p.firstName, middleName: p.middleName, lastName: p.lastName ?? '', suffix: p.suffix,
  };
  const contact = detail >= 1 ? {
    dateOfBirth: p.dateOfBirth, identificationNumber: p.identificationNumber, homePhoneNumber: p.homePhoneNumber,
    mobilePhoneNumber: p.mobilePhoneNumber, houseAddress1: p.houseAddress1, city: p.city, state: p.state,
    postalCode: p.postalCode, countryCode: p.countryCode, user14: p.user14, user15: p.user15,
  } : {};
  const accounts = detail >= 2 ? {
    accounts: ctx.store.accountsOf(customerNumber).map((a) => ({
      organizationNumber: a.organizationNumber, accountNumber: a.accountNumber, logo: a.logo, productType: PRODUCT_CODES[a.productType],
    })),
  } : {};
  const all: Record<string, unknown> = { ...base, ...contact, ...accounts };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as typeof base;
}

/** The store query a lookup request asks for, its VPL5SZL rules checked on the way. */
export function lookupQueryOf(body: Body, tenantOrganizations: Organization[]): CustomerQuery {
  if (body.numberOfRecords > MAX_RECORDS || body.numberOfRecords < 1) fail('LOOKUP_TOO_MANY', String(body.numberOfRecords));
  const scrolling = pagingOf(body);
  const organizations = isOrganizationGiven(body.organizationNumber)
    ? [organizationOf(tenantOrganizations, body.organizationNumber).organizationNumber]
    : tenantOrganizations.map((o) => o.organizationNumber);
  const { criteria, drillDown } = criteriaOf(body, organizations);
  const { drillFrom: _unused, ...paging } = narrowed(scrolling, drillDown);
  return { search: criteria, limit: body.numberOfRecords, ...paging };
}

export const lookupCustomers: Handler<'lookupCustomers'> = ({ body }, ctx) => {
  const query = lookupQueryOf(body, ctx.organizations);
  const detail = intOf(body.returnDataOption) ?? 0;

  const page = ctx.store.searchCustomers(query);
  const tokenAt = (position: string) => encodeLookupToken({ position, search: query.search, within: query.within });
  const first = page.items[0];
  const last = page.items[page.items.length - 1];
  return {
    status: 200,
    data: {
      more: page.more ? 'Y' : 'N',
      numberOfRecords: page.items.length,
      customers: page.items.map((r) => view(r, detail, ctx)),
      // Given whenever the page has customers: with N it scrolls on, with a switch of 2 it drills down.
      ...(last ? { nextToken: tokenAt(last.key) } : {}),
      ...(page.hasPrevious && first ? { prevToken: tokenAt(first.key) } : {}),
    },
  };
};
