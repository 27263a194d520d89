// npm run bench:store — what a write costs as a tenant grows, and how the store copes with many
// tenants. For 1 000, 10 000 and 100 000 customers in one tenant, 16 concurrent clients add
// customers over HTTP to a real sandbox process, and the same to the baseline: the sandbox over
// lowdb used the plain way (the whole file rewritten on every write), measured in the same run.
// Then 1 000 tenants of 1 000 customers each, driven through the Store directly.
// Knobs: BENCH_STORE_SIZES (1000,10000,100000), BENCH_STORE_ADDS (3000), BENCH_STORE_SECONDS (15),
// BENCH_STORE_TENANTS (1000), BENCH_STORE_TENANT_CUSTOMERS (1000), BENCH_STORE_COLD_ADDS (300).
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_SEED, today } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { buildTenantData } from '../src/seed/build-tenant.js';
import { seederFor } from '../src/seed/seeder.js';
import { openStore } from '../src/store/open-store.js';
import { loadOrganizations } from '../src/tenants.js';
import { manyTenants, type AddRun } from './store/many-tenants.js';
import { addLoad, HEADERS, percentile, startServer, type ServerProcess } from './store/server-process.js';

const list = (name: string, fallback: string) => (process.env[name] ?? fallback).split(',').filter(Boolean).map(Number);
const SIZES = list('BENCH_STORE_SIZES', '1000,10000,100000');
const ADDS = Number(process.env.BENCH_STORE_ADDS ?? 3000);
const SECONDS = Number(process.env.BENCH_STORE_SECONDS ?? 15);
const TENANTS = Number(process.env.BENCH_STORE_TENANTS ?? 1000);
const TENANT_CUSTOMERS = Number(process.env.BENCH_STORE_TENANT_CUSTOMERS ?? 1000);
const COLD_ADDS = Number(process.env.BENCH_STORE_COLD_ADDS ?? 300);
const CLIENTS = 16;
const TARGETS: Record<number, number> = { 10_000: 500, 100_000: 300 };

const root = mkdtempSync(path.join(os.tmpdir(), 'bench-store-'));
process.on('exit', () => rmSync(root, { recursive: true, force: true }));

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–');
const row = (cells: (string | number)[], widths: number[]) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');

console.log(`store benchmark: ${CLIENTS} concurrent clients over HTTP, fsync on, up to ${fmt(ADDS)} adds or ${SECONDS} s per run`);
console.log(`${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${fmt(os.totalmem() / 2 ** 30, 1)} GB, Node ${process.version}\n`);

const WIDTHS = [28, 9, 8, 9, 8, 8, 10, 9, 9];
console.log(row(['store', 'customers', 'adds', 'adds/s', 'p50 ms', 'p99 ms', 'start ms', 'load ms', 'RSS MB'], WIDTHS));

/** Writes a tenant of `customers` customers as the sandbox keeps it, and answers its file. */
async function prepareTenant(customers: number, dataDir: string): Promise<string> {
  const organizations = loadOrganizations();
  const store = openStore({ dataDir, seeder: seederFor({ seed: DEFAULT_SEED, organizations, today }), logger: createLogger('error') });
  await store.replace('demo-apikey', buildTenantData(DEFAULT_SEED, organizations, today(), { customers }), 'prepared');
  await store.close();
  return path.join(dataDir, 'demo-apikey.json');
}

async function measure(label: string, entry: string, dataDir: string, customers: number) {
  let server: ServerProcess | undefined;
  try {
    server = await startServer(entry, { DATA_DIR: dataDir });
    let t = performance.now();
    const fixtures = await fetch(`${server.base}/sandbox/fixtures`, { headers: HEADERS });
    if (fixtures.status !== 200) throw new Error(`the tenant did not load: ${fixtures.status} ${await fixtures.text()}`);
    const loadMs = performance.now() - t;
    // One add first, so the contract validator has compiled the route before the clock runs.
    await addLoad(server.base, { clients: 1, count: 1, seconds: 120, tag: 'WARM' });
    t = performance.now();
    const result = await addLoad(server.base, { clients: CLIENTS, count: ADDS, seconds: SECONDS, tag: label.slice(0, 8).toUpperCase() });
    const rate = result.adds / result.seconds;
    const failures = result.failures > 0 ? `  (${result.failures} failed)` : '';
    console.log(
      row([label, fmt(customers), fmt(result.adds), fmt(rate, 1), fmt(percentile(result.latenciesMs, 50), 1), fmt(percentile(result.latenciesMs, 99), 1), fmt(server.startMs), fmt(loadMs), fmt(server.rssMb())], WIDTHS) + failures,
    );
    return rate;
  } catch (err) {
    console.log(row([label, fmt(customers), 'failed:', (err as Error).message.split('\n')[0].slice(0, 80)], [28, 9, 8, 0]));
    return NaN;
  } finally {
    await server?.stop();
  }
}

const verdicts: string[] = [];
for (const customers of SIZES) {
  const ours = path.join(root, `journal-${customers}`);
  const naive = path.join(root, `naive-${customers}`);
  mkdirSync(naive, { recursive: true });
  copyFileSync(await prepareTenant(customers, ours), path.join(naive, 'demo-apikey.json'));
  const rate = await measure('journal + snapshot (ours)', 'src/server.ts', ours, customers);
  await measure('whole-file rewrite (lowdb)', 'bench/store/naive-server.ts', naive, customers);
  rmSync(ours, { recursive: true, force: true });
  rmSync(naive, { recursive: true, force: true });
  const target = TARGETS[customers];
  if (target) verdicts.push(`target ≥ ${target} adds/s at ${fmt(customers)} customers: ${rate >= target ? 'met' : 'NOT met'} (${fmt(rate, 1)})`);
}
console.log(`\n${verdicts.join('\n')}`);

if (TENANTS > 0) {
  const dataDir = path.join(root, 'many');
  mkdirSync(dataDir);
  const maxOpen = 100;
  console.log(`\n${fmt(TENANTS)} tenants × ${fmt(TENANT_CUSTOMERS)} customers through the Store (at most ${maxOpen} in memory), ${CLIENTS} concurrent clients adding to tenants picked at random`);
  const many = await manyTenants({ dataDir, tenants: TENANTS, customers: TENANT_CUSTOMERS, maxOpen, clients: CLIENTS, coldAdds: COLD_ADDS, warmAdds: ADDS });
  const run = (r: AddRun) => `${fmt(r.adds)} adds in ${fmt(r.seconds, 1)} s: ${fmt(r.adds / r.seconds, 1)} adds/s, p50 ${fmt(r.p50, 1)} ms, p99 ${fmt(r.p99, 1)} ms`;
  console.log(`  created by the store in ${fmt(many.createSeconds, 1)} s (${fmt(TENANTS / many.createSeconds, 1)} tenants/s), ${fmt(many.diskMb)} MB on disk`);
  console.log(`  to tenants picked among all ${fmt(TENANTS)} (most load theirs first): ${run(many.cold)}`);
  console.log(`  to tenants picked among ${fmt(Math.min(50, maxOpen / 2))} in memory: ${run(many.warm)}`);
  console.log(
    `  after: ${many.openAfter} tenants in memory, process RSS ${fmt(many.rssMb)} MB, heap ${fmt(many.heapMb)} MB after GC; closing (compacting them) took ${fmt(many.closeSeconds, 1)} s`,
  );

  // Start-up reads no tenant file: the same with none on disk as with all of them.
  const empty = path.join(root, 'empty');
  mkdirSync(empty);
  const startups: string[] = [];
  for (const [what, dir] of [['no tenant files', empty], [`${fmt(TENANTS)} tenant files`, dataDir]] as const) {
    const server = await startServer('src/server.ts', { DATA_DIR: dir });
    startups.push(`${what}: listening in ${fmt(server.startMs)} ms, RSS ${fmt(server.rssMb())} MB`);
    if (dir === dataDir) {
      const t = performance.now();
      const res = await fetch(`${server.base}/sandbox/fixtures`, { headers: { ...HEADERS, apikey: 'demo-apikey' } });
      await res.arrayBuffer();
      startups.push(`first request of a tenant seeded on demand: ${fmt(performance.now() - t)} ms`);
    }
    await server.stop();
  }
  console.log(`  sandbox start-up over a data directory with ${startups.join('; ')}`);
}
