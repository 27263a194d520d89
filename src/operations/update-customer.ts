import { customerByAccountOrCard, customerByNumber } from '../domain/customer-address.js';
import type { Customer, Party, PartyRole } from '../domain/model.js';
import { organizationOf } from '../domain/organizations.js';
import { checkParty, movesAddress, partyFields, withPriorAddress } from '../domain/party.js';
import { codeOf, digitsOf, intOf, isOrganizationGiven } from '../domain/values.js';
import { fail } from '../domain/errors.js';
import type { Handler } from './types.js';

/** Update fields whose name differs from the one add uses for the same value. */
const RENAMED: Record<string, keyof Party> = {
  homePhoneIndicator: 'homePhoneFlag',
  faxPhoneNumber: 'homeFaxPhoneNumber',
  faxPhoneIndicator: 'faxPhoneFlag',
  mobilePhoneIndicator: 'mobilePhoneFlag',
  emailIndicator: 'emailFlag',
  smsIndicator: 'smsFlag',
  taxIdType: 'identificationNumberFlag',
  taxIdNumber: 'identificationNumber',
  userDemographic1: 'demographic1',
  userDemographic2: 'demographic2',
  userDemographic3: 'demographic3',
  dateFiledForm: 'dateOfFile',
};

/** Request fields that steer the update rather than carry a party's data. */
const CONTROL_FIELDS = new Set([
  'organizationNumber', 'customerNumber', 'numberType', 'foreignUseIndicator', 'demographicDataIndicator',
  'userDataIndicator', 'vipStatus', 'status', 'sicCode', 'foreignFormIndicator', 'formDateSent', 'driverLicense', 'carrierRoute',
]);

const USER_FIELDS = new Set<string>([
  ...Array.from({ length: 15 }, (_, i) => `user${i + 1}`),
  'demographic1', 'demographic2', 'demographic3',
]);

/** Splits the flat update body into the demographic and the user-data part of a party. */
function carriedFields(body: Record<string, unknown>): { demographic: Party; user: Party } {
  const flat: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (!CONTROL_FIELDS.has(k)) flat[RENAMED[k] ?? k] = v;
  Object.assign(flat, body.driverLicense ?? {}, body.carrierRoute ?? {});
  const all = partyFields(flat) as Record<string, unknown>;
  const demographic: Record<string, unknown> = {};
  const user: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(all)) (USER_FIELDS.has(k) ? user : demographic)[k] = v;
  return { demographic: demographic as Party, user: user as Party };
}

const roleOf = (indicator: string): PartyRole | undefined => (indicator === '1' ? 'owner' : indicator === '2' ? 'coOwner' : undefined);

export const updateCustomer: Handler<'updateCustomer'> = async ({ body }, ctx) => {
  const { store, today } = ctx;
  // The contract limits these codes to their values; blank and 0 both mean "not given".
  const numberType = codeOf(body.numberType);
  const foreignUse = codeOf(body.foreignUseIndicator);
  const demographicIndicator = codeOf(body.demographicDataIndicator);
  const userIndicator = codeOf(body.userDataIndicator);
  const number = digitsOf(body.customerNumber);
  if (!number) return fail('NUMBER_REQUIRED');

  let found: Customer;
  let accountNumber: string | undefined;
  if (numberType === '1') {
    if (!isOrganizationGiven(body.organizationNumber)) fail('ORG_REQUIRED');
    const org = organizationOf(ctx.organizations, body.organizationNumber);
    found = customerByNumber(store, number, org.organizationNumber);
  } else {
    const hit = customerByAccountOrCard(store, number, ctx.organizations.map((o) => o.organizationNumber));
    if (isOrganizationGiven(body.organizationNumber)) organizationOf(ctx.organizations, body.organizationNumber);
    found = hit.customer;
    accountNumber = hit.account.accountNumber;
  }

  const customer: Customer = { ...found, dateLastMaintenance: today };
  if (body.vipStatus !== undefined) customer.vipStatus = body.vipStatus;
  if (body.status !== undefined) customer.status = body.status;
  if (body.sicCode !== undefined) customer.sicCode = intOf(body.sicCode) ?? customer.sicCode;

  const { demographic, user } = carriedFields(body as Record<string, unknown>);
  const changes: [PartyRole | undefined, Party][] = [
    [roleOf(demographicIndicator), demographic],
    [roleOf(userIndicator), user],
  ];
  for (const [role, change] of changes) {
    if (!role || Object.keys(change).length === 0) continue;
    const current = customer[role] ?? {};
    const next = { ...current, ...change };
    checkParty(next, today, role === 'owner' ? 'ownerData' : 'coOwnerData');
    if (movesAddress(current, change) && Object.keys(current).length > 0) {
      customer.priorAddresses = withPriorAddress(customer.priorAddresses, role, current, today);
      customer.dateLastAddressChange = today;
    }
    customer[role] = next;
    if (role === 'coOwner') customer.coOwnerIndicator = 2;
  }

  await store.commit({ customers: [customer] });
  return {
    status: 200,
    data: {
      outputArea: {
        organizationNumber: customer.organizationNumber,
        customerNumber: customer.customerNumber,
        numberType: numberType || '0',
        foreignUseIndicator: foreignUse || '0',
        demographicDataIndicator: demographicIndicator || '0',
        userDataIndicator: userIndicator || '0',
        cmsOrganizationNumber: customer.organizationNumber,
        ...(accountNumber ? { accountNumber } : {}),
      },
    },
  };
};
