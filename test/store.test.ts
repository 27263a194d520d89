// The lowdb file store under a DATA_DIR: seeding on first use, the journal that makes every
// acknowledged write survive a restart, damaged files that fail loudly for their own tenant only,
// data versions, and tenants leaving memory.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { DEFAULT_SEED } from '../src/config.js';
import { buildTenantData, DATA_VERSION } from '../src/seed/build-tenant.js';
import { seederFor } from '../src/seed/seeder.js';
import { openStore, type StoreOptions } from '../src/store/open-store.js';
import { TenantDataError } from '../src/store/store.js';
import { loadOrganizations } from '../src/tenants.js';
import { expectError, expectOk, PARTNER, startSandbox, TODAY } from './helpers/sandbox.js';

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
    // The answer adds one fixture worked out when asked (the surnames held now); the rest is the stored seed.
    assert.deepEqual(stored.fixtures, fixtures.filter((f: { purpose: string }) => !f.purpose.startsWith('Surnames to look up')));
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

  it('when a snapshot is one JSON document laid out another way, then the tenant loads from it and it is rewritten one record per line', async () => {
    const dataDir = tempDataDir();
    const data = buildTenantData(DEFAULT_SEED, loadOrganizations(), TODAY);
    const added = { ...data.customers[0], customerNumber: '9100000000000000042' };
    data.customers.push(added);
    const file = path.join(dataDir, 'partner-apikey.json');
    fs.writeFileSync(file, JSON.stringify(data, null, '\t'));

    const sb = startSandbox({ dataDir });
    const customer = expectOk(await demographic(sb, added.customerNumber, added.organizationNumber, PARTNER));
    assert.equal(customer.customerNumber, added.customerNumber);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    assert.equal(lines[0], '{');
    assert.ok(lines.some((l) => l.startsWith('    {') && l.includes(added.customerNumber)), 'each record on its own line');
    assert.equal(readJson(file).customers.length, data.customers.length);
  });
});

const journalOf = (dataDir: string, tenant = 'demo-apikey') => path.join(dataDir, `${tenant}.journal.jsonl`);
const snapshotOf = (dataDir: string, tenant = 'demo-apikey') => path.join(dataDir, `${tenant}.json`);
const journalLines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);

function capturingLogger() {
  const lines: { level: string; msg: string; fields: Record<string, unknown> }[] = [];
  const at = (level: string) => (fields: object, msg: string) => lines.push({ level, msg, fields: fields as Record<string, unknown> });
  return { logger: { info: at('info'), warn: at('warn'), error: at('error') }, lines };
}

function directStore(dataDir: string, options: Partial<StoreOptions> = {}) {
  return openStore({ dataDir, seeder: seederFor({ seed: DEFAULT_SEED, organizations: loadOrganizations(), today: () => TODAY }), logger: capturingLogger().logger, ...options });
}

const until = async (condition: () => boolean, what: string) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(condition(), what);
};

describe('journal beside the snapshot', () => {
  it('when customers are added and the process ends without closing the store, then the next start finds them by replaying the journal', async () => {
    const dataDir = tempDataDir();
    const first = startSandbox({ dataDir });
    const added: { customerNumber: string; organizationNumber: number }[] = [];
    for (const lastName of ['UNO', 'DOS', 'TRES']) added.push(expectOk(await first.post('/customer', { customerData: { ownerCoOwnerData: { ownerData: { lastName } } } }), 201));
    assert.equal(journalLines(journalOf(dataDir)).length, 3, 'one journal line per committed change');
    assert.equal(readJson(snapshotOf(dataDir)).customers.some((c: { customerNumber: string }) => c.customerNumber === added[0].customerNumber), false, 'the snapshot was not rewritten');

    const second = await directStore(dataDir).tenant('demo-apikey');
    for (const a of added) assert.ok(second.customer(a.customerNumber), `customer ${a.customerNumber} replayed`);
  });

  it('when the last journal line was cut off by a crash, then the tenant loads without it and later writes survive the next start', async () => {
    const dataDir = tempDataDir();
    const first = await directStore(dataDir).tenant('demo-apikey');
    const customer = (customerNumber: string) => ({ ...first.customer('4597000000000000001')!, customerNumber });
    await first.commit({ customers: [customer('9100000000000000011')] });
    fs.appendFileSync(journalOf(dataDir), '{"id":"torn","seq":2,"set":{"customers":[{"organizationNum');

    const second = await directStore(dataDir).tenant('demo-apikey');
    assert.ok(second.customer('9100000000000000011'));
    await second.commit({ customers: [customer('9100000000000000012')] });

    const third = await directStore(dataDir).tenant('demo-apikey');
    assert.ok(third.customer('9100000000000000011'));
    assert.ok(third.customer('9100000000000000012'));
  });

  it('when a journal line before the last is damaged, then that tenant answers 503 SBX503T naming the journal and line, the other works, and the file is left alone', async () => {
    const dataDir = tempDataDir();
    const first = await directStore(dataDir).tenant('partner-apikey');
    for (const n of ['9100000000000000031', '9100000000000000032', '9100000000000000033']) {
      await first.commit({ customers: [{ ...first.customer('4597000000000000001')!, customerNumber: n }] });
    }
    const file = journalOf(dataDir, 'partner-apikey');
    const lines = journalLines(file);
    lines[1] = lines[1].slice(0, lines[1].length / 2);
    const damaged = lines.join('\n') + '\n';
    fs.writeFileSync(file, damaged);

    const second = startSandbox({ dataDir });
    const res = await second.get('/sandbox/fixtures', PARTNER);
    expectError(res, 503, 'SBX503T');
    assert.match(res.body.errors[0].description, /partner-apikey\.journal\.jsonl is damaged: line 2/);
    expectOk(await second.get('/sandbox/fixtures'));
    assert.equal(fs.readFileSync(file, 'utf8'), damaged);
  });

  it('when the journal starts after the change the snapshot ends with, then the tenant is refused saying which changes are missing', async () => {
    const dataDir = tempDataDir();
    const first = await directStore(dataDir).tenant('partner-apikey');
    for (const n of ['9100000000000000021', '9100000000000000022']) await first.commit({ customers: [{ ...first.customer('4597000000000000001')!, customerNumber: n }] });
    const file = journalOf(dataDir, 'partner-apikey');
    fs.writeFileSync(file, journalLines(file)[1] + '\n');
    await assert.rejects(directStore(dataDir).tenant('partner-apikey'), /partner-apikey\.journal\.jsonl is missing changes 1 to 1/);
  });

  it('when a tenant file cannot be read, then the log names the file and how to recover', async () => {
    const dataDir = tempDataDir();
    fs.writeFileSync(snapshotOf(dataDir, 'partner-apikey'), '{"dataVersion": 1, "cust');
    const { logger, lines } = capturingLogger();
    await assert.rejects(directStore(dataDir, { logger }).tenant('partner-apikey'), TenantDataError);
    const logged = lines.find((l) => l.level === 'error');
    assert.equal(logged?.fields.file, snapshotOf(dataDir, 'partner-apikey'));
    assert.match(String(logged?.fields.recovery), /restore .*partner-apikey\.json from a backup.*POST \/sandbox\/reset/);
  });

  it('when generated numbers were reserved and the process ended without closing, then the next start never hands them out again', async () => {
    const dataDir = tempDataDir();
    const ask = { organizationNumber: 970, logo: 401, dualIndicator: '0', customerNumbersRequested: 3, accountNumbersRequested: 3, embosserNumbersRequested: 3, relationshipNumbersRequested: 3 };
    const numbersOf = (data: Record<string, { customerNumber?: string; accountNumber?: string; cardNumber?: string; relationshipNumber?: string }[]>) =>
      ['customerData', 'accountData', 'cardData', 'relationshipData'].flatMap((k) => data[k].map((r) => r.customerNumber ?? r.accountNumber ?? r.cardNumber ?? r.relationshipNumber));
    const before = numbersOf(expectOk(await startSandbox({ dataDir }).post('/customer/generation', ask)));

    const second = startSandbox({ dataDir });
    const after = numbersOf(expectOk(await second.post('/customer/generation', ask)));
    const added = expectOk(await second.post('/customer', newCustomer), 201);
    assert.deepEqual([...after, added.customerNumber].filter((n) => before.includes(n)), []);
  });

  it('when many updates of the same customer run at once, then none loses another one’s change', async () => {
    const sb = startSandbox({ dataDir: tempDataDir() });
    const { customerNumber, organizationNumber } = expectOk(await sb.post('/customer', newCustomer), 201);
    const fields = ['user12', 'user13', 'user14', 'user15', 'memo1', 'memo2', 'nameLine2', 'nameLine3', 'employerName', 'employerAddress1', 'employerAddress2', 'relativeName', 'title', 'middleName', 'suffix', 'firstName'];
    const results = await Promise.all(
      fields.map((field) =>
        sb.put('/customer', { customerNumber, organizationNumber, numberType: 1, demographicDataIndicator: 1, userDataIndicator: 1, [field]: `SET ${field}`.slice(0, 20) }),
      ),
    );
    results.forEach((res) => expectOk(res));
    const owner = expectOk(await sb.get('/sandbox/export')).customers.find((c: { customerNumber: string }) => c.customerNumber === customerNumber).owner;
    for (const field of fields) assert.equal(owner[field], `SET ${field}`.slice(0, 20), `${field} kept`);
  });
});

describe('data versions', () => {
  function writeVersion(dataDir: string, version: number) {
    const data = { ...buildTenantData(DEFAULT_SEED, loadOrganizations(), TODAY), dataVersion: version };
    fs.writeFileSync(snapshotOf(dataDir, 'partner-apikey'), JSON.stringify(data));
  }

  it('when the file has an older data version and a migration leads from it, then the tenant is migrated and the original kept beside it', async () => {
    const dataDir = tempDataDir();
    writeVersion(dataDir, 0);
    const store = directStore(dataDir, { migrations: { 0: (data) => ({ ...data, seed: 7 }) } });
    const tenant = await store.tenant('partner-apikey');
    assert.ok(tenant.counts().customers > 0);
    const stored = readJson(snapshotOf(dataDir, 'partner-apikey'));
    assert.equal(stored.dataVersion, DATA_VERSION);
    assert.equal(stored.seed, 7, 'the migration ran');
    assert.equal(readJson(path.join(dataDir, 'partner-apikey.v0.json')).dataVersion, 0, 'the original is kept');
    await store.close();
  });

  it('when the file has an older data version and no migration leads from it, then 503 SBX503T says so and the file is kept', async () => {
    const dataDir = tempDataDir();
    writeVersion(dataDir, 0);
    const text = fs.readFileSync(snapshotOf(dataDir, 'partner-apikey'), 'utf8');
    const sb = startSandbox({ dataDir });
    const res = await sb.get('/sandbox/fixtures', PARTNER);
    expectError(res, 503, 'SBX503T');
    assert.match(res.body.errors[0].description, /partner-apikey\.json has data version 0, and no migration leads from version 0/);
    expectOk(await sb.get('/sandbox/fixtures'));
    assert.equal(fs.readFileSync(snapshotOf(dataDir, 'partner-apikey'), 'utf8'), text);
  });
});

describe('tenants in memory', () => {
  it('when a tenant stays unused longer than the idle time, then it leaves memory with its journal compacted, and comes back unchanged', async () => {
    const dataDir = tempDataDir();
    const store = directStore(dataDir, { idleMs: 300 });
    const tenant = await store.tenant('demo-apikey');
    const customer = { ...tenant.customer(tenant.fixtures()[0].customerNumber)!, customerNumber: '9100000000000000001' };
    await tenant.commit({ customers: [customer] });
    assert.equal(store.openTenants, 1);

    await until(() => store.openTenants === 0, 'the idle tenant left memory');
    await until(() => fs.readFileSync(journalOf(dataDir), 'utf8') === '', 'its journal was compacted into the snapshot');
    const back = await store.tenant('demo-apikey');
    assert.equal(back.customer(customer.customerNumber)?.customerNumber, customer.customerNumber);
    await assert.rejects(tenant.commit({ customers: [customer] }), TenantDataError, 'the evicted copy takes no more writes');
    await store.close();
  });

  it('when more tenants are used than may stay open, then the least recently used leaves memory', async () => {
    const store = directStore(tempDataDir(), { maxOpenTenants: 1, idleMs: 0 });
    await store.tenant('demo-apikey');
    await new Promise((r) => setTimeout(r, 300));
    await store.tenant('partner-apikey');
    await until(() => store.openTenants === 1, 'one tenant stays open');
    await store.close();
  });
});
