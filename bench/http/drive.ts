// Drives one server with one load run: the load generator (load.ts) in a child process, and the
// server's own CPU use read from /proc over exactly the measured part.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { LoadResult, LoadSpec } from './load.js';
import { cpuSeconds, machineBusySeconds, ROOT } from './processes.js';

export type { LoadResult, LoadSpec };

export interface DriveResult extends LoadResult {
  /** CPU the server (with its children) used over the measured part, as a share of one core. */
  serverCpuShare: number;
  /** performance.now() in this process when the measured part began and ended. */
  measuredFrom: number;
  measuredTo: number;
  /** CPU every other process on the machine used meanwhile (other people's work), in cores. */
  otherCpuShare: number;
}

const LOAD_SCRIPT = path.join(ROOT, 'bench/http/load.ts');

export async function drive(serverPid: number, spec: LoadSpec): Promise<DriveResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', LOAD_SCRIPT, JSON.stringify(spec)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  let cpuStart = 0;
  let cpuAtStart = 0;
  let machineAtStart = 0;
  let serverCpuShare = NaN;
  let machineShare = NaN;
  let measuredTo = NaN;
  let result: LoadResult | undefined;
  for await (const line of createInterface({ input: child.stdout! })) {
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
  const [code] = (await exited) as [number | null];
  if (code !== 0 || !result) throw new Error(`the load generator failed (exit ${code})`);
  // What neither the server nor the generator used; the parent's own share is negligible (it waits).
  return { ...result, serverCpuShare, measuredFrom: cpuStart, measuredTo, otherCpuShare: Math.max(0, machineShare - serverCpuShare - result.cpuShare) };
}
