// The sandbox never answers outside its contract: an answer a handler gets wrong, an error whose
// status the operation does not declare, or a crash becomes a 500 envelope; the detail goes to the
// log, never to the caller, and never as an HTML page or a stack trace.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../src/http/errors.js';
import type { Logger } from '../src/logger.js';
import { DEMO, expectError, expectOk, startSandbox } from './helpers/sandbox.js';

/** A logger that keeps what it is told, to show that the detail of a failure goes there. */
function recordingLogger() {
  const lines: { msg: string; fields: object }[] = [];
  const keep = (fields: object, msg: string) => void lines.push({ msg, fields });
  const logger: Logger = { info: keep, warn: keep, error: keep };
  return { logger, lines };
}

const expectJsonEnvelope500 = (res: { status: number; headers: Record<string, string>; body: any; text: string }, code: string) => {
  assert.equal(res.status, 500, res.text);
  assert.match(res.headers['content-type'], /^application\/json/);
  assert.equal(res.body.hasError, true);
  assert.equal(res.body.data, null);
  assert.equal(res.body.errors[0].code, code);
  assert.doesNotMatch(res.text, /<html|at .+\.ts:\d+/i, 'no page and no stack trace');
};

describe('the response guard', () => {
  it('when a handler answers a field the contract does not have, then the caller gets 500 SBX500R and nothing of it', async () => {
    const s = startSandbox({ logger: recordingLogger().logger, handlers: { getHealth: (() => ({ status: 200, data: { status: 'UP', secret: 'internal' } })) as never } });
    const res = await s.get('/health');
    expectError(res, 500, 'SBX500R');
    assert.doesNotMatch(JSON.stringify(res.body), /internal|secret/);
  });

  it('when a handler throws, then the caller gets 500 SBX500I without the message or a stack trace', async () => {
    const s = startSandbox({
      logger: recordingLogger().logger,
      handlers: { getHealth: (() => { throw new Error('database password is hunter2'); }) as never },
    });
    const res = await s.get('/health');
    expectError(res, 500, 'SBX500I');
    assert.doesNotMatch(JSON.stringify(res.body), /hunter2|at .*\.ts|node_modules/);
  });

  it('when no handler is replaced, then the same route answers within the contract', async () => {
    assert.deepEqual(expectOk(await startSandbox().get('/health')), { status: 'UP' });
  });

  it('when a handler answers a body outside its schema, then the caller gets 500 SBX500R in the envelope and the log gets the detail', async () => {
    const { logger, lines } = recordingLogger();
    const sb = startSandbox({
      logger,
      handlers: { inquireDemographicData: (() => ({ status: 200, data: { customerNumber: 12345 } })) as never },
    });
    const res = await sb.post('/customer/demographicData', { customerAccountCardNumber: '4597000000000000001', numberType: 1, organizationNumber: 970 });
    expectJsonEnvelope500(res, 'SBX500R');
    const logged = lines.find((l) => /outside the contract/.test(l.msg));
    assert.ok(logged, 'the log says what was wrong');
    assert.match(JSON.stringify(logged.fields), /customerNumber/);
  });

  it('when a handler raises an error whose status the operation does not declare, then 500 SBX500R, never the default error page', async () => {
    const sb = startSandbox({
      logger: recordingLogger().logger,
      handlers: { lookupCustomers: (() => { throw new ApiError('CUSTOMER_EXISTS'); }) as never },
    });
    expectJsonEnvelope500(await sb.post('/customer/lookup', { numberOfRecords: 5, primarySearchData: { lastBusinessName: 'GARCIA' } }), 'SBX500R');
  });

  it('when a handler throws something unexpected, then 500 SBX500I in the envelope', async () => {
    const sb = startSandbox({
      logger: recordingLogger().logger,
      handlers: { getCardDetails: (() => { throw new TypeError('boom'); }) as never },
    });
    expectJsonEnvelope500(await sb.post('/customer/details-l8v4', { customerNumber: '4597000000000000001', organizationNumber: 970 }), 'SBX500I');
  });

  it('when lookup names an organization the tenant does not have, then 404 VPL5SGC02S in the envelope', async () => {
    const sb = startSandbox();
    expectError(await sb.post('/customer/lookup', { numberOfRecords: 5, organizationNumber: 1, primarySearchData: { lastBusinessName: 'GARCIA' } }), 404, 'VPL5SGC02S');
  });

  it('when a path differs from one of the contract only in case or by a trailing slash, then 404: it is not a path of the contract', async () => {
    const sb = startSandbox();
    const body = { numberOfRecords: 5, primarySearchData: { lastBusinessName: 'GARCIA' } };
    for (const path of ['/CUSTOMER/Lookup', '/customer/lookup/', '/customer/4597000000000000001/Current-Prior-Address']) {
      expectError(path.includes('Prior') ? await sb.get(path) : await sb.post(path, body), 404, 'SBX404R');
    }
    expectOk(await sb.post('/customer/lookup', body));
  });

  it('when a path parameter holds a malformed escape, then 400 in the envelope, before and after the path has answered; an escaped digit is read as the digit', async () => {
    const sb = startSandbox();
    const malformed = '/customer/%E0%A4%A/current-prior-address';
    expectError(await sb.get(malformed), 400, 'SBX400V');
    expectOk(await sb.get('/customer/4597000000000000001/current-prior-address'));
    expectError(await sb.get(malformed), 400, 'SBX400V');
    // An escaped digit is the digit: %34 is 4.
    assert.equal(expectOk(await sb.get('/customer/%34597000000000000001/current-prior-address')).customerNumber, '4597000000000000001');
  });

  it('when a path is called with a method it does not answer, then 405 names the methods it does in Allow', async () => {
    const sb = startSandbox();
    const auth = { ...DEMO, Authorization: `Bearer ${await sb.tokenFor(DEMO.apikey)}` };
    const lookup = sb.raw('get', '/customer/lookup');
    const res = lookup.check(await lookup.req.set(auth));
    assert.equal(res.status, 405);
    assert.equal(res.body.errors[0].code, 'SBX405M');
    assert.equal(res.headers.allow, 'POST');
    const customer = sb.raw('delete', '/customer');
    const both = customer.check(await customer.req.set(auth));
    assert.equal(both.status, 405);
    assert.deepEqual(both.headers.allow.split(/,\s*/).sort(), ['POST', 'PUT']);
  });
});

