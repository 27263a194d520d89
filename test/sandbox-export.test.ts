// GET /sandbox/export and POST /sandbox/import: a partner saves a scenario and restores it later.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import request from 'supertest';
import { createApp } from '../src/app.js';
import { DEFAULT_SEED } from '../src/config.js';
import { seederFor } from '../src/seed/seeder.js';
import { openStore } from '../src/store/open-store.js';
import { loadOrganizations, loadTenants } from '../src/tenants.js';
import { DEMO, PARTNER, TODAY, expectError, expectOk, startSandbox } from './helpers/sandbox.js';

const dirs: string[] = [];
function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-export-'));
  dirs.push(dir);
  return dir;
}
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

type Sandbox = ReturnType<typeof startSandbox>;
const silent = { info() {}, warn() {}, error() {} };
/** The store as the next start of the sandbox opens it. */
const fileStore = (dataDir?: string) => openStore({ dataDir, seeder: seederFor({ seed: DEFAULT_SEED, organizations: loadOrganizations(), today: () => TODAY }), logger: silent });
const addCustomer = async (sb: Sandbox, lastName: string, headers = DEMO) =>
  expectOk(await sb.post('/customer', { customerData: { ownerCoOwnerData: { ownerData: { lastName } } } }, headers), 201);
const demographic = (sb: Sandbox, customerNumber: string, headers = DEMO) =>
  sb.post('/customer/demographicData', { customerAccountCardNumber: customerNumber, numberType: 1, organizationNumber: 970 }, headers);

describe('GET /sandbox/export and POST /sandbox/import', () => {
  // Cases that leave the tenant as they found it (or as exported) share one sandbox.
  const shared = startSandbox();

  it('when an export is imported after more changes, then the tenant is exactly as exported and the later changes are gone', async () => {
    const sb = shared;
    const saved = await addCustomer(sb, 'GUARDADO');
    const exported = expectOk(await sb.get('/sandbox/export'));
    assert.ok(JSON.stringify(exported).length > 100 * 1024, 'a whole tenant is larger than other bodies may be');
    const later = await addCustomer(sb, 'POSTERIOR');

    const imported = expectOk(await sb.post('/sandbox/import', exported));
    assert.deepEqual({ ...imported, tenant: undefined }, { tenant: undefined, customers: exported.customers.length, accounts: exported.accounts.length, cards: exported.cards.length, relationships: exported.relationships.length });
    expectOk(await demographic(sb, saved.customerNumber));
    expectError(await demographic(sb, later.customerNumber), 404, 'VPL5SGC04S');
    assert.deepEqual(expectOk(await sb.get('/sandbox/export')), exported);
  });

  it('when a tenant imports, then the sandbox restarted over the same directory holds the import, and other tenants are untouched', async () => {
    const dataDir = tempDataDir();
    const sb = startSandbox({ dataDir });
    const partnerOwn = await addCustomer(sb, 'SOCIO', PARTNER);
    const exported = expectOk(await sb.get('/sandbox/export'));
    const later = await addCustomer(sb, 'DESCARTADO');
    expectOk(await sb.post('/sandbox/import', exported));

    const restarted = fileStore(dataDir);
    assert.equal((await restarted.tenant('demo-apikey')).customer(later.customerNumber), undefined);
    assert.ok((await restarted.tenant('partner-apikey')).customer(partnerOwn.customerNumber));
  });

  it('when the import refers to records that are not in it, then 400 SBX400I names them and nothing changes', async () => {
    const sb = shared;
    const exported = expectOk(await sb.get('/sandbox/export'));
    const kept = await addCustomer(sb, 'INTACTO');
    const broken = { ...exported, cards: [...exported.cards, { ...exported.cards[0], cardNumber: '4513070000009999', accountNumber: '8970401999999999' }] };

    const res = await sb.post('/sandbox/import', broken);
    expectError(res, 400, 'SBX400I');
    assert.match(res.body.errors[0].description, /card 4513070000009999 refers to account 8970401999999999, which is not in the data/);
    expectOk(await demographic(sb, kept.customerNumber));
  });

  it('when the import uses an organization the sandbox does not have, then 400 SBX400I and nothing changes', async () => {
    const sb = shared;
    const exported = expectOk(await sb.get('/sandbox/export'));
    const customers = [...exported.customers, { ...exported.customers[0], customerNumber: '5000000000000000001', organizationNumber: 500 }];
    const res = await sb.post('/sandbox/import', { ...exported, customers });
    expectError(res, 400, 'SBX400I');
    assert.match(res.body.errors[0].description, /customer 5000000000000000001 is in organization 500, which the sandbox does not have/);
    assert.equal(expectOk(await sb.get('/sandbox/export')).customers.length, exported.customers.length);
  });

  it('when the import does not match the schema, then 400 SBX400V and nothing changes', async () => {
    const sb = shared;
    const exported = expectOk(await sb.get('/sandbox/export'));
    const { counters: _counters, ...withoutCounters } = exported;
    expectError(await sb.post('/sandbox/import', withoutCounters), 400, 'SBX400V');
    expectError(await sb.post('/sandbox/import', { ...exported, customers: [{ customerNumber: 'ABC' }] }), 400, 'SBX400V');
    assert.deepEqual(expectOk(await sb.get('/sandbox/export')), exported);
  });

  it('when the export comes from a newer sandbox, then 400 SBX400I says so', async () => {
    const sb = shared;
    const exported = expectOk(await sb.get('/sandbox/export'));
    const res = await sb.post('/sandbox/import', { ...exported, dataVersion: exported.dataVersion + 1 });
    expectError(res, 400, 'SBX400I');
    assert.match(res.body.errors[0].description, /dataVersion must be <= 1/);
  });

  it('when the tenant file cannot be read, then an import still restores the tenant', async () => {
    const dataDir = tempDataDir();
    const exported = (await fileStore(dataDir).tenant('partner-apikey')).exportData();
    fs.writeFileSync(path.join(dataDir, 'partner-apikey.json'), '{"customers": [');

    const broken = startSandbox({ dataDir });
    expectError(await broken.get('/sandbox/export', PARTNER), 503, 'SBX503T');
    expectOk(await broken.post('/sandbox/import', exported, PARTNER));
    assert.deepEqual(expectOk(await broken.get('/sandbox/export', PARTNER)), exported);
  });

  it('when the import body is larger than IMPORT_BODY_LIMIT, then 413 SBX413B, while other routes keep their own limit', async () => {
    const organizations = loadOrganizations();
    const app = createApp({ store: fileStore(), tenants: loadTenants(), organizations, relaxedAuth: true, bodyLimit: '1kb', importBodyLimit: '2kb' });
    const big = JSON.stringify({ dataVersion: 1, padding: 'x'.repeat(3000) });
    const res = await request(app).post('/sandbox/import').set(DEMO).set('Content-Type', 'application/json').send(big);
    expectError(res, 413, 'SBX413B');
    const fits = JSON.stringify({ dataVersion: 1, padding: 'x'.repeat(1500) });
    expectError(await request(app).post('/sandbox/import').set(DEMO).set('Content-Type', 'application/json').send(fits), 400, 'SBX400V');
    expectError(await request(app).post('/customer').set(DEMO).set('Content-Type', 'application/json').send(fits), 413, 'SBX413B');
  });
});
