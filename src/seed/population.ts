// The unremarkable bulk of the tenant: retail customers with a mix of products, and accounts
// opened ahead of time that still wait for a customer.
import type { Customer, Organization } from '../domain/model.js';
import { addDays } from './calendar.js';
import { issueCard, openAccount, shortNameOf } from './account-factory.js';
import { addCustomer } from './customer-factory.js';
import { retailLogos } from './logos.js';
import { coOwnerParty, personParty } from './party-factory.js';
import { chance, dayBetween, type SeedContext } from './seed-context.js';

const SIC_CODES = [1711, 4121, 5812, 5999, 7230, 7538, 8011, 8021, 8111, 8931];

export function seedRetailCustomers(ctx: SeedContext, org: Organization, count: number, onEach?: () => void): void {
  for (let i = 0; i < count; i++) {
    addRetailCustomer(ctx, org);
    onEach?.();
  }
}

function addRetailCustomer(ctx: SeedContext, org: Organization): Customer {
  const { faker, today } = ctx;
  const organizationNumber = org.organizationNumber;
  const owner = personParty(ctx, organizationNumber);
  const customer = addCustomer(ctx, org, {
    owner,
    ...(chance(faker, 0.06) ? { coOwner: coOwnerParty(ctx, organizationNumber, owner) } : {}),
    createdOn: addDays(today, -faker.number.int({ min: 120, max: 15 * 365 })),
    status: chance(faker, 0.05) ? 1 : 0,
    vipStatus: chance(faker, 0.1) ? 1 : 0,
    sicCode: chance(faker, 0.15) ? faker.helpers.arrayElement(SIC_CODES) : 0,
    dualFlag: org.foreignOrganizationNumber !== undefined && chance(faker, 0.3) ? '1' : '0',
  });
  const products = faker.helpers.weightedArrayElement([
    { weight: 45, value: 1 },
    { weight: 35, value: 2 },
    { weight: 20, value: 3 },
  ]);
  for (const logo of faker.helpers.arrayElements(retailLogos(org), products)) {
    const account = openAccount(ctx, {
      org,
      logo,
      holder: customer.customerNumber,
      shortName: shortNameOf(owner),
      openedOn: dayBetween(faker, customer.createdOn, addDays(today, -40)),
      standing: 'varied',
    });
    const plastics = chance(faker, 0.3) ? 2 : 1;
    for (let sequence = 1; sequence <= plastics; sequence++) {
      issueCard(ctx, account, logo, sequence, customer.customerNumber, false);
    }
  }
  return customer;
}

export function seedPreopenedAccounts(ctx: SeedContext, org: Organization, count: number): void {
  const { faker, today } = ctx;
  for (let i = 0; i < count; i++) {
    openAccount(ctx, {
      org,
      logo: faker.helpers.arrayElement(retailLogos(org)),
      shortName: '',
      openedOn: dayBetween(faker, addDays(today, -180), addDays(today, -40)),
      standing: 'preopened',
    });
  }
}
