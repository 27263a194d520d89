// When PostgreSQL cannot be reached or fails half-way through a commit: the tenant's calls answer
// 503 SBX503T in the envelope (signed requests too: their request ids cannot be checked), nothing
// is half-written, /health and /metrics keep answering, and the sandbox carries on once the
// database is back.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { migratedSchema, postgresCases, type TestSchema } from './helpers/postgres.js';
import { expectError, SIGNED, startSandbox } from './helpers/sandbox.js';

const silent = { info() {}, warn() {}, error() {} };
const FIXTURE_CUSTOMER = { customerAccountCardNumber: '4597000000000000001', numberType: 1, organizationNumber: 970 };

describe('a database that cannot be reached', () => {
  // Port 1: nothing listens there.
  const sandbox = startSandbox({ databaseUrl: 'postgres://postgres@127.0.0.1:1/test' });
  after(() => sandbox.store.close());

  it('when a tenant\'s data is asked for, then the answer is 503 SBX503T in the envelope', async () => {
    const res = await sandbox.post('/customer/demographicData', FIXTURE_CUSTOMER);
    expectError(res, 503, 'SBX503T');
    assert.match(res.body.errors[0].description, /database/);
  });

  it('when a signed request comes, then its request id cannot be checked and it is refused with 503 SBX503T, not run', async () => {
    const res = await sandbox.post('/customer/demographicData', FIXTURE_CUSTOMER, SIGNED);
    expectError(res, 503, 'SBX503T');
    assert.match(res.body.errors[0].description, /request ids of signed requests cannot be checked: the database cannot be used/);
  });

  it('when /health and /metrics are asked, then they answer as ever', async () => {
    assert.equal((await sandbox.get('/health')).status, 200);
    const metrics = await sandbox.get('/metrics');
    assert.equal(metrics.status, 200);
    assert.match(metrics.text, /http_requests_total/);
  });
});

describe('a database that fails in the middle of a commit', await postgresCases(), () => {
  let schema: TestSchema;
  after(() => schema?.drop());

  it('when the change log cannot be written, then the add answers 503 SBX503T, stores nothing, and works again once the database does', async () => {
    schema = await migratedSchema();
    const sandbox = startSandbox({ databaseUrl: schema.url });
    try {
      const add = (lastName: string) => sandbox.post('/customer', { customerData: { ownerCoOwnerData: { ownerData: { lastName } } } });
      assert.equal((await add('BEFORE THE FAILURE')).status, 201);
      const head = async () => (await schema.query<{ head_seq: string }>('SELECT head_seq FROM sandbox_tenants')).rows[0].head_seq;
      const headBefore = await head();
      // The head moves and the customer's record is written before the change log insert fails.
      await schema.query('ALTER TABLE sandbox_changes RENAME TO sandbox_changes_away');
      const failed = await add('HALF WRITTEN');
      await schema.query('ALTER TABLE sandbox_changes_away RENAME TO sandbox_changes');
      expectError(failed, 503, 'SBX503T');

      assert.equal(await head(), headBefore, 'the head did not move');
      const { rows } = await schema.query("SELECT number FROM sandbox_records WHERE kind = 'customer' AND record->'owner'->>'lastName' = 'HALF WRITTEN'");
      assert.deepEqual(rows, [], 'no record of the failed add');
      const lookup = await sandbox.post('/customer/lookup', { numberOfRecords: 10, primarySearchData: { lastBusinessName: 'half written' } });
      assert.ok(lookup.status === 404 || lookup.body.data.customers.length === 0, JSON.stringify(lookup.body));

      const again = await add('AFTER THE FAILURE');
      assert.equal(again.status, 201, JSON.stringify(again.body));
      const read = await sandbox.post('/customer/demographicData', { ...FIXTURE_CUSTOMER, customerAccountCardNumber: again.body.data.customerNumber });
      assert.equal(read.status, 200);
    } finally {
      await sandbox.store.close();
    }
  });
});
