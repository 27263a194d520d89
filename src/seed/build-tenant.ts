import type { Customer, Organization, Party, TenantData } from '../domain/model.js';
import { DATA_VERSION } from '../domain/tenant-data.js';
import { addCorporate } from './corporate.js';
import { parseIsoDate } from './calendar.js';
import { seedFixtures } from './fixtures.js';
import { seedPreopenedAccounts, seedRetailCustomers } from './population.js';
import { createSeedContext } from './seed-context.js';

export { DATA_VERSION };

const ARGENTINA = 970;
const MEXICO = 807;

export interface BuildOptions {
  /** How many customers the tenant gets in all (about 225 when not given); benchmarks ask for more. */
  customers?: number;
  /** Told the number of customers built so far, after each one (for a progress bar). */
  onCustomer?: (built: number) => void;
}

/**
 * Builds a tenant's starting data. The same seed, organizations, day and options always give the
 * same data; every number comes from the organization's series and is reserved as used.
 */
export function buildTenantData(
  seed: number,
  organizations: Organization[],
  today: string = new Date().toISOString().slice(0, 10),
  options: BuildOptions = {},
): TenantData {
  parseIsoDate(today);
  const data: TenantData = {
    dataVersion: DATA_VERSION,
    seed,
    customers: [],
    accounts: [],
    cards: [],
    relationships: [],
    reservations: [],
    counters: {},
    fixtures: [],
  };
  const ctx = createSeedContext(data, today);
  const argentina = organizationOf(organizations, ARGENTINA);
  const mexico = organizationOf(organizations, MEXICO);

  data.fixtures = seedFixtures(ctx, argentina, mexico);
  for (let i = 0; i < 3; i++) addCorporate(ctx, argentina, ctx.faker.number.int({ min: 4, max: 12 }), 'varied');
  // With the fixtures and corporates: 135 customers in 970 and 90 in 807 (60/40).
  const retail = options.customers === undefined ? 217 : Math.max(0, options.customers - data.customers.length);
  const inArgentina = options.customers === undefined ? 128 : Math.round((retail * 128) / 217);
  const built = options.onCustomer && (() => options.onCustomer!(data.customers.length));
  seedRetailCustomers(ctx, argentina, inArgentina, built);
  seedRetailCustomers(ctx, mexico, retail - inArgentina, built);
  // The unassigned-account fixture is the tenth pre-opened account of 970.
  seedPreopenedAccounts(ctx, argentina, 9);
  seedPreopenedAccounts(ctx, mexico, 5);
  data.customers.forEach(dropEmptyFields);
  return data;
}

/** The API stores a blank field as "not given"; seeded customers read the same way. */
function dropEmptyFields(customer: Customer): void {
  const parties = [customer.owner, customer.coOwner, ...customer.priorAddresses.map((p) => p.party)];
  for (const party of parties) {
    if (!party) continue;
    for (const key of Object.keys(party) as (keyof Party)[]) if (party[key] === '') delete party[key];
  }
}

function organizationOf(organizations: Organization[], organizationNumber: number): Organization {
  const org = organizations.find((candidate) => candidate.organizationNumber === organizationNumber);
  if (!org) throw new Error(`Seeding needs organization ${organizationNumber}`);
  return org;
}
