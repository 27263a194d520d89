// Every error an operation can answer, and how to cause each one for real. This one table is
// behind both partner test controls: GET /sandbox/fixtures lists it (what to send, with an exact
// request on the documented fixtures), and the Prefer header may force exactly what it lists.
// test/error-triggers.test.ts checks it against what the handlers can raise and sends every request.
import { HELD_NUMBERS } from '../domain/held-numbers.js';
import { encodeLookupToken, MAX_DRILL_DEPTH } from '../domain/lookup-token.js';
import type { SearchCriteria } from '../domain/customer-search.js';
import { ERRORS, type ErrorName } from '../domain/errors.js';
import { specDocument } from '../http/spec-document.js';
import type { OperationId } from './types.js';

/** A request exactly as the trigger list shows it; headers not named are the usual ones. */
export interface ExampleRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path and query string. */
  path: string;
  /** Headers instead of the usual ones; an empty value means "leave this header out". */
  headers?: Record<string, string>;
  body?: unknown;
  /** The body's exact text, when JSON data cannot say it (a number written 1e18, broken JSON, a form). */
  rawBody?: string;
}

export interface Trigger {
  error: ErrorName;
  /** What to send, in a sentence. */
  send: string;
  request: ExampleRequest;
  /** Requests to send first; their answers do not matter (the first time they create what the request needs). */
  setup?: ExampleRequest[];
}

/** The documented fixtures the examples use: their numbers are the same in every tenant and seed. */
const RETAIL = '4597000000000000001';
const RETAIL_ACCOUNT = '8970401000000001';
const CORPORATE = '4597000000000000002';
const MEXICO_ACCOUNT = '8807501000000001';
const ORG = 970;
const UNKNOWN_CUSTOMER = '1';
const UNKNOWN_ACCOUNT = '8970401999999999';
/** A customer number outside every organization's series, for a customer added without cards. */
const CARDLESS_CUSTOMER = '4599900000000000001';

const post = (p: string, body: unknown): ExampleRequest => ({ method: 'POST', path: p, body });
const put = (p: string, body: unknown): ExampleRequest => ({ method: 'PUT', path: p, body });
const raw = (method: 'POST' | 'PUT', p: string, rawBody: string): ExampleRequest => ({ method, path: p, rawBody });

const add = (owner: object = {}, key?: object, misc?: object) =>
  post('/customer', {
    customerData: {
      ...(key ? { customerKeyData: key } : {}),
      ...(misc ? { customerMiscellaneousData: misc } : {}),
      ownerCoOwnerData: { ownerData: { lastName: 'TRIGGER', ...owner } },
    },
  });
const update = (fields: object) => put('/customer', { customerNumber: RETAIL, numberType: 1, organizationNumber: ORG, demographicDataIndicator: 1, ...fields });
/** An update of the co-owner of a customer that has none: the change is all the party holds. */
const updateCoOwner = (fields: object) => update({ demographicDataIndicator: 2, ...fields });
const demographic = (fields: object) => post('/customer/demographicData', { customerAccountCardNumber: RETAIL, numberType: 1, organizationNumber: ORG, ...fields });
const accounts = (fields: object) => post('/customer/accountNumber', { customerNumber: RETAIL, organizationNumber: ORG, functionCode: '', ...fields });
const cards = (fields: object) => post('/customer/details-l8v4', { customerNumber: RETAIL, organizationNumber: ORG, functionCode: '', ...fields });
const generation = (fields: object) => post('/customer/generation', { organizationNumber: ORG, logo: '401', ...fields });
const lookup = (fields: object) => post('/customer/lookup', { numberOfRecords: 5, primarySearchData: { lastBusinessName: 'GARCIA' }, ...fields });
const byName = (lastBusinessName: string, fields: object = {}) => lookup({ primarySearchData: { lastBusinessName }, ...fields });
const relationships = (fields: object) => post('/customer/relationshipNumber', { customerNumber: CORPORATE, organizationNumber: ORG, functionCode: '', ...fields });
const addresses = (number: string, query = ''): ExampleRequest => ({ method: 'GET', path: `/customer/${number}/current-prior-address${query}` });

/** A lookup token already narrowed as deep as drill downs go, so one more drill down is refused. */
const DEEPEST_TOKEN = (() => {
  const search: SearchCriteria = { primary: { lastName: { mode: 'prefix', text: 'GA' } }, primaryAll: false, optional: {}, optionalAll: false, organizations: [ORG] };
  return encodeLookupToken({ position: '', search, within: Array.from({ length: MAX_DRILL_DEPTH }, () => search) });
})();

const cardless = add({ lastName: 'SIN TARJETA' }, { customerNumber: CARDLESS_CUSTOMER });

/**
 * A party rule's triggers, for add and for update (whose field names differ in places). `bare`
 * sends a party holding nothing but the given fields (a new owner on add, a co-owner the customer
 * did not have on update), so a flag can arrive without the value it needs.
 */
const PARTY_RULES = (send: (fields: object) => ExampleRequest, names: { idType: string; idNumber: string; home: string; email: string; mobile: string }, bare: (fields: object) => ExampleRequest): Trigger[] => [
  { error: 'DATE_OF_BIRTH_INVALID', send: 'a dateOfBirth that is not on the calendar, such as 2023-02-29', request: send({ dateOfBirth: '2023-02-29' }) },
  { error: 'DATE_OF_BIRTH_FUTURE', send: 'a dateOfBirth after the processing date', request: send({ dateOfBirth: '2999-12-31' }) },
  { error: 'TAX_ID_NOT_NUMERIC', send: `${names.idType} 0 with an ${names.idNumber} that does not start with nine digits`, request: send({ [names.idType]: 0, [names.idNumber]: 'AB1234567' }) },
  { error: 'COUNTRY_UNKNOWN', send: 'countryCode "ZZZ", which is no ISO country', request: send({ countryCode: 'ZZZ' }) },
  { error: 'ONE_PREFERRED_CONTACT', send: `both ${names.home} and ${names.email} at 2 (preferred)`, request: send({ [names.home]: 2, homePhoneNumber: '555-010-2030', [names.email]: 2, email: 'TRIGGER@EXAMPLE.COM' }) },
  { error: 'HOME_PHONE_REQUIRED', send: `${names.home} 1 and no home phone number`, request: bare({ [names.home]: 1 }) },
  { error: 'WORK_PHONE_REQUIRED', send: 'employerPhoneFlag 1 and no employer phone number', request: bare({ employerPhoneFlag: 1 }) },
  { error: 'MOBILE_PHONE_REQUIRED', send: `${names.mobile} 1 and no mobile phone number`, request: bare({ [names.mobile]: 1 }) },
  { error: 'EMAIL_REQUIRED', send: `${names.email} 1 and no email address`, request: bare({ [names.email]: 1 }) },
];

/** A value outside a field's range, answered with the field's own platform code. */
const outOfRange = (error: ErrorName, field: string, value: unknown, request: ExampleRequest): Trigger => ({
  error,
  send: `${field} ${JSON.stringify(value)}, outside its range`,
  request,
});

/**
 * The business errors of each operation, the most typical of each status first: that one is what
 * Prefer: code=<status> answers.
 */
const BY_OPERATION = {
  addCustomer: [
    { error: 'CUSTOMER_EXISTS', send: `a customerNumber that already exists, such as ${RETAIL}`, request: add({}, { customerNumber: RETAIL }) },
    { error: 'ACCOUNT_HELD', send: 'an accountNumber that already has a primary holder', request: add({}, { accountNumber: RETAIL_ACCOUNT }) },
    {
      error: 'NUMBER_TAKEN',
      send: `a customer or account number from ${HELD_NUMBERS.first} to ${HELD_NUMBERS.last}: the sandbox holds them reserved for another organization`,
      request: add({}, { customerNumber: '9999999999999999901' }),
    },
    { error: 'ORG_NOT_FOUND', send: 'an organizationNumber the tenant does not have, such as 500', request: add({}, { organizationNumber: 500 }) },
    { error: 'ACCOUNT_NOT_FOUND', send: 'an accountNumber of another organization than the one named', request: add({}, { organizationNumber: ORG, accountNumber: MEXICO_ACCOUNT }) },
    outOfRange('ORG_INVALID', 'customerKeyData.organizationNumber', 0, add({}, { organizationNumber: 0 })),
    ...PARTY_RULES(add, { idType: 'identificationNumberFlag', idNumber: 'identificationNumber', home: 'homePhoneFlag', email: 'emailFlag', mobile: 'mobilePhoneFlag' }, add),
    outOfRange('VIP_STATUS_INVALID', 'vipStatus', 8, add({}, undefined, { vipStatus: 8 })),
    outOfRange('STATUS_INVALID', 'status', '5', add({}, undefined, { status: '5' })),
    outOfRange('MARITAL_STATUS_INVALID', 'maritalStatus', '5', add({ maritalStatus: '5' })),
    outOfRange('NAME_TYPE_1_INVALID', 'nameTypeIndicator1', 3, add({ nameTypeIndicator1: 3 })),
    outOfRange('NAME_TYPE_2_INVALID', 'nameTypeIndicator2', 3, add({ nameTypeIndicator2: 3 })),
    outOfRange('NAME_TYPE_3_INVALID', 'nameTypeIndicator3', 3, add({ nameTypeIndicator3: 3 })),
    outOfRange('POSTAL_CODE_INVALID', 'postalCode', 'C1043#', add({ postalCode: 'C1043#' })),
    outOfRange('RESIDENCE_INVALID', 'ownOrRentResidenceFlag', 4, add({ ownOrRentResidenceFlag: 4 })),
    outOfRange('GENDER_INVALID', 'genderCode', 3, add({ genderCode: 3 })),
    outOfRange('TAX_ID_TYPE_INVALID', 'identificationNumberFlag', 3, add({ identificationNumberFlag: 3 })),
    outOfRange('HOME_PHONE_FLAG_INVALID', 'homePhoneFlag', 3, add({ homePhoneFlag: 3 })),
    outOfRange('WORK_PHONE_FLAG_INVALID', 'employerPhoneFlag', 3, add({ employerPhoneFlag: 3 })),
    outOfRange('FAX_FLAG_INVALID', 'faxPhoneFlag', 3, add({ faxPhoneFlag: 3 })),
    outOfRange('MOBILE_FLAG_INVALID', 'mobilePhoneFlag', 3, add({ mobilePhoneFlag: 3 })),
    outOfRange('EMAIL_FLAG_INVALID', 'emailFlag', 3, add({ emailFlag: 3 })),
  ],
  updateCustomer: [
    { error: 'CUSTOMER_NOT_FOUND', send: 'numberType 1 and a customer number that does not exist, such as 1', request: update({ customerNumber: UNKNOWN_CUSTOMER }) },
    { error: 'CARD_OR_ACCOUNT_NOT_FOUND', send: 'numberType 0 and an account or card number that does not exist', request: update({ customerNumber: UNKNOWN_ACCOUNT, numberType: 0 }) },
    { error: 'ORG_NOT_FOUND', send: 'an organizationNumber the tenant does not have, such as 500', request: update({ organizationNumber: 500 }) },
    { error: 'ORG_REQUIRED', send: 'numberType 1 without organizationNumber', request: put('/customer', { customerNumber: RETAIL, numberType: 1 }) },
    {
      error: 'NUMBER_REQUIRED',
      send: 'a customerNumber written as a JSON number with an exponent (1e18): an identifier must be written digit for digit',
      request: raw('PUT', '/customer', `{"customerNumber": 1e18, "numberType": 1, "organizationNumber": ${ORG}}`),
    },
    outOfRange('ORG_INVALID', 'organizationNumber', 999, update({ organizationNumber: 999 })),
    outOfRange('NUMBER_TYPE_INVALID', 'numberType', 6, update({ numberType: 6 })),
    outOfRange('FOREIGN_USE_INVALID', 'foreignUseIndicator', 'Ñ', update({ foreignUseIndicator: 'Ñ' })),
    outOfRange('DEMOGRAPHIC_INDICATOR_INVALID', 'demographicDataIndicator', 3, update({ demographicDataIndicator: 3 })),
    outOfRange('USER_DATA_INDICATOR_INVALID', 'userDataIndicator', 3, update({ userDataIndicator: 3 })),
    ...PARTY_RULES(update, { idType: 'taxIdType', idNumber: 'taxIdNumber', home: 'homePhoneIndicator', email: 'emailIndicator', mobile: 'mobilePhoneIndicator' }, updateCoOwner),
    outOfRange('VIP_STATUS_INVALID', 'vipStatus', 8, update({ vipStatus: 8 })),
    outOfRange('STATUS_INVALID', 'status', 3, update({ status: 3 })),
    outOfRange('MARITAL_STATUS_INVALID', 'maritalStatus', '5', update({ maritalStatus: '5' })),
    outOfRange('NAME_TYPE_1_INVALID', 'nameTypeIndicator1', 3, update({ nameTypeIndicator1: 3 })),
    outOfRange('NAME_TYPE_2_INVALID', 'nameTypeIndicator2', 3, update({ nameTypeIndicator2: 3 })),
    outOfRange('NAME_TYPE_3_INVALID', 'nameTypeIndicator3', 3, update({ nameTypeIndicator3: 3 })),
    outOfRange('POSTAL_CODE_INVALID', 'postalCode', 'C1043#', update({ postalCode: 'C1043#' })),
    outOfRange('RESIDENCE_INVALID', 'ownOrRentResidenceFlag', 4, update({ ownOrRentResidenceFlag: 4 })),
    outOfRange('GENDER_INVALID', 'genderCode', 3, update({ genderCode: 3 })),
    outOfRange('TAX_ID_TYPE_INVALID', 'taxIdType', 3, update({ taxIdType: 3 })),
    outOfRange('HOME_PHONE_FLAG_INVALID', 'homePhoneIndicator', 3, update({ homePhoneIndicator: 3 })),
    outOfRange('WORK_PHONE_FLAG_INVALID', 'employerPhoneFlag', 3, update({ employerPhoneFlag: 3 })),
    outOfRange('FAX_FLAG_INVALID', 'faxPhoneIndicator', 3, update({ faxPhoneIndicator: 3 })),
    outOfRange('MOBILE_FLAG_INVALID', 'mobilePhoneIndicator', 3, update({ mobilePhoneIndicator: 3 })),
    outOfRange('EMAIL_FLAG_INVALID', 'emailIndicator', 3, update({ emailIndicator: 3 })),
  ],
  findAccountNumbers: [
    { error: 'CUSTOMER_NOT_FOUND', send: 'a customerNumber that does not exist, such as 1', request: accounts({ customerNumber: UNKNOWN_CUSTOMER }) },
    { error: 'ORG_NOT_FOUND', send: 'an organizationNumber the tenant does not have, such as 500', request: accounts({ organizationNumber: 500 }) },
    { error: 'START_TOKEN_REQUIRED', send: 'functionCode N without a startToken', request: accounts({ functionCode: 'N' }) },
    outOfRange('ORG_INVALID', 'organizationNumber', 0, accounts({ organizationNumber: 0 })),
  ],
  getCardDetails: [
    { error: 'CUSTOMER_NOT_FOUND', send: 'a customerNumber that does not exist, such as 1', request: cards({ customerNumber: UNKNOWN_CUSTOMER }) },
    {
      error: 'NO_CARDS',
      send: `the number of a customer without cards: the setup request adds one (customer ${CARDLESS_CUSTOMER}, no account) the first time`,
      setup: [cardless],
      request: cards({ customerNumber: CARDLESS_CUSTOMER }),
    },
    { error: 'ORG_NOT_FOUND', send: 'an organizationNumber the tenant does not have, such as 500', request: cards({ organizationNumber: 500 }) },
    { error: 'CARDS_START_REQUIRED', send: 'functionCode N without startOrganization and startAccount', request: cards({ functionCode: 'N' }) },
    outOfRange('ORG_INVALID', 'organizationNumber', 0, cards({ organizationNumber: 0 })),
  ],
  generateNumbers: [
    { error: 'ORG_NOT_FOUND', send: 'an organizationNumber the tenant does not have, such as 500', request: generation({ organizationNumber: 500 }) },
    { error: 'LOGO_NOT_FOUND', send: 'a logo that is not a product of the organization, such as 999', request: generation({ logo: '999' }) },
    { error: 'NOTHING_REQUESTED', send: 'quantities that are all 0', request: generation({ customerNumbersRequested: 0 }) },
    outOfRange('DUAL_INDICATOR_INVALID', 'dualIndicator', '7', generation({ dualIndicator: '7' })),
    outOfRange('ORG_INVALID', 'organizationNumber', 0, generation({ organizationNumber: 0 })),
  ],
  inquireDemographicData: [
    { error: 'CUSTOMER_NOT_FOUND', send: 'numberType 1 and a customer number that does not exist, such as 1', request: demographic({ customerAccountCardNumber: UNKNOWN_CUSTOMER }) },
    { error: 'CARD_OR_ACCOUNT_NOT_FOUND', send: 'numberType 0 and an account or card number that does not exist', request: demographic({ customerAccountCardNumber: UNKNOWN_ACCOUNT, numberType: 0 }) },
    { error: 'ORG_NOT_FOUND', send: 'an organizationNumber the tenant does not have, such as 500', request: demographic({ organizationNumber: 500 }) },
    { error: 'ORG_REQUIRED', send: 'numberType 1 without organizationNumber', request: post('/customer/demographicData', { customerAccountCardNumber: RETAIL, numberType: 1 }) },
    {
      error: 'NUMBER_REQUIRED',
      send: 'a customerAccountCardNumber written as a JSON number with an exponent (1e18): an identifier must be written digit for digit',
      request: raw('POST', '/customer/demographicData', `{"customerAccountCardNumber": 1e18, "numberType": 1, "organizationNumber": ${ORG}}`),
    },
    outOfRange('ORG_INVALID', 'organizationNumber', 999, demographic({ organizationNumber: 999 })),
    outOfRange('NUMBER_TYPE_INVALID', 'numberType', 6, demographic({ numberType: 6 })),
    outOfRange('FOREIGN_USE_INVALID', 'foreignUseIndicator', 'Ñ', demographic({ foreignUseIndicator: 'Ñ' })),
  ],
  lookupCustomers: [
    { error: 'ORG_NOT_FOUND', send: 'an organizationNumber the tenant does not have, such as 500', request: lookup({ organizationNumber: 500 }) },
    { error: 'LOOKUP_PRIMARY_REQUIRED', send: 'no primary search field filled (or one chosen with its option and left empty)', request: lookup({ primarySearchData: {} }) },
    outOfRange('LOOKUP_TOO_MANY', 'numberOfRecords', 51, lookup({ numberOfRecords: 51 })),
    { error: 'LOOKUP_TOKEN_REQUIRED', send: 'serviceFunctionCode N without a startToken', request: lookup({ serviceFunctionCode: 'N' }) },
    outOfRange('LOOKUP_FUNCTION_INVALID', 'serviceFunctionCode', 'X', lookup({ serviceFunctionCode: 'X' })),
    outOfRange('LOOKUP_OPTION_INVALID', 'requestOptionData.lastNameOption', 2, lookup({ requestOptionData: { lastNameOption: 2 } })),
    { error: 'LOOKUP_LEADING_WILDCARD', send: 'a last name starting with *, such as *ABC', request: byName('*ABC') },
    { error: 'LOOKUP_NAME_FORMAT', send: 'a name with a comma but no first name, such as SMITH,', request: byName('SMITH,') },
    { error: 'LOOKUP_LAST_NAME_SHORT', send: 'a last name of one letter, such as A', request: byName('A') },
    { error: 'LOOKUP_LAST_NAME_WILDCARD', send: 'a last name with * inside, such as SM*TH', request: byName('SM*TH') },
    { error: 'LOOKUP_FIRST_NAME_SHORT', send: 'LAST,FIRST with a one-letter first name, such as SMITH,J', request: byName('SMITH,J') },
    { error: 'LOOKUP_FIRST_NAME_WILDCARD', send: 'an optional first name with * inside, such as J*N', request: lookup({ optionalSearchData: { firstName: 'J*N' } }) },
    { error: 'LOOKUP_ID_WILDCARD', send: 'an identifier holding *', request: lookup({ primarySearchData: { identifier: '1234*6789' } }) },
    { error: 'LOOKUP_ID_SHORT', send: 'an identifier of fewer than 6 characters, such as 12345', request: lookup({ primarySearchData: { identifier: '12345' } }) },
    outOfRange('LOOKUP_ID_LONG', 'identifier', '1'.repeat(26), lookup({ primarySearchData: { identifier: '1'.repeat(26) } })),
    { error: 'LOOKUP_PHONE_WILDCARD', send: 'a phone number holding *', request: lookup({ primarySearchData: { phoneNumber: '5551*234' } }) },
    { error: 'LOOKUP_PHONE_SHORT', send: 'a phone number of fewer than 6 characters, such as 12345', request: lookup({ primarySearchData: { phoneNumber: '12345' } }) },
    outOfRange('LOOKUP_PHONE_LONG', 'phoneNumber', '5'.repeat(21), lookup({ primarySearchData: { phoneNumber: '5'.repeat(21) } })),
    { error: 'LOOKUP_CUSTOMER_LONG', send: 'serviceFunctionCode N with a customer number of 20 digits as startToken', request: lookup({ serviceFunctionCode: 'N', startToken: '4'.repeat(20) }) },
    { error: 'LOOKUP_CUSTOMER_WILDCARD', send: 'serviceFunctionCode N with a customer number holding * as startToken', request: lookup({ serviceFunctionCode: 'N', startToken: '4597*' }) },
    outOfRange('LOOKUP_MATCH_INVALID', 'optionalDataMatch', 2, lookup({ optionalDataMatch: 2 })),
    outOfRange('LOOKUP_FUZZY_INVALID', 'lastNameFuzzySwitch', 4, lookup({ lastNameFuzzySwitch: 4 })),
    {
      error: 'LOOKUP_DRILL_TOO_DEEP',
      send: `a drill down (a fuzzy switch of 2, no serviceFunctionCode) from the startToken of an answer already narrowed ${MAX_DRILL_DEPTH} times`,
      request: byName('GA', { lastNameFuzzySwitch: 2, startToken: DEEPEST_TOKEN }),
    },
    outOfRange('ORG_INVALID', 'organizationNumber', 999, lookup({ organizationNumber: 999 })),
  ],
  findRelationshipNumbers: [
    { error: 'CUSTOMER_NOT_FOUND', send: 'a customerNumber that does not exist, such as 1', request: relationships({ customerNumber: UNKNOWN_CUSTOMER }) },
    { error: 'RELATIONSHIP_ORG_INVALID', send: 'an organizationNumber the tenant does not have, such as 500', request: relationships({ organizationNumber: 500 }) },
    { error: 'RELATIONSHIP_ORG_NOT_NUMERIC', send: 'an organizationNumber that is not a number, such as "X70"', request: relationships({ organizationNumber: 'X70' }) },
    {
      error: 'RELATIONSHIP_CUSTOMER_INVALID',
      send: 'a customerNumber written as a JSON number with an exponent (1e18): an identifier must be written digit for digit',
      request: raw('POST', '/customer/relationshipNumber', `{"customerNumber": 1e18, "organizationNumber": ${ORG}}`),
    },
    { error: 'START_TOKEN_REQUIRED', send: 'functionCode N without a startToken', request: relationships({ functionCode: 'N' }) },
  ],
  inquireCurrentPriorAddress: [
    { error: 'ACCOUNT_NOT_FOUND', send: 'a path number that is no account, relationship or customer, such as 1', request: addresses(UNKNOWN_CUSTOMER) },
    { error: 'ORG_NOT_FOUND', send: 'organizationNumber=500 (one the tenant does not have) in the query', request: addresses(RETAIL, '?organizationNumber=500') },
    outOfRange('ORG_INVALID', 'organizationNumber (query)', 999, addresses(RETAIL, '?organizationNumber=999')),
  ],
  getToken: [
    {
      error: 'GRANT_TYPE_INVALID',
      send: 'the token call, with the usual Basic credentials, asking for grant_type=password',
      request: { method: 'POST', path: '/token', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, rawBody: 'grant_type=password' },
    },
  ],
  importSandbox: [
    { error: 'IMPORT_INVALID', send: 'an export of a data version this sandbox cannot read, or one whose records refer to numbers it does not hold', request: post('/sandbox/import', { dataVersion: 2 }) },
  ],
  setSandboxClock: [
    { error: 'CLOCK_DATE_INVALID', send: 'a date that is not on the calendar, such as 2031-02-30', request: put('/sandbox/clock', { date: '2031-02-30' }) },
  ],
} satisfies Partial<Record<OperationId, readonly Trigger[]>>;

export const BUSINESS_TRIGGERS: Readonly<Record<string, readonly Trigger[] | undefined>> = BY_OPERATION;

/** How the HTTP layer treats an operation, read from the contract. */
export interface OperationTraits {
  operationId: string;
  method: string;
  /** Answers without any credentials. */
  isPublic: boolean;
  isTokenCall: boolean;
  /** Has a body to read: every method but GET, declared or not (see http/json-body). */
  readsBody: boolean;
  hasParameters: boolean;
  takesPrefer: boolean;
  successStatuses: number[];
}

type Spec = Record<string, any>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

function traitsOf(spec: Spec): Map<string, OperationTraits> {
  const out = new Map<string, OperationTraits>();
  const parameterOf = (p: Spec) => (p.$ref ? spec.components.parameters[p.$ref.split('/').pop()] : p);
  for (const item of Object.values<Spec>(spec.paths)) {
    for (const [method, op] of Object.entries<Spec>(item)) {
      if (!METHODS.includes(method) || !op?.operationId) continue;
      const parameters: Spec[] = (op.parameters ?? []).map(parameterOf);
      out.set(op.operationId, {
        operationId: op.operationId,
        method,
        isPublic: Array.isArray(op.security) && op.security.length === 0,
        isTokenCall: op.operationId === 'getToken',
        readsBody: Boolean(op.requestBody) || method !== 'get',
        hasParameters: parameters.some((p) => p.in === 'path' || p.in === 'query'),
        takesPrefer: parameters.some((p) => p.in === 'header' && String(p.name).toLowerCase() === 'prefer'),
        successStatuses: Object.keys(op.responses ?? {}).filter((s) => s.startsWith('2')).map(Number),
      });
    }
  }
  return out;
}

export const OPERATIONS: ReadonlyMap<string, OperationTraits> = traitsOf(specDocument());

interface CommonTrigger {
  error: ErrorName;
  send: string;
  /** Which operations can answer it. */
  appliesTo: (op: OperationTraits) => boolean;
  /** An example on one operation, for the errors a plain client can show; the tenant's apikey where it matters. */
  request?: (apikey: string) => ExampleRequest;
  /** Why no plain request shows it: a special client, or a failure of the sandbox itself. */
  needs?: string;
}

const anyCall = () => true;
const withCredentials = (op: OperationTraits) => !op.isPublic;
const withToken = (op: OperationTraits) => !op.isPublic && !op.isTokenCall;
const tokenCall = (op: OperationTraits) => op.isTokenCall;
const withBody = (op: OperationTraits) => op.readsBody;
const withInput = (op: OperationTraits) => op.readsBody || op.hasParameters;

const ON_DEMOGRAPHIC = { method: 'POST', path: '/customer/demographicData' } as const;
const demographicWith = (headers: Record<string, string>, body: unknown = { customerAccountCardNumber: RETAIL, numberType: 1, organizationNumber: ORG }): ExampleRequest =>
  ({ ...ON_DEMOGRAPHIC, ...(Object.keys(headers).length ? { headers } : {}), body });
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const tokenRequest = (headers: Record<string, string>): ExampleRequest => ({
  method: 'POST',
  path: '/token',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
  rawBody: 'grant_type=client_credentials',
});
const FORCE_IT = 'a failure of the sandbox itself, which only the Prefer header can show';

/**
 * What the HTTP layer answers before (or instead of) an operation's handler, for every operation
 * it applies to, the most typical of each status first. Their examples go to demographicData.
 */
const COMMON_TRIGGERS: readonly CommonTrigger[] = [
  { error: 'VALIDATION', send: 'a request the contract refuses, such as a field it does not define', appliesTo: withInput, request: () => demographicWith({}, { customerAccountCardNumber: RETAIL, numberType: 1, organizationNumber: ORG, nickname: 'X' }) },
  { error: 'TOKEN_EXPIRED', send: 'a token more than 900 seconds old', appliesTo: withToken, needs: 'a token issued more than 900 seconds ago' },
  { error: 'SECRET_MISMATCH', send: 'the token call with a wrong secret as the Basic password', appliesTo: tokenCall, request: (apikey) => tokenRequest({ Authorization: basic(apikey, 'wrong-secret') }) },
  { error: 'UNKNOWN_APIKEY', send: 'no apikey header, or one the sandbox does not know', appliesTo: withCredentials, request: () => demographicWith({ apikey: 'unknown-apikey' }) },
  { error: 'CLIENT_ID_MISMATCH', send: 'no X-ClientID header, or another than the apikey\'s', appliesTo: withToken, request: () => demographicWith({ 'X-ClientID': '99999' }) },
  { error: 'TOKEN_MISSING', send: 'no Authorization header', appliesTo: withToken, request: () => demographicWith({ Authorization: '' }) },
  { error: 'TOKEN_INVALID', send: 'a bearer token the sandbox did not issue', appliesTo: withToken, request: () => demographicWith({ Authorization: 'Bearer not-a-token' }) },
  { error: 'TOKEN_OTHER_TENANT', send: 'a token issued to another apikey', appliesTo: withToken, needs: 'a token from the token call of another apikey' },
  { error: 'BASIC_REQUIRED', send: 'the token call without Basic credentials', appliesTo: tokenCall, request: () => tokenRequest({ Authorization: '' }) },
  { error: 'BASIC_USER_MISMATCH', send: 'the token call with another apikey as the Basic user', appliesTo: tokenCall, request: () => tokenRequest({ Authorization: basic('another-apikey', 'any-secret') }) },
  { error: 'SIGNATURE_REQUIRED', send: 'a call as signed-apikey (with its own token) without a Signature header', appliesTo: withToken, request: () => demographicWith({ apikey: 'signed-apikey', Signature: '' }) },
  { error: 'SIGNED_HEADERS_MISSING', send: 'a Signature header without X-Client-Request-Id and Timestamp', appliesTo: withToken, request: () => demographicWith({ Signature: 'c2lnbmVk' }) },
  {
    error: 'TIMESTAMP_SKEWED',
    send: 'a signed request whose Timestamp is more than five minutes away, such as 1',
    appliesTo: withToken,
    request: () => demographicWith({ Signature: 'c2lnbmVk', 'X-Client-Request-Id': 'skewed-request', Timestamp: '1' }),
  },
  { error: 'SIGNATURE_INVALID', send: 'a fresh Timestamp with a Signature over other bytes', appliesTo: withToken, needs: 'a Timestamp within five minutes of the sandbox clock' },
  { error: 'REPLAYED', send: 'a correctly signed request reusing the X-Client-Request-Id of one sent in the last five minutes', appliesTo: withToken, needs: 'two correctly signed requests' },
  { error: 'RATE_LIMITED', send: 'more requests in a minute than RATE_LIMIT_PER_MINUTE (6000 by default)', appliesTo: withCredentials, needs: 'thousands of requests within a minute' },
  { error: 'MALFORMED_JSON', send: 'a body that is not JSON', appliesTo: withBody, request: () => ({ ...ON_DEMOGRAPHIC, rawBody: '{"customerAccountCardNumber": ' }) },
  { error: 'JSON_TOO_DEEP', send: 'a body nested deeper than MAX_JSON_DEPTH (32)', appliesTo: withBody, request: () => ({ ...ON_DEMOGRAPHIC, rawBody: `{"deep": ${'['.repeat(33)}${']'.repeat(33)}}` }) },
  { error: 'BODY_TOO_LARGE', send: 'a body larger than BODY_LIMIT (100kb)', appliesTo: withBody, needs: 'a body of more than 100 kB' },
  { error: 'UNSUPPORTED_MEDIA_TYPE', send: 'a body sent as another media type than application/json', appliesTo: withBody, request: () => demographicWith({ 'Content-Type': 'text/plain' }) },
  { error: 'PREFER_INVALID', send: 'a Prefer header asking for something the operation does not document', appliesTo: (op) => op.takesPrefer, request: () => demographicWith({ Prefer: 'code=418' }) },
  { error: 'INTERNAL', send: 'a request the sandbox fails to answer', appliesTo: anyCall, needs: FORCE_IT },
  { error: 'OFF_CONTRACT', send: 'a request whose answer would fall outside the contract', appliesTo: anyCall, needs: FORCE_IT },
  { error: 'TENANT_UNAVAILABLE', send: 'a request to a tenant whose stored data cannot be used: its files are damaged or cannot be written, or its database cannot be reached', appliesTo: withToken, needs: FORCE_IT },
];

/** Every error the operation can answer, in the table's order: its own first, then the HTTP layer's. */
export function documentedErrors(operationId: string): ErrorName[] {
  const op = OPERATIONS.get(operationId);
  const own = (BUSINESS_TRIGGERS[operationId] ?? []).map((t) => t.error);
  const common = op ? COMMON_TRIGGERS.filter((t) => t.appliesTo(op)).map((t) => t.error) : [];
  return [...new Set([...own, ...common])];
}

/** The trigger list as GET /sandbox/fixtures answers it, for the tenant of this apikey. */
export function errorTriggerList(apikey: string) {
  const described = (error: ErrorName) => ({ code: ERRORS[error].code, status: ERRORS[error].status });
  const errorTriggers = [...OPERATIONS.keys()].flatMap((operationId) =>
    (BUSINESS_TRIGGERS[operationId] ?? []).map((t) => ({
      operationId,
      ...described(t.error),
      send: t.send,
      ...(t.setup ? { setup: t.setup } : {}),
      request: t.request,
    })),
  );
  const ops = [...OPERATIONS.values()];
  const commonErrorTriggers = COMMON_TRIGGERS.map((t) => ({
    ...described(t.error),
    send: t.send,
    operationIds: ops.filter(t.appliesTo).map((op) => op.operationId),
    ...(t.request ? { request: t.request(apikey) } : {}),
    ...(t.needs ? { needs: t.needs } : {}),
  }));
  return { errorTriggers, commonErrorTriggers };
}
