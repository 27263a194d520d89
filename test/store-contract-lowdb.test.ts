// The store contract against the embedded adapter: a lowdb snapshot and a journal per tenant.
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore } from '../src/store/open-store.js';
import { contractSeeder, storeContract } from './store-contract.js';

const silent = { info() {}, warn() {}, error() {} };

storeContract('lowdb snapshot + journal', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'store-contract-'));
  return {
    open: () => openStore({ dataDir, seeder: contractSeeder, logger: silent, fsync: false, compactMinBytes: 64 * 1024 }),
    // A process killed in the middle of a journal write leaves part of a line, never acknowledged.
    tearLastWrite: (tenantId) => appendFile(path.join(dataDir, `${tenantId}.journal.jsonl`), '{"id":"torn","seq":'),
    cleanUp: () => rm(dataDir, { recursive: true, force: true }),
  };
}, { durable: true });
