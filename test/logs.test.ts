// The log as an operator reads it: one JSON line per answer, naming its request id, tenant,
// operation, status and time, and never a body, a token, a secret or a credential header.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import request from 'supertest';
import { signRequest } from '../src/auth/request-signature.js';
import { capturedLog, DEMO, expectError, expectOk, secretOf, SIGNED, startSandbox } from './helpers/sandbox.js';

const answerLines = (lines: Record<string, any>[]) => lines.filter((l) => l.msg === 'request completed');
const CUSTOMER = '4597000000000000001';
const inquiry = { customerAccountCardNumber: CUSTOMER, numberType: 1, organizationNumber: 970 };

describe('the request log', () => {
  it('when a partner gets a token and calls, then each answer is one line with its request id, tenant, operation, status and duration', async () => {
    const log = capturedLog();
    const sb = startSandbox({ logger: log.logger });
    await sb.tokenFor(DEMO.apikey);
    const res = await sb.post('/customer/demographicData', inquiry, { ...DEMO, 'X-Request-Id': 'partner-run.7' });
    expectOk(res);
    expectError(await sb.post('/customer/demographicData', { ...inquiry, customerAccountCardNumber: '1' }), 404, 'VPL5SGC04S');

    const lines = answerLines(log.lines());
    assert.equal(lines.length, 3, 'the token call and two inquiries, one line each');
    const [token, found, missing] = lines;
    assert.deepEqual(
      { reqId: found.reqId, tenant: found.tenant, operationId: found.operationId, req: found.req, res: found.res, level: found.level },
      { reqId: 'partner-run.7', tenant: 'demo-apikey', operationId: 'inquireDemographicData', req: { method: 'POST', path: '/customer/demographicData' }, res: { statusCode: 200 }, level: 'info' },
    );
    assert.equal(res.headers['x-request-id'], 'partner-run.7', 'the answer and its line carry the same id');
    assert.ok(Number.isInteger(found.responseTime) && found.responseTime >= 0, `responseTime ${found.responseTime} ms`);
    assert.ok(!Number.isNaN(Date.parse(found.time)), 'an ISO time');
    assert.equal(token.operationId, 'getToken');
    assert.equal(token.tenant, 'demo-apikey');
    assert.equal(missing.res.statusCode, 404);
    assert.notEqual(missing.reqId, found.reqId, 'every request gets its own id');
  });

  it('when lines are written a few milliseconds apart, then each carries the time it was written', async () => {
    const log = capturedLog();
    const sb = startSandbox({ logger: log.logger });
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const before = Date.now();
      expectOk(await sb.get('/health'));
      const line = answerLines(log.lines()).at(-1)!;
      const at = Date.parse(line.time);
      assert.ok(at >= before && at <= Date.now(), `${line.time} lies between the call and its answer`);
      times.push(at);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    assert.equal(new Set(times).size, 3, 'three lines, three times');
  });

  it('when a token is issued and a signed request is sent, then no secret, token, signature or body reaches the log', async () => {
    const log = capturedLog();
    const sb = startSandbox({ logger: log.logger });
    const token = await sb.tokenFor(SIGNED.apikey);
    assert.ok(token);
    const body = JSON.stringify({ numberOfRecords: 5, primarySearchData: { lastBusinessName: 'ZZLOGPROBE' } });
    const requestId = randomUUID();
    const timestamp = String(Date.now());
    const signature = signRequest(secretOf(SIGNED.apikey), SIGNED.apikey, requestId, timestamp, body);
    const headers = { ...SIGNED, Authorization: `Bearer ${token}`, 'X-Client-Request-Id': requestId, Timestamp: timestamp, Signature: signature };
    expectOk(await sb.post('/customer/lookup', body, headers));
    const inquired = expectOk(await sb.post('/customer/demographicData', inquiry, { ...DEMO, Authorization: `Bearer ${await sb.tokenFor(DEMO.apikey)}` }));
    // A wrong secret and a forged token are logged as refusals, without what was sent.
    const wrong = sb.raw('post', '/token');
    wrong.check(await wrong.req.set('apikey', 'demo-apikey').auth('demo-apikey', 'not-the-secret').type('form').send('grant_type=client_credentials'));
    await sb.get('/sandbox/fixtures', { ...DEMO, Authorization: 'Bearer forged.token.value' });

    const text = log.text();
    const lastName = inquired.nameAddrData[0].lastName as string;
    const basic = Buffer.from(`${SIGNED.apikey}:${secretOf(SIGNED.apikey)}`).toString('base64');
    for (const secret of [secretOf(SIGNED.apikey), secretOf(DEMO.apikey), 'not-the-secret', token!, 'forged.token.value', basic, signature, 'ZZLOGPROBE', CUSTOMER, lastName]) {
      assert.ok(!text.includes(secret), `the log does not hold ${secret.slice(0, 20)}`);
    }
    assert.doesNotMatch(text, /authorization|bearer|basic |"signature"|headers/i);
    assert.equal(answerLines(log.lines()).length, 6, 'two token calls, the lookup, the inquiry and two refusals');
  });

  it('when a request fails inside, then the failure and the answer are logged under the request id the caller got', async () => {
    const log = capturedLog();
    const sb = startSandbox({ logger: log.logger, handlers: { getHealth: (() => { throw new Error('boom'); }) as never } });
    const res = await sb.get('/health', {});
    expectError(res, 500, 'SBX500I');
    const id = res.headers['x-request-id'];
    const mine = log.lines().filter((l) => l.reqId === id);
    assert.deepEqual(mine.map((l) => [l.level, l.msg]), [['error', 'request failed'], ['error', 'request completed']]);
    assert.equal(mine[0].err.message, 'boom', 'the stack goes to the log, never to the caller');
  });
});

describe('X-Request-Id', () => {
  const SANE = /^[A-Za-z0-9._-]{1,64}$/;

  it('when the caller sends a sane id, then the answer carries it back', async () => {
    const sb = startSandbox();
    for (const id of ['a', 'run-2026.11_30', 'x'.repeat(64), randomUUID()]) {
      assert.equal((await sb.get('/health', { 'X-Request-Id': id })).headers['x-request-id'], id);
    }
  });

  it('when the caller sends none or an unsafe one, then the answer carries a new one instead', async () => {
    const sb = startSandbox();
    for (const sent of [undefined, '', 'has space', 'x'.repeat(65), '<script>', 'line\tbreak', 'ünïcode']) {
      const res = await sb.get('/health', sent === undefined ? {} : { 'X-Request-Id': sent });
      const got = res.headers['x-request-id'];
      assert.match(got, SANE, `for ${JSON.stringify(sent)}`);
      assert.notEqual(got, sent);
    }
  });

  it('when the answer is a refusal, an unknown route, a wrong method, the metrics or the docs page, then it carries an id too', async () => {
    const sb = startSandbox();
    const answers = [
      await sb.get('/sandbox/fixtures', {}),
      await sb.get('/no/such/path'),
      await sb.raw('delete', '/health').req,
      await sb.get('/metrics', {}),
      // The docs page is no API answer (the contract check would refuse it), but it carries the id too.
      await request(sb.app).get('/docs'),
    ];
    assert.deepEqual(answers.map((r) => r.status), [401, 404, 405, 200, 200]);
    for (const res of answers) assert.match(res.headers['x-request-id'] ?? '', SANE);
  });
});
