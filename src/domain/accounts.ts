// Opening accounts and issuing cards with numbers from the tenant's series.
import type { Account, Card, Logo, Organization } from './model.js';
import { accountNumberFor, cardNumberFor, seriesKey, takeNextNumber } from './number-series.js';

/** Cards are valid to the last day of the month four years after issue. */
export function cardExpiryFrom(today: string): string {
  const [y, m] = today.split('-').map(Number);
  return new Date(Date.UTC(y + 4, m, 0)).toISOString().slice(0, 10);
}

/** A new active account with nothing owed; `holder` is left out for an account opened ahead of its customer. */
export function newAccount(org: Organization, logo: Logo, accountNumber: string, holder: string | undefined, shortName: string, today: string): Account {
  return {
    organizationNumber: org.organizationNumber,
    accountNumber,
    logo: logo.logo,
    productType: logo.productType,
    status: 'A',
    blockCode1: '',
    blockCode2: '',
    holders: holder ? [{ customerNumber: holder, associationType: 0 }] : [],
    shortName: shortName.slice(0, 20),
    billingCycle: 1,
    creditLimit: 0,
    currentBalance: 0,
    dollarBalance: 0,
    memoCredits: 0,
    memoDebits: 0,
    minimumPayment: 0,
    paymentDueDate: today,
    dateLastCycle: today,
    openedOn: today,
  };
}

export const nextAccountNumber = (counters: Record<string, number>, org: Organization, logo: Logo, isTaken: (n: string) => boolean) =>
  takeNextNumber(counters, seriesKey('account', org.organizationNumber, logo.logo), (s) => accountNumberFor(org.organizationNumber, logo.logo, s), isTaken);

export const nextCardNumber = (counters: Record<string, number>, org: Organization, logo: Logo, isTaken: (n: string) => boolean) =>
  takeNextNumber(counters, seriesKey('card', org.organizationNumber, logo.logo), (s) => cardNumberFor(logo.bin, s), isTaken);

export function newCard(account: Account, cardNumber: string, customerNumber: string, sequence: number, today: string): Card {
  return {
    organizationNumber: account.organizationNumber,
    cardNumber,
    accountNumber: account.accountNumber,
    customerNumber,
    logo: account.logo,
    sequence,
    expiryDate: cardExpiryFrom(today),
    blockCode: '',
  };
}
