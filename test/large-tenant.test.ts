// A large tenant loads a slice at a time: while it is read and indexed, /health and the other
// tenants keep answering.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { DEFAULT_SEED } from '../src/config.js';
import { buildTenantData } from '../src/seed/build-tenant.js';
import { openStore } from '../src/store/open-store.js';
import { loadOrganizations } from '../src/tenants.js';
import { expectOk, PARTNER, startSandbox, TODAY } from './helpers/sandbox.js';

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
});
