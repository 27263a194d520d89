import { customerByNumber } from '../domain/customer-address.js';
import { directionOf, pageByKey } from '../domain/keyset-page.js';
import type { Relationship } from '../domain/model.js';
import { codeOf, compareDigits, digitsOf, intOf } from '../domain/values.js';
import { fail } from '../domain/errors.js';
import type { Handler, OperationContext } from './types.js';

const PAGE_SIZE = 20;
const money = (n: number) => Math.round(n * 100) / 100;
const sum = (values: number[]) => money(values.reduce((a, b) => a + b, 0));

function relationshipRow(rel: Relationship, ctx: OperationContext) {
  const accounts = ctx.store.accountsUnder(rel.relationshipNumber);
  const openToBuy = accounts.map((a) => (a.productType === 'credit' ? Math.max(0, a.creditLimit - a.currentBalance) : a.currentBalance));
  return {
    relationshipNumber: rel.relationshipNumber,
    relationshipName: rel.name,
    numberOfAccounts: accounts.length,
    currencyNumberOfDecimal: 2,
    organizationNumber: rel.organizationNumber,
    relationshipCustomerNumber: rel.customerNumber,
    creditLimit: money(rel.creditLimit),
    totalCreditLimit: sum(accounts.map((a) => a.creditLimit)),
    accountsInPesosOrganization: accounts.length,
    sumOfOpenToBuyForAccounts: sum(openToBuy),
    sumOfCurrentBalancesForPesosAccounts: sum(accounts.map((a) => a.currentBalance)),
    sumDebitsForPesosAccounts: sum(accounts.map((a) => a.memoDebits)),
    sumCreditsForPesosAccounts: sum(accounts.map((a) => a.memoCredits)),
    totalAmountForPesosAccounts: sum(accounts.map((a) => a.currentBalance + a.memoDebits - a.memoCredits)),
    sumOfCurrentBalancesForDollarsAccounts: sum(accounts.map((a) => a.dollarBalance)),
  };
}

export const findRelationshipNumbers: Handler<'findRelationshipNumbers'> = ({ body }, ctx) => {
  // The contract has checked that it is a number (VPL5SRC06E); whether the tenant has it is state.
  const orgNo = body.organizationNumber;
  if (!ctx.organizations.some((o) => o.organizationNumber === orgNo)) fail('RELATIONSHIP_ORG_INVALID', `organization ${orgNo}`);
  const number = digitsOf(body.customerNumber);
  if (!number) return fail('RELATIONSHIP_CUSTOMER_INVALID');
  const customer = customerByNumber(ctx.store, number, orgNo);

  const direction = directionOf(codeOf(body.functionCode));
  let compare: ((r: Relationship) => number) | undefined;
  if (direction !== 'first') {
    const start = digitsOf(body.startToken?.relationshipNumber);
    if (!start) return fail('START_TOKEN_REQUIRED', 'startToken.relationshipNumber');
    const startOrg = intOf(body.startToken?.relationshipOrganizationNumber) ?? orgNo;
    compare = (r) => r.organizationNumber - startOrg || compareDigits(r.relationshipNumber, start);
  }
  const page = pageByKey(ctx.store.relationshipsOf(customer.customerNumber), PAGE_SIZE, direction, compare);
  const first = page.items[0];
  const last = page.items[page.items.length - 1];
  return {
    status: 200,
    data: {
      more: page.more ? 'Y' : 'N',
      numberOfOccurrences: page.items.length,
      relationshipTable: page.items.map((r) => relationshipRow(r, ctx)),
      ...(page.more && last ? { nextToken: { relationshipOrganizationNext: last.organizationNumber, relationshipNumberNext: last.relationshipNumber } } : {}),
      ...(page.hasPrevious && first ? { prevToken: { relationshipOrganizationPrev: first.organizationNumber, relationshipNumberPrev: first.relationshipNumber } } : {}),
    },
  };
};
