// `firstvision-sandbox seed`: fills a tenant with N seeded customers (with their accounts and
// cards), replacing what it held, showing its progress. The same seed and count always give the
// same customers. The tenant is written through the store, as the sandbox keeps it: into DATA_DIR
// (stop a running sandbox first, or it keeps serving the data it loaded), or into the database of
// DATABASE_URL (running instances reload the tenant at its next request).
import cliProgress from 'cli-progress';
import { checkDataDir, configFromEnv, exitOnConfigError, today } from '../config.js';
import { createLogger } from '../logger.js';
import { buildTenantData } from '../seed/build-tenant.js';
import { seederFor } from '../seed/seeder.js';
import { openStore } from '../store/open-store.js';
import { migrateDatabase } from '../store/postgres-migrate.js';
import { loadOrganizations, loadTenants } from '../tenants.js';
import { MAX_CUSTOMERS } from './settings.js';

export { MAX_CUSTOMERS };

export interface SeedFlags {
  tenant: string;
  customers?: string;
  seed?: string;
  'data-dir'?: string;
  'database-url'?: string;
}

/** The flags checked against the tenants and the environment; a problem ends the process (exit 2, one line). */
function seedOptions(flags: SeedFlags) {
  try {
    // The flags win over the variables, as for the server.
    const config = configFromEnv({
      ...process.env,
      ...(flags.seed !== undefined && { SEED: flags.seed }),
      ...(flags['data-dir'] !== undefined && { DATA_DIR: flags['data-dir'] }),
      ...(flags['database-url'] !== undefined && { DATABASE_URL: flags['database-url'] }),
    });
    const customers = Number(flags.customers ?? 0);
    if (!/^\d+$/.test(flags.customers ?? '') || customers < 1 || customers > MAX_CUSTOMERS) {
      throw new SeedFlagError(`--customers must be a whole number from 1 to ${MAX_CUSTOMERS}, got "${flags.customers ?? ''}"`);
    }
    const { databaseUrl, dataDir } = config;
    if (!databaseUrl && !dataDir) throw new SeedFlagError('seed writes files: give a data directory (--data-dir, or DATA_DIR not empty), or a database (--database-url)');
    if (!loadTenants().some((t) => t.apikey === flags.tenant)) throw new SeedFlagError(`--tenant must be an apikey of fixtures/tenants.json, got "${flags.tenant}"`);
    if (!databaseUrl) checkDataDir(dataDir);
    // With a database the files are not written (the server does the same).
    return { tenant: flags.tenant, customers, seed: config.seed, databaseUrl, dataDir: databaseUrl ? undefined : dataDir };
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
  const { tenant, customers, seed, dataDir, databaseUrl } = seedOptions(flags);
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

  const logger = createLogger('error');
  if (databaseUrl) await migrateDatabase(databaseUrl, logger);
  const store = openStore({ databaseUrl, dataDir, seeder: seederFor({ seed, organizations, today }), logger });
  await store.replace(tenant, data, `seeded with ${data.customers.length} customers`);
  await store.close();
  bar.stop();
  console.log(
    `${tenant}: ${data.customers.length} customers, ${data.accounts.length} accounts, ${data.cards.length} cards (seed ${seed}) ` +
      `written to ${databaseUrl ? 'the database' : dataDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
