import { customerByNumber } from '../domain/customer-address.js';
import { directionOf, pageByKey } from '../domain/keyset-page.js';
import type { Account, Card } from '../domain/model.js';
import { organizationOf, PRODUCT_CODES } from '../domain/organizations.js';
import { codeOf, compareDigits, digitsOf, intOf } from '../domain/values.js';
import { fail } from '../domain/errors.js';
import type { Handler } from './types.js';

const PAGE_ROWS = 20;
const money = (n: number) => Math.round(n * 100) / 100;

/** What the customer can still spend on an account: credit left on a credit line, the balance otherwise. */
const openToBuy = (a: Account) => money(a.productType === 'credit' ? Math.max(0, a.creditLimit - a.currentBalance) : a.currentBalance);

/** The accounts' card groups that fit one page; an account's cards are never split across pages. */
function fitGroups(groups: { account: Account; cards: Card[] }[], fromEnd: boolean) {
  const out: typeof groups = [];
  let rows = 0;
  const ordered = fromEnd ? [...groups].reverse() : groups;
  for (const g of ordered) {
    if (out.length > 0 && rows + g.cards.length > PAGE_ROWS) break;
    out.push(g);
    rows += g.cards.length;
  }
  return fromEnd ? out.reverse() : out;
}

export const getCardDetails: Handler<'getCardDetails'> = ({ body }, ctx) => {
  const org = organizationOf(ctx.organizations, body.organizationNumber);
  const customer = customerByNumber(ctx.store, digitsOf(body.customerNumber)!, org.organizationNumber);
  const groups = ctx.store
    .accountsOf(customer.customerNumber)
    .map((account) => ({ account, cards: ctx.store.cardsOf(account.accountNumber) }))
    .filter((g) => g.cards.length > 0);
  if (groups.length === 0) fail('NO_CARDS', `customer ${customer.customerNumber}`);

  const direction = directionOf(codeOf(body.functionCode));
  let compare: ((g: { account: Account }) => number) | undefined;
  if (direction !== 'first') {
    const start = body.startItem ?? body;
    const startAccount = digitsOf(start.startAccount);
    const startOrg = intOf(start.startOrganization);
    if (!startAccount || startOrg === undefined) return fail('CARDS_START_REQUIRED', 'startOrganization and startAccount');
    compare = (g) => g.account.organizationNumber - startOrg || compareDigits(g.account.accountNumber, startAccount);
  }
  // Page over whole accounts, then trim to the rows that fit.
  const window = pageByKey(groups, groups.length, direction, compare);
  const chosen = fitGroups(window.items, direction === 'prev');
  const firstIndex = chosen.length ? groups.findIndex((g) => g.account.accountNumber === chosen[0].account.accountNumber) : 0;
  const more = chosen.length > 0 ? firstIndex + chosen.length < groups.length : window.more;
  const hasPrevious = chosen.length > 0 ? firstIndex > 0 : window.hasPrevious;

  const logos = new Map(org.logos.map((l) => [l.logo, l]));
  const rows = chosen.flatMap(({ account: a, cards }) =>
    cards.map((c) => ({ a, c })),
  ).map(({ a, c }, i) => ({
    sequence: i + 1,
    cardNumber: c.cardNumber,
    cardSequence: c.sequence,
    cardBlockCode: c.blockCode,
    cardExpireDate: c.expiryDate,
    logo: String(a.logo),
    productType: PRODUCT_CODES[a.productType],
    productDescription: (logos.get(a.logo)?.description ?? '').slice(0, 20),
    accountNumber: a.accountNumber,
    accountStatus: a.status,
    accountBlockCode1: a.blockCode1,
    accountBlockCode2: a.blockCode2,
    billingCycle: a.billingCycle,
    accountShortName: a.shortName,
    accountDateLastCycle: a.dateLastCycle,
    pesosMinimumPayment: money(a.minimumPayment),
    dollarMinimumPayment: 0,
    pesosTotalPayment: money(Math.max(0, a.productType === 'credit' ? a.currentBalance : 0)),
    dollarTotalPayment: money(a.dollarBalance),
    pesosCurrentBalance: money(a.currentBalance),
    dollarCurrentBalance: money(a.dollarBalance),
    totalCreditLimit: money(a.creditLimit),
    pesosOpenToBuy: openToBuy(a),
    pesosCashAvailable: openToBuy(a),
    paymentDueDate: a.paymentDueDate,
    pesosMemoCredits: money(a.memoCredits),
    pesosMemoDebits: money(a.memoDebits),
    dollarMemoCredits: 0,
    dollarMemoDebits: 0,
    customerNumber: customer.customerNumber,
    ...(a.relationshipNumber ? { relationshipNumber: a.relationshipNumber } : {}),
  }));
  const token = (a: Account) => ({ startOrganization: String(a.organizationNumber), startAccount: a.accountNumber });
  return {
    status: 200,
    data: {
      itemsReturned: String(rows.length),
      more: more ? 'Y' : 'N',
      customerNumber: customer.customerNumber,
      accountTable: rows,
      ...(more && chosen.length ? { nextToken: token(chosen[chosen.length - 1].account) } : {}),
      ...(hasPrevious && chosen.length ? { prevToken: token(chosen[0].account) } : {}),
    },
  };
};
