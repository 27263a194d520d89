import { buildCriteria, compareKeys, customerMatches, decodeToken, encodeToken, sortKeyOf, type OptionalField, type PrimaryField } from '../domain/customer-search.js';
import { pageByKey, type Direction } from '../domain/keyset-page.js';
import type { Customer } from '../domain/model.js';
import { organizationOf, PRODUCT_CODES } from '../domain/organizations.js';
import { codeOf, intOf, isBlank } from '../domain/values.js';
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

function criteriaOf(body: Body) {
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
  return buildCriteria({
    primary: { lastName: text(p.lastBusinessName), identifier: text(p.identifier), phone: text(p.phoneNumber), postal: text(p.postalCode) },
    chosen,
    fuzzy,
    optional: {
      firstName: text(o.firstName), middleName: text(o.middleName), dateOfBirth: text(o.dateOfBirth), title: text(o.title),
      suffix: text(o.suffix), countryCode: text(o.countryCode), user14: text(o.user14), user15: text(o.user15),
    },
    optionalAll: match === 1,
  });
}

function view(c: Customer, detail: number, ctx: OperationContext) {
  const p = c.owner;
  const base = {
    organizationNumber: c.organizationNumber,
    customerNumber: c.customerNumber,
    title: p.title, firstName: p.firstName, middleName: p.middleName, lastName: p.lastName ?? '', suffix: p.suffix,
  };
  const contact = detail >= 1 ? {
    dateOfBirth: p.dateOfBirth, identificationNumber: p.identificationNumber, homePhoneNumber: p.homePhoneNumber,
    mobilePhoneNumber: p.mobilePhoneNumber, houseAddress1: p.houseAddress1, city: p.city, state: p.state,
    postalCode: p.postalCode, countryCode: p.countryCode, user14: p.user14, user15: p.user15,
  } : {};
  const accounts = detail >= 2 ? {
    accounts: ctx.store.accountsOf(c.customerNumber).map((a) => ({
      organizationNumber: a.organizationNumber, accountNumber: a.accountNumber, logo: a.logo, productType: PRODUCT_CODES[a.productType],
    })),
  } : {};
  const all: Record<string, unknown> = { ...base, ...contact, ...accounts };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as typeof base;
}

export const lookupCustomers: Handler<'lookupCustomers'> = ({ body }, ctx) => {
  if (body.numberOfRecords > MAX_RECORDS || body.numberOfRecords < 1) fail('LOOKUP_TOO_MANY', String(body.numberOfRecords));
  const fn = codeOf(body.serviceFunctionCode).toUpperCase();
  if (!['', 'N', 'P'].includes(fn)) fail('LOOKUP_FUNCTION_INVALID', fn);
  if (fn && isBlank(body.startToken)) fail('LOOKUP_TOKEN_REQUIRED');
  const criteria = criteriaOf(body);
  const orgs = body.organizationNumber ? [organizationOf(ctx.organizations, body.organizationNumber).organizationNumber] : ctx.organizations.map((o) => o.organizationNumber);
  const detail = intOf(body.returnDataOption) ?? 0;

  const found = ctx.store
    .findCustomers((c) => orgs.includes(c.organizationNumber) && customerMatches(c, criteria))
    .map((c) => ({ c, key: sortKeyOf(c) }))
    .sort((a, b) => compareKeys(a.key, b.key));
  // A token the sandbox did not issue (the portal's example sends "string") starts a new search.
  const position = fn ? decodeToken(body.startToken!) : undefined;
  const direction: Direction = position ? (fn === 'P' ? 'prev' : 'next') : 'first';
  const page = pageByKey(found, body.numberOfRecords, direction, position && ((r) => compareKeys(r.key, position)));
  const first = page.items[0];
  const last = page.items[page.items.length - 1];
  return {
    status: 200,
    data: {
      more: page.more ? 'Y' : 'N',
      numberOfRecords: page.items.length,
      customers: page.items.map((r) => view(r.c, detail, ctx)),
      ...(page.more && last ? { nextToken: encodeToken(last.key) } : {}),
      ...(page.hasPrevious && first ? { prevToken: encodeToken(first.key) } : {}),
    },
  };
};
