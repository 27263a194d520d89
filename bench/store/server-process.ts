// A sandbox server in a child process, as the store benchmark drives it: how long it takes to
// listen, how much memory it holds, and adds from concurrent clients over HTTP.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startSandboxProcess } from '../../test/helpers/processes.js';

export interface ServerProcess {
  base: string;
  /** Milliseconds from spawn to listening. */
  startMs: number;
  rssMb(): number;
  /** The most memory the process has held since it started (VmHWM). */
  peakRssMb(): number;
  stop(): Promise<void>;
}

export async function startServer(entry: string, env: Record<string, string>, args: string[] = []): Promise<ServerProcess> {
  const started = performance.now();
  // Relaxed auth and no practical rate limit: the load measures the store, not the gate in front of it.
  // Only the tail of the log is kept, as the server logs every add.
  const server = await startSandboxProcess({ SANDBOX_AUTH: 'relaxed', RATE_LIMIT_PER_MINUTE: '1000000000', ...env }, { entry, args, logLimit: 4000 });
  const startMs = performance.now() - started;
  return {
    base: server.url,
    startMs,
    rssMb: () => statusMb(server.child, 'VmRSS'),
    peakRssMb: () => statusMb(server.child, 'VmHWM'),
    stop: async () => {
      await server.stop();
    },
  };
}

function statusMb(child: ChildProcess, field: string): number {
  try {
    const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]);
    return kb / 1024;
  } catch {
    return NaN;
  }
}

/**
 * Calls `call` every 50 ms (one at a time) until stopped; answers the longest wait, how many calls
 * were answered and how many failed. A call that fails still counts for how long it waited.
 */
export function keepCalling(call: () => Promise<Response>) {
  let stopped = false;
  let longest = 0;
  let calls = 0;
  let failed = 0;
  const running = (async () => {
    while (!stopped) {
      const started = performance.now();
      try {
        const res = await call();
        await res.arrayBuffer();
        if (res.status === 200) calls++;
        else failed++;
      } catch {
        failed++;
      }
      longest = Math.max(longest, performance.now() - started);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return async () => {
    stopped = true;
    await running;
    return { longest, calls, failed };
  };
}

export const HEADERS = { apikey: 'demo-apikey', 'X-ClientID': '00970', 'Content-Type': 'application/json' };

export interface LoadResult {
  adds: number;
  failures: number;
  seconds: number;
  latenciesMs: number[];
  /** Every add answered 201: the customer it created and which of the bases answered it. */
  added: { organizationNumber: number; customerNumber: string; via: number }[];
  /** How many adds were answered with each status other than 201. */
  refused: Record<number, number>;
}

/**
 * `clients` loops adding customers until `count` are answered or `seconds` have passed. Given
 * several bases (instances over one database), the adds go to each in turn.
 */
export async function addLoad(base: string | string[], options: { clients: number; count: number; seconds: number; tag: string }): Promise<LoadResult> {
  const bases = typeof base === 'string' ? [base] : base;
  const added: LoadResult['added'] = [];
  const refused: LoadResult['refused'] = {};
  const latenciesMs: number[] = [];
  let issued = 0;
  let failures = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  // Adds still running at the deadline are abandoned, so a slow store cannot finish on borrowed time.
  const running = new Set<AbortController>();
  let stopped = false;
  const timer = setTimeout(() => {
    stopped = true;
    for (const c of running) c.abort();
  }, options.seconds * 1000);
  const client = async () => {
    while (issued < options.count && !stopped) {
      const n = issued++;
      const body = JSON.stringify({
        customerData: {
          ownerCoOwnerData: {
            ownerData: { firstName: 'BENCH', lastName: `${options.tag} ${n}`, dateOfBirth: '1985-03-14', houseAddress1: 'AV CORRIENTES 1234', city: 'CORDOBA', state: 'CB', countryCode: 'ARG', homePhoneNumber: '351-555-0101' },
          },
        },
      });
      const t = performance.now();
      const abort = new AbortController();
      running.add(abort);
      try {
        const via = n % bases.length;
        const res = await fetch(`${bases[via]}/customer`, { method: 'POST', headers: HEADERS, body, signal: abort.signal });
        const text = await res.text();
        if (res.status === 201) {
          latenciesMs.push(performance.now() - t);
          const { organizationNumber, customerNumber } = (JSON.parse(text) as { data: LoadResult['added'][number] }).data;
          added.push({ organizationNumber, customerNumber, via });
        } else {
          failures++;
          refused[res.status] = (refused[res.status] ?? 0) + 1;
        }
      } catch (err) {
        if (!stopped) throw err;
      } finally {
        running.delete(abort);
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
  clearTimeout(timer);
  const seconds = Math.min(performance.now(), deadline) / 1000 - started / 1000;
  return { adds: latenciesMs.length, failures, seconds, latenciesMs, added, refused };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
