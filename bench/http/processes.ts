// Server processes for the HTTP benchmark and its profile: started fresh, timed from spawn to their
// first answer, measured from /proc (resident memory and CPU time, with any children they fork),
// stopped by their own PID. Also the sandbox entry point, built the way `npm start` builds it.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The sandbox's settings (README, Configuration): none is inherited from the caller's environment. */
const SANDBOX_VARIABLES = [
  'PORT', 'HOST', 'DATA_DIR', 'SEED', 'BODY_LIMIT', 'IMPORT_BODY_LIMIT', 'JOURNAL_FSYNC', 'TENANT_IDLE_SECONDS',
  'MAX_OPEN_TENANTS', 'LOG_LEVEL', 'SANDBOX_AUTH', 'RATE_LIMIT_PER_MINUTE', 'MAX_JSON_DEPTH', 'TOKEN_KEY',
  'CORS_ORIGINS', 'REQUEST_JOURNAL_SIZE',
];

/** The caller's environment without the sandbox's settings, NODE_ENV or NODE_OPTIONS (a loader or a flag would change what is measured). */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of [...SANDBOX_VARIABLES, 'NODE_ENV', 'NODE_OPTIONS']) delete env[name];
  return { ...env, ...extra };
}

export interface SandboxEntry {
  /** Node arguments that start the sandbox's CLI. */
  args: string[];
  label: string;
}

/**
 * The sandbox as `npm start` runs it: `npm run build`, then `node dist/cli/main.js` (started with
 * node itself, so the PID is the server's). BENCH_SANDBOX=source runs src/cli/main.ts through tsx
 * instead, for when the build is broken; the report says which one was measured.
 */
export function sandboxEntry(): SandboxEntry {
  if (process.env.BENCH_SANDBOX === 'source') {
    return { args: ['--import', 'tsx', 'src/cli/main.ts'], label: 'node --import tsx src/cli/main.ts (from source: BENCH_SANDBOX=source)' };
  }
  if (process.env.BENCH_BUILD !== '0') {
    process.stdout.write('building the sandbox (npm run build)… ');
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) {
      console.error(`failed:\n${build.stdout}${build.stderr}\nFix the build, or measure from source with BENCH_SANDBOX=source.`);
      process.exit(1);
    }
    console.log('done');
  }
  return { args: ['dist/cli/main.js'], label: 'node dist/cli/main.js (npm run build first, as npm start does)' };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** The process and every process it started, from /proc. */
function family(pid: number): number[] {
  const all = [pid];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (children) for (const child of children.split(/\s+/)) all.push(...family(Number(child)));
    }
  } catch {}
  return all;
}

/** Resident memory in MiB (VmRSS), the process with its children. */
export function rssMiB(pid: number): number {
  let kb = 0;
  for (const p of family(pid)) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {}
  }
  return kb / 1024;
}

/** CPU seconds (user + system) used so far, the process with its children. */
export function cpuSeconds(pid: number): number {
  let ticks = 0;
  for (const p of family(pid)) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    } catch {}
  }
  return ticks / CLOCK_TICKS;
}

/**
 * CPU seconds every process on the machine has spent running (user and system time, every core),
 * from /proc/stat. Interrupt time is left out: loopback traffic of the benchmark itself lands there.
 */
export function machineBusySeconds(): number {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system] = fields.map(Number);
  return (user + nice + system) / CLOCK_TICKS;
}

export interface Server {
  name: string;
  base: string;
  pid: number;
  /** performance.now() when it was spawned. */
  spawnedAt: number;
  /** Milliseconds from spawn to the first 2xx of the probe. */
  startMs: number;
  /** Where its stdout and stderr go (a file: a pipe to this process would slow a chatty server down when this one is busy). */
  logFile: string;
  exited(): boolean;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface ServerSpec {
  name: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  port: number;
  logFile: string;
  /** Answers true once the server gives its first 2xx; polled from spawn. */
  probe: (base: string) => Promise<boolean>;
  timeoutMs?: number;
}

export async function startServer(spec: ServerSpec): Promise<Server> {
  const base = `http://127.0.0.1:${spec.port}`;
  const log = openSync(spec.logFile, 'a');
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, spec.args, { cwd: ROOT, env: spec.env, stdio: ['ignore', log, log] });
  closeSync(log);
  const exited = once(child, 'exit');
  const deadline = started + (spec.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${spec.name} exited before answering:\n${readFileSync(spec.logFile, 'utf8').slice(-2000)}`);
    }
    if (await spec.probe(base).catch(() => false)) break;
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${spec.name} gave no answer within ${spec.timeoutMs ?? 60_000} ms`);
    }
    await sleep(10);
  }
  const startMs = performance.now() - started;
  return {
    name: spec.name,
    base,
    pid: child.pid!,
    spawnedAt: started,
    startMs,
    logFile: spec.logFile,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** True when a GET answers 2xx (the probe of a server with a health route). */
export const answersGet = (route: string) => async (base: string) => {
  const res = await fetch(base + route);
  await res.arrayBuffer();
  return res.ok;
};

/** The most resident memory the process itself has held since it started (VmHWM), in MiB. */
export function peakRssMiB(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
  } catch {
    return NaN;
  }
}
