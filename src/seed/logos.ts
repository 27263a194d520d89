import type { Logo, Organization } from '../domain/model.js';

/** The corporate card logo: accounts under a relationship use it, retail customers never do. */
export const CORPORATE_LOGO = 450;

export function logoOf(org: Organization, logo: number): Logo {
  const found = org.logos.find((candidate) => candidate.logo === logo);
  if (!found) throw new Error(`Organization ${org.organizationNumber} has no logo ${logo}`);
  return found;
}

export const retailLogos = (org: Organization) => org.logos.filter((logo) => logo.logo !== CORPORATE_LOGO);
