// The sandbox's HTTP server over the baseline store, started by the store benchmark only.
import { createApp } from '../../src/app.js';
import { today } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { loadOrganizations, loadTenants } from '../../src/tenants.js';
import { NaiveLowdbStore } from './naive-lowdb-store.js';

const organizations = loadOrganizations();
const logger = createLogger('error');
const app = createApp({
  store: new NaiveLowdbStore(process.env.DATA_DIR!),
  tenants: loadTenants(),
  organizations,
  logger,
  today,
  relaxedAuth: true,
  rateLimitPerMinute: 1_000_000_000,
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  // The same line the sandbox logs, so the benchmark starts both the same way.
  process.stderr.write(JSON.stringify({ msg: 'sandbox listening', url: `http://127.0.0.1:${port}` }) + '\n');
});
process.on('SIGTERM', () => process.exit(0));
