// The conformance runner as a partner uses it: `npm run conformance` as a child process against a
// running server, judged by its exit status, what it prints and the JUnit file it writes.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createApp, SPEC_PATH } from '../src/app.js';
import { DEFAULT_SEED } from '../src/config.js';
import { seederFor } from '../src/seed/seeder.js';
import { openStore } from '../src/store/open-store.js';
import { loadOrganizations, loadTenants } from '../src/tenants.js';

const ROOT = path.dirname(SPEC_PATH);
const TODAY = '2026-11-24';

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}

/** Starts a long-running process and waits until `url` answers at all. */
async function startProcess(command: string, args: string[], url: string, env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; log: () => string }> {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command} stopped:\n${log}`);
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`${command} did not answer at ${url} within 60 s:\n${log}`);
    }
    try {
      await fetch(url);
      return { child, log: () => log };
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

async function stop(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

/** `npm run conformance -- ...args`, without npm in between. */
async function conformance(...args: string[]): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/conformance/cli.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, out };
}

const reportPath = () => path.join(mkdtempSync(path.join(tmpdir(), 'conformance-')), 'junit.xml');

describe('conformance runner against the sandbox started as a process', () => {
  let sandbox: ChildProcess | undefined;
  let baseUrl = '';

  before(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    ({ child: sandbox } = await startProcess(process.execPath, ['--import', 'tsx', 'src/server.ts'], `${baseUrl}/health`, { DATA_DIR: '', PORT: String(port), LOG_LEVEL: 'error' }));
  });
  after(() => stop(sandbox));

  it('when every operation is exercised, then no violation is found and a JUnit report is written', { timeout: 60_000 }, async () => {
    const report = reportPath();
    const { code, out } = await conformance('--base-url', baseUrl, '--seed', '20260401', '--requests-per-operation', '5', '--report', report);
    assert.equal(code, 0, out);
    assert.match(out, /No violation of the contract; 0 stateful gaps \(seed 20260401\)/);
    assert.ok(existsSync(report), 'the JUnit file is written');
    const xml = readFileSync(report, 'utf8');
    assert.match(xml, /<testsuite name="addCustomer"/);
    assert.match(xml, /<testsuite name="lookupCustomers"/);
    assert.doesNotMatch(xml, /<failure/);
  });
});

describe("conformance runner against Prism's static mock of the contract", () => {
  let prism: ChildProcess | undefined;
  let baseUrl = '';
  let unavailable = '';

  before(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    try {
      ({ child: prism } = await startProcess('node_modules/.bin/prism', ['mock', SPEC_PATH, '-p', String(port), '-h', '127.0.0.1', '-v', 'error'], `${baseUrl}/health`));
    } catch (err) {
      // Prism is a yardstick here, not the thing under test: a Prism that cannot start skips the case.
      unavailable = (err as Error).message;
    }
  });
  after(() => stop(prism));

  it('when the journey runs against a mock without state, then the runner reports its stateful gaps', { timeout: 60_000 }, async (t) => {
    if (unavailable) return t.skip(`Prism did not start: ${unavailable.slice(0, 200)}`);
    const { code, out } = await conformance('--base-url', baseUrl, '--seed', '20260401', '--requests-per-operation', '3');
    assert.ok(code === 0 || code === 1, `the run completes (exit ${code}):\n${out.slice(-2000)}`);
    assert.match(out, /STATEFUL GAP {2}lookupCustomers — journey: step 5/, 'the lookup does not find the customer just added');
    assert.match(out, /stateful gap: lookup by Conf\w+ found .*, not the new customer/);
    const gaps = /^total\s+\d+\s+\d+\s+\d+\s+(\d+)$/m.exec(out);
    assert.ok(gaps && Number(gaps[1]) > 0, 'the table counts stateful gaps');
  });
});

describe('conformance runner against a sandbox with a deliberately broken handler', () => {
  let server: Server;
  let baseUrl = '';

  before(async () => {
    const organizations = loadOrganizations();
    const silent = { info() {}, warn() {}, error() {} };
    const app = createApp({
      store: openStore({ seeder: seederFor({ seed: DEFAULT_SEED, organizations, today: () => TODAY }), logger: silent }),
      tenants: loadTenants(),
      organizations,
      today: () => TODAY,
      handlers: {
        inquireDemographicData: () => {
          throw new Error('broken on purpose');
        },
      },
    });
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server?.close());

  it('when demographicData fails, then the run exits 1 and prints the operation, the request as curl and the broken rule', { timeout: 60_000 }, async () => {
    const report = reportPath();
    const { code, out } = await conformance('--base-url', baseUrl, '--seed', '7', '--requests-per-operation', '2', '--report', report);
    assert.equal(code, 1, out.slice(-2000));
    const block = out.split('\n\n').find((b) => b.startsWith('VIOLATION  inquireDemographicData — journey: step 2'));
    assert.ok(block, `the journey's read is reported:\n${out.slice(0, 3000)}`);
    const [, curl, answer, rule] = block.split('\n').map((l) => l.trim());
    assert.match(curl, new RegExp(`^curl -sS -X POST '${baseUrl}/customer/demographicData' -H 'apikey: demo-apikey' -H 'X-ClientID: 00970' -H 'Authorization: Bearer <redacted>'`));
    assert.match(curl, /--data-raw '\{"customerAccountCardNumber":\d{19},"numberType":1,"organizationNumber":970\}'$/, 'the 19-digit number goes out bare and exact');
    assert.match(answer, /^→ 500 application\/json/);
    assert.match(rule, /^rule: a valid request must never make the server fail: got 500 SBX500I/);
    assert.doesNotMatch(out, /demo-secret/, 'the secret is never printed');
    assert.match(out, /^inquireDemographicData\s+\d+\s+\d+\s+[1-9]\d*\s+\d+$/m, 'the table counts its violations');
    assert.match(readFileSync(report, 'utf8'), /<testsuite name="inquireDemographicData"[^>]*failures="[1-9]/);
  });
});
