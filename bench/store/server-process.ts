// A sandbox server in a child process, as the store benchmark drives it: how long it takes to
// listen, how much memory it holds, and adds from concurrent clients over HTTP.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';

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
  // A compiled entry (.js) runs on plain node, as `npm start` runs it; a .ts one through tsx.
  const nodeArgs = entry.endsWith('.js') ? [entry, ...args] : ['--import', 'tsx', entry, ...args];
  const child: ChildProcess = spawn(process.execPath, nodeArgs, {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', SANDBOX_AUTH: 'relaxed', RATE_LIMIT_PER_MINUTE: '1000000000', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = once(child, 'exit');
  let log = '';
  const base = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (d) => {
      log = (log + d).slice(-4000);
      const m = /"url":"(http:\/\/[^"]+)"/.exec(log);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code, signal) => reject(new Error(`${entry} exited (${code ?? signal}):\n${log.slice(-2000)}`)));
  });
  const startMs = performance.now() - started;
  return {
    base,
    startMs,
    rssMb: () => statusMb(child, 'VmRSS'),
    peakRssMb: () => statusMb(child, 'VmHWM'),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(timer);
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

export const HEADERS = { apikey: 'demo-apikey', 'X-ClientID': '00970', 'Content-Type': 'application/json' };

export interface LoadResult {
  adds: number;
  failures: number;
  seconds: number;
  latenciesMs: number[];
}

/** `clients` loops adding customers until `count` are answered or `seconds` have passed. */
export async function addLoad(base: string, options: { clients: number; count: number; seconds: number; tag: string }): Promise<LoadResult> {
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
        const res = await fetch(`${base}/customer`, { method: 'POST', headers: HEADERS, body, signal: abort.signal });
        await res.arrayBuffer();
        if (res.status === 201) latenciesMs.push(performance.now() - t);
        else failures++;
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
  return { adds: latenciesMs.length, failures, seconds, latenciesMs };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
