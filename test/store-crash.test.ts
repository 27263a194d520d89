// A real sandbox process killed with SIGKILL in the middle of a burst of concurrent adds: every add
// it answered 2xx is there after the restart, and the data always loads.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { DEFAULT_SEED } from '../src/config.js';
import { seederFor } from '../src/seed/seeder.js';
import { openStore } from '../src/store/open-store.js';
import { loadOrganizations } from '../src/tenants.js';
import { startSandboxProcess, type StartedProcess } from './helpers/processes.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'sandbox-crash-'));
const servers: StartedProcess[] = [];
after(async () => {
  // A round that failed before its kill leaves its server running.
  await Promise.all(servers.map((server) => server.stop('SIGKILL')));
  rmSync(dataDir, { recursive: true, force: true });
});

const HEADERS = { apikey: 'demo-apikey', 'X-ClientID': '00970', 'Content-Type': 'application/json' };
const CLIENTS = 16;
const ROUNDS = 3;

/** The sandbox over the same directory each round; relaxed auth and no rate limit, so the burst is all adds. */
async function startServer(): Promise<StartedProcess> {
  const server = await startSandboxProcess({ DATA_DIR: dataDir, SANDBOX_AUTH: 'relaxed', RATE_LIMIT_PER_MINUTE: '1000000' });
  servers.push(server);
  return server;
}

/** Adds customers from CLIENTS concurrent loops until the server stops answering; answers the numbers acknowledged. */
async function burst(base: string, round: number, onFirstAck: () => void): Promise<string[]> {
  const acknowledged: string[] = [];
  let i = 0;
  const client = async () => {
    for (;;) {
      const body = JSON.stringify({ customerData: { ownerCoOwnerData: { ownerData: { lastName: `KILLED R${round} N${i++}` } } } });
      let res: Response;
      try {
        res = await fetch(`${base}/customer`, { method: 'POST', headers: HEADERS, body });
      } catch {
        return; // the process is gone
      }
      if (res.status === 201) {
        const { data } = (await res.json()) as { data: { customerNumber: string } };
        acknowledged.push(data.customerNumber);
        if (acknowledged.length === 1) onFirstAck();
      } else {
        await res.body?.cancel();
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return acknowledged;
}

/** Opens the data directory as the next start would, and answers which of `numbers` are missing. */
async function missingAfterRestart(numbers: string[]): Promise<string[]> {
  const store = openStore({ dataDir, seeder: seederFor({ seed: DEFAULT_SEED, organizations: loadOrganizations(), today: () => '2026-11-24' }), logger: silent });
  const tenant = await store.tenant('demo-apikey');
  const missing = numbers.filter((n) => !tenant.customer(n));
  await store.close();
  return missing;
}

const silent = { info() {}, warn() {}, error() {} };

describe('a sandbox process killed mid-burst', () => {
  it('when killed with SIGKILL during concurrent adds, then every add answered 201 is there after the restart (3 rounds)', async () => {
    const everAcknowledged: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const server = await startServer();
      // Killed a little later each round, so the kill lands at different points of the journal's writes.
      const acknowledged = await burst(server.url, round, () => setTimeout(() => server.stop('SIGKILL'), 100 * round));
      await server.exited;
      assert.ok(acknowledged.length > 0, `round ${round}: some adds were answered before the kill`);
      const repeated = acknowledged.filter((n) => everAcknowledged.includes(n));
      assert.deepEqual(repeated, [], `round ${round}: customer numbers handed out twice`);
      everAcknowledged.push(...acknowledged);
      assert.deepEqual(await missingAfterRestart(everAcknowledged), [], `round ${round}: acknowledged adds missing after the restart`);
    }
  });
});
