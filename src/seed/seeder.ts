// The seeder the store is given: every tenant starts from the same seeded data. The builders
// (faker) are loaded when a tenant is first seeded, not at start: they would add a tenth of a
// second to every start.
import type { Organization, TenantData } from '../domain/model.js';
import type { Seeder } from '../store/store.js';

export function seederFor(options: { seed: number; organizations: Organization[]; today: () => string }): Seeder {
  return async (): Promise<TenantData> => {
    const { buildTenantData } = await import('./build-tenant.js');
    return buildTenantData(options.seed, options.organizations, options.today());
  };
}
