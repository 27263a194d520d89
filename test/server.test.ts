// `npm start` as a newcomer runs it: a real process over a data directory, stopped with SIGTERM.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { startSandboxProcess } from './helpers/processes.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'sandbox-server-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

/** A token for the demo tenant from the running server, as a client gets one. */
async function demoHeaders(base: string): Promise<Record<string, string>> {
  const res = await fetch(`${base}/token`, {
    method: 'POST',
    headers: {
      apikey: 'demo-apikey',
      Authorization: `Basic ${Buffer.from('demo-apikey:demo-secret').toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  const { access_token } = await res.json();
  return { apikey: 'demo-apikey', 'X-ClientID': '00970', Authorization: `Bearer ${access_token}`, 'Content-Type': 'application/json' };
}

// LOG_LEVEL info (the helper's default) is asserted on: the "stopped" line shows a clean shutdown.
const startServer = () => startSandboxProcess({ DATA_DIR: dataDir, LOG_LEVEL: 'info' });

describe('npm start', () => {
  it('when started, then it seeds the tenant file on first use, answers, and stops cleanly on SIGTERM', async () => {
    const server = await startServer();
    const base = server.url;
    const health = await (await fetch(`${base}/health`)).json();
    assert.deepEqual(health, { hasError: false, errors: [], data: { status: 'UP' } });

    const file = path.join(dataDir, 'demo-apikey.json');
    assert.equal(existsSync(file), false, 'no tenant file before the tenant is used');
    const added = await fetch(`${base}/customer`, {
      method: 'POST',
      headers: await demoHeaders(base),
      body: '{"customerData": {"customerKeyData": {"customerNumber": 9123456789012345678}, "ownerCoOwnerData": {"ownerData": {"lastName": "PERSISTED"}}}}',
    });
    assert.equal(added.status, 201);

    const { code } = await server.stop('SIGTERM');
    assert.equal(code, 0, server.log());
    assert.match(server.log(), /"msg":"stopped"/);
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    assert.ok(stored.customers.some((c: { customerNumber: string }) => c.customerNumber === '9123456789012345678'));
  });

  it('when started again over the same directory, then the customer added before is still there', async () => {
    const server = await startServer();
    const base = server.url;
    const res = await fetch(`${base}/customer/demographicData`, {
      method: 'POST',
      headers: await demoHeaders(base),
      body: '{"customerAccountCardNumber": "9123456789012345678", "numberType": 1, "organizationNumber": 970}',
    });
    const body = await res.json();
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.equal(body.data.nameAddrData[0].lastName, 'PERSISTED');
    await server.stop('SIGTERM');
  });
});
