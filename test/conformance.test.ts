// The conformance runner as a partner uses it: `npm run conformance` as a child process against a
// running server, judged by its exit status, what it prints and the JUnit file it writes.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createApp, SPEC_PATH } from '../src/app.js';
import { DEFAULT_SEED } from '../src/config.js';
import { seederFor } from '../src/seed/seeder.js';
import { openStore } from '../src/store/open-store.js';
import { loadOrganizations, loadTenants } from '../src/tenants.js';
import { freePort, runProcess, startProcess, startSandboxProcess, type StartedProcess } from './helpers/processes.js';

const TODAY = '2026-11-24';

/** `npm run conformance -- ...args`, without npm in between. */
const conformance = (...args: string[]) => runProcess(process.execPath, ['--import', 'tsx', 'src/conformance/cli.ts', ...args]);

const reportPath = () => path.join(mkdtempSync(path.join(tmpdir(), 'conformance-')), 'junit.xml');

describe('conformance runner against the sandbox started as a process', () => {
  let sandbox: StartedProcess | undefined;
  let baseUrl = '';

  before(async () => {
    // Quiet logs hide the line that names a PORT=0 port, so the port is chosen here.
    sandbox = await startSandboxProcess({ DATA_DIR: '', PORT: String(await freePort()), LOG_LEVEL: 'error' });
    baseUrl = sandbox.url;
  });
  after(() => sandbox?.stop());

  it('when every operation is exercised, then no violation is found and a JUnit report is written', { timeout: 60_000 }, async () => {
    const report = reportPath();
    const { code, output: out } = await conformance('--base-url', baseUrl, '--seed', '20260401', '--requests-per-operation', '5', '--report', report);
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
  let prism: StartedProcess | undefined;
  let baseUrl = '';
  let unavailable = '';

  before(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    try {
      prism = await startProcess('node_modules/.bin/prism', ['mock', SPEC_PATH, '-p', String(port), '-h', '127.0.0.1', '-v', 'error'], { readyUrl: `${baseUrl}/health` });
    } catch (err) {
      // Prism is a yardstick here, not the thing under test: a Prism that cannot start skips the case.
      unavailable = (err as Error).message;
    }
  });
  after(() => prism?.stop());

  it('when the journey runs against a mock without state, then the runner reports its stateful gaps', { timeout: 60_000 }, async (t) => {
    if (unavailable) return t.skip(`Prism did not start: ${unavailable.slice(0, 200)}`);
    const { code, output: out } = await conformance('--base-url', baseUrl, '--seed', '20260401', '--requests-per-operation', '3');
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
    const { code, output: out } = await conformance('--base-url', baseUrl, '--seed', '7', '--requests-per-operation', '2', '--report', report);
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
