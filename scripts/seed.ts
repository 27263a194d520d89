// Fills a tenant with N seeded customers (with their accounts and cards), replacing what it held:
//   npm run seed -- --tenant demo-apikey --customers 100000 [--seed 20260401] [--data-dir ./data]
// The same seed and count always give the same customers. The tenant is written through the store,
// as the sandbox keeps it; stop a running sandbox first, or it keeps serving the data it loaded.
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { configFromEnv, today } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { buildTenantData } from '../src/seed/build-tenant.js';
import { LowdbStore } from '../src/store/lowdb-store.js';
import { loadOrganizations, loadTenants } from '../src/tenants.js';

const USAGE = 'usage: npm run seed -- --tenant <apikey> --customers <count> [--seed <n>] [--data-dir <dir>]';
const MAX_CUSTOMERS = 1_000_000;

function options() {
  const { values } = parseArgs({
    options: {
      tenant: { type: 'string', default: 'demo-apikey' },
      customers: { type: 'string' },
      seed: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const config = configFromEnv();
  const customers = Number(values.customers ?? 0);
  const seed = Number(values.seed ?? config.seed);
  const dataDir = values['data-dir'] ?? config.dataDir;
  const problems = [
    !Number.isInteger(customers) || customers < 1 || customers > MAX_CUSTOMERS ? `--customers must be a whole number from 1 to ${MAX_CUSTOMERS}` : '',
    !Number.isSafeInteger(seed) ? '--seed must be an integer' : '',
    !dataDir ? 'a data directory is needed (--data-dir, or DATA_DIR not empty)' : '',
    loadTenants().some((t) => t.apikey === values.tenant) ? '' : `--tenant must be an apikey of fixtures/tenants.json, not ${values.tenant}`,
  ].filter(Boolean);
  if (problems.length > 0) {
    console.error([...problems, USAGE].join('\n'));
    process.exit(2);
  }
  return { tenant: values.tenant!, customers, seed, dataDir: dataDir! };
}

const { tenant, customers, seed, dataDir } = options();
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

const store = new LowdbStore({ dataDir, seed, organizations, logger: createLogger('error'), today });
await store.replace(tenant, data, `seeded with ${data.customers.length} customers`);
await store.close();
bar.stop();
console.log(
  `${tenant}: ${data.customers.length} customers, ${data.accounts.length} accounts, ${data.cards.length} cards (seed ${seed}) ` +
    `written to ${dataDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
