import { nextAccountNumber, nextCardNumber } from '../domain/accounts.js';
import type { Reservation } from '../domain/model.js';
import { customerNumberFor, relationshipNumberFor, movedCounters, seriesKey, takeNextNumber } from '../domain/number-series.js';
import { logoOf, organizationOf } from '../domain/organizations.js';
import { codeOf } from '../domain/values.js';
import { fail } from '../domain/errors.js';
import type { Handler } from './types.js';

/** When the request names no quantity at all (as the portal's example does), one of each kind. */
const DEFAULT_QUANTITY = 1;

export const generateNumbers: Handler<'generateNumbers'> = async ({ body }, ctx) => {
  const { store, today } = ctx;
  const org = organizationOf(ctx.organizations, body.organizationNumber);
  const logo = logoOf(org, body.logo);
  const dual = codeOf(body.dualIndicator) || '0';

  const asked = [
    body.customerNumbersRequested, body.accountNumbersRequested, body.relationshipNumbersRequested,
    body.embosserNumbersRequested, body.billAccountNumbersRequested, body.controlAccountNumbersRequested,
  ];
  const named = asked.some((q) => q !== undefined);
  const quantity = (q: number | undefined) => (named ? q ?? 0 : DEFAULT_QUANTITY);
  const customers = quantity(body.customerNumbersRequested);
  // Bill and control accounts are account numbers too; they come from the same series.
  const accounts = quantity(body.accountNumbersRequested) + (body.billAccountNumbersRequested ?? 0) + (body.controlAccountNumbersRequested ?? 0);
  const relationships = quantity(body.relationshipNumbersRequested);
  const cards = quantity(body.embosserNumbersRequested);
  if (customers + accounts + relationships + cards === 0) fail('NOTHING_REQUESTED');

  const orgNo = org.organizationNumber;
  const before = store.counters();
  const counters = { ...before };
  const reservations: Reservation[] = [];
  // Numbers taken earlier in this same request are not in the store yet.
  const taking = new Set<string>();
  const take = (kind: Reservation['kind'], next: (isTaken: (n: string) => boolean) => string) => {
    const number = next((n) => taking.has(`${kind}:${n}`) || store.isTaken(kind, n));
    taking.add(`${kind}:${number}`);
    reservations.push({ kind, number, organizationNumber: orgNo, logo: logo.logo, state: 'generation', reservedOn: today });
    return number;
  };
  const series = <T>(count: number, make: (seq: number) => T) => Array.from({ length: count }, (_, i) => make(i + 1));

  const customerData = series(customers, (sequence) => ({
    sequence,
    customerNumber: take('customer', (t) => takeNextNumber(counters, seriesKey('customer', orgNo), (s) => customerNumberFor(orgNo, s), t)),
  }));
  const accountData = series(accounts, (sequence) => ({ sequence, accountNumber: take('account', (t) => nextAccountNumber(counters, org, logo, t)) }));
  const relationshipData = series(relationships, (sequence) => ({
    sequence,
    relationshipNumber: take('relationship', (t) => takeNextNumber(counters, seriesKey('relationship', orgNo), (s) => relationshipNumberFor(orgNo, s), t)),
  }));
  const cardData = series(cards, (sequence) => ({ sequence, cardNumber: take('card', (t) => nextCardNumber(counters, org, logo, t)) }));

  await store.commit({ reservations, counters: movedCounters(before, counters) });
  return {
    status: 200,
    data: {
      organizationNumber: orgNo,
      ...(dual === '1' && org.foreignOrganizationNumber ? { foreignOrganizationNumber: org.foreignOrganizationNumber } : {}),
      dualIndicator: Number(dual),
      logo: logo.logo,
      customerData,
      accountData,
      relationshipData,
      cardData,
    },
  };
};
