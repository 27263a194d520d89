// A developer portal on another origin calling the sandbox from the browser: the origins in
// CORS_ORIGINS may, preflight included and without credentials for it; any other gets no CORS header.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { configFromEnv } from '../src/config.js';
import { DEMO, expectError, expectOk, startSandbox } from './helpers/sandbox.js';

const PORTAL = 'https://portal.example.com';
const CLIENT_HEADERS = 'apikey, X-ClientID, Authorization, Content-Type, Signature, Timestamp, X-Client-Request-Id';
const sandbox = startSandbox({ corsOrigins: [PORTAL, 'http://localhost:3000'] });

const preflight = (app: typeof sandbox.app, origin: string, path = '/customer/demographicData') =>
  request(app).options(path).set({ Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': CLIENT_HEADERS });

const corsHeadersOf = (res: request.Response) => Object.keys(res.headers).filter((h) => h.startsWith('access-control-'));

describe('CORS', () => {
  it('when an allowed origin sends the preflight with every client header and no credentials, then it is granted', async () => {
    const res = await preflight(sandbox.app, PORTAL);
    assert.equal(res.status, 204);
    assert.equal(res.headers['access-control-allow-origin'], PORTAL);
    assert.equal(res.headers['access-control-allow-credentials'], undefined);
    assert.match(res.headers['access-control-allow-methods'], /POST/);
    assert.match(res.headers['access-control-allow-methods'], /PUT/);
    const allowed = res.headers['access-control-allow-headers'].toLowerCase().split(',');
    for (const h of CLIENT_HEADERS.toLowerCase().split(', ')) assert.ok(allowed.includes(h), `${h} is allowed`);
    assert.match(res.headers.vary, /Origin/);
  });

  it('when the allowed origin then calls an operation, then the answer is readable there, Retry-After included', async () => {
    const res = await sandbox.post('/customer/demographicData', { customerAccountCardNumber: '4597000000000000001', numberType: 1, organizationNumber: 970 }, { ...DEMO, Origin: PORTAL });
    expectOk(res);
    assert.equal(res.headers['access-control-allow-origin'], PORTAL);
    assert.match(res.headers['access-control-expose-headers'], /Retry-After/);
  });

  it('when an allowed origin fetches the contract, then it may read it, so a portal can render its own docs', async () => {
    const res = await request(sandbox.app).get('/openapi.yaml').set('Origin', 'http://localhost:3000');
    assert.equal(res.status, 200);
    assert.equal(res.headers['access-control-allow-origin'], 'http://localhost:3000');
  });

  it('when another origin sends the preflight, then 403 SBX403O and no CORS header', async () => {
    const res = await preflight(sandbox.app, 'https://elsewhere.example.com');
    expectError(res, 403, 'SBX403O');
    assert.deepEqual(corsHeadersOf(res), []);
  });

  it('when another origin sends a request anyway, then the answer carries no CORS header, so its page cannot read it', async () => {
    const res = await sandbox.get('/health', { Origin: 'https://elsewhere.example.com' });
    assert.equal(res.status, 200);
    assert.deepEqual(corsHeadersOf(res), []);
  });

  it('when CORS_ORIGINS is not set, then no origin is granted', async () => {
    const closed = startSandbox();
    const res = await preflight(closed.app, PORTAL);
    expectError(res, 403, 'SBX403O');
    assert.deepEqual(corsHeadersOf(res), []);
  });
});

describe('CORS_ORIGINS', () => {
  it('when it lists origins, then each is kept (a trailing slash dropped, the host lower-cased)', () => {
    assert.deepEqual(configFromEnv({ CORS_ORIGINS: 'https://Portal.example.com/, http://localhost:3000' }).corsOrigins, [PORTAL, 'http://localhost:3000']);
    assert.deepEqual(configFromEnv({}).corsOrigins, []);
  });

  it('when it holds * or a URL with a path, then the sandbox refuses to start', () => {
    assert.throws(() => configFromEnv({ CORS_ORIGINS: '*' }), /CORS_ORIGINS/);
    assert.throws(() => configFromEnv({ CORS_ORIGINS: 'https://portal.example.com/docs' }), /CORS_ORIGINS/);
  });
});
