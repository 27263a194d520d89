// The store contract against the PostgreSQL adapter, each case in a schema of its own; then what
// only a shared database can show: a connection killed in the middle of commits leaves each
// commit whole or absent.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SEED } from '../src/config.js';
import { retryStale } from '../src/http/retry-stale.js';
import { buildTenantData } from '../src/seed/build-tenant.js';
import { openStore } from '../src/store/open-store.js';
import { READ_BATCH } from '../src/store/postgres-tables.js';
import { loadOrganizations } from '../src/tenants.js';
import { contractSeeder, storeContract } from './store-contract.js';
import { inMigratedSchema, migratedSchema, postgresCases } from './helpers/postgres.js';

const silent = { info() {}, warn() {}, error() {} };
const cases = await postgresCases();

/** The schema's URL with an application_name, so the test can find the store's own connections. */
const tagged = (url: string, name: string) => {
  const u = new URL(url);
  u.searchParams.set('application_name', name);
  return u.toString();
};

describe('PostgreSQL adapter', cases, () => {
  storeContract('PostgreSQL', async () => {
    const schema = await migratedSchema();
    const url = tagged(schema.url, schema.name);
    return {
      open: () => openStore({ databaseUrl: url, seeder: contractSeeder, logger: silent }),
      // The process is gone: so are its connections, and a transaction one of them had open rolls back.
      tearLastWrite: async () => {
        await schema.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [schema.name]);
      },
      cleanUp: () => schema.drop(),
    };
  }, { durable: true, sharedWriters: true });

  describe('replicas of two stores over one database', () => {
    const customerNamed = (number: string, lastName: string) => {
      const template = contractSeeder().customers[0];
      return { ...template, customerNumber: number, owner: { ...template.owner, lastName } };
    };

    it('when one store commits, then the other\'s next view holds the change, found by the lookup index too', async () => {
      await inMigratedSchema(async (schema) => {
        const [a, b] = [0, 1].map(() => openStore({ databaseUrl: schema.url, seeder: contractSeeder, logger: silent }));
        await Promise.all([a.tenant('shared'), b.tenant('shared')]);
        await (await a.tenant('shared')).commit({ customers: [customerNamed('4597000000900000021', 'REPLICATED')], clock: '2031-02-03' });
        const seen = await b.tenant('shared');
        assert.equal(seen.customer('4597000000900000021')?.owner.lastName, 'REPLICATED');
        assert.equal(seen.clock(), '2031-02-03');
        assert.deepEqual(seen.findCustomers((c) => c.owner.lastName === 'REPLICATED').map((c) => c.customerNumber), ['4597000000900000021']);
        assert.equal((await schema.query("SELECT count(*)::int AS n FROM sandbox_tenants WHERE tenant_id = 'shared'")).rows[0].n, 1, 'seeded once by the two stores');
        await Promise.all([a.close(), b.close()]);
      });
    });

    it('when the change log no longer holds what a replica lacks, then that replica reloads the tenant whole', async () => {
      await inMigratedSchema(async (schema) => {
        const [a, b] = [0, 1].map(() => openStore({ databaseUrl: schema.url, seeder: contractSeeder, logger: silent }));
        await b.tenant('shared');
        for (let i = 1; i <= 3; i++) await (await a.tenant('shared')).commit({ customers: [customerNamed(`459700000090000003${i}`, `TRIMMED ${i}`)] });
        // As the trimming of the log would, but further than it ever does.
        await schema.query("DELETE FROM sandbox_changes WHERE tenant_id = 'shared' AND seq <= 2");
        const seen = await b.tenant('shared');
        assert.deepEqual([1, 2, 3].map((i) => seen.customer(`459700000090000003${i}`)?.owner.lastName), ['TRIMMED 1', 'TRIMMED 2', 'TRIMMED 3']);
        await seen.commit({ clock: '2031-01-01' });
        assert.equal((await a.tenant('shared')).clock(), '2031-01-01');
        await Promise.all([a.close(), b.close()]);
      });
    });
  });

  describe('connections killed mid-commit', () => {
    it('when the store\'s connections are killed while commits run, then each commit is stored whole or not at all, and the head matches the change log', async () => {
      await inMigratedSchema(async (schema) => {
        const store = openStore({ databaseUrl: tagged(schema.url, schema.name), seeder: contractSeeder, logger: silent });
        const seed = contractSeeder();
        await store.tenant('killed');
        const template = seed.customers[0];
        const outcomes = new Map<string, boolean>();
        const commits = Array.from({ length: 60 }, async (_, i) => {
          const number = `45970000007${String(i).padStart(8, '0')}`;
          const customer = { ...structuredClone(template), customerNumber: number, owner: { ...template.owner, lastName: `KILLED ${i}` } };
          // Each its own request, run again when stale as the dispatcher does; some meet a dead connection.
          try {
            await retryStale('killed', async () => (await store.tenant('killed')).commit({ customers: [customer], counters: { [`killed:${i}`]: i } }));
            outcomes.set(number, true);
          } catch {
            outcomes.set(number, false);
          }
      });
      // Kill while the burst is running, twice.
      const killer = (async () => {
        for (let round = 0; round < 2; round++) {
          await new Promise((resolve) => setTimeout(resolve, 5));
          await schema.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [schema.name]);
        }
      })();
      await Promise.all([...commits, killer]);
      await store.close();

      const records = await schema.query<{ number: string }>("SELECT number FROM sandbox_records WHERE tenant_id = 'killed' AND kind = 'customer' AND number LIKE '45970000007%'");
      const stored = new Set(records.rows.map((r) => r.number));
      const { rows: [tenant] } = await schema.query<{ head_seq: string; counters: Record<string, number> }>("SELECT head_seq, counters FROM sandbox_tenants WHERE tenant_id = 'killed'");
      const { rows: [log] } = await schema.query<{ n: string }>("SELECT count(*) AS n FROM sandbox_changes WHERE tenant_id = 'killed'");
      assert.ok([...outcomes.values()].some(Boolean), 'some commits succeeded');
      for (const [number, acknowledged] of outcomes) {
        const i = Number(number.slice(-8));
        const counterStored = tenant.counters[`killed:${i}`] === i;
        // Acknowledged: all of it is there. Refused: none of it (or all of it, when only the answer was lost with the connection).
        if (acknowledged) assert.ok(stored.has(number) && counterStored, `${number} was acknowledged, so it is stored whole`);
        else assert.equal(stored.has(number), counterStored, `${number} was refused: stored whole or not at all`);
      }
      assert.equal(Number(tenant.head_seq), Number(log.n), 'one change log row per head step');
      assert.equal(stored.size, Number(log.n), 'one stored customer per committed change');
      });
    });

    it('when a tenant holds more records than one read brings, then another store loads it whole and in order', async () => {
      await inMigratedSchema(async (schema) => {
        const data = buildTenantData(DEFAULT_SEED, loadOrganizations(), '2026-11-24', { customers: 2500 });
        const records = data.customers.length + data.accounts.length + data.cards.length + data.relationships.length + data.reservations.length;
        assert.ok(records > 2 * READ_BATCH, `the tenant spans several reads (${records} records)`);
        const writer = openStore({ databaseUrl: schema.url, seeder: contractSeeder, logger: silent });
        await writer.replace('big', data);
        const reader = openStore({ databaseUrl: schema.url, seeder: contractSeeder, logger: silent });
        assert.deepEqual((await reader.tenant('big')).exportData(), data);
        await Promise.all([writer.close(), reader.close()]);
      });
    });
  });
});
