// Organization and logo rules shared by every operation that names them.
import { fail } from './errors.js';
import type { Logo, Organization } from './model.js';
import { intOf } from './values.js';

/** The tenant's organization with this number (the contract has already checked its range). */
export function organizationOf(organizations: Organization[], value: unknown): Organization {
  const n = intOf(value);
  const org = organizations.find((o) => o.organizationNumber === n);
  if (!org) fail('ORG_NOT_FOUND', `organization ${n}`);
  return org!;
}

export function logoOf(org: Organization, value: unknown): Logo {
  const n = intOf(value);
  const logo = org.logos.find((l) => l.logo === n);
  if (!logo) fail('LOGO_NOT_FOUND', `logo ${String(value)} in organization ${org.organizationNumber}`);
  return logo!;
}

/**
 * The logo of a record the tenant already holds (an account, a reservation). Import and
 * generation only store logos of the record's organization, so it is never missing; the default
 * stands in rather than blaming the caller for the tenant's own data.
 */
export const storedLogoOf = (org: Organization, logo: number): Logo => org.logos.find((l) => l.logo === logo) ?? defaultLogo(org);

/** The logo new accounts get when the caller names none: the organization's first credit product. */
export const defaultLogo = (org: Organization): Logo => org.logos.find((l) => l.productType === 'credit') ?? org.logos[0];

export const PRODUCT_CODES = { credit: 'CR', debit: 'DB', prepaid: 'PP', wallet: 'WL' } as const;
