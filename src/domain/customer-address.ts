// Finds the customer a number leads to: a customer number itself, or an account, card or
// relationship that belongs to one.
import { fail } from './errors.js';
import type { Account, Customer } from './model.js';
import type { TenantStore } from '../store/store.js';

/** The account's primary holder, or else its first holder. */
export const primaryHolderOf = (account: Account) =>
  (account.holders.find((h) => h.associationType === 0) ?? account.holders[0])?.customerNumber;

/** A customer number, checked against the organization when one is given. */
export function customerByNumber(store: TenantStore, number: string, org?: number): Customer {
  const customer = store.customer(number);
  if (!customer || (org !== undefined && customer.organizationNumber !== org)) {
    fail('CUSTOMER_NOT_FOUND', `customer ${number}${org !== undefined ? ` in organization ${org}` : ''}`);
  }
  return customer!;
}

/** The customer behind an account or card number (the platform's number type 0), in an organization the tenant owns. */
export function customerByAccountOrCard(store: TenantStore, number: string, ownedOrganizations: number[]): { customer: Customer; account: Account } {
  const card = store.card(number);
  const account = store.account(card ? card.accountNumber : number);
  if (!account) fail('CARD_OR_ACCOUNT_NOT_FOUND', number);
  if (!ownedOrganizations.includes(account!.organizationNumber)) fail('ORG_NOT_FOUND', `organization ${account!.organizationNumber}`);
  const holder = card?.customerNumber ?? primaryHolderOf(account!);
  const customer = holder ? store.customer(holder) : undefined;
  if (!customer) fail('CUSTOMER_NOT_FOUND', `no customer holds account ${account!.accountNumber}`);
  return { customer: customer!, account: account! };
}
