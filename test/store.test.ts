// The lowdb file store under a DATA_DIR: seeding on first use, surviving a restart, and a
// damaged tenant file that fails loudly for its own tenant only.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { DATA_VERSION } from '../src/seed/build-tenant.js';
import { expectError, expectOk, PARTNER, startSandbox } from './helpers/sandbox.js';

const dirs: string[] = [];
function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-store-'));
  dirs.push(dir);
  return dir;
}
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

const newCustomer = {
  customerData: { ownerCoOwnerData: { ownerData: { lastName: 'PERSISTENTE', firstName: 'ROSA', dateOfBirth: '1990-05-17' } } },
};

async function demographic(sb: ReturnType<typeof startSandbox>, customerNumber: string, organizationNumber: number, headers?: Record<string, string>) {
  return sb.post('/customer/demographicData', { customerAccountCardNumber: customerNumber, numberType: 1, organizationNumber }, headers);
}

describe('lowdb store in a data directory', () => {
  it('when a tenant is first used, then <dir>/<apikey>.json is created holding its seed', async () => {
    const dataDir = tempDataDir();
    const sb = startSandbox({ dataDir });
    const file = path.join(dataDir, 'demo-apikey.json');
    assert.equal(fs.existsSync(file), false, 'nothing is written before the first request');

    const fixtures = expectOk(await sb.get('/sandbox/fixtures')).fixtures;
    assert.ok(fs.existsSync(file));
    const stored = readJson(file);
    assert.equal(stored.dataVersion, DATA_VERSION);
    assert.ok(stored.customers.length > 0);
    assert.deepEqual(stored.fixtures, fixtures);
    assert.equal(fs.existsSync(path.join(dataDir, 'partner-apikey.json')), false, 'a tenant nobody used has no file');
  });

  it('when a customer is added and the sandbox restarts over the same directory, then the customer is still there', async () => {
    const dataDir = tempDataDir();
    const first = startSandbox({ dataDir });
    const added = expectOk(await first.post('/customer', newCustomer), 201);
    await first.store.close();

    const second = startSandbox({ dataDir });
    const data = expectOk(await demographic(second, added.customerNumber, added.organizationNumber));
    assert.equal(data.customerNumber, added.customerNumber);
    assert.equal(data.nameAddrData[0].lastName, 'PERSISTENTE');
    assert.equal(data.nameAddrData[0].dateOfBirth, '1990-05-17');

    const next = expectOk(await second.post('/customer', newCustomer), 201);
    assert.notEqual(next.customerNumber, added.customerNumber, 'the number series carried on too');
  });

  describe('with a corrupt partner file', () => {
    const dataDir = tempDataDir();
    const file = path.join(dataDir, 'partner-apikey.json');
    const corrupt = '{"customers": [';
    fs.writeFileSync(file, corrupt);
    const sb = startSandbox({ dataDir });

    it('when partner calls, then 503 SBX503T names the file, demo keeps working, and the file is left as it was', async () => {
      for (let attempt = 0; attempt < 2; attempt++) {
        const res = await sb.get('/sandbox/fixtures', PARTNER);
        expectError(res, 503, 'SBX503T');
        assert.match(res.body.errors[0].description, /partner-apikey\.json/);
        assert.equal(res.text.includes(dataDir), false, 'the directory is not revealed');
      }
      expectError(await sb.post('/customer', newCustomer, PARTNER), 503, 'SBX503T');

      const demo = await sb.fixture('retail-multi-product');
      expectOk(await demographic(sb, demo.customerNumber, demo.organizationNumber));
      assert.equal(fs.readFileSync(file, 'utf8'), corrupt, 'the corrupt file is not re-seeded behind the user’s back');
    });

    it('when partner then posts /sandbox/reset, then the tenant is seeded again and works', async () => {
      const reset = expectOk(await sb.post('/sandbox/reset', undefined, PARTNER));
      assert.ok(reset.customers > 0);
      assert.equal(readJson(file).dataVersion, DATA_VERSION);
      const fixtures = expectOk(await sb.get('/sandbox/fixtures', PARTNER)).fixtures;
      assert.ok(fixtures.length > 0);
    });
  });

  it('when the partner file has another dataVersion, then partner requests answer 503 SBX503T and the file is kept', async () => {
    const dataDir = tempDataDir();
    const other = { dataVersion: DATA_VERSION + 1, seed: 1, customers: [], accounts: [], cards: [], relationships: [], reservations: [], counters: {}, fixtures: [] };
    const file = path.join(dataDir, 'partner-apikey.json');
    const text = JSON.stringify(other);
    fs.writeFileSync(file, text);

    const sb = startSandbox({ dataDir });
    const res = await sb.get('/sandbox/fixtures', PARTNER);
    expectError(res, 503, 'SBX503T');
    assert.match(res.body.errors[0].description, /partner-apikey\.json/);
    expectOk(await sb.get('/sandbox/fixtures'));
    assert.equal(fs.readFileSync(file, 'utf8'), text);
  });
});
