// Starts the sandbox: environment → store → app → listen, and stops cleanly on SIGTERM/SIGINT.
import { createApp } from './app.js';
import { configFromEnv, today } from './config.js';
import { createLogger } from './logger.js';
import { LowdbStore } from './store/lowdb-store.js';
import { loadOrganizations, loadTenants } from './tenants.js';

const config = configFromEnv();
const logger = createLogger(config.logLevel);
const organizations = loadOrganizations();
const store = new LowdbStore({
  dataDir: config.dataDir,
  seed: config.seed,
  organizations,
  logger,
  today,
  fsync: config.fsync,
  idleMs: config.tenantIdleSeconds * 1000,
  maxOpenTenants: config.maxOpenTenants,
});
const app = createApp({
  store,
  tenants: loadTenants(),
  organizations,
  logger,
  bodyLimit: config.bodyLimit,
  importBodyLimit: config.importBodyLimit,
  relaxedAuth: config.auth === 'relaxed',
  rateLimitPerMinute: config.rateLimitPerMinute,
  maxJsonDepth: config.maxJsonDepth,
  tokenKey: config.tokenKey,
  corsOrigins: config.corsOrigins,
});
if (config.auth === 'relaxed') logger.warn({}, 'SANDBOX_AUTH=relaxed: tokens and X-ClientID are not checked; never use this for certification');

const server = app.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ url: `http://${config.host}:${port}`, dataDir: config.dataDir ?? '(memory)', seed: config.seed }, 'sandbox listening');
});

let stopping = false;
function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  server.close(async () => {
    await store.close();
    logger.info({}, 'stopped');
    process.exit(0);
  });
  server.closeIdleConnections();
  // Requests still running after this long are cut off rather than holding the process.
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
