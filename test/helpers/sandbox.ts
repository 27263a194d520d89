// Starts the app in-process over a fresh in-memory store, and checks every answer a test gets
// against the contract (see contract.ts).
import assert from 'node:assert/strict';
import { after } from 'node:test';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { DEFAULT_SEED } from '../../src/config.js';
import { LowdbStore } from '../../src/store/lowdb-store.js';
import { loadOrganizations, loadTenants } from '../../src/tenants.js';
import type { Fixture } from '../../src/domain/model.js';
import { contractProblems } from './contract.js';

export const DEMO = { apikey: 'demo-apikey', 'X-ClientID': '00970' };
export const PARTNER = { apikey: 'partner-apikey', 'X-ClientID': '00970' };
export const TODAY = '2026-11-24';

const checked: { what: string; problems: string[] }[] = [];

export function startSandbox(options: { dataDir?: string } = {}) {
  const organizations = loadOrganizations();
  const store = new LowdbStore({ dataDir: options.dataDir, seed: DEFAULT_SEED, organizations, logger: silent, today: () => TODAY });
  const app = createApp({ store, tenants: loadTenants(), organizations, today: () => TODAY });
  const record = (method: string, url: string) => (res: request.Response) => {
    checked.push({ what: `${method} ${url} → ${res.status}`, problems: contractProblems(method, url, res.status, res.body) });
    return res;
  };
  const send = (method: 'post' | 'put' | 'get', url: string, body?: unknown, headers: Record<string, string> = DEMO) => {
    let req = request(app)[method](url).set(headers);
    if (body !== undefined) req = typeof body === 'string' ? req.set('Content-Type', 'application/json').send(body) : req.send(body as object);
    return req.then(record(method.toUpperCase(), url));
  };
  return {
    app,
    store,
    post: (url: string, body?: unknown, headers?: Record<string, string>) => send('post', url, body, headers),
    put: (url: string, body?: unknown, headers?: Record<string, string>) => send('put', url, body, headers),
    get: (url: string, headers?: Record<string, string>) => send('get', url, undefined, headers),
    /** A raw request for cases the helpers above cannot express; its answer is checked too. */
    raw: (method: 'post' | 'put' | 'get' | 'delete' | 'patch', url: string) => ({
      req: request(app)[method](url),
      check: record(method.toUpperCase(), url),
    }),
    async fixture(name: string): Promise<Fixture> {
      const res = await send('get', '/sandbox/fixtures');
      const found = (res.body.data.fixtures as Fixture[]).find((f) => f.name === name);
      assert.ok(found, `fixture ${name}`);
      return found;
    },
  };
}

const silent = { info() {}, warn() {}, error() {} };

/** Fails the file when any answer it saw broke the contract. */
after(() => {
  const broken = checked.filter((c) => c.problems.length > 0);
  assert.deepEqual(broken, [], 'every answer the tests saw is within openapi.yaml');
  assert.ok(checked.length > 0, 'the contract check saw answers');
});

export const expectError = (res: request.Response, status: number, code: string) => {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body.hasError, true);
  assert.equal(res.body.data, null);
  assert.equal(res.body.errors[0].code, code, JSON.stringify(res.body.errors));
};

export const expectOk = (res: request.Response, status = 200) => {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body.hasError, false);
  assert.deepEqual(res.body.errors, []);
  return res.body.data;
};
