// Sandbox tenants and the organizations they can use, read from fixtures/.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Organization } from './domain/model.js';

export interface Tenant {
  apikey: string;
  secret: string;
  name: string;
  clientId: string;
  defaultOrganization: number;
  organizations: number[];
  /** When true, every request of this tenant must carry a valid Signature. */
  requireSignature?: boolean;
}

const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const readJson = <T>(name: string): T => JSON.parse(readFileSync(path.join(fixturesDir, name), 'utf8')) as T;

export const loadTenants = (): Tenant[] => readJson<Tenant[]>('tenants.json');
export const loadOrganizations = (): Organization[] => readJson<Organization[]>('organizations.json');
