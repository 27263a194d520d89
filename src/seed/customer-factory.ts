import type { Customer, Organization, Party, PriorAddress } from '../domain/model.js';
import { dayBetween, type SeedContext } from './seed-context.js';

export interface CustomerOptions {
  owner: Party;
  coOwner?: Party;
  createdOn: string;
  /** A number the partner supplied; drawn from the organization's series when absent. */
  customerNumber?: string;
  status?: number;
  vipStatus?: number;
  sicCode?: number;
  dualFlag?: string;
  priorAddresses?: PriorAddress[];
  dateLastAddressChange?: string;
  dateLastMaintenance?: string;
}

export function addCustomer(ctx: SeedContext, org: Organization, options: CustomerOptions): Customer {
  const { createdOn } = options;
  const organizationNumber = org.organizationNumber;
  const customerNumber =
    options.customerNumber === undefined
      ? ctx.numbers.customer(organizationNumber, createdOn)
      : ctx.numbers.claim('customer', options.customerNumber, organizationNumber, createdOn);
  const customer: Customer = {
    organizationNumber,
    customerNumber,
    status: options.status ?? 0,
    vipStatus: options.vipStatus ?? 0,
    sicCode: options.sicCode ?? 0,
    coOwnerIndicator: options.coOwner ? 2 : 1,
    dualFlag: options.dualFlag ?? '0',
    owner: options.owner,
    ...(options.coOwner ? { coOwner: options.coOwner } : {}),
    priorAddresses: options.priorAddresses ?? [],
    createdOn,
    dateLastMaintenance: options.dateLastMaintenance ?? dayBetween(ctx.faker, createdOn, ctx.today),
    ...(options.dateLastAddressChange ? { dateLastAddressChange: options.dateLastAddressChange } : {}),
    source: 'S',
  };
  ctx.data.customers.push(customer);
  return customer;
}
