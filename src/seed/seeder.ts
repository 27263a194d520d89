// The seeder the store is given: every tenant starts from the same seeded data.
import type { Organization, TenantData } from '../domain/model.js';
import type { Seeder } from '../store/store.js';
import { buildTenantData } from './build-tenant.js';

export function seederFor(options: { seed: number; organizations: Organization[]; today: () => string }): Seeder {
  return (): TenantData => buildTenantData(options.seed, options.organizations, options.today());
}
