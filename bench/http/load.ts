// The load generator: autocannon in a process of its own, never in a server's. The parent hands
// it runs as lines of JSON on stdin, one at a time; for each it warms up, prints `measure-start`,
// measures, prints `measure-end` and then one line of JSON (LoadResult). It stays up between runs
// (a benchmark makes hundreds of short ones) and ends when stdin closes. Its own CPU use is
// measured over the measured part, so the parent can tell when the generator, not the server,
// was the limit.
import autocannon, { type Options, type RequestParams } from 'autocannon';
import { createInterface } from 'node:readline';

export interface LoadSpec {
  url: string;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  /** Sent in turn on every connection. */
  requests: { method: string; path: string; headers: Record<string, string>; body?: string; numbered?: boolean }[];
}

export interface LoadResult {
  seconds: number;
  responses: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** The latency of every 2xx answer to a request sent while measuring, in milliseconds (rounded to microseconds), for percentiles over several runs. */
  latencies: number[];
  /** CPU the generator used over the measured part, as a share of one core (1 = a whole core). */
  cpuShare: number;
}

let counter = 0;

function options(spec: LoadSpec, seconds: number): Options {
  return {
    url: spec.url,
    connections: spec.connections,
    duration: seconds,
    timeout: 30,
    requests: spec.requests.map(({ numbered, ...request }) => ({
      ...request,
      // Each add carries a new last name; the counter is shared by all connections.
      ...(numbered ? { setupRequest: (r: RequestParams) => ({ ...r, body: request.body!.replace('__N__', String(++counter)) }) } : {}),
    })),
  };
}

async function run(spec: LoadSpec) {
  // One autocannon run for the warm-up and the measured part, so the measured part keeps the
  // warm-up's connections: fresh ones would all send at once, and in a one-second run that burst
  // alone made the slowest 1 % (p99 of 100-300 ms that no steady state has).
  const instance = autocannon(options(spec, spec.warmupSeconds + spec.seconds));
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let measuring = false;
  let errors = 0;
  let timeouts = 0;
  let cpuBefore = process.cpuUsage();
  let started = performance.now();
  const startMeasuring = () => {
    process.stdout.write('measure-start\n');
    measuring = true;
    cpuBefore = process.cpuUsage();
    started = performance.now();
  };
  if (spec.warmupSeconds > 0) setTimeout(startMeasuring, spec.warmupSeconds * 1000);
  else startMeasuring();
  let ok = 0;
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (!measuring) return;
    statusCodes[status] = (statusCodes[status] ?? 0) + 1;
    if (status < 200 || status > 299) return;
    ok++;
    // Latency counts the requests sent while measuring: one sent during the warm-up and answered
    // after it is the warm-up's (Prism takes over a second to answer its first fifty).
    if (performance.now() - ms >= started) latencies.push(Math.round(ms * 1000) / 1000);
  });
  instance.on('reqError', (error: Error) => {
    if (!measuring) return;
    errors++;
    if (error.message === 'request timed out') timeouts++;
  });
  await instance;
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  process.stdout.write('measure-end\n');

  const responses = Object.values(statusCodes).reduce((sum, n) => sum + n, 0);
  const out: LoadResult = {
    seconds: wallMs / 1000,
    responses,
    ok,
    non2xx: responses - ok,
    errors,
    timeouts,
    statusCodes,
    latencies,
    cpuShare: (cpu.user + cpu.system) / 1000 / wallMs,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

for await (const line of createInterface({ input: process.stdin })) await run(JSON.parse(line) as LoadSpec);
