// `firstvision-sandbox seed`: fills a tenant with N seeded customers (with their accounts and
// cards), replacing what it held, showing its progress. The same seed and count always give the
// same customers. The tenant is written through the store, as the sandbox keeps it; stop a running
// sandbox first, or it keeps serving the data it loaded.
import cliProgress from 'cli-progress';
import { checkDataDir, configFromEnv, exitOnConfigError, today } from '../config.js';
import { createLogger } from '../logger.js';
import { buildTenantData } from '../seed/build-tenant.js';
import { seederFor } from '../seed/seeder.js';
import { openStore } from '../store/open-store.js';
import { loadOrganizations, loadTenants } from '../tenants.js';
import { MAX_CUSTOMERS } from './settings.js';

export { MAX_CUSTOMERS };

export interface SeedFlags {
  tenant: string;
  customers?: string;
  seed?: string;
  'data-dir'?: string;
}

/** The flags checked against the tenants and the environment; a problem ends the process (exit 2, one line). */
function seedOptions(flags: SeedFlags) {
  try {
    // The flags win over the variables, as for the server.
    const config = configFromEnv({ ...process.env, ...(flags.seed !== undefined && { SEED: flags.seed }), ...(flags['data-dir'] !== undefined && { DATA_DIR: flags['data-dir'] }) });
    const customers = Number(flags.customers ?? 0);
    if (!/^\d+$/.test(flags.customers ?? '') || customers < 1 || customers > MAX_CUSTOMERS) {
      throw new SeedFlagError(`--customers must be a whole number from 1 to ${MAX_CUSTOMERS}, got "${flags.customers ?? ''}"`);
    }
    if (!config.dataDir) throw new SeedFlagError('seed writes files: give a data directory (--data-dir, or DATA_DIR not empty)');
    if (!loadTenants().some((t) => t.apikey === flags.tenant)) throw new SeedFlagError(`--tenant must be an apikey of fixtures/tenants.json, got "${flags.tenant}"`);
    checkDataDir(config.dataDir);
    return { tenant: flags.tenant, customers, seed: config.seed, dataDir: config.dataDir };
  } catch (err) {
    if (err instanceof SeedFlagError) {
      process.stderr.write(`firstvision-sandbox seed: ${err.message}\n`);
      process.exit(2);
    }
    exitOnConfigError(err);
  }
}

class SeedFlagError extends Error {}

export async function seedTenant(flags: SeedFlags): Promise<void> {
  const { tenant, customers, seed, dataDir } = seedOptions(flags);
  const organizations = loadOrganizations();
  const started = performance.now();
  const bar = new cliProgress.SingleBar(
    { format: '{phase} [{bar}] {percentage}% | {value}/{total} customers | {duration_formatted}', hideCursor: true, etaBuffer: 1000 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(customers, 0, { phase: 'building' });
  const data = buildTenantData(seed, organizations, today(), {
    customers,
    // Updating the bar on every customer would cost more than building them.
    onCustomer: (built) => built % 500 === 0 && bar.update(built),
  });
  bar.update(data.customers.length, { phase: 'writing ' });

  const store = openStore({ dataDir, seeder: seederFor({ seed, organizations, today }), logger: createLogger('error') });
  await store.replace(tenant, data, `seeded with ${data.customers.length} customers`);
  await store.close();
  bar.stop();
  console.log(
    `${tenant}: ${data.customers.length} customers, ${data.accounts.length} accounts, ${data.cards.length} cards (seed ${seed}) ` +
      `written to ${dataDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
