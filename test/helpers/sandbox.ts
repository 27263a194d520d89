// Starts the app in-process over a fresh in-memory store, and checks every answer a test gets
// against the contract (see contract.ts). Requests carry a valid token for their apikey (and a
// signature when the tenant requires one) unless the test sets those headers itself.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { after } from 'node:test';
import request from 'supertest';
import { createApp, type AppOptions } from '../../src/app.js';
import { createLogger, type Logger } from '../../src/logger.js';
import type { Metrics } from '../../src/metrics.js';
import { PostgresReplayGuard } from '../../src/auth/postgres-replay-guard.js';
import { signRequest } from '../../src/auth/request-signature.js';
import { DEFAULT_SEED } from '../../src/config.js';
import { seederFor } from '../../src/seed/seeder.js';
import { openStore } from '../../src/store/open-store.js';
import { loadOrganizations, loadTenants } from '../../src/tenants.js';
import type { Fixture } from '../../src/domain/model.js';
import { contractProblems } from './contract.js';

export const DEMO = { apikey: 'demo-apikey', 'X-ClientID': '00970' };
export const PARTNER = { apikey: 'partner-apikey', 'X-ClientID': '00970' };
export const SIGNED = { apikey: 'signed-apikey', 'X-ClientID': '00970' };
export const TODAY = '2026-11-24';

const checked: { what: string; problems: string[] }[] = [];
const tenants = loadTenants();
export const secretOf = (apikey: string) => tenants.find((t) => t.apikey === apikey)!.secret;

export interface SandboxOptions {
  dataDir?: string;
  /** A PostgreSQL URL (already migrated): the store is the shared adapter instead of memory or files, and signed request ids are kept there too, as server.ts does. */
  databaseUrl?: string;
  /** The app's clock in epoch milliseconds (tokens, signatures). */
  now?: () => number;
  rateLimitPerMinute?: number;
  relaxedAuth?: boolean;
  corsOrigins?: string[];
  /** Handlers that replace the real ones, to see how the sandbox copes with a broken one. */
  handlers?: AppOptions['handlers'];
  logger?: Logger;
  requestJournalSize?: number;
  /** Metrics the app reports and the store's journal feeds. */
  metrics?: Metrics;
}

export function startSandbox(options: SandboxOptions = {}) {
  const organizations = loadOrganizations();
  const now = options.now ?? Date.now;
  const store = openStore({
    databaseUrl: options.databaseUrl,
    dataDir: options.dataDir,
    seeder: seederFor({ seed: DEFAULT_SEED, organizations, today: () => TODAY }),
    logger: silent,
    onJournalSync: options.metrics?.observeJournalSync,
  });
  const app = createApp({
    store,
    tenants,
    organizations,
    today: () => TODAY,
    now,
    rateLimitPerMinute: options.rateLimitPerMinute,
    relaxedAuth: options.relaxedAuth,
    corsOrigins: options.corsOrigins,
    handlers: options.handlers,
    logger: options.logger,
    requestJournalSize: options.requestJournalSize,
    metrics: options.metrics,
    seenRequestIds: options.databaseUrl ? new PostgresReplayGuard({ databaseUrl: options.databaseUrl, logger: silent }) : undefined,
  });
  const record = (method: string, url: string) => (res: request.Response) => {
    // The contract declares X-Request-Id on every answer, so its absence is a contract problem too.
    const header = res.headers['x-request-id'] ? [] : ['the answer has no X-Request-Id'];
    checked.push({ what: `${method} ${url} → ${res.status}`, problems: [...contractProblems(method, url, res.status, res.body), ...header] });
    return res;
  };

  const tokens = new Map<string, string>();
  async function tokenFor(apikey: string | undefined): Promise<string | undefined> {
    const tenant = tenants.find((t) => t.apikey === apikey);
    if (!tenant) return undefined;
    if (!tokens.has(tenant.apikey)) {
      const res = await request(app)
        .post('/token')
        .set('apikey', tenant.apikey)
        .auth(tenant.apikey, tenant.secret)
        .type('form')
        .send('grant_type=client_credentials')
        .then(record('POST', '/token'));
      assert.equal(res.status, 200, JSON.stringify(res.body));
      tokens.set(tenant.apikey, res.body.access_token);
    }
    return tokens.get(tenant.apikey);
  }

  /** The headers a well-behaved client sends: a token, and a signature where the tenant wants one. */
  async function completeHeaders(headers: Record<string, string>, rawBody: string): Promise<Record<string, string>> {
    const out = { ...headers };
    if (!('Authorization' in out)) {
      const token = await tokenFor(out.apikey);
      if (token) out.Authorization = `Bearer ${token}`;
    }
    const tenant = tenants.find((t) => t.apikey === out.apikey);
    if (tenant?.requireSignature && !('Signature' in out)) {
      const requestId = randomUUID();
      const timestamp = String(now());
      Object.assign(out, {
        'X-Client-Request-Id': requestId,
        Timestamp: timestamp,
        Signature: signRequest(tenant.secret, tenant.apikey, requestId, timestamp, rawBody),
      });
    }
    // An empty value means "leave this header out".
    return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== ''));
  }

  const send = async (method: 'post' | 'put' | 'get' | 'delete', url: string, body?: unknown, headers: Record<string, string> = DEMO) => {
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    let req = request(app)[method](url).set(await completeHeaders(headers, text));
    if (body !== undefined) req = req.set('Content-Type', headers['Content-Type'] ?? 'application/json').send(text);
    return req.then(record(method.toUpperCase(), url));
  };
  return {
    app,
    store,
    tokenFor,
    post: (url: string, body?: unknown, headers?: Record<string, string>) => send('post', url, body, headers),
    put: (url: string, body?: unknown, headers?: Record<string, string>) => send('put', url, body, headers),
    get: (url: string, headers?: Record<string, string>) => send('get', url, undefined, headers),
    delete: (url: string, headers?: Record<string, string>) => send('delete', url, undefined, headers),
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

/** A real pino logger whose lines land here instead of on stderr. */
const servers: Server[] = [];
after(() =>
  servers.forEach((s) => {
    s.closeAllConnections();
    s.close();
  }),
);

/** The app listening on a free loopback port (closed after the file's tests), for what needs a real server. */
export function listening(app: ReturnType<typeof startSandbox>['app']): Promise<Server> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
    servers.push(server);
  });
}

export function capturedLog() {
  const text: string[] = [];
  const logger = createLogger('info', { write: (line: string) => void text.push(line) });
  const lines = () => text.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);
  return { logger, lines, text: () => text.join('') };
}

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
