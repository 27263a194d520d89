// Sandbox-only operations: health, the documented fixtures, and reset.
import type { Handler, PublicHandler, TenantAdminHandler } from './types.js';

export const getHealth: PublicHandler<'getHealth'> = () => ({ status: 200, data: { status: 'UP' } });

export const getSandboxFixtures: Handler<'getSandboxFixtures'> = (_input, ctx) => ({
  status: 200,
  data: {
    tenant: ctx.tenant.name,
    organizations: ctx.organizations,
    fixtures: ctx.store.fixtures().filter((f) => ctx.organizations.some((o) => o.organizationNumber === f.organizationNumber)),
  },
});

export const resetSandbox: TenantAdminHandler<'resetSandbox'> = async (_input, ctx) => {
  const store = await ctx.resetTenant();
  return { status: 200, data: { tenant: ctx.tenant.name, ...store.counts() } };
};
