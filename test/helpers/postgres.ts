// The PostgreSQL the tests use: TEST_DATABASE_URL, or the machine's own. Each test file works in a
// schema of its own, dropped at the end. Without a reachable server the PostgreSQL cases are
// skipped with the reason locally, and fail under CI=true, where they must run.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateDatabase } from '../../src/store/postgres-migrate.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** Why PostgreSQL cannot be used, or undefined when it answers. */
async function unreachable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (err) {
    return `${TEST_DATABASE_URL} does not answer (${(err as Error).message || (err as { code?: string }).code}); set TEST_DATABASE_URL`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The options for a describe() of PostgreSQL cases: `{}` when the server answers, a skip with the
 * reason when not. Under CI=true an unreachable server throws instead, failing the file.
 */
export async function postgresCases(): Promise<{ skip?: string }> {
  const why = await unreachable();
  if (!why) return {};
  const message = `PostgreSQL cases not run: ${why}`;
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`${message} (CI=true: they must run)`);
  return { skip: message };
}

export interface TestSchema {
  name: string;
  /** TEST_DATABASE_URL with this schema as the search_path: what DATABASE_URL is set to. */
  url: string;
  /** Runs SQL in the schema, for checks behind the sandbox's back. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  /** Drops the schema and everything in it. */
  drop(): Promise<void>;
}

/** A new empty schema, sbx_<random>. */
export async function freshSchema(): Promise<TestSchema> {
  const name = `sbx_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${name}`);
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${name}`);
  await admin.query(`SET search_path TO ${name}`);
  return {
    name,
    url: url.toString(),
    query: (text, values) => admin.query(text, values),
    async drop() {
      await admin.query(`DROP SCHEMA ${name} CASCADE`);
      await admin.end();
    },
  };
}

const silent = { info() {}, warn() {}, error() {} };

/** A new schema holding the sandbox's tables, as an instance leaves it once it has started. */
export async function migratedSchema(): Promise<TestSchema> {
  const schema = await freshSchema();
  await migrateDatabase(schema.url, silent);
  return schema;
}

/** Runs `test` in a new migrated schema, dropped afterwards whatever happens. */
export async function inMigratedSchema<T>(test: (schema: TestSchema) => Promise<T>): Promise<T> {
  const schema = await migratedSchema();
  try {
    return await test(schema);
  } finally {
    await schema.drop();
  }
}
