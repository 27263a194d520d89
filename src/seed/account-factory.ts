import { newAccount } from '../domain/accounts.js';
// Accounts and their plastics with balances that hold together: credit balances within the
// limit, two-decimal amounts, cycle and due dates around the reference day.
import type { Account, Card, Logo, Organization, Party } from '../domain/model.js';
import { addDays, lastDayOfMonth, latestMonthDay, parseIsoDate } from './calendar.js';
import { chance, clip, dayBetween, money, roundMoney, type SeedContext } from './seed-context.js';

/** clean: active and unblocked (documented fixtures); varied: mostly active, some blocked or closed;
 *  preopened: opened with no holder yet, waiting for POST /customer. */
export type Standing = 'clean' | 'varied' | 'preopened';

export interface AccountOptions {
  org: Organization;
  logo: Logo;
  holder?: string;
  relationshipNumber?: string;
  shortName: string;
  openedOn: string;
  standing: Standing;
  creditLimit?: number;
}

/** What the account's embossing shows: surname first, as on the plastic. */
export const shortNameOf = (party: Party) =>
  clip(`${party.lastName ?? ''} ${party.firstName ?? ''}`.trim(), 20);

export const creditLimitDraw = (ctx: SeedContext, min: number, max: number) =>
  ctx.faker.number.int({ min: min / 1000, max: max / 1000 }) * 1000;

export function openAccount(ctx: SeedContext, options: AccountOptions): Account {
  const { faker, today } = ctx;
  const { org, logo, standing, openedOn } = options;
  const organizationNumber = org.organizationNumber;
  const billingCycle = faker.number.int({ min: 1, max: 28 });
  const dateLastCycle = latestMonthDay(today, billingCycle);
  const account: Account = {
    ...newAccount(org, logo, ctx.numbers.account(organizationNumber, logo, openedOn), options.holder, options.shortName, openedOn),
    ...(options.relationshipNumber ? { relationshipNumber: options.relationshipNumber } : {}),
    billingCycle,
    paymentDueDate: addDays(dateLastCycle, 20),
    dateLastCycle,
  };
  if (standing === 'preopened') {
    account.status = 'N';
    return push(ctx, account);
  }
  if (standing === 'varied') {
    account.status = faker.helpers.weightedArrayElement([
      { weight: 90, value: 'A' },
      { weight: 6, value: 'B' },
      { weight: 4, value: 'C' },
    ]);
    if (account.status !== 'A') account.blockCode1 = account.status === 'B' ? 'F' : 'C';
    else if (chance(faker, 0.04)) account.blockCode1 = 'T';
    if (chance(faker, 0.04)) account.blockCode2 = 'D';
  }
  fillBalances(ctx, account, org, options.creditLimit);
  return push(ctx, account);
}

function fillBalances(ctx: SeedContext, account: Account, org: Organization, creditLimit?: number) {
  const { faker } = ctx;
  const closed = account.status === 'C';
  switch (account.productType) {
    case 'credit': {
      account.creditLimit = creditLimit ?? creditLimitDraw(ctx, 50_000, 500_000);
      if (closed) return;
      account.currentBalance = money(faker, 0, account.creditLimit * 0.85);
      const room = account.creditLimit - account.currentBalance;
      account.memoDebits = chance(faker, 0.3) ? money(faker, 0, Math.min(room, 25_000)) : 0;
      account.memoCredits = chance(faker, 0.15) ? money(faker, 0, 5_000) : 0;
      account.minimumPayment =
        account.currentBalance < 1_000 ? account.currentBalance : roundMoney(account.currentBalance * 0.05);
      // Dual-currency organizations keep a dollar side on some cards.
      if (org.foreignOrganizationNumber !== undefined && chance(faker, 0.25)) {
        account.dollarBalance = money(faker, 0, 1_500);
      }
      return;
    }
    case 'debit':
      if (!closed) account.currentBalance = money(faker, 0, 900_000);
      break;
    case 'prepaid':
      if (!closed) account.currentBalance = money(faker, 0, 80_000);
      break;
    case 'wallet':
      if (!closed) account.currentBalance = money(faker, 0, 30_000);
      break;
  }
  if (!closed && chance(faker, 0.2)) account.memoDebits = money(faker, 0, Math.min(account.currentBalance, 10_000));
  if (!closed && chance(faker, 0.1)) account.memoCredits = money(faker, 0, 5_000);
}

function push(ctx: SeedContext, account: Account): Account {
  ctx.data.accounts.push(account);
  return account;
}

/** Issues plastic number `sequence` of `account`; clean cards are never blocked. */
export function issueCard(
  ctx: SeedContext,
  account: Account,
  logo: Logo,
  sequence: number,
  customerNumber: string,
  clean: boolean,
): Card {
  const { faker, today } = ctx;
  const issuedOn = sequence === 1 ? account.openedOn : dayBetween(faker, account.openedOn, today);
  const card: Card = {
    organizationNumber: account.organizationNumber,
    cardNumber: ctx.numbers.card(account.organizationNumber, logo, issuedOn),
    accountNumber: account.accountNumber,
    customerNumber,
    logo: logo.logo,
    sequence,
    expiryDate: expiryAfter(today, faker.number.int({ min: 12, max: 59 })),
    blockCode: clean
      ? ''
      : faker.helpers.weightedArrayElement([
          { weight: 88, value: '' },
          { weight: 7, value: 'L' },
          { weight: 5, value: 'B' },
        ]),
  };
  ctx.data.cards.push(card);
  return card;
}

/** The last day of the month `months` after today's month: between one and five years ahead. */
function expiryAfter(today: string, months: number): string {
  const { year, month } = parseIsoDate(today);
  const index = month - 1 + months;
  return lastDayOfMonth(year + Math.floor(index / 12), (index % 12) + 1);
}
