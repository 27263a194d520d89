// Child processes for the tests that need a real one: the sandbox started from source or from dist/,
// Prism, the conformance runner, newman. One place knows how to start them, tell when they are
// ready, keep what they print for failure messages, and stop them.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';

/** The repository root: commands and relative paths run from here wherever the tests were started. */
export const ROOT = path.resolve(import.meta.dirname, '../..');

/** The line the sandbox logs once it listens; it carries the address, the only way to learn a PORT=0 port. */
const SANDBOX_LISTENING = /"url":"(http:\/\/[^"]+)"/;

/** A port nothing listens on right now, for a process that must be told its port up front. */
export async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface StartedProcess {
  child: ChildProcess;
  /** Where it answers: what its ready line announced, else the origin of readyUrl ('' when neither says). */
  url: string;
  /** Everything it has printed, stdout and stderr as they came (the last logLimit characters). */
  log(): string;
  /** Settles once it has exited and its output is all read. */
  exited: Promise<Exit>;
  /** Sends `signal` and waits for the exit; a process still there after a minute gets SIGKILL. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
}

export interface StartOptions {
  /** Added to this process's environment. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Ready once a GET of this URL gets any answer. */
  readyUrl?: string;
  /** Ready once the output matches; its first group, when it has one, is the process's URL. */
  readyLog?: RegExp;
  timeoutMs?: number;
  /** Keep only this many of the last characters printed (a process logging under load grows without end). */
  logLimit?: number;
}

/**
 * Starts a long-running command and waits until it is ready (readyLog, readyUrl or both, in that
 * order). One that exits, fails to spawn or is not ready in time is killed and the start throws,
 * with what it printed.
 */
export async function startProcess(command: string, args: string[], options: StartOptions = {}): Promise<StartedProcess> {
  const { env = {}, cwd = ROOT, readyUrl, readyLog, timeoutMs = 60_000, logLimit = Infinity } = options;
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  let logged: (() => void) | undefined;
  const collect = (d: Buffer) => {
    log = log.length + d.length > logLimit ? (log + d).slice(-logLimit) : log + d;
    logged?.();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  // 'close' rather than 'exit': by then the output is all in, so log() is complete for assertions.
  const exited = new Promise<Exit>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(timer);
    }
    return exited;
  };

  let failed: ((err: Error) => void) | undefined;
  const failure = new Promise<never>((_, reject) => (failed = reject));
  failure.catch(() => {}); // only ever awaited in the race below
  const fail = (why: string) => failed!(new Error(`${command} ${why}:\n${log}`));
  child.once('error', (err) => fail(`could not start (${err.message})`));
  void exited.then(({ code, signal }) => fail(`exited (${code ?? signal}) before it was ready`));
  const timer = setTimeout(() => fail(`was not ready within ${timeoutMs / 1000} s (${readyLog ?? readyUrl})`), timeoutMs);

  let url = readyUrl ? new URL(readyUrl).origin : '';
  const ready = async () => {
    if (readyLog) {
      const match = await new Promise<RegExpExecArray>((resolve) => {
        logged = () => {
          const m = readyLog.exec(log);
          if (m) resolve(m);
        };
        logged();
      });
      logged = undefined; // found: stop searching an output that keeps growing
      url = match[1] ?? url;
    }
    if (readyUrl) await answers(readyUrl, exited);
  };
  try {
    await Promise.race([ready(), failure]);
  } catch (err) {
    await stop('SIGKILL');
    throw err;
  } finally {
    clearTimeout(timer);
  }
  return { child, url, log: () => log, exited, stop };
}

/** Polls until a GET of `url` gets any answer, or the process has exited. */
async function answers(url: string, exited: Promise<Exit>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  while (!gone) {
    try {
      await (await fetch(url)).arrayBuffer();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

export interface SandboxProcessOptions extends Pick<StartOptions, 'timeoutMs' | 'logLimit'> {
  /** The entry point: src/server.ts unless told; a compiled .js one runs on plain node, as `npm start` does. */
  entry?: string;
  /** Command-line flags for the entry. */
  args?: string[];
}

/**
 * The sandbox in its own process: PORT 0 (any free port), HOST 127.0.0.1, LOG_LEVEL info, then `env`
 * over those. With a port number given it is ready once GET /health answers (a quiet LOG_LEVEL may
 * hide the listening line); otherwise at its "sandbox listening" line, which names the port, or at
 * its exit, when the settings are ones it refuses.
 */
export function startSandboxProcess(env: NodeJS.ProcessEnv = {}, options: SandboxProcessOptions = {}): Promise<StartedProcess> {
  const { entry = 'src/server.ts', args = [], ...rest } = options;
  const settings = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env };
  const nodeArgs = entry.endsWith('.js') ? [entry, ...args] : ['--import', 'tsx', entry, ...args];
  const fixedPort = /^[1-9]\d*$/.test(settings.PORT ?? '');
  const ready = fixedPort ? { readyUrl: `http://${settings.HOST}:${settings.PORT}/health` } : { readyLog: SANDBOX_LISTENING };
  return startProcess(process.execPath, nodeArgs, { env: settings, ...ready, ...rest });
}

/** Runs a command to its end: its exit code and all it printed, stdout and stderr as they came. */
export function runProcess(command: string, args: string[], options: Pick<StartOptions, 'env' | 'cwd'> = {}): Promise<{ code: number | null; output: string }> {
  const { env = {}, cwd = ROOT } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}
