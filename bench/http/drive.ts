// Drives one server with one load run: the load generator (load.ts) in a child process, kept
// between runs, and the server's own CPU use read from /proc over exactly the measured part.
// `driveInTurns` measures several servers in short alternating runs, so that a shared host's
// swings in speed (its speed has halved from one 2-second run to the next) fall on every server
// alike instead of on whichever ran in the slow moment.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { LoadResult, LoadSpec } from './load.js';
import { cpuSeconds, machineBusySeconds, ROOT } from './processes.js';

export type { LoadResult, LoadSpec };

export interface DriveResult extends Omit<LoadResult, 'latencies'> {
  /** Latency percentiles of the 2xx answers, in milliseconds. */
  p50: number;
  p99: number;
  /** CPU the server (with its children) used over the measured part, as a share of one core. */
  serverCpuShare: number;
  /** performance.now() in this process when the measured part began and ended. */
  measuredFrom: number;
  measuredTo: number;
  /** CPU every other process on the machine used meanwhile (other people's work), in cores. */
  otherCpuShare: number;
}

/** One run's figures before they are summed up: the latencies themselves, so percentiles can span runs. */
interface RunResult extends LoadResult {
  serverCpuShare: number;
  measuredFrom: number;
  measuredTo: number;
  otherCpuShare: number;
}

function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Several runs of one server as one: counts added up, CPU shares weighted by time, percentiles over every answer. */
function summed(runs: readonly RunResult[]): DriveResult {
  const seconds = runs.reduce((sum, r) => sum + r.seconds, 0);
  const add = (field: 'responses' | 'ok' | 'non2xx' | 'errors' | 'timeouts') => runs.reduce((sum, r) => sum + r[field], 0);
  const share = (field: 'cpuShare' | 'serverCpuShare' | 'otherCpuShare') => runs.reduce((sum, r) => sum + r[field] * r.seconds, 0) / seconds;
  const statusCodes: Record<string, number> = {};
  for (const r of runs) for (const [code, n] of Object.entries(r.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + n;
  const sorted = Float64Array.from(runs.flatMap((r) => r.latencies)).sort();
  return {
    seconds,
    responses: add('responses'),
    ok: add('ok'),
    non2xx: add('non2xx'),
    errors: add('errors'),
    timeouts: add('timeouts'),
    statusCodes,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    cpuShare: share('cpuShare'),
    serverCpuShare: share('serverCpuShare'),
    otherCpuShare: share('otherCpuShare'),
    measuredFrom: runs[0].measuredFrom,
    measuredTo: runs.at(-1)!.measuredTo,
  };
}

export interface Turns {
  /** Runs per server: each gets `seconds / rounds` of measuring, the first after the full warm-up. */
  rounds: number;
  /** The warm-up before each later run: its connections are opened and busy before measuring starts (the server is warm by then). */
  rewarmSeconds: number;
}

/**
 * Measures each server for `spec.seconds` in all, in `rounds` runs that take turns (the order
 * turning by one each round, so no server always follows the same one), and sums each server's
 * runs. `onRun` hears of each run as it ends.
 */
export async function driveInTurns<Name extends string>(
  servers: readonly { name: Name; pid: number; base: string; exited(): boolean }[],
  spec: Omit<LoadSpec, 'url'>,
  turns: Turns,
  onRun?: (name: Name, round: number, result: DriveResult) => void,
): Promise<Map<Name, DriveResult>> {
  const runs = new Map<Name, RunResult[]>(servers.map((s) => [s.name, []]));
  for (let round = 0; round < turns.rounds; round++) {
    for (let k = 0; k < servers.length; k++) {
      const server = servers[(k + round) % servers.length];
      const run = await driveOnce(server.pid, {
        ...spec,
        url: server.base,
        seconds: spec.seconds / turns.rounds,
        warmupSeconds: round === 0 ? spec.warmupSeconds : turns.rewarmSeconds,
      });
      if (server.exited()) throw new Error(`${server.name} exited while being measured`);
      runs.get(server.name)!.push(run);
      onRun?.(server.name, round, summed([run]));
    }
  }
  return new Map([...runs].map(([name, list]) => [name, summed(list)]));
}

const LOAD_SCRIPT = path.join(ROOT, 'bench/http/load.ts');

export async function drive(serverPid: number, spec: LoadSpec): Promise<DriveResult> {
  return summed([await driveOnce(serverPid, spec)]);
}

/** The load generator's process, started with the first run and kept for the next ones. */
let generator: { child: ChildProcess; lines: AsyncIterator<string>; exited: Promise<unknown> } | undefined;

/** Lets the caller's process end while the generator waits for a run (it ends when its stdin closes). */
function setIdle(idle: boolean) {
  if (!generator) return;
  const handles = [generator.child, generator.child.stdin, generator.child.stdout] as { ref(): void; unref(): void }[];
  for (const handle of handles) {
    if (idle) handle.unref();
    else handle.ref();
  }
}

async function nextLine(): Promise<string | undefined> {
  const next = await Promise.race([generator!.lines.next(), generator!.exited.then(() => ({ done: true as const, value: undefined }))]);
  return next.done ? undefined : next.value;
}

async function driveOnce(serverPid: number, spec: LoadSpec): Promise<RunResult> {
  if (!generator) {
    const child = spawn(process.execPath, ['--import', 'tsx', LOAD_SCRIPT], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    generator = { child, lines: createInterface({ input: child.stdout! })[Symbol.asyncIterator](), exited: once(child, 'exit') };
  }
  setIdle(false);
  generator.child.stdin!.write(`${JSON.stringify(spec)}\n`);
  let cpuStart = 0;
  let cpuAtStart = 0;
  let machineAtStart = 0;
  let serverCpuShare = NaN;
  let machineShare = NaN;
  let measuredTo = NaN;
  let result: LoadResult | undefined;
  while (!result) {
    const line = await nextLine();
    if (line === undefined) {
      generator = undefined;
      throw new Error('the load generator ended without a result');
    }
    if (line === 'measure-start') {
      cpuStart = performance.now();
      cpuAtStart = cpuSeconds(serverPid);
      machineAtStart = machineBusySeconds();
    } else if (line === 'measure-end') {
      measuredTo = performance.now();
      const seconds = (measuredTo - cpuStart) / 1000;
      serverCpuShare = (cpuSeconds(serverPid) - cpuAtStart) / seconds;
      machineShare = (machineBusySeconds() - machineAtStart) / seconds;
    } else if (line.startsWith('{')) {
      result = JSON.parse(line) as LoadResult;
    }
  }
  setIdle(true);
  // What neither the server nor the generator used; the parent's own share is negligible (it waits).
  return { ...result, serverCpuShare, measuredFrom: cpuStart, measuredTo, otherCpuShare: Math.max(0, machineShare - serverCpuShare - result.cpuShare) };
}
