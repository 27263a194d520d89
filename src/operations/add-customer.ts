import { newAccount, newCard, nextCardNumber } from '../domain/accounts.js';
import type { Account, Card, Customer, Reservation } from '../domain/model.js';
import { heldReservation } from '../domain/held-numbers.js';
import { customerNumberFor, seriesKey, movedCounters, takeNextNumber } from '../domain/number-series.js';
import { defaultLogo, organizationOf, storedLogoOf } from '../domain/organizations.js';
import { checkParty, partyFields } from '../domain/party.js';
import { codeOf, digitsOf, intOf, isBlank } from '../domain/values.js';
import { fail } from '../domain/errors.js';
import type { Handler, OperationContext } from './types.js';

/** A supplied number may be new, or one that /customer/generation reserved for this organization. */
function checkSuppliedNumber(ctx: OperationContext, kind: Reservation['kind'], number: string, org: number) {
  const r = ctx.store.reservation(kind, number) ?? heldReservation(kind, number);
  if (r && (r.state === 'used' || r.organizationNumber !== org)) fail('NUMBER_TAKEN', `${kind} number ${number}`);
}

export const addCustomer: Handler<'addCustomer'> = async ({ body }, ctx) => {
  const { store, today } = ctx;
  const key = body.customerData.customerKeyData ?? {};
  const misc = body.customerData.customerMiscellaneousData ?? {};
  const parties = body.customerData.ownerCoOwnerData;

  const accountNumber = isBlank(key.accountNumber) ? undefined : digitsOf(key.accountNumber);
  const existing = accountNumber ? store.account(accountNumber) : undefined;
  const org = organizationOf(
    ctx.organizations,
    key.organizationNumber ?? existing?.organizationNumber ?? ctx.tenant.defaultOrganization,
  );
  const orgNo = org.organizationNumber;
  if (existing && existing.organizationNumber !== orgNo) fail('ACCOUNT_NOT_FOUND', `account ${accountNumber} in organization ${orgNo}`);
  if (existing?.holders.some((h) => h.associationType === 0)) fail('ACCOUNT_HELD', `account ${accountNumber}`);
  if (accountNumber && !existing) checkSuppliedNumber(ctx, 'account', accountNumber, orgNo);

  const owner = partyFields(parties.ownerData as Record<string, unknown>);
  checkParty(owner, today, 'ownerData');
  const coOwner = partyFields(parties.coOwnerData as Record<string, unknown> | undefined);
  const hasCoOwner = Object.keys(coOwner).length > 0;
  if (hasCoOwner) checkParty(coOwner, today, 'coOwnerData');
  const vipStatus = misc.vipStatus ?? 0;
  const status = intOf(misc.status) ?? 0;

  const before = store.counters();
  const counters = { ...before };
  let customerNumber: string;
  if (isBlank(key.customerNumber)) {
    customerNumber = takeNextNumber(counters, seriesKey('customer', orgNo), (s) => customerNumberFor(orgNo, s), (n) => store.isTaken('customer', n));
  } else {
    customerNumber = digitsOf(key.customerNumber)!;
    if (store.customer(customerNumber)) fail('CUSTOMER_EXISTS', `customer ${customerNumber}`);
    checkSuppliedNumber(ctx, 'customer', customerNumber, orgNo);
  }

  const customer: Customer = {
    organizationNumber: orgNo,
    customerNumber,
    status,
    vipStatus,
    sicCode: misc.sicCode ?? 0,
    coOwnerIndicator: key.coOwnerIndicator ?? (hasCoOwner ? 2 : 1),
    dualFlag: codeOf(key.dualFlag) || '0',
    owner,
    ...(hasCoOwner ? { coOwner } : {}),
    priorAddresses: [],
    createdOn: today,
    dateLastMaintenance: today,
    source: 'A',
  };
  const used = (kind: Reservation['kind'], number: string): Reservation => ({ kind, number, organizationNumber: orgNo, state: 'used', reservedOn: today });
  const reservations = [used('customer', customerNumber)];
  const accounts: Account[] = [];
  const cards: Card[] = [];
  if (existing) {
    const account: Account = { ...existing, status: existing.status === 'N' ? 'A' : existing.status, holders: [...existing.holders, { customerNumber, associationType: 0 }] };
    accounts.push(account);
    const held = store.cardsOf(existing.accountNumber);
    cards.push(...held.map((c) => ({ ...c, customerNumber: c.customerNumber || customerNumber })));
    // A pre-opened account gets its first card when its holder arrives.
    if (held.length === 0) {
      const cardNumber = nextCardNumber(counters, org, storedLogoOf(org, existing.logo), (n) => store.isTaken('card', n));
      cards.push(newCard(account, cardNumber, customerNumber, 1, today));
      reservations.push(used('card', cardNumber));
    }
  } else if (accountNumber) {
    const reserved = store.reservation('account', accountNumber);
    const logo = reserved?.logo !== undefined ? storedLogoOf(org, reserved.logo) : defaultLogo(org);
    const account = newAccount(org, logo, accountNumber, customerNumber, owner.lastName ?? '', today);
    const cardNumber = nextCardNumber(counters, org, logo, (n) => store.isTaken('card', n));
    accounts.push(account);
    cards.push(newCard(account, cardNumber, customerNumber, 1, today));
    reservations.push(used('account', accountNumber), used('card', cardNumber));
  }

  await store.commit({ customers: [customer], accounts, cards, reservations, counters: movedCounters(before, counters) });
  return {
    status: 201,
    data: { organizationNumber: orgNo, customerNumber, ...(accountNumber ? { accountNumber } : {}) },
  };
};
