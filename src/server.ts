// Starts the sandbox: environment → store → app → listen, and stops cleanly on SIGTERM/SIGINT.
// Configuration it cannot start with ends it at once: one line on stderr, exit status 2.
import { createApp } from './app.js';
import { PostgresReplayGuard } from './auth/postgres-replay-guard.js';
import { checkDataDir, configFromEnv, exitOnConfigError, flagOf, today, type Config } from './config.js';
import { createLogger } from './logger.js';
import { Metrics } from './metrics.js';
import { seederFor } from './seed/seeder.js';
import { openStore } from './store/open-store.js';
import { migrateDatabase } from './store/postgres-migrate.js';
import { loadOrganizations, loadTenants } from './tenants.js';

let config: Config;
try {
  config = configFromEnv();
  // With a database the files are not used, so their directory is not created either.
  if (!config.databaseUrl) checkDataDir(config.dataDir);
} catch (err) {
  exitOnConfigError(err);
}
const logger = createLogger(config.logLevel);
const metrics = new Metrics();
const organizations = loadOrganizations();
if (config.databaseUrl) {
  // Before listening: instances started together wait for one another's migration (an advisory lock).
  try {
    await migrateDatabase(config.databaseUrl, logger);
  } catch (err) {
    // Like a port already taken: a setting to change (or a database to start), said in one line.
    const reason = (err as Error).message || (err as NodeJS.ErrnoException).code || String(err);
    process.stderr.write(`firstvision-sandbox: the database of DATABASE_URL (${flagOf('DATABASE_URL')}) cannot be prepared (${reason.split('\n')[0]})\n`);
    process.exit(2);
  }
}
const store = openStore({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  seeder: seederFor({ seed: config.seed, organizations, today }),
  logger,
  fsync: config.fsync,
  idleMs: config.tenantIdleSeconds * 1000,
  maxOpenTenants: config.maxOpenTenants,
  onJournalSync: metrics.observeJournalSync,
});
// With a database, every instance refuses a signed request another one already admitted.
const seenRequestIds = config.databaseUrl ? new PostgresReplayGuard({ databaseUrl: config.databaseUrl, logger }) : undefined;
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
  requestJournalSize: config.requestJournalSize,
  metrics,
  seenRequestIds,
});
if (config.auth === 'relaxed') logger.warn({}, 'SANDBOX_AUTH=relaxed: tokens and X-ClientID are not checked; never use this for certification');

const server = app.listen(config.port, config.host, (err?: Error) => {
  if (err) {
    // A port already taken or an address this machine does not have: a setting to change, said in one line.
    const reason = (err as NodeJS.ErrnoException).code ?? err.message;
    process.stderr.write(`firstvision-sandbox: cannot listen on ${config.host}:${config.port} (${reason}); set another PORT (${flagOf('PORT')}) or HOST (${flagOf('HOST')})\n`);
    process.exit(2);
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const storage = config.databaseUrl ? { database: withoutPassword(config.databaseUrl) } : { dataDir: config.dataDir ?? '(memory)' };
  logger.info({ url: `http://${config.host}:${port}`, ...storage, seed: config.seed }, 'sandbox listening');
  // In the background: callers that come meanwhile are answered between its requests.
  const started = performance.now();
  app.warmUpContract(server).then(
    (calls) => logger.debug({ calls, ms: Math.round(performance.now() - started) }, 'contract validators compiled'),
    (err: Error) => logger.warn({ err: err.message }, 'contract validators not compiled ahead; each operation compiles them on its first call'),
  );
});

/** The database URL as it may be logged. */
function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

let stopping = false;
function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  server.close(async () => {
    await store.close();
    await seenRequestIds?.close();
    logger.info({}, 'stopped');
    process.exit(0);
  });
  server.closeIdleConnections();
  // Requests still running after this long are cut off rather than holding the process.
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
