// Many tenants driven through the Store directly (no HTTP): the store creates each one with a small
// seeded builder (one seeded tenant, copied), then concurrent clients add customers, first to
// tenants picked among all (most adds find their tenant out of memory and load it while others
// leave), then to tenants picked among those in memory.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SEED, today } from '../../src/config.js';
import { RequestJournal } from '../../src/http/request-journal.js';
import { createLogger } from '../../src/logger.js';
import { addCustomer } from '../../src/operations/add-customer.js';
import type { OperationContext, OperationInput } from '../../src/operations/types.js';
import { buildTenantData } from '../../src/seed/build-tenant.js';
import { openStore } from '../../src/store/open-store.js';
import { loadOrganizations, loadTenants } from '../../src/tenants.js';
import { percentile } from './server-process.js';

export interface AddRun {
  adds: number;
  seconds: number;
  p50: number;
  p99: number;
}

export interface ManyTenantsResult {
  createSeconds: number;
  diskMb: number;
  /** Adds to tenants picked among all: most load their tenant first. */
  cold: AddRun;
  /** Adds to tenants picked among those in memory. */
  warm: AddRun;
  openAfter: number;
  rssMb: number;
  /** Heap in use after a full collection (when run with --expose-gc). */
  heapMb: number;
  closeSeconds: number;
}

/** Runs `work(i)` for i < count with `clients` running at once. */
async function pool(clients: number, count: number, work: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next < count) await work(next++);
  }));
}

const tenantId = (i: number) => `bench-${String(i).padStart(4, '0')}`;

export async function manyTenants(options: {
  dataDir: string;
  tenants: number;
  customers: number;
  maxOpen: number;
  clients: number;
  coldAdds: number;
  warmAdds: number;
}): Promise<ManyTenantsResult> {
  const organizations = loadOrganizations();
  const day = today();
  const template = buildTenantData(DEFAULT_SEED, organizations, day, { customers: options.customers });
  const store = openStore({
    dataDir: options.dataDir,
    logger: createLogger('error'),
    seeder: () => structuredClone(template),
    maxOpenTenants: options.maxOpen,
    idleMs: 0,
  });

  let started = performance.now();
  await pool(options.clients, options.tenants, async (i) => void (await store.tenant(tenantId(i))));
  const createSeconds = (performance.now() - started) / 1000;
  const diskMb = readdirSync(options.dataDir).reduce((sum, f) => sum + statSync(path.join(options.dataDir, f)).size, 0) / 2 ** 20;

  const demo = loadTenants()[0];
  // The handler is called directly, so there are no requests to record.
  const noJournal = new RequestJournal(0);
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const addRun = async (adds: number, pick: () => number): Promise<AddRun> => {
    const latencies: number[] = [];
    const started = performance.now();
    await pool(options.clients, adds, async (n) => {
      const id = tenantId(pick());
      const t = performance.now();
      const ctx: OperationContext = {
        tenant: { ...demo, apikey: id, name: id },
        knownOrganizations: organizations,
        organizations,
        store: await store.tenant(id),
        today: day,
        realToday: day,
        resetTenant: () => store.reset(id),
        importTenant: (data) => store.replace(id, data),
        requests: noJournal.forTenant(id),
      };
      const body = { customerData: { ownerCoOwnerData: { ownerData: { firstName: 'BENCH', lastName: `MANY ${n}` } } } };
      await addCustomer({ body, path: {}, query: {} } as unknown as OperationInput<'addCustomer'>, ctx);
      latencies.push(performance.now() - t);
    });
    return { adds: latencies.length, seconds: (performance.now() - started) / 1000, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  };
  const picked: number[] = [];
  const cold = await addRun(options.coldAdds, () => picked[picked.push(Math.floor(random() * options.tenants)) - 1]);
  // The tenants the cold run touched last are the ones still in memory.
  const warmIds = [...new Set(picked.reverse())].slice(0, Math.min(50, options.maxOpen / 2));
  const warm = await addRun(options.warmAdds, () => warmIds[Math.floor(random() * warmIds.length)]);
  const openAfter = store.openTenants ?? 0;
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  (globalThis as { gc?: () => void }).gc?.();
  const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
  started = performance.now();
  await store.close();
  return { createSeconds, diskMb, cold, warm, openAfter, rssMb, heapMb, closeSeconds: (performance.now() - started) / 1000 };
}
