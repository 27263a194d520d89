// The Prefer header: forced answers (code, errorCode), latency and faults, refused when they ask
// for something the operation does not document, and never a way around access or validation.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import request from 'supertest';
import { DEMO, expectError, expectOk, secretOf, startSandbox } from './helpers/sandbox.js';

const RETAIL = '4597000000000000001';
const ASK_RETAIL = { customerAccountCardNumber: RETAIL, numberType: 1, organizationNumber: 970 };
const NEW_CUSTOMER = { customerData: { ownerCoOwnerData: { ownerData: { lastName: 'FORZADO' } } } };
const prefer = (value: string) => ({ ...DEMO, Prefer: value });

/** Everything the tenant holds, to show a forced answer wrote nothing. */
const exported = async (sb: ReturnType<typeof startSandbox>) => expectOk(await sb.get('/sandbox/export'));

describe('Prefer: forced scenarios', () => {
  describe('code and errorCode', () => {
    const sb = startSandbox();

    it('when demographicData is sent code=404 for a customer that exists, then it answers 404 VPL5SGC04S and says the preference was applied', async () => {
      const res = await sb.post('/customer/demographicData', ASK_RETAIL, prefer('code=404'));
      expectError(res, 404, 'VPL5SGC04S');
      assert.match(res.body.errors[0].description, /forced by the Prefer header/);
      assert.equal(res.headers['preference-applied'], 'code=404');
    });

    it('when demographicData is sent errorCode=VPL5SGC02S, then it answers that code with its status, 404', async () => {
      expectError(await sb.post('/customer/demographicData', ASK_RETAIL, prefer('errorCode=vpl5sgc02s')), 404, 'VPL5SGC02S');
    });

    it('when an add is sent code=422, then it answers SBX422C and no customer is added', async () => {
      const before = await exported(sb);
      expectError(await sb.post('/customer', NEW_CUSTOMER, prefer('code=422')), 422, 'SBX422C');
      assert.deepEqual(await exported(sb), before);
    });

    it('when an update that would succeed is sent errorCode=VPL5SGC53E, then it answers 400 and the customer keeps its data', async () => {
      const before = await exported(sb);
      const move = { customerNumber: RETAIL, numberType: 1, organizationNumber: 970, demographicDataIndicator: 1, city: 'ROSARIO' };
      expectError(await sb.put('/customer', move, prefer('errorCode=VPL5SGC53E')), 400, 'VPL5SGC53E');
      assert.deepEqual(await exported(sb), before);
    });

    it('when a generation is sent code=500 or code=503, then it answers the sandbox failure codes and reserves nothing', async () => {
      const before = await exported(sb);
      expectError(await sb.post('/customer/generation', { organizationNumber: 970, logo: '401' }, prefer('code=500')), 500, 'SBX500I');
      expectError(await sb.post('/customer/generation', { organizationNumber: 970, logo: '401' }, prefer('code=503')), 503, 'SBX503T');
      assert.deepEqual(await exported(sb), before);
    });

    it('when a lookup is sent code=429, then it answers SBX429L with Retry-After, as a real limit does', async () => {
      const res = await sb.post('/customer/lookup', { numberOfRecords: 5, primarySearchData: { lastBusinessName: 'GARCIA' } }, prefer('code=429'));
      expectError(res, 429, 'SBX429L');
      assert.ok(Number(res.headers['retry-after']) >= 1);
    });

    it('when current-prior-address is sent code=401, then it answers the expired-token code the typed client renews on', async () => {
      expectError(await sb.get(`/customer/${RETAIL}/current-prior-address`, prefer('code=401')), 401, 'SBX401E');
    });
  });

  describe('a success status', () => {
    const sb = startSandbox();

    it('when an add is sent code=201, then the customer is really added', async () => {
      const added = expectOk(await sb.post('/customer', NEW_CUSTOMER, prefer('code=201')), 201);
      const read = expectOk(await sb.post('/customer/demographicData', { customerAccountCardNumber: added.customerNumber, numberType: 1, organizationNumber: 970 }));
      assert.equal(read.nameAddrData[0].lastName, 'FORZADO');
    });

    it('when demographicData is sent code=200 for a customer that does not exist, then it answers 200 with blanks and zeros', async () => {
      const data = expectOk(await sb.post('/customer/demographicData', { ...ASK_RETAIL, customerAccountCardNumber: '1' }, prefer('code=200')));
      assert.equal(data.customerNumber, '');
      assert.equal(data.organizationNumber, 0);
      assert.deepEqual(data.nameAddrData, []);
    });

    it('when an update of a customer that does not exist is sent code=200, then it answers 200 and writes nothing', async () => {
      const before = await exported(sb);
      const data = expectOk(await sb.put('/customer', { customerNumber: '1', numberType: 1, organizationNumber: 970, demographicDataIndicator: 1, city: 'X' }, prefer('code=200')));
      assert.equal(data.outputArea.customerNumber, '');
      assert.deepEqual(await exported(sb), before);
    });
  });

  describe('latency', () => {
    const sb = startSandbox();

    it('when demographicData is sent latency=400, then the real answer comes no sooner than 400 ms', async () => {
      const started = performance.now();
      const data = expectOk(await sb.post('/customer/demographicData', ASK_RETAIL, prefer('latency=400')));
      assert.ok(performance.now() - started >= 400, `took ${performance.now() - started} ms`);
      assert.equal(data.customerNumber, RETAIL);
    });

    it('when it is sent code=404, latency=250 (as Prism spells it), then the forced answer comes no sooner than 250 ms', async () => {
      const started = performance.now();
      const res = await sb.post('/customer/demographicData', ASK_RETAIL, prefer('code=404, latency=250'));
      assert.ok(performance.now() - started >= 250);
      expectError(res, 404, 'VPL5SGC04S');
      assert.equal(res.headers['preference-applied'], 'code=404, latency=250');
    });
  });

  describe('faults', () => {
    const sb = startSandbox();
    const server = sb.app.listen(0, '127.0.0.1');
    after(() => {
      server.closeAllConnections();
      server.close();
    });
    const url = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    /** The add as a raw request on a real connection; `wait` is how long the client waits for an answer. */
    const addWith = async (preference: string, wait = 10_000) => {
      const token = await sb.tokenFor(DEMO.apikey);
      return request(url())
        .post('/customer')
        .set({ ...DEMO, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Prefer: preference })
        .timeout(wait)
        .send(JSON.stringify(NEW_CUSTOMER));
    };

    it('when an add is sent fault=reset, then the connection closes without an answer and no customer is added', async () => {
      const before = await exported(sb);
      await assert.rejects(addWith('fault=reset'), (err: NodeJS.ErrnoException) => err.code === 'ECONNRESET' && /socket hang up/.test(err.message));
      assert.deepEqual(await exported(sb), before);
    });

    it('when an add is sent fault=timeout, then nothing answers until the client gives up, and no customer is added', async () => {
      const before = await exported(sb);
      const started = performance.now();
      await assert.rejects(addWith('fault=timeout', 300), (err: Error & { timeout?: number }) => err.timeout === 300);
      assert.ok(performance.now() - started >= 300);
      assert.deepEqual(await exported(sb), before);
    });
  });

  describe('what is refused', () => {
    const sb = startSandbox();
    const refused = async (value: string, why: RegExp) => {
      const res = await sb.post('/customer/demographicData', ASK_RETAIL, prefer(value));
      expectError(res, 400, 'SBX400P');
      assert.match(res.body.errors[0].description, why);
      return res.body.errors.slice(1).map((e: { code: string; description: string }) => {
        assert.equal(e.code, 'SBX400P');
        return e.description;
      });
    };

    it('when a status the operation does not document is asked for, then 400 SBX400P lists the statuses and codes it does', async () => {
      const list = await refused('code=418', /code=418: inquireDemographicData does not document this status/);
      assert.equal(list[0], 'inquireDemographicData documents the statuses 200, 400, 401, 404, 413, 415, 425, 429, 500, 503');
      assert.ok(list.some((line: string) => line.startsWith('inquireDemographicData answers 404 with: VPL5SGC04S, VPL5SGC01S, VPL5SGC02S')), list.join('\n'));
      for (const line of list) assert.ok(line.length <= 500);
    });

    it("when another operation's code is asked for, then it is refused the same way", async () => {
      await refused('errorCode=VPL5SZL03S', /errorCode=VPL5SZL03S: inquireDemographicData does not document this code/);
    });

    it('when a preference the sandbox does not know, a latency beyond 30 s or two outcomes are asked for, then each is refused', async () => {
      await refused('return=minimal', /return is not a preference of this sandbox/);
      await refused('respond-async', /"respond-async" is not a preference/);
      await refused('latency=30001', /latency=30001 is not a value it takes/);
      await refused('fault=slow', /fault=slow is not a value it takes/);
      await refused('code=404, errorCode=VPL5SGC04S', /send one of them/);
      await refused('code=404, code=400', /code is given twice/);
    });

    it('when a refused preference would have written, then nothing is written', async () => {
      const before = await exported(sb);
      expectError(await sb.post('/customer', NEW_CUSTOMER, prefer('code=418')), 400, 'SBX400P');
      assert.deepEqual(await exported(sb), before);
    });
  });

  describe('access and validation come first', () => {
    const sb = startSandbox();

    it('when a request without a token asks for code=404, then it still gets 401 SBX401T', async () => {
      expectError(await sb.post('/customer/demographicData', ASK_RETAIL, { ...prefer('code=404'), Authorization: '' }), 401, 'SBX401T');
    });

    it('when a body the contract refuses asks for code=404, then it still gets the validation answer', async () => {
      expectError(await sb.post('/customer/demographicData', { ...ASK_RETAIL, vipStatus: 1 }, prefer('code=404')), 400, 'SBX400V');
      expectError(await sb.post('/customer/demographicData', { ...ASK_RETAIL, numberType: 6 }, prefer('code=404')), 400, 'VPL5SGC04E');
    });

    it('when an operation that takes no Prefer gets one, then the header is ignored', async () => {
      const res = await sb.get('/sandbox/fixtures', prefer('code=404'));
      expectOk(res);
      assert.equal(res.headers['preference-applied'], undefined);
    });
  });

  describe('the token call', () => {
    const sb = startSandbox();
    const token = (preference: string, secret = secretOf(DEMO.apikey)) => {
      const call = sb.raw('post', '/token');
      return call.req
        .set({ apikey: DEMO.apikey, Prefer: preference })
        .auth(DEMO.apikey, secret)
        .type('form')
        .send('grant_type=client_credentials')
        .then(call.check);
    };

    it('when it is sent code=401, then it answers the wrong-secret code', async () => {
      expectError(await token('code=401'), 401, 'SBX401S');
    });

    it('when it is sent errorCode=SBX400G, then it answers 400 SBX400G', async () => {
      expectError(await token('errorCode=SBX400G'), 400, 'SBX400G');
    });

    it('when it is sent code=200, latency=100, then a working token comes', async () => {
      const res = await token('code=200, latency=100');
      assert.equal(res.status, 200);
      expectOk(await sb.post('/customer/demographicData', ASK_RETAIL, { ...DEMO, Authorization: `Bearer ${res.body.access_token}` }));
    });

    it('when the secret is wrong, then it gets 401 SBX401S whatever Prefer asks for', async () => {
      expectError(await token('code=200', 'wrong'), 401, 'SBX401S');
    });

    it('when it is sent code=404, then 400 SBX400P: the token call has no 404', async () => {
      expectError(await token('code=404'), 400, 'SBX400P');
    });
  });
});
