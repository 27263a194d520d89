// The Postman files: committed in step with openapi.yaml, served by the sandbox, and run by newman
// against a real sandbox process, once for the demo tenant and once for the tenant that requires
// signatures.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { buildPostmanFiles, COLLECTION_FILE, ENVIRONMENT_FILE } from '../scripts/postman/build.js';
import { runProcess, startSandboxProcess, type StartedProcess } from './helpers/processes.js';
import { expectOk, startSandbox } from './helpers/sandbox.js';

function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const line = a.findIndex((l, i) => l !== b[i]);
  return line < 0 ? `length ${a.length} vs ${b.length} lines` : `line ${line + 1}: committed ${JSON.stringify(b[line] ?? '')}, generated ${JSON.stringify(a[line])}`;
}

describe('postman/ files', () => {
  it('when regenerated from openapi.yaml, then they are byte for byte the committed ones', async () => {
    const fresh = await buildPostmanFiles();
    for (const [name, generated, file] of [
      ['collection', fresh.collection, COLLECTION_FILE],
      ['environment', fresh.environment, ENVIRONMENT_FILE],
    ] as const) {
      const committed = readFileSync(file, 'utf8');
      assert.ok(committed === generated, `postman/${name}.json is stale (${firstDifference(generated, committed)}): run \`npm run postman\` and commit the result`);
    }
  });
});

describe('GET /postman/collection.json and /postman/environment.json', () => {
  const sb = startSandbox();

  it('when the collection is asked for without any credentials, then the committed file is served as a download', async () => {
    const res = await request(sb.app).get('/postman/collection.json').buffer(true).parse((r, done) => {
      let text = '';
      r.on('data', (d: Buffer) => (text += d));
      r.on('end', () => done(null, text));
    });
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^application\/json/);
    assert.match(res.headers['content-disposition'], /attachment; filename="firstvision-sandbox\.postman_collection\.json"/);
    assert.equal(res.body, readFileSync(COLLECTION_FILE, 'utf8'));
  });

  it('when the environment is asked for, then its baseUrl is the address the caller used and the rest are the demo values', async () => {
    const res = await request(sb.app).get('/postman/environment.json').set('Host', 'sandbox.example.test:9090');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-disposition'], /filename="firstvision-sandbox\.postman_environment\.json"/);
    const values = Object.fromEntries(res.body.values.map((v: { key: string; value: string }) => [v.key, v.value]));
    assert.deepEqual(values, {
      baseUrl: 'http://sandbox.example.test:9090',
      apikey: 'demo-apikey',
      secret: 'demo-secret',
      clientId: '00970',
      orgid: '970',
      sign: 'true',
    });
    // The environment's credentials are the demo tenant's: the sandbox takes them.
    expectOk(await sb.get('/sandbox/fixtures', { apikey: values.apikey, 'X-ClientID': values.clientId }));
  });

  it('when the Host header is not a host name, then the committed baseUrl is kept rather than echoed', async () => {
    const res = await request(sb.app).get('/postman/environment.json').set('Host', 'evil"host/<x>');
    assert.equal(res.status, 200);
    assert.equal(res.body.values.find((v: { key: string }) => v.key === 'baseUrl').value, 'http://127.0.0.1:8080');
  });

  it('when anything else under /postman is asked for, then it is the API\'s 404', async () => {
    const res = await request(sb.app).get('/postman/other.json');
    assert.equal(res.status, 404);
    assert.equal(res.body.hasError, true);
  });
});

const ANSI = /\x1b\[[0-9;]*m/g;

/** The executed and failed counts of one row of newman's summary table. */
function summaryRow(output: string, row: string): { executed: number; failed: number } {
  const m = new RegExp(`│\\s+${row}\\s+│\\s+(\\d+)\\s+│\\s+(\\d+)\\s+│`).exec(output.replace(ANSI, ''));
  assert.ok(m, `newman printed no "${row}" row:\n${output}`);
  return { executed: Number(m[1]), failed: Number(m[2]) };
}

describe('newman run postman/collection.json', () => {
  let baseUrl: string;
  let sandbox: StartedProcess | undefined;

  before(async () => {
    // In memory: the journey's customers must not land in ./data.
    sandbox = await startSandboxProcess({ DATA_DIR: '' });
    baseUrl = sandbox.url;
  });
  after(() => sandbox?.stop());

  const newman = (...extra: string[]) =>
    runProcess('npx', ['newman', 'run', 'postman/collection.json', '-e', 'postman/environment.json', '--env-var', `baseUrl=${baseUrl}`, ...extra]);

  it('when run with the demo environment, then every request is sent and every assertion of the journey holds', async () => {
    const { code, output } = await newman();
    assert.equal(code, 0, output);
    const assertions = summaryRow(output, 'assertions');
    assert.equal(assertions.failed, 0, output);
    assert.ok(assertions.executed >= 24, `the journey's assertions ran:\n${output}`);
    assert.equal(summaryRow(output, 'requests').failed, 0, output);
    assert.equal(summaryRow(output, 'prerequest-scripts').failed, 0, output);
  });

  it('when run again against the same sandbox, then the journey still holds (new name, new account)', async () => {
    const { code, output } = await newman('--folder', 'Partner journey');
    assert.equal(code, 0, output);
    assert.deepEqual(summaryRow(output, 'assertions'), { executed: 24, failed: 0 });
  });

  it('when run as the tenant that requires signatures, then the collection signs every request and all holds', async () => {
    const { code, output } = await newman('--env-var', 'apikey=signed-apikey', '--env-var', 'secret=signed-secret');
    assert.equal(code, 0, output);
    assert.equal(summaryRow(output, 'assertions').failed, 0, output);
  });

  it('when that tenant is called with signing turned off, then the sandbox refuses and newman fails', async () => {
    const { code, output } = await newman('--folder', 'Partner journey', '--env-var', 'apikey=signed-apikey', '--env-var', 'secret=signed-secret', '--env-var', 'sign=false');
    assert.notEqual(code, 0);
    assert.match(output.replace(ANSI, ''), /401 Unauthorized/);
  });
});
