// Sandbox-only operations: health, the documented fixtures, and reset.
import { errorTriggerList } from './error-triggers.js';
import type { Handler, OperationContext, PublicHandler, TenantAdminHandler } from './types.js';

export const getHealth: PublicHandler<'getHealth'> = () => ({ status: 200, data: { status: 'UP' } });

/**
 * Surnames to try the lookup with, read from the tenant's customers as they are now (so they
 * exist whatever the seed, the size or the changes since), in its first organization.
 */
function lookupSurnames(ctx: OperationContext) {
  const { organizationNumber } = ctx.organizations[0];
  const { common, compound } = ctx.store.surnameExamples(organizationNumber, 3);
  return { organizationNumber, words: common, ...(compound ? { compound } : {}) };
}

export const getSandboxFixtures: Handler<'getSandboxFixtures'> = (_input, ctx) => {
  return {
    status: 200,
    data: {
      tenant: ctx.tenant.name,
      businessDate: ctx.today,
      clockSet: ctx.store.clock() !== undefined,
      organizations: ctx.organizations,
      fixtures: ctx.store.fixtures().filter((f) => ctx.organizations.some((o) => o.organizationNumber === f.organizationNumber)),
      lookupSurnames: lookupSurnames(ctx),
      // How to cause each error for real: the same list the Prefer header may force from.
      ...errorTriggerList(ctx.tenant.apikey),
    },
  };
};

export const resetSandbox: TenantAdminHandler<'resetSandbox'> = async (_input, ctx) => {
  const store = await ctx.resetTenant();
  return { status: 200, data: { tenant: ctx.tenant.name, ...store.counts() } };
};
