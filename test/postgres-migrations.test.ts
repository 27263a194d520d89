// The PostgreSQL tables come from migrations/ through node-pg-migrate, run by each instance at its
// start: instances starting together against an empty database must all succeed and build the
// tables once (node-pg-migrate's advisory lock, waited for rather than failed on).
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { MIGRATIONS_DIR, migrateDatabase } from '../src/store/postgres-migrate.js';
import { freshSchema, postgresCases } from './helpers/postgres.js';

const silent = { info() {}, warn() {}, error() {} };
const cases = await postgresCases();
const files = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).map((f) => f.replace(/\.sql$/, '')).sort();

describe('PostgreSQL migrations', cases, () => {
  it('when three instances migrate an empty schema at once, then all succeed and each migration runs once', async () => {
    const schema = await freshSchema();
    try {
      const applied = await Promise.all([1, 2, 3].map(() => migrateDatabase(schema.url, silent)));
      assert.deepEqual(applied.flat().sort(), files, 'each migration was applied by exactly one of them');
      const { rows } = await schema.query<{ name: string }>('SELECT name FROM sandbox_migrations ORDER BY id');
      assert.deepEqual(rows.map((r) => r.name), files);
      const tables = await schema.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1', [schema.name]);
      assert.deepEqual(tables.rows.map((r) => r.table_name), ['sandbox_changes', 'sandbox_migrations', 'sandbox_records', 'sandbox_request_ids', 'sandbox_tenants']);
    } finally {
      await schema.drop();
    }
  });

  it('when an instance starts on a database already migrated, then it applies nothing', async () => {
    const schema = await freshSchema();
    try {
      await migrateDatabase(schema.url, silent);
      assert.deepEqual(await migrateDatabase(schema.url, silent), []);
    } finally {
      await schema.drop();
    }
  });

  it('when the URL\'s search_path names no schema that exists, then the migration says so', async () => {
    const schema = await freshSchema();
    const url = new URL(schema.url);
    url.searchParams.set('options', '-c search_path=sbx_no_such_schema');
    try {
      await assert.rejects(migrateDatabase(url.toString(), silent), /no current schema/);
    } finally {
      await schema.drop();
    }
  });
});
