import { primaryHolderOf } from '../domain/customer-address.js';
import type { Account, Customer } from '../domain/model.js';
import { organizationOf } from '../domain/organizations.js';
import { fail } from '../domain/errors.js';
import type { Handler, OperationContext } from './types.js';
import { currentAddressRow, priorAddressRow } from './views/party-views.js';

/** The customer a path number leads to, trying it as an account, a relationship, then a customer number. */
function resolve(ctx: OperationContext, number: string): { customer?: Customer; account?: Account; relationshipNumber?: string } {
  const { store } = ctx;
  const account = store.account(number);
  if (account) {
    const holder = primaryHolderOf(account);
    return { customer: holder ? store.customer(holder) : undefined, account, relationshipNumber: account.relationshipNumber };
  }
  const relationship = store.relationship(number);
  if (relationship) {
    return { customer: store.customer(relationship.customerNumber), relationshipNumber: relationship.relationshipNumber };
  }
  return { customer: store.customer(number) };
}

export const inquireCurrentPriorAddress: Handler<'inquireCurrentPriorAddress'> = ({ path, query }, ctx) => {
  const number = path.accountNumber;
  const org = query.organizationNumber === undefined ? undefined : organizationOf(ctx.organizations, query.organizationNumber);
  const { customer, account, relationshipNumber } = resolve(ctx, number);
  if (customer && !ctx.organizations.some((o) => o.organizationNumber === customer.organizationNumber)) {
    return fail('ORG_NOT_FOUND', `organization ${customer.organizationNumber}`);
  }
  if (!customer || (org && customer.organizationNumber !== org.organizationNumber)) {
    return fail('ACCOUNT_NOT_FOUND', `no account, relationship or customer ${number}${org ? ` in organization ${org.organizationNumber}` : ''}`);
  }
  const whose = query.ownerCoOwnerFlag ?? 0;
  const which = query.currentPriorFlag ?? 'B';
  const wantOwner = whose !== 2;
  const wantCoOwner = whose !== 1;

  const current = which === 'P' ? [] : [
    ...(wantOwner ? [currentAddressRow(customer.owner, 1)] : []),
    ...(wantCoOwner && customer.coOwner ? [currentAddressRow(customer.coOwner, 2)] : []),
  ];
  const prior = which === 'C' ? [] : customer.priorAddresses
    .filter((p) => (p.role === 'owner' ? wantOwner : wantCoOwner))
    .map(priorAddressRow);
  const shownAccount = account ?? ctx.store.accountsOf(customer.customerNumber)[0];
  return {
    status: 200,
    data: {
      organizationNumber: customer.organizationNumber,
      ...(shownAccount ? { logo: shownAccount.logo, accountNumber: shownAccount.accountNumber } : {}),
      customerNumber: customer.customerNumber,
      ...(relationshipNumber ? { relationshipNumber } : {}),
      vipFlag: customer.vipStatus,
      customerData: {
        occurrencesForNameAddressField: current.length,
        nameAddressTable: current,
        priorMailerData: { priorMailerFieldsOccurrences: prior.length, priorMailer: prior },
      },
    },
  };
};
