// Sandbox-only operations: health, the documented fixtures, and reset.
import type { Fixture } from '../domain/model.js';
import { errorTriggerList } from './error-triggers.js';
import type { Handler, OperationContext, PublicHandler, TenantAdminHandler } from './types.js';

export const getHealth: PublicHandler<'getHealth'> = () => ({ status: 200, data: { status: 'UP' } });

/** The contract's limit on a fixture's purpose. */
const PURPOSE_LENGTH = 300;

/**
 * Surnames to try the lookup with, read from the tenant's customers as they are now (so they
 * exist whatever the seed, the size or the changes since): listed as one more fixture, whose
 * customer holds the compound surname it names.
 */
function lookupSurnames(ctx: OperationContext): Fixture | undefined {
  const { organizationNumber } = ctx.organizations[0];
  const { common, compound } = ctx.store.surnameExamples(organizationNumber, 3);
  if (!compound || common.length === 0) return undefined;
  const words = common.map((w) => `${w.word} (${w.customers})`);
  const purpose =
    `Surnames to look up in organization ${organizationNumber}, with how many customers hold each: ` +
    `${words.slice(0, -1).join(', ')}${words.length > 1 ? ' and ' : ''}${words.at(-1)} are words of compound surnames ` +
    `(fuzzy switch 0 finds every holder); ${compound.lastName} (${compound.customers}) is a whole one, this customer's.`;
  const accounts = ctx.store.accountsOf(compound.customerNumber);
  return {
    name: 'lookup-surnames',
    purpose: purpose.length > PURPOSE_LENGTH ? `${purpose.slice(0, PURPOSE_LENGTH - 1)}…` : purpose,
    organizationNumber,
    customerNumber: compound.customerNumber,
    accountNumbers: accounts.map((a) => a.accountNumber),
    cardNumbers: accounts.flatMap((a) => ctx.store.cardsOf(a.accountNumber)).map((c) => c.cardNumber),
  };
}

export const getSandboxFixtures: Handler<'getSandboxFixtures'> = (_input, ctx) => {
  const surnames = lookupSurnames(ctx);
  return {
    status: 200,
    data: {
      tenant: ctx.tenant.name,
      businessDate: ctx.today,
      clockSet: ctx.store.clock() !== undefined,
      organizations: ctx.organizations,
      fixtures: [
        ...ctx.store.fixtures().filter((f) => ctx.organizations.some((o) => o.organizationNumber === f.organizationNumber)),
        ...(surnames ? [surnames] : []),
      ],
      // How to cause each error for real: the same list the Prefer header may force from.
      ...errorTriggerList(ctx.tenant.apikey),
    },
  };
};

export const resetSandbox: TenantAdminHandler<'resetSandbox'> = async (_input, ctx) => {
  const store = await ctx.resetTenant();
  return { status: 200, data: { tenant: ctx.tenant.name, ...store.counts() } };
};
