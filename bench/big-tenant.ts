// npm run bench:bigtenant — a tenant of 100 000 customers loading in a sandbox process: how long
// its first call waits, how long /health and another tenant's calls wait meanwhile, and the
// process's peak memory. The same file is loaded, in the same run, by this sandbox and by the
// sandbox as it was before loading in slices (commit d6d78f6, taken from git).
// Knobs: BENCH_BIG_CUSTOMERS (100000), BENCH_BIG_BASELINE (d6d78f6; empty to skip it).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_SEED, today } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { buildTenantData } from '../src/seed/build-tenant.js';
import { seederFor } from '../src/seed/seeder.js';
import { openStore } from '../src/store/open-store.js';
import { loadOrganizations } from '../src/tenants.js';
import { keepCalling, startServer, type ServerProcess } from './store/server-process.js';

const CUSTOMERS = Number(process.env.BENCH_BIG_CUSTOMERS ?? 100_000);
const BASELINE = process.env.BENCH_BIG_BASELINE ?? 'd6d78f6';
const repo = path.resolve(import.meta.dirname, '..');
const root = mkdtempSync(path.join(os.tmpdir(), 'bench-bigtenant-'));
process.on('exit', () => rmSync(root, { recursive: true, force: true }));

const BIG = { apikey: 'demo-apikey', 'X-ClientID': '00970', 'Content-Type': 'application/json' };
const OTHER = { apikey: 'partner-apikey', 'X-ClientID': '00970', 'Content-Type': 'application/json' };

interface Figures {
  firstAnswerS: number;
  healthMaxMs: number;
  healthCalls: string;
  otherMaxMs: number;
  otherCalls: string;
  peakRssMb: number;
}

async function measure(entry: string, dataDir: string): Promise<Figures> {
  let server: ServerProcess | undefined;
  try {
    server = await startServer(entry, { DATA_DIR: dataDir, TENANT_IDLE_SECONDS: '3600' });
    const base = server.base;
    // The other tenant is in memory first: what is measured is whether the big one holds it up.
    const other = () => fetch(`${base}/sandbox/fixtures`, { headers: OTHER });
    await (await other()).arrayBuffer();
    const health = keepCalling(() => fetch(`${base}/health`));
    const others = keepCalling(other);
    const started = performance.now();
    const first = await fetch(`${base}/sandbox/fixtures`, { headers: BIG });
    await first.arrayBuffer();
    if (first.status !== 200) throw new Error(`the big tenant answered ${first.status}`);
    const firstAnswerS = (performance.now() - started) / 1000;
    const h = await health();
    const o = await others();
    return { firstAnswerS, healthMaxMs: h.longest, healthCalls: h.calls + (h.failed ? `, ${h.failed} failed` : ''), otherMaxMs: o.longest, otherCalls: o.calls + (o.failed ? `, ${o.failed} failed` : ''), peakRssMb: server.peakRssMb() };
  } finally {
    await server?.stop();
  }
}

/** The sandbox of an earlier commit, unpacked beside this one and sharing its node_modules. */
function baselineEntry(commit: string): string {
  const dir = path.join(root, `baseline-${commit}`);
  mkdirSync(dir);
  const archive = execFileSync('git', ['-C', repo, 'archive', '--format=tar', commit, 'src', 'fixtures', 'openapi.yaml', 'package.json'], { maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'));
  return path.join(dir, 'src', 'server.ts');
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
console.log(`big tenant benchmark: one tenant of ${fmt(CUSTOMERS)} customers loaded on its first call, /health and another tenant called meanwhile`);
console.log(`${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${fmt(os.totalmem() / 2 ** 30, 1)} GB, Node ${process.version}\n`);

let started = performance.now();
const organizations = loadOrganizations();
const dataDir = path.join(root, 'data');
const store = openStore({ dataDir, seeder: seederFor({ seed: DEFAULT_SEED, organizations, today }), logger: createLogger('error'), fsync: false });
await store.replace('demo-apikey', buildTenantData(DEFAULT_SEED, organizations, today(), { customers: CUSTOMERS }), 'prepared');
await store.close();
const snapshotMb = (await import('node:fs')).statSync(path.join(dataDir, 'demo-apikey.json')).size / 2 ** 20;
console.log(`prepared the tenant in ${fmt((performance.now() - started) / 1000, 1)} s: a snapshot of ${fmt(snapshotMb)} MB\n`);

const WIDTHS = [24, 14, 16, 16, 14];
const row = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(WIDTHS[i]) : c.padStart(WIDTHS[i]))).join('  ');
console.log(row(['sandbox', 'first answer s', 'max /health ms', 'max other ms', 'peak RSS MB']));
const runs: [string, () => string][] = [['this one', () => path.join(repo, 'src', 'server.ts')]];
if (BASELINE) runs.push([`before (${BASELINE})`, () => baselineEntry(BASELINE)]);
for (const [label, entry] of runs) {
  started = performance.now();
  const copy = path.join(root, `data-${runs.findIndex((r) => r[0] === label)}`);
  cpSync(dataDir, copy, { recursive: true });
  try {
    const f = await measure(entry(), copy);
    console.log(row([label, fmt(f.firstAnswerS, 1), `${fmt(f.healthMaxMs)} (${f.healthCalls})`, `${fmt(f.otherMaxMs)} (${f.otherCalls})`, fmt(f.peakRssMb)]));
  } catch (err) {
    console.log(row([label, `failed: ${(err as Error).message.split('\n')[0].slice(0, 90)}`]));
  }
}
console.log('\n(in brackets: how many calls were answered while the big tenant loaded)');
