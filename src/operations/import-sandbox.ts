// POST /sandbox/import: replaces the calling tenant's data with an export, whole or not at all.
import type { TenantData } from '../domain/model.js';
import { tenantDataProblems } from '../domain/tenant-data.js';
import { fail } from '../domain/errors.js';
import { migrateTenantData } from '../store/migrations.js';
import type { TenantAdminHandler } from './types.js';

/** How many problems an answer lists; the error description has room for a few. */
const SHOWN = 3;

export const importSandbox: TenantAdminHandler<'importSandbox'> = async ({ body }, ctx) => {
  const migrated = migrateTenantData(body as unknown as Record<string, unknown>);
  if ('refused' in migrated) return fail('IMPORT_INVALID', `the export ${migrated.refused}`);
  const data: TenantData = migrated.data;
  const problems = tenantDataProblems(data, ctx.knownOrganizations);
  if (problems.length > 0) {
    const more = problems.length > SHOWN ? `; and ${problems.length - SHOWN} more` : '';
    fail('IMPORT_INVALID', `${problems.slice(0, SHOWN).join('; ')}${more}`.slice(0, 400));
  }
  const store = await ctx.importTenant(data);
  return { status: 200, data: { tenant: ctx.tenant.name, ...store.counts() } };
};
