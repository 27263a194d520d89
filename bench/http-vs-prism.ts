// The sandbox over HTTP next to Prism's static mock of the same contract, both measured in this
// run on this machine: requests per second, p50/p99 latency and memory, with the ratios.
// The sandbox does more per call (access control, contract checks both ways, real data); Prism
// only invents an answer from the schema. Run: npm run bench:http
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const CONCURRENCY = 16;
const REQUESTS = Number(process.env.HTTP_BENCH_REQUESTS ?? 4000);
const SANDBOX_PORT = 18600 + Math.floor(Math.random() * 200);
const PRISM_PORT = SANDBOX_PORT + 300;

function start(command: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ child: ChildProcess; log: () => string }> {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (ready.test(log)) {
        clearInterval(timer);
        resolve({ child, log: () => log });
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`${command} exited:\n${log}`));
      }
    }, 100);
  });
}

/** Resident memory of a process in MiB, from /proc. */
function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

async function load(url: string, init: RequestInit): Promise<{ rps: number; p50: number; p99: number; failures: number }> {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        next++;
        const t0 = performance.now();
        const res = await fetch(url, init);
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (!res.ok) failures++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99), failures };
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-http-'));
  const sandbox = await start(process.execPath, ['--import', 'tsx', 'src/server.ts'], { PORT: String(SANDBOX_PORT), DATA_DIR: dataDir, LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '10000000' }, /sandbox listening/);
  const prism = await start('node_modules/.bin/prism', ['mock', 'openapi.yaml', '-p', String(PRISM_PORT), '-h', '127.0.0.1'], {}, /Prism is listening/);
  try {
    const base = `http://127.0.0.1:${SANDBOX_PORT}`;
    const token = await fetch(`${base}/token`, {
      method: 'POST',
      headers: { apikey: 'demo-apikey', Authorization: `Basic ${Buffer.from('demo-apikey:demo-secret').toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    const headers = { apikey: 'demo-apikey', 'X-ClientID': '00970', Authorization: `Bearer ${token.access_token}`, 'Content-Type': 'application/json' };
    const calls: [string, string, string, string?][] = [
      ['demographicData', 'POST', '/customer/demographicData', '{"customerAccountCardNumber": "4597000000000000001", "numberType": 1, "organizationNumber": 970}'],
      ['accountNumber (45 accounts, page 1)', 'POST', '/customer/accountNumber', '{"customerNumber": "4597000000000000002", "organizationNumber": 970}'],
      ['details-l8v4', 'POST', '/customer/details-l8v4', '{"customerNumber": 4513074002573466600, "functionCode": "", "organizationNumber": 807}'],
      ['lookup by last name prefix', 'POST', '/customer/lookup', '{"numberOfRecords": 20, "primarySearchData": {"lastBusinessName": "GA*"}}'],
      ['current-prior-address', 'GET', '/customer/8970401000000001/current-prior-address'],
    ];
    // Warm both up (first calls compile validators and load the tenant).
    for (const [, method, url, body] of calls) {
      await fetch(base + url, { method, headers, body });
      await fetch(`http://127.0.0.1:${PRISM_PORT}${url}`, { method, headers, body });
    }
    console.log(`${REQUESTS} requests per call, ${CONCURRENCY} concurrent clients, on ${(await import('node:os')).cpus().length} cores\n`);
    console.log('call'.padEnd(38), 'sandbox req/s  p50 ms  p99 ms | prism req/s  p50 ms  p99 ms | speed ratio');
    for (const [name, method, url, body] of calls) {
      const ours = await load(base + url, { method, headers, body });
      const theirs = await load(`http://127.0.0.1:${PRISM_PORT}${url}`, { method, headers, body });
      if (ours.failures > 0) throw new Error(`${name}: ${ours.failures} sandbox requests failed`);
      const f = (n: number, w: number) => n.toFixed(n >= 100 ? 0 : 1).padStart(w);
      console.log(
        name.padEnd(38),
        f(ours.rps, 13), f(ours.p50, 7), f(ours.p99, 7), '|', f(theirs.rps, 11), f(theirs.p50, 7), f(theirs.p99, 7), '|', `${(ours.rps / theirs.rps).toFixed(2)}x`,
      );
    }
    const ourRss = rssMiB(sandbox.child.pid!);
    const theirRss = rssMiB(prism.child.pid!);
    console.log(`\nmemory after the run: sandbox ${ourRss.toFixed(0)} MiB (one seeded tenant loaded), prism ${theirRss.toFixed(0)} MiB, ratio ${(ourRss / theirRss).toFixed(2)}`);
  } finally {
    sandbox.child.kill('SIGTERM');
    prism.child.kill('SIGTERM');
    await sleep(300);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
