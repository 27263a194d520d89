// A corporate customer owns one relationship; the accounts of its employees' corporate cards
// sit under that relationship and are held by the company itself.
import type { Account, Card, Customer, Organization, Relationship } from '../domain/model.js';
import { addDays } from './calendar.js';
import { creditLimitDraw, issueCard, openAccount, type Standing } from './account-factory.js';
import { addCustomer } from './customer-factory.js';
import { CORPORATE_LOGO, logoOf } from './logos.js';
import { companyName, companyParty } from './party-factory.js';
import { clip, dayBetween, type SeedContext } from './seed-context.js';

const SIC_CODES = [1521, 2011, 3571, 4213, 4511, 5311, 5411, 5812, 7372, 8062];

export interface Corporate {
  customer: Customer;
  relationship: Relationship;
  accounts: Account[];
  cards: Card[];
}

export function addCorporate(
  ctx: SeedContext,
  org: Organization,
  employeeAccounts: number,
  standing: Exclude<Standing, 'preopened'>,
): Corporate {
  const { faker, today } = ctx;
  const organizationNumber = org.organizationNumber;
  const name = companyName(ctx, organizationNumber);
  const createdOn = addDays(today, -faker.number.int({ min: 800, max: 5000 }));
  const customer = addCustomer(ctx, org, {
    owner: companyParty(ctx, organizationNumber, name),
    createdOn,
    vipStatus: 1,
    sicCode: faker.helpers.arrayElement(SIC_CODES),
    dualFlag: org.foreignOrganizationNumber === undefined ? '0' : '1',
  });
  const relationshipNumber = ctx.numbers.relationship(organizationNumber, createdOn);
  const logo = logoOf(org, CORPORATE_LOGO);
  const accounts: Account[] = [];
  const cards: Card[] = [];
  for (let i = 0; i < employeeAccounts; i++) {
    const employee = `${faker.person.lastName()} ${faker.person.firstName()}`.toUpperCase();
    const account = openAccount(ctx, {
      org,
      logo,
      holder: customer.customerNumber,
      relationshipNumber,
      shortName: clip(employee, 20),
      openedOn: dayBetween(faker, createdOn, addDays(today, -40)),
      standing,
      creditLimit: creditLimitDraw(ctx, 50_000, 200_000),
    });
    accounts.push(account);
    cards.push(issueCard(ctx, account, logo, 1, customer.customerNumber, standing === 'clean'));
  }
  const granted = accounts.reduce((sum, account) => sum + account.creditLimit, 0);
  const relationship: Relationship = {
    organizationNumber,
    relationshipNumber,
    customerNumber: customer.customerNumber,
    name,
    // The umbrella limit covers every employee limit with room for new cards.
    creditLimit: (Math.floor(granted / 1_000_000) + 1) * 1_000_000,
  };
  ctx.data.relationships.push(relationship);
  return { customer, relationship, accounts, cards };
}
