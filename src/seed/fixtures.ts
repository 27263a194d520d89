// Documented records partners can rely on. They are built before anything else, so their
// numbers come first in every series and stay the same whatever the seed.
import type { Account, Card, Customer, Fixture, Organization, PriorAddress } from '../domain/model.js';
import { addDays } from './calendar.js';
import { issueCard, openAccount, shortNameOf } from './account-factory.js';
import { addCorporate } from './corporate.js';
import { addCustomer, type CustomerOptions } from './customer-factory.js';
import { logoOf } from './logos.js';
import { coOwnerParty, formerAddress, personParty } from './party-factory.js';
import { dayBetween, type SeedContext } from './seed-context.js';

/** The customer number of the seed document's details-L8V4 example (org 807). */
export const SEED_DOCUMENT_CUSTOMER_NUMBER = '4513074002573466600';

export const CORPORATE_FIXTURE_ACCOUNTS = 45;

export function seedFixtures(ctx: SeedContext, argentina: Organization, mexico: Organization): Fixture[] {
  return [
    retailMultiProduct(ctx, argentina),
    corporateRelationship(ctx, argentina),
    coOwner(ctx, argentina),
    priorAddresses(ctx, argentina),
    seedDetailsL8v4(ctx, mexico),
    unassignedAccount(ctx, argentina),
  ];
}

const describe = (
  name: string,
  purpose: string,
  customer: Customer,
  accounts: Account[],
  cards: Card[],
  relationshipNumber?: string,
): Fixture => ({
  name,
  purpose,
  organizationNumber: customer.organizationNumber,
  customerNumber: customer.customerNumber,
  accountNumbers: accounts.map((account) => account.accountNumber),
  cardNumbers: cards.map((card) => card.cardNumber),
  ...(relationshipNumber ? { relationshipNumber } : {}),
});

/** A clean person with complete contact data who became a customer some years ago. */
function fixtureCustomer(ctx: SeedContext, org: Organization, extra: Partial<CustomerOptions> = {}): Customer {
  return addCustomer(ctx, org, {
    owner: personParty(ctx, org.organizationNumber, { complete: true }),
    createdOn: addDays(ctx.today, -ctx.faker.number.int({ min: 1500, max: 4000 })),
    ...extra,
  });
}

/** Opens one clean account per logo for the customer, with `plastics` active cards each. */
function openProducts(ctx: SeedContext, org: Organization, customer: Customer, logos: number[], plastics = 1) {
  const accounts: Account[] = [];
  const cards: Card[] = [];
  for (const logoNumber of logos) {
    const logo = logoOf(org, logoNumber);
    const account = openAccount(ctx, {
      org,
      logo,
      holder: customer.customerNumber,
      shortName: shortNameOf(customer.owner),
      openedOn: dayBetween(ctx.faker, customer.createdOn, addDays(ctx.today, -40)),
      standing: 'clean',
    });
    accounts.push(account);
    for (let sequence = 1; sequence <= plastics; sequence++) {
      cards.push(issueCard(ctx, account, logo, sequence, customer.customerNumber, true));
    }
  }
  return { accounts, cards };
}

function retailMultiProduct(ctx: SeedContext, org: Organization): Fixture {
  const customer = fixtureCustomer(ctx, org);
  const { accounts, cards } = openProducts(ctx, org, customer, [401, 410, 420]);
  return describe(
    'retail-multi-product',
    'A retail customer with a credit, a debit and a prepaid account, each with an active card, for listings that mix product types.',
    customer,
    accounts,
    cards,
  );
}

function corporateRelationship(ctx: SeedContext, org: Organization): Fixture {
  const { customer, relationship, accounts, cards } = addCorporate(ctx, org, CORPORATE_FIXTURE_ACCOUNTS, 'clean');
  return describe(
    'corporate-relationship',
    'A company whose one relationship number groups 45 corporate card accounts, so 20-per-page listings span three pages.',
    customer,
    accounts,
    cards,
    relationship.relationshipNumber,
  );
}

function coOwner(ctx: SeedContext, org: Organization): Fixture {
  const owner = personParty(ctx, org.organizationNumber, { complete: true });
  const customer = fixtureCustomer(ctx, org, { owner, coOwner: coOwnerParty(ctx, org.organizationNumber, owner) });
  // Plastic 1 is the owner's, plastic 2 the co-owner's.
  const { accounts, cards } = openProducts(ctx, org, customer, [401], 2);
  return describe(
    'co-owner',
    'A customer sharing the record with a co-owner, whose one credit account carries a card for each of them.',
    customer,
    accounts,
    cards,
  );
}

function priorAddresses(ctx: SeedContext, org: Organization): Fixture {
  const { faker, today } = ctx;
  const owner = personParty(ctx, org.organizationNumber, { complete: true });
  const lastMove = addDays(today, -faker.number.int({ min: 200, max: 600 }));
  const firstMove = addDays(today, -faker.number.int({ min: 1200, max: 1800 }));
  const history: PriorAddress[] = [
    { role: 'owner', changedOn: lastMove, party: formerAddress(ctx, org.organizationNumber, owner) },
    { role: 'owner', changedOn: firstMove, party: formerAddress(ctx, org.organizationNumber, owner) },
  ];
  const customer = fixtureCustomer(ctx, org, {
    owner,
    createdOn: addDays(today, -faker.number.int({ min: 2500, max: 4000 })),
    priorAddresses: history,
    dateLastAddressChange: lastMove,
    dateLastMaintenance: dayBetween(faker, lastMove, today),
  });
  const { accounts, cards } = openProducts(ctx, org, customer, [410]);
  return describe(
    'prior-addresses',
    'A customer who has moved twice, so the current and prior address inquiry returns two earlier addresses, newest first.',
    customer,
    accounts,
    cards,
  );
}

function seedDetailsL8v4(ctx: SeedContext, org: Organization): Fixture {
  const customer = fixtureCustomer(ctx, org, { customerNumber: SEED_DOCUMENT_CUSTOMER_NUMBER });
  const { accounts, cards } = openProducts(ctx, org, customer, [501, 510]);
  return describe(
    'seed-details-l8v4',
    "The customer number of the seed document's details-L8V4 example, with a credit and a debit account that each carry a card.",
    customer,
    accounts,
    cards,
  );
}

function unassignedAccount(ctx: SeedContext, org: Organization): Fixture {
  const account = openAccount(ctx, {
    org,
    logo: logoOf(org, 401),
    shortName: '',
    openedOn: dayBetween(ctx.faker, addDays(ctx.today, -120), addDays(ctx.today, -40)),
    standing: 'preopened',
  });
  return {
    name: 'unassigned-account',
    purpose: 'A credit account opened ahead of time with no holder yet, to hand to POST /customer when adding a customer.',
    organizationNumber: org.organizationNumber,
    customerNumber: '',
    accountNumbers: [account.accountNumber],
    cardNumbers: [],
  };
}
