// Whether a whole tenant's data holds together: what an import must satisfy beyond its schema, so
// that every later operation finds the records a record points to.
import type { Organization, TenantData } from './model.js';
import { isClockDate } from './test-clock.js';

/** The shape of stored tenant data; bump it with a migration when the shape changes. */
export const DATA_VERSION = 1;

/** Every inconsistency found, each naming the record; empty when the data can be used. */
export function tenantDataProblems(data: TenantData, organizations: Organization[]): string[] {
  const problems: string[] = [];
  const orgs = new Map(organizations.map((o) => [o.organizationNumber, new Set(o.logos.map((l) => l.logo))]));
  const keys = <T>(what: string, rows: T[], keyOf: (row: T) => string) => {
    const seen = new Set<string>();
    for (const row of rows) {
      const key = keyOf(row);
      if (seen.has(key)) problems.push(`${what} ${key} appears twice`);
      seen.add(key);
    }
    return seen;
  };
  const customers = keys('customer', data.customers, (c) => c.customerNumber);
  const accounts = keys('account', data.accounts, (a) => a.accountNumber);
  const cards = keys('card', data.cards, (c) => c.cardNumber);
  const relationships = keys('relationship', data.relationships, (r) => r.relationshipNumber);
  keys('reservation', data.reservations, (r) => `${r.kind} ${r.number}`);

  const inOrganization = (what: string, organizationNumber: number, logo?: number) => {
    const logos = orgs.get(organizationNumber);
    if (!logos) problems.push(`${what} is in organization ${organizationNumber}, which the sandbox does not have`);
    else if (logo !== undefined && !logos.has(logo)) problems.push(`${what} has logo ${logo}, which organization ${organizationNumber} does not have`);
  };
  const exists = (what: string, kind: string, set: Set<string>, number: string | undefined) => {
    if (number && !set.has(number)) problems.push(`${what} refers to ${kind} ${number}, which is not in the data`);
  };

  for (const c of data.customers) inOrganization(`customer ${c.customerNumber}`, c.organizationNumber);
  for (const a of data.accounts) {
    const what = `account ${a.accountNumber}`;
    inOrganization(what, a.organizationNumber, a.logo);
    for (const h of a.holders) exists(what, 'customer', customers, h.customerNumber);
    if (a.holders.filter((h) => h.associationType === 0).length > 1) problems.push(`${what} has more than one primary holder`);
    exists(what, 'relationship', relationships, a.relationshipNumber);
  }
  for (const c of data.cards) {
    const what = `card ${c.cardNumber}`;
    inOrganization(what, c.organizationNumber, c.logo);
    exists(what, 'account', accounts, c.accountNumber);
    exists(what, 'customer', customers, c.customerNumber);
  }
  for (const r of data.relationships) {
    const what = `relationship ${r.relationshipNumber}`;
    inOrganization(what, r.organizationNumber);
    exists(what, 'customer', customers, r.customerNumber);
  }
  for (const r of data.reservations) inOrganization(`reservation of ${r.kind} ${r.number}`, r.organizationNumber, r.logo);
  for (const f of data.fixtures) {
    const what = `fixture ${f.name}`;
    exists(what, 'customer', customers, f.customerNumber);
    f.accountNumbers.forEach((n) => exists(what, 'account', accounts, n));
    f.cardNumbers.forEach((n) => exists(what, 'card', cards, n));
    exists(what, 'relationship', relationships, f.relationshipNumber);
  }
  if (data.clock !== undefined && !isClockDate(data.clock)) problems.push(`the clock ${data.clock} is not a calendar date`);
  return problems;
}
