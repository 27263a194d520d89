// POST /customer/lookup: the request checked into a store query (domain/lookup-request.ts), one
// page read from the store's search index, and each customer shown as returnDataOption asks.
import type { FoundCustomer } from '../domain/customer-search.js';
import { checkLookupRequest } from '../domain/lookup-request.js';
import { encodeLookupToken } from '../domain/lookup-token.js';
import { PRODUCT_CODES } from '../domain/organizations.js';
import { intOf } from '../domain/values.js';
import type { Handler, OperationContext } from './types.js';

/** A found customer as the answer shows it: the party that matched, and as much as returnDataOption asks. */
function view({ organizationNumber, customerNumber, party: p }: FoundCustomer, detail: number, ctx: OperationContext) {
  // One record filled in place: spreading a part per detail level made four objects per row.
  const row: Record<string, unknown> = {
    organizationNumber,
    customerNumber,
    title: p.title, firstName: p.firstName, middleName: p.middleName, lastName: p.lastName ?? '', suffix: p.suffix,
  };
  if (detail >= 1) {
    row.dateOfBirth = p.dateOfBirth;
    row.identificationNumber = p.identificationNumber;
    row.homePhoneNumber = p.homePhoneNumber;
    row.mobilePhoneNumber = p.mobilePhoneNumber;
    row.houseAddress1 = p.houseAddress1;
    row.city = p.city;
    row.state = p.state;
    row.postalCode = p.postalCode;
    row.countryCode = p.countryCode;
    row.user14 = p.user14;
    row.user15 = p.user15;
  }
  if (detail >= 2) {
    row.accounts = ctx.store.accountsOf(customerNumber).map((a) => ({
      organizationNumber: a.organizationNumber, accountNumber: a.accountNumber, logo: a.logo, productType: PRODUCT_CODES[a.productType],
    }));
  }
  return row;
}

export const lookupCustomers: Handler<'lookupCustomers'> = async ({ body }, ctx) => {
  const query = checkLookupRequest(body, ctx.organizations);
  const page = await ctx.store.searchCustomers(query);

  const detail = intOf(body.returnDataOption) ?? 0;
  const tokenAt = (position: string) => encodeLookupToken({ position, search: query.search, within: query.within });
  const first = page.items[0];
  const last = page.items[page.items.length - 1];
  return {
    status: 200,
    data: {
      more: page.more ? 'Y' : 'N',
      numberOfRecords: page.items.length,
      customers: page.items.map((r) => view(r, detail, ctx)),
      // Given whenever the page has customers: with N it scrolls on, with a switch of 2 it drills down.
      ...(last ? { nextToken: tokenAt(last.key) } : {}),
      ...(page.hasPrevious && first ? { prevToken: tokenAt(first.key) } : {}),
    },
  };
};
