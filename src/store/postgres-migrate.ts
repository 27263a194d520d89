// Brings the database's tables up to date with migrations/ before the sandbox listens. node-pg-migrate
// holds a PostgreSQL advisory lock while it runs, waiting for it rather than failing, so instances
// started together against an empty database apply each migration once and all start.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../logger.js';
import { pgDriver } from './pg-driver.js';

/** The repository's migrations/ folder: two levels above this module, in src/ and in dist/ alike. */
export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations');
const MIGRATIONS_TABLE = 'sandbox_migrations';

/** Applies the migrations not yet run, in the connection's current schema; answers their names. */
export async function migrateDatabase(databaseUrl: string, logger: Logger): Promise<string[]> {
  const { runner } = await import('node-pg-migrate');
  const client = new (pgDriver().Client)({ connectionString: databaseUrl });
  await client.connect();
  try {
    // The schema the URL's search_path leads to (public by default): node-pg-migrate would otherwise
    // keep its own table in public whatever the search_path says.
    const { rows } = await client.query<{ schema: string | null }>('SELECT current_schema() AS schema');
    const schema = rows[0].schema;
    if (!schema) throw new Error('the connection has no current schema: the search_path names no schema that exists');
    const applied = await runner({
      dbClient: client,
      dir: MIGRATIONS_DIR,
      schema,
      migrationsTable: MIGRATIONS_TABLE,
      direction: 'up',
      advisoryLockMode: 'wait',
      checkOrder: true,
      logger: { debug: () => undefined, info: () => undefined, warn: (msg: string) => logger.warn({}, msg), error: (msg: string) => logger.error({}, msg) },
    });
    const names = applied.map((m) => m.name);
    if (names.length > 0) logger.info({ schema, migrations: names }, 'database migrated');
    return names;
  } finally {
    await client.end();
  }
}
