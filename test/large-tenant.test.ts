// A large tenant loads a slice at a time: while it is read and indexed, /health and the other
// tenants keep answering.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { DEFAULT_SEED } from '../src/config.js';
import { criterionOf, type CustomerQuery } from '../src/domain/customer-search.js';
import { buildTenantData } from '../src/seed/build-tenant.js';
import { openStore } from '../src/store/open-store.js';
import type { TenantStore } from '../src/store/store.js';
import { loadOrganizations } from '../src/tenants.js';
import { loadsRunning } from '../src/store/tenant-loads.js';
import { indexBuildsRunning } from '../src/store/tenant-state.js';
import { contractOperations } from './helpers/contract.js';
import { expectOk, listening, PARTNER, startSandbox, TODAY } from './helpers/sandbox.js';
import { onCompile } from './helpers/validator-compiles.js';

const CUSTOMERS = 20_000;
const dataDir = mkdtempSync(path.join(tmpdir(), 'sandbox-large-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));
const silent = { info() {}, warn() {}, error() {} };

describe('a large tenant', () => {
  it(`when a tenant of ${CUSTOMERS} customers loads, then /health and another tenant keep answering meanwhile`, async () => {
    const data = buildTenantData(DEFAULT_SEED, loadOrganizations(), TODAY, { customers: CUSTOMERS });
    const prepare = openStore({ dataDir, seeder: () => data, logger: silent, fsync: false });
    await prepare.replace('demo-apikey', data);
    await prepare.close();

    const sb = startSandbox({ dataDir });
    expectOk(await sb.get('/sandbox/fixtures', PARTNER));
    await sb.tokenFor('demo-apikey');
    let loaded = false;
    const big = sb.get('/sandbox/fixtures').finally(() => (loaded = true));
    let answered = 0;
    while (!loaded) {
      assert.deepEqual(expectOk(await sb.get('/health', {})), { status: 'UP' });
      expectOk(await sb.get('/sandbox/fixtures', PARTNER));
      answered++;
    }
    expectOk(await big);
    assert.ok(answered >= 3, `only ${answered} rounds of other calls were answered while the tenant loaded`);
    assert.equal((await sb.store.tenant('demo-apikey')).counts().customers, data.customers.length);
  });

  it('when it loads, then it answers before its search index is built, and lookups find the changes made meanwhile', async () => {
    const byName = (lastName: string): CustomerQuery => ({
      search: { primary: { lastName: criterionOf('lastName', 0, lastName) }, primaryAll: true, optional: {}, optionalAll: true, organizations: [970, 807] },
      within: [],
      limit: 50,
      direction: 'first',
    });
    const NAME = 'ZZ DURANTE LA CARGA';
    const open = () => openStore({ dataDir, seeder: () => assert.fail('the tenant is on disk'), logger: silent, fsync: false });
    const found = async (tenant: TenantStore, q: CustomerQuery) => (await tenant.searchCustomers(q)).items.map((i) => i.customerNumber).sort();

    // Renamed while the index is built in the background: the change goes into it after.
    let store = open();
    const tenant = await store.tenant('demo-apikey');
    let searchable = false;
    void tenant.whenSearchable().then(() => (searchable = true));
    const [first, second] = tenant.findCustomers((c) => c.organizationNumber === 970 && !c.coOwner).slice(0, 2);
    assert.ok(tenant.customer(first.customerNumber), 'the records answer at once');
    await tenant.commit({ customers: [{ ...first, owner: { ...first.owner, lastName: NAME } }] });
    assert.equal(searchable, false, 'the index of 20 000 customers was built before the first change');
    await tenant.whenSearchable();
    assert.deepEqual(await found(tenant, byName(NAME)), [first.customerNumber]);
    assert.ok(!(await found(tenant, byName(first.owner.lastName!))).includes(first.customerNumber), 'the old name no longer finds the customer');
    await store.close();

    // Loaded again and renamed at once: a search that does not wait scans the customers as they are, change included.
    store = open();
    try {
      const again = await store.tenant('demo-apikey');
      await again.commit({ customers: [{ ...second, owner: { ...second.owner, lastName: NAME } }] });
      assert.deepEqual(await found(again, byName(NAME)), [first.customerNumber, second.customerNumber].sort());
      await again.whenSearchable();
      assert.deepEqual(await found(again, byName(NAME)), [first.customerNumber, second.customerNumber].sort());
    } finally {
      await store.close();
    }
  });

  it('when the sandbox has just started as it loads, then the contract warm-up waits for the load and the index, and compiles everything after', async () => {
    const sb = startSandbox({ dataDir });
    const server = await listening(sb.app);
    let loading = true;
    const loaded = sb.store.tenant('demo-apikey').finally(() => (loading = false));
    const busyAtCompile: boolean[] = [];
    const stop = onCompile(() => busyAtCompile.push(loading || indexBuildsRunning() > 0));
    try {
      const calls = await sb.app.warmUpContract(server);
      await loaded;
      assert.equal(calls, 2 * contractOperations.length, 'every operation warmed up in the end');
      assert.ok(busyAtCompile.length > contractOperations.length, `the warm-up compiled (${busyAtCompile.length} schemas)`);
      assert.equal(busyAtCompile.filter(Boolean).length, 0, 'nothing compiled while the tenant loaded or its index was built');
    } finally {
      stop();
    }
  });

  it('when a caller calls it as it loads, then the warm-up compiles that operation at once and the others after', async () => {
    const sb = startSandbox({ dataDir });
    const server = await listening(sb.app);
    const busyCompiles: string[] = [];
    const compiledAsItLoads: string[] = [];
    const stop = onCompile((key) => {
      const loading = (sb.store.tenantsLoading ?? 0) > 0;
      if (loading) compiledAsItLoads.push(key);
      if (loading || indexBuildsRunning() > 0) busyCompiles.push(key);
    });
    try {
      const first = sb.post('/customer/demographicData', { customerAccountCardNumber: '4597000000000000001', numberType: 1, organizationNumber: 970 });
      const calls = await sb.app.warmUpContract(server);
      expectOk(await first);
      assert.equal(calls, 2 * contractOperations.length, 'every operation warmed up in the end');
      // The validator compiles an operation's answers (each status) on the first one it checks.
      const answers = compiledAsItLoads.filter((key) => /demographicData.*-200-/.test(key));
      assert.equal(answers.length, 1, `the called operation's answers compiled while the tenant loaded, not as the caller's answer left: ${compiledAsItLoads.join(', ')}`);
      assert.deepEqual(busyCompiles.filter((key) => !/demographicData/.test(key)), [], 'no other operation compiled during the load');
    } finally {
      stop();
    }
  });

  it('when its index is being built, then GET /metrics counts it until it is done', async () => {
    const sb = startSandbox({ dataDir });
    const building = async () => {
      const res = await sb.get('/metrics', {});
      return Number(/^sandbox_search_indexes_building (\d+)$/m.exec(res.text)?.[1]);
    };
    await sb.store.tenant('demo-apikey');
    assert.ok((await building()) >= 1, 'the records are in, the index is not');
    const deadline = Date.now() + 60_000;
    let now = 1;
    while (now !== 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      now = await building();
    }
    assert.equal(now, 0, 'the build ends');
  });

  it('when it loads and its index is built, then both count as loads running (the heap held to grow less, the warm-up giving way) until both are done', async () => {
    const store = openStore({ dataDir, seeder: () => assert.fail('the tenant is on disk'), logger: silent, fsync: false });
    try {
      assert.equal(loadsRunning(), 0, 'nothing runs before');
      const loading = store.tenant('demo-apikey');
      assert.equal(loadsRunning(), 1, 'the load counts');
      await loading;
      assert.ok(indexBuildsRunning() >= 1 && loadsRunning() >= 1, 'the index build counts once the records are in');
      const deadline = Date.now() + 60_000;
      while (indexBuildsRunning() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.equal(indexBuildsRunning(), 0, 'the build ends');
      assert.equal(loadsRunning(), 0, 'nothing runs once both are done');
    } finally {
      await store.close();
    }
  });
});
