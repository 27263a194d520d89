import { customerByNumber } from '../domain/customer-address.js';
import { directionOf, pageByKey } from '../domain/keyset-page.js';
import { organizationOf } from '../domain/organizations.js';
import { codeOf, compareDigits, digitsOf, intOf } from '../domain/values.js';
import { fail } from '../domain/errors.js';
import type { Handler } from './types.js';

const PAGE_SIZE = 20;

export const findAccountNumbers: Handler<'findAccountNumbers'> = ({ body }, ctx) => {
  const org = organizationOf(ctx.organizations, body.organizationNumber);
  const customer = customerByNumber(ctx.store, digitsOf(body.customerNumber)!, org.organizationNumber);
  const direction = directionOf(codeOf(body.functionCode));
  let compare: ((a: { organizationNumber: number; accountNumber: string }) => number) | undefined;
  if (direction !== 'first') {
    const startAccount = digitsOf(body.startToken?.accountNumber);
    if (!startAccount) return fail('START_TOKEN_REQUIRED', 'startToken.accountNumber');
    const startOrg = intOf(body.startToken?.accountOrganizationNumber) ?? org.organizationNumber;
    compare = (a) => a.organizationNumber - startOrg || compareDigits(a.accountNumber, startAccount);
  }
  const page = pageByKey(ctx.store.accountsOf(customer.customerNumber), PAGE_SIZE, direction, compare);
  const names = new Map(ctx.organizations.map((o) => [o.organizationNumber, o]));
  const rows = page.items.map((a) => {
    const accountOrg = names.get(a.organizationNumber);
    return {
      organizationNumber: a.organizationNumber,
      accountNumber: a.accountNumber,
      associationType: a.holders.find((h) => h.customerNumber === customer.customerNumber)?.associationType ?? 0,
      organizationName: accountOrg?.name ?? '',
      logo: a.logo,
      logoDescription: accountOrg?.logos.find((l) => l.logo === a.logo)?.description ?? '',
      accountInternalStatus: a.status,
    };
  });
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    status: 200,
    data: {
      more: page.more ? 'Y' : 'N',
      numberOfOccurrences: rows.length,
      acctTable: rows,
      ...(page.more && last
        ? { nextToken: { accountOrganizationNext: last.organizationNumber, accountNumberNext: last.accountNumber, accountTypeNext: last.associationType } }
        : {}),
      ...(page.hasPrevious && first
        ? { prevToken: { accountOrganizationPrev: first.organizationNumber, accountNumberPrev: first.accountNumber, accountTypePrev: first.associationType } }
        : {}),
    },
  };
};
