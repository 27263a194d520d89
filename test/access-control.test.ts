// Access control as the platform does it: tokens bound to their apikey, X-ClientID, optional (or
// required) HMAC signatures with a five-minute window and replay refusal, organizations per tenant,
// rate limits. Each refusal is a 4xx envelope with its own code and changes nothing.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { SignJWT } from 'jose';
import request from 'supertest';
import { createApp } from '../src/app.js';
import { ReplayGuard } from '../src/auth/replay-guard.js';
import { seederFor } from '../src/seed/seeder.js';
import { openStore } from '../src/store/open-store.js';
import { loadOrganizations, loadTenants } from '../src/tenants.js';
import { DEMO, expectError, expectOk, PARTNER, secretOf, SIGNED, startSandbox, TODAY } from './helpers/sandbox.js';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const FORM = 'application/x-www-form-urlencoded';

/** Every operation that needs a token, with a body it would accept. */
function operations(retailCustomer: string, retailAccount: string): [string, 'get' | 'post' | 'put', string, unknown?][] {
  return [
    ['addCustomer', 'post', '/customer', { customerData: { ownerCoOwnerData: { ownerData: { lastName: 'NOBODY' } } } }],
    ['updateCustomer', 'put', '/customer', { customerNumber: retailCustomer, numberType: 1, organizationNumber: 970 }],
    ['findAccountNumbers', 'post', '/customer/accountNumber', { customerNumber: retailCustomer, organizationNumber: 970 }],
    ['getCardDetails', 'post', '/customer/details-l8v4', { customerNumber: retailCustomer, organizationNumber: 970 }],
    ['generateNumbers', 'post', '/customer/generation', { organizationNumber: 970, logo: 401 }],
    ['inquireDemographicData', 'post', '/customer/demographicData', { customerAccountCardNumber: retailCustomer, numberType: 1, organizationNumber: 970 }],
    ['lookupCustomers', 'post', '/customer/lookup', { numberOfRecords: 1, primarySearchData: { lastBusinessName: 'GA*' } }],
    ['findRelationshipNumbers', 'post', '/customer/relationshipNumber', { customerNumber: retailCustomer, organizationNumber: 970 }],
    ['inquireCurrentPriorAddress', 'get', `/customer/${retailAccount}/current-prior-address`],
    ['getSandboxFixtures', 'get', '/sandbox/fixtures'],
    ['resetSandbox', 'post', '/sandbox/reset'],
  ];
}

describe('POST /token', () => {
  const sb = startSandbox();
  const tokenCall = (headers: Record<string, string>, body = 'grant_type=client_credentials', type = FORM) => {
    const { req, check } = sb.raw('post', '/token');
    return req.set(headers).set('Content-Type', type).send(body).then(check);
  };

  it('when the apikey and its secret are given, then a Bearer token valid for 900 seconds comes back (not in the envelope, as on the platform)', async () => {
    const res = await tokenCall({ apikey: 'demo-apikey', Authorization: basic('demo-apikey', 'demo-secret') });
    assert.equal(res.status, 200);
    assert.equal(res.body.token_type, 'Bearer');
    assert.equal(res.body.expires_in, 900);
    assert.match(res.body.access_token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    const use = await sb.get('/sandbox/fixtures', { ...DEMO, Authorization: `Bearer ${res.body.access_token}` });
    expectOk(use);
  });

  it('when the secret is wrong, then 401 SBX401S and the secret is not echoed', async () => {
    const res = await tokenCall({ apikey: 'demo-apikey', Authorization: basic('demo-apikey', 'guessed-secret') });
    expectError(res, 401, 'SBX401S');
    assert.doesNotMatch(JSON.stringify(res.body), /guessed-secret|demo-secret/);
  });

  it('when the apikey is unknown, then 401 SBX401K', async () => {
    expectError(await tokenCall({ apikey: 'nobody', Authorization: basic('nobody', 'x') }), 401, 'SBX401K');
  });

  it('when the apikey header is missing, then 401 SBX401K', async () => {
    expectError(await tokenCall({ Authorization: basic('demo-apikey', 'demo-secret') }), 401, 'SBX401K');
  });

  it('when no Basic credentials are sent, then 401 SBX401B', async () => {
    expectError(await tokenCall({ apikey: 'demo-apikey' }), 401, 'SBX401B');
    expectError(await tokenCall({ apikey: 'demo-apikey', Authorization: 'Bearer abc' }), 401, 'SBX401B');
  });

  it("when the Basic user is another tenant's apikey, then 401 SBX401M", async () => {
    expectError(await tokenCall({ apikey: 'demo-apikey', Authorization: basic('partner-apikey', 'partner-secret') }), 401, 'SBX401M');
  });

  it('when the grant type is not client_credentials, then 400 SBX400G; when it is missing, then 400 SBX400V', async () => {
    const headers = { apikey: 'demo-apikey', Authorization: basic('demo-apikey', 'demo-secret') };
    expectError(await tokenCall(headers, 'grant_type=password'), 400, 'SBX400G');
    expectError(await tokenCall(headers, 'scope=all'), 400, 'SBX400V');
  });

  it('when the body is JSON instead of a form, then 415 SBX415C', async () => {
    const headers = { apikey: 'demo-apikey', Authorization: basic('demo-apikey', 'demo-secret') };
    expectError(await tokenCall(headers, '{"grant_type":"client_credentials"}', 'application/json'), 415, 'SBX415C');
  });
});

describe('every operation needs a valid token, the apikey and X-ClientID', () => {
  let clock = Date.parse(`${TODAY}T12:00:00Z`);
  const sb = startSandbox({ now: () => clock });

  it('when nothing but /health and /openapi.yaml is called without credentials, then those two answer and the rest say 401', async () => {
    expectOk(await sb.get('/health', {}));
    const spec = await request(sb.app).get('/openapi.yaml');
    assert.equal(spec.status, 200);
    assert.match(spec.text, /^openapi: 3/);
    const retail = await sb.fixture('retail-multi-product');
    for (const [name, method, url, body] of operations(retail.customerNumber, retail.accountNumbers[0])) {
      const res = await (method === 'get' ? sb.get(url, {}) : sb[method](url, body, {}));
      expectError(res, 401, 'SBX401K');
      assert.ok(res.body.errors[0].description.length > 10, name);
    }
  });

  it('when an operation is called with the apikey but no token, then 401 SBX401T on every operation', async () => {
    const retail = await sb.fixture('retail-multi-product');
    for (const [name, method, url, body] of operations(retail.customerNumber, retail.accountNumbers[0])) {
      const res = await (method === 'get' ? sb.get(url, { ...DEMO, Authorization: '' }) : sb[method](url, body, { ...DEMO, Authorization: '' }));
      expectError(res, 401, 'SBX401T');
      assert.ok(res.status === 401, name);
    }
  });

  it("when demo's token is used with partner's apikey, then 401 SBX401W on every operation", async () => {
    const demoToken = await sb.tokenFor('demo-apikey');
    const retail = await sb.fixture('retail-multi-product');
    for (const [, method, url, body] of operations(retail.customerNumber, retail.accountNumbers[0])) {
      const headers = { ...PARTNER, Authorization: `Bearer ${demoToken}` };
      expectError(await (method === 'get' ? sb.get(url, headers) : sb[method](url, body, headers)), 401, 'SBX401W');
    }
  });

  it('when the token is malformed or forged, then 401 SBX401X', async () => {
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('demo-apikey')
      .setIssuedAt(Math.floor(clock / 1000))
      .setExpirationTime(Math.floor(clock / 1000) + 900)
      .sign(new TextEncoder().encode('not-the-sandbox-key-not-the-sandbox-key'));
    const real = (await sb.tokenFor('demo-apikey'))!;
    const tampered = real.slice(0, -3) + (real.endsWith('AAA') ? 'BBB' : 'AAA');
    for (const token of ['abc', 'a.b.c', forged, tampered]) {
      expectError(await sb.get('/sandbox/fixtures', { ...DEMO, Authorization: `Bearer ${token}` }), 401, 'SBX401X');
    }
  });

  it('when X-ClientID is missing or not the one registered for the apikey, then 401 SBX401C', async () => {
    expectError(await sb.get('/sandbox/fixtures', { apikey: 'demo-apikey' }), 401, 'SBX401C');
    expectError(await sb.get('/sandbox/fixtures', { apikey: 'demo-apikey', 'X-ClientID': '00807' }), 401, 'SBX401C');
  });

  it('when a failed call would have added a customer, then nothing was added', async () => {
    const before = expectOk(await sb.post('/customer/lookup', { numberOfRecords: 50, primarySearchData: { lastBusinessName: 'NOBODY' } }));
    assert.equal(before.numberOfRecords, 0);
  });

  it('when the token is older than 900 seconds, then 401 SBX401E; a new token works again', async () => {
    const headers = { ...DEMO, Authorization: `Bearer ${await sb.tokenFor('demo-apikey')}` };
    clock += 899_000;
    expectOk(await sb.get('/sandbox/fixtures', headers));
    clock += 2_000;
    expectError(await sb.get('/sandbox/fixtures', headers), 401, 'SBX401E');
    const fresh = await request(sb.app)
      .post('/token')
      .set('apikey', 'demo-apikey')
      .auth('demo-apikey', 'demo-secret')
      .type('form')
      .send('grant_type=client_credentials');
    expectOk(await sb.get('/sandbox/fixtures', { ...DEMO, Authorization: `Bearer ${fresh.body.access_token}` }));
  });
});

describe('organizations per tenant', () => {
  const sb = startSandbox();

  it("when partner (organization 970 only) names organization 807, then the platform's organization codes answer", async () => {
    const seeded = await sb.fixture('seed-details-l8v4'); // a demo fixture in 807
    expectError(await sb.post('/customer/details-l8v4', { customerNumber: seeded.customerNumber, organizationNumber: 807 }, PARTNER), 404, 'VPL5SGC02S');
    expectError(await sb.post('/customer/accountNumber', { customerNumber: seeded.customerNumber, organizationNumber: 807 }, PARTNER), 404, 'VPL5SGC02S');
    expectError(await sb.post('/customer/demographicData', { customerAccountCardNumber: seeded.customerNumber, numberType: 1, organizationNumber: 807 }, PARTNER), 404, 'VPL5SGC02S');
    expectError(await sb.post('/customer/demographicData', { customerAccountCardNumber: seeded.accountNumbers[0], numberType: 0 }, PARTNER), 404, 'VPL5SGC02S');
    expectError(await sb.post('/customer/generation', { organizationNumber: 807, logo: 501 }, PARTNER), 404, 'VPL5SGC02S');
    expectError(await sb.post('/customer/relationshipNumber', { customerNumber: seeded.customerNumber, organizationNumber: 807 }, PARTNER), 404, 'VPL5SRC13S');
    expectError(await sb.get(`/customer/${seeded.accountNumbers[0]}/current-prior-address`, PARTNER), 404, 'VPL5SGC02S');
    expectError(await sb.put('/customer', { customerNumber: seeded.accountNumbers[0], numberType: 0, demographicDataIndicator: 1, firstName: 'X' }, PARTNER), 404, 'VPL5SGC02S');
    const lookup = expectOk(await sb.post('/customer/lookup', { numberOfRecords: 50, organizationNumber: 0, primarySearchData: { identifier: '000000' }, identifierFuzzySwitch: 1 }, PARTNER));
    assert.ok(lookup.customers.every((c: { organizationNumber: number }) => c.organizationNumber === 970));
    const fixtures = expectOk(await sb.get('/sandbox/fixtures', PARTNER));
    assert.deepEqual(fixtures.organizations.map((o: { organizationNumber: number }) => o.organizationNumber), [970]);
    assert.ok(fixtures.fixtures.every((f: { organizationNumber: number }) => f.organizationNumber === 970));
  });
});

describe('tenant isolation', () => {
  const sb = startSandbox();

  it("when demo adds a customer, then no operation of partner's can see or change it", async () => {
    const added = expectOk(
      await sb.post('/customer', { customerData: { customerKeyData: { organizationNumber: 970 }, ownerCoOwnerData: { ownerData: { lastName: 'ISOLATED', identificationNumber: '777888999' } } } }),
      201,
    );
    const n = added.customerNumber;
    expectError(await sb.post('/customer/demographicData', { customerAccountCardNumber: n, numberType: 1, organizationNumber: 970 }, PARTNER), 404, 'VPL5SGC04S');
    expectError(await sb.put('/customer', { customerNumber: n, numberType: 1, organizationNumber: 970, demographicDataIndicator: 1, lastName: 'TAKEN' }, PARTNER), 404, 'VPL5SGC04S');
    expectError(await sb.post('/customer/accountNumber', { customerNumber: n, organizationNumber: 970 }, PARTNER), 404, 'VPL5SGC04S');
    expectError(await sb.post('/customer/details-l8v4', { customerNumber: n, organizationNumber: 970 }, PARTNER), 404, 'VPL5SGC04S');
    expectError(await sb.post('/customer/relationshipNumber', { customerNumber: n, organizationNumber: 970 }, PARTNER), 404, 'VPL5SGC04S');
    expectError(await sb.get(`/customer/${n}/current-prior-address`, PARTNER), 404, 'VPL5SGC03S');
    const found = expectOk(await sb.post('/customer/lookup', { numberOfRecords: 50, primarySearchData: { lastBusinessName: 'ISOLATED' } }, PARTNER));
    assert.equal(found.numberOfRecords, 0);
    // Partner's numbers are its own: the same customer number is free there, and demo's customer is untouched.
    expectOk(await sb.post('/customer', { customerData: { customerKeyData: { organizationNumber: 970, customerNumber: n }, ownerCoOwnerData: { ownerData: { lastName: 'PARTNERS' } } } }, PARTNER), 201);
    const demoNumbers = expectOk(await sb.post('/customer/generation', { organizationNumber: 970, logo: 401, customerNumbersRequested: 3 }));
    const partnerNumbers = expectOk(await sb.post('/customer/generation', { organizationNumber: 970, logo: 401, customerNumbersRequested: 3 }, PARTNER));
    assert.ok(partnerNumbers.customerData.length === 3 && demoNumbers.customerData.length === 3);
    // Partner's reset leaves demo's data alone.
    expectOk(await sb.post('/sandbox/reset', undefined, PARTNER));
    const mine = expectOk(await sb.post('/customer/demographicData', { customerAccountCardNumber: n, numberType: 1, organizationNumber: 970 }));
    assert.equal(mine.nameAddrData[0].lastName, 'ISOLATED');
  });
});

describe('HMAC signatures', () => {
  let clock = Date.parse(`${TODAY}T12:00:00Z`);
  const sb = startSandbox({ now: () => clock });
  const body = (last: string) => JSON.stringify({ customerData: { customerKeyData: { organizationNumber: 970 }, ownerCoOwnerData: { ownerData: { lastName: last } } } });

  async function signed(text: string, overrides: { secret?: string; timestamp?: number; requestId?: string; sendBody?: string; apikey?: string } = {}) {
    const apikey = overrides.apikey ?? 'demo-apikey';
    const requestId = overrides.requestId ?? randomUUID();
    const timestamp = String(overrides.timestamp ?? clock);
    // Written out from the platform's formula rather than taken from the code under test.
    const signature = createHmac('sha256', overrides.secret ?? secretOf(apikey)).update(apikey + requestId + timestamp + text).digest('base64');
    const headers = { apikey, 'X-ClientID': '00970', 'X-Client-Request-Id': requestId, Timestamp: timestamp, Signature: signature };
    return sb.post('/customer', overrides.sendBody ?? text, headers);
  }
  const count = async (last: string) =>
    expectOk(await sb.post('/customer/lookup', { numberOfRecords: 50, primarySearchData: { lastBusinessName: last } })).numberOfRecords;

  it('when a request is correctly signed, then it passes', async () => {
    expectOk(await signed(body('SIGNEDONE')), 201);
    assert.equal(await count('SIGNEDONE'), 1);
  });

  it('when the body was changed after signing, then 401 SBX401H and nothing is added', async () => {
    expectError(await signed(body('TAMPERA'), { sendBody: body('TAMPERB') }), 401, 'SBX401H');
    assert.equal(await count('TAMPERB'), 0);
  });

  it('when it was signed with another secret, then 401 SBX401H', async () => {
    expectError(await signed(body('WRONGKEY'), { secret: 'partner-secret' }), 401, 'SBX401H');
  });

  it('when the Timestamp is 4:59 old or ahead, then it passes; at 5:01, then 401 SBX401N', async () => {
    expectOk(await signed(body('EDGEOLD'), { timestamp: clock - 299_000 }), 201);
    expectOk(await signed(body('EDGENEW'), { timestamp: clock + 299_000 }), 201);
    expectError(await signed(body('STALE'), { timestamp: clock - 301_000 }), 401, 'SBX401N');
    expectError(await signed(body('FUTURE'), { timestamp: clock + 301_000 }), 401, 'SBX401N');
    assert.equal(await count('STALE'), 0);
  });

  it('when a signed request is sent again with the same X-Client-Request-Id, then 425 SBX425R and it is not run twice', async () => {
    const requestId = randomUUID();
    expectOk(await signed(body('REPLAYED'), { requestId }), 201);
    expectError(await signed(body('REPLAYED'), { requestId }), 425, 'SBX425R');
    assert.equal(await count('REPLAYED'), 1);
    // Past the window the id is free again.
    clock += 301_000;
    expectOk(await signed(body('REPLAYED'), { requestId }), 201);
  });

  it('when a request stamped 4:59 ahead is replayed 6 minutes later, while its Timestamp is still fresh, then 425 SBX425R', async () => {
    const requestId = randomUUID();
    const timestamp = clock + 299_000;
    expectOk(await signed(body('AHEAD'), { requestId, timestamp }), 201);
    clock += 360_000;
    expectError(await signed(body('AHEAD'), { requestId, timestamp }), 425, 'SBX425R');
    assert.equal(await count('AHEAD'), 1);
  });

  it('when Signature comes without X-Client-Request-Id or Timestamp, then 401 SBX401F', async () => {
    const headers = { ...DEMO, Signature: 'abc' };
    expectError(await sb.post('/customer', body('HALF'), headers), 401, 'SBX401F');
  });

  it('when the tenant requires signatures and a request has none, then 401 SBX401G; signed, it passes (a GET signs an empty body)', async () => {
    expectError(await sb.get('/sandbox/fixtures', { ...SIGNED, Signature: '' }), 401, 'SBX401G');
    expectOk(await sb.get('/sandbox/fixtures', SIGNED));
    expectOk(await signed(body('SIGNEDTENANT'), { apikey: 'signed-apikey' }), 201);
  });
});

describe('npm run sign', () => {
  it('when given an apikey, secret and body, then it prints the headers of a request the sandbox accepts', async () => {
    let clock = Date.parse(`${TODAY}T12:00:00Z`);
    const sb = startSandbox({ now: () => clock });
    const body = '{"numberOfRecords": 1, "primarySearchData": {"lastBusinessName": "GA*"}}';
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/sign-request.ts', '--apikey', 'demo-apikey', '--secret', 'demo-secret', '--body', body, '--timestamp', String(clock)], { encoding: 'utf8' });
    const headers = Object.fromEntries([...out.matchAll(/-H '([^:]+): ([^']+)'/g)].map((m) => [m[1], m[2]]));
    assert.deepEqual(Object.keys(headers).sort(), ['Signature', 'Timestamp', 'X-Client-Request-Id']);
    expectOk(await sb.post('/customer/lookup', body, { ...DEMO, ...headers }));
    clock += 1;
    expectError(await sb.post('/customer/lookup', body.replace('GA*', 'GB*'), { ...DEMO, ...headers, 'X-Client-Request-Id': 'other' }), 401, 'SBX401H');
  });
});

describe('the replay memory', () => {
  it('when more ids arrive than it may hold, then it keeps only the newest and stays within its bound', () => {
    const guard = new ReplayGuard(1000);
    const t = 1_000_000;
    for (let i = 0; i < 50_000; i++) assert.equal(guard.admit('k', `id-${i}`, t), true);
    assert.equal(guard.size, 1000);
    assert.equal(guard.admit('k', 'id-49999', t), false, 'a recent id is still refused');
    assert.equal(guard.admit('other', 'id-49999', t), true, 'ids are per apikey');
  });

  it('when the window has passed, then expired ids are forgotten', () => {
    const guard = new ReplayGuard();
    guard.admit('k', 'a', 0);
    guard.admit('k', 'b', 1000);
    assert.equal(guard.admit('k', 'c', 5 * 60 * 1000 + 500), true);
    assert.equal(guard.size, 2, 'a left the window');
  });
});

describe('limits', () => {
  it('when an apikey goes over its rate limit, then 429 SBX429L with Retry-After, while another apikey is still served', async () => {
    const sb = startSandbox({ rateLimitPerMinute: 5 });
    for (let i = 0; i < 4; i++) expectOk(await sb.get('/sandbox/fixtures')); // the token call counts too
    const res = await sb.get('/sandbox/fixtures');
    expectError(res, 429, 'SBX429L');
    assert.ok(Number(res.headers['retry-after']) >= 1, `Retry-After ${res.headers['retry-after']}`);
    expectOk(await sb.get('/sandbox/fixtures', PARTNER));
  });

  it('when the minute of an apikey over its limit has passed, then it is served again, and Retry-After counted down to that moment', async () => {
    let t = Date.parse('2026-11-24T10:00:00Z');
    const sb = startSandbox({ rateLimitPerMinute: 3, now: () => t });
    const first = await sb.get('/sandbox/fixtures'); // the token call was the first
    expectOk(first);
    assert.equal(first.headers['ratelimit-policy'], '3;w=60');
    assert.equal(first.headers.ratelimit, 'limit=3, remaining=1, reset=60');
    expectOk(await sb.get('/sandbox/fixtures'));
    t += 20_000;
    const refused = await sb.get('/sandbox/fixtures');
    expectError(refused, 429, 'SBX429L');
    assert.equal(refused.headers['retry-after'], '40', 'the window opened 20 s ago');
    assert.equal(refused.headers.ratelimit, 'limit=3, remaining=0, reset=40');
    t += 39_000;
    expectError(await sb.get('/sandbox/fixtures'), 429, 'SBX429L');
    t += 1_000;
    expectOk(await sb.get('/sandbox/fixtures'));
    assert.equal((await sb.get('/sandbox/fixtures')).status, 200, 'a new window: the second of three');
  });

  it('when a body nests 20 000 levels deep, then 400 SBX400N and the server keeps serving', async () => {
    const sb = startSandbox();
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    expectError(await sb.post('/customer/lookup', `{"numberOfRecords": 1, "x": ${deep}}`), 400, 'SBX400N');
    expectOk(await sb.get('/health', {}));
  });
});

describe('relaxed access for local experiments', () => {
  it('when relaxed, then the apikey alone is enough; by default it is not', async () => {
    const relaxed = startSandbox({ relaxedAuth: true });
    expectOk(await relaxed.get('/sandbox/fixtures', { apikey: 'demo-apikey', Authorization: '' }));
    expectOk(await relaxed.get('/sandbox/fixtures', { ...DEMO, Authorization: '' }));
    expectError(await relaxed.get('/sandbox/fixtures', { ...DEMO, 'X-ClientID': '00807', Authorization: '' }), 401, 'SBX401C');
    const strict = startSandbox();
    expectError(await strict.get('/sandbox/fixtures', { ...DEMO, Authorization: '' }), 401, 'SBX401T');
  });
});

describe('secrets stay secret', () => {
  it('when calls succeed and fail, then no secret or token ever reaches the log', async () => {
    const lines: string[] = [];
    const logger = { info: (f: object, m: string) => lines.push(JSON.stringify(f) + m), warn: (f: object, m: string) => lines.push(JSON.stringify(f) + m), error: (f: object, m: string) => lines.push(JSON.stringify(f) + m) };
    const organizations = loadOrganizations();
    const app = createApp({ store: openStore({ seeder: seederFor({ seed: 1, organizations, today: () => TODAY }), logger }), tenants: loadTenants(), organizations, logger, today: () => TODAY });
    const token = await request(app).post('/token').set('apikey', 'demo-apikey').auth('demo-apikey', 'demo-secret').type('form').send('grant_type=client_credentials');
    await request(app).post('/token').set('apikey', 'demo-apikey').auth('demo-apikey', 'wrong-secret').type('form').send('grant_type=client_credentials');
    await request(app).get('/sandbox/fixtures').set({ ...DEMO, Authorization: `Bearer ${token.body.access_token}` });
    await request(app).get('/sandbox/fixtures').set({ ...DEMO, Authorization: 'Bearer forged.token.here' });
    const log = lines.join('\n');
    for (const secret of ['demo-secret', 'wrong-secret', token.body.access_token, 'forged.token.here']) assert.ok(!log.includes(secret), `${secret} is not logged`);
  });
});
