// GET and DELETE /sandbox/requests: a partner reads back what it sent and what the sandbox answered.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO, PARTNER, SIGNED, expectError, expectOk, secretOf, startSandbox } from './helpers/sandbox.js';

type Sandbox = ReturnType<typeof startSandbox>;

const journal = async (sb: Sandbox, query = '', headers: Record<string, string> = DEMO) => expectOk(await sb.get(`/sandbox/requests${query}`, headers));
const demographic = (sb: Sandbox, customerNumber: string, headers: Record<string, string> = DEMO) =>
  sb.post('/customer/demographicData', { customerAccountCardNumber: customerNumber, numberType: 1, organizationNumber: 970 }, headers);

describe('GET /sandbox/requests', () => {
  it("when a partner has called the sandbox, then its journal shows the calls newest first, each with its request and answer, and no secret", async () => {
    const sb = startSandbox();
    const token = (await sb.tokenFor(PARTNER.apikey))!;
    // A bare 19-digit number, as partners send it: the journal keeps its exact digits.
    const body = '{"customerAccountCardNumber": 4597000000000000001, "numberType": 1, "organizationNumber": 970}';
    const res = await sb.post('/customer/demographicData', body, { ...PARTNER, 'X-Client-Request-Id': 'partner-call-1' });
    const answered = expectOk(res);

    const { capacity, kept, requests } = await journal(sb, '', PARTNER);
    assert.equal(capacity, 200);
    assert.equal(kept, 2);
    const [inquiry, tokenCall] = requests;

    assert.equal(inquiry.method, 'POST');
    assert.equal(inquiry.path, '/customer/demographicData');
    assert.equal(inquiry.operationId, 'inquireDemographicData');
    assert.equal(inquiry.status, 200);
    assert.ok(inquiry.durationMs >= 0);
    assert.ok(Date.parse(inquiry.time) >= Date.parse(tokenCall.time), 'newest first');
    assert.equal(inquiry.requestId, res.headers['x-request-id'] ?? 'partner-call-1');
    assert.equal(inquiry.requestHeaders.authorization, 'Bearer [redacted]');
    assert.equal(inquiry.requestHeaders.apikey, PARTNER.apikey);
    assert.deepEqual(inquiry.requestBody, { customerAccountCardNumber: '4597000000000000001', numberType: 1, organizationNumber: 970 });
    assert.equal(inquiry.requestBodyBytes, Buffer.byteLength(body));
    assert.deepEqual(inquiry.answerBody, { hasError: false, errors: [], data: answered });
    assert.equal(inquiry.answerBodyBytes, Buffer.byteLength(res.text));

    assert.equal(tokenCall.operationId, 'getToken');
    assert.equal(tokenCall.status, 200);
    assert.equal(tokenCall.requestHeaders.authorization, 'Basic [redacted]');
    assert.deepEqual(tokenCall.requestBody, { grant_type: 'client_credentials' });
    assert.equal(tokenCall.answerBody.access_token, '[redacted]');
    assert.equal(tokenCall.answerBody.token_type, 'Bearer');

    const text = JSON.stringify(requests);
    const basic = Buffer.from(`${PARTNER.apikey}:${secretOf(PARTNER.apikey)}`).toString('base64');
    for (const secret of [token, secretOf(PARTNER.apikey), basic]) assert.ok(!text.includes(secret), 'no credential is in the journal');
  });

  it('when a signed request is recorded, then its Signature is redacted and its X-Client-Request-Id names it', async () => {
    const sb = startSandbox();
    const res = await demographic(sb, '4597000000000000001', SIGNED);
    expectOk(res);
    const [signed] = (await journal(sb, '?operationId=inquireDemographicData', SIGNED)).requests;
    assert.equal(signed.requestHeaders.signature, '[redacted]');
    assert.match(signed.requestHeaders.timestamp, /^\d+$/);
    assert.equal(signed.requestId, res.headers['x-request-id'] ?? signed.requestHeaders['x-client-request-id']);
  });

  it('when calls are refused, then they are in the journal too: a wrong token, a body that breaks the contract, an unknown customer', async () => {
    const sb = startSandbox();
    expectError(await demographic(sb, '4597000000000000001', { ...DEMO, Authorization: 'Bearer not-a-token' }), 401, 'SBX401X');
    expectError(await sb.post('/customer/lookup', { numberOfRecords: 51, primarySearchData: { lastBusinessName: 'GARCIA' } }), 400, 'VPL5SZL03S');
    expectError(await demographic(sb, '1'), 404, 'VPL5SGC04S');
    expectError(await sb.get('/sandbox/nowhere'), 404, 'SBX404R');

    const { requests } = await journal(sb, '?status=4xx');
    assert.deepEqual(
      requests.map((r: any) => [r.method, r.path, r.operationId, r.status, r.answerBody.errors[0].code]),
      [
        ['GET', '/sandbox/nowhere', null, 404, 'SBX404R'],
        ['POST', '/customer/demographicData', 'inquireDemographicData', 404, 'VPL5SGC04S'],
        ['POST', '/customer/lookup', 'lookupCustomers', 400, 'VPL5SZL03S'],
        ['POST', '/customer/demographicData', 'inquireDemographicData', 401, 'SBX401X'],
      ],
    );
    assert.equal(requests[3].requestHeaders.authorization, 'Bearer [redacted]');
  });

  it('when a request names no known apikey, then no journal records it', async () => {
    const sb = startSandbox();
    expectError(await demographic(sb, '4597000000000000001', { apikey: 'nobody-apikey', 'X-ClientID': '00970' }), 401, 'SBX401K');
    for (const headers of [DEMO, PARTNER]) {
      const { requests } = await journal(sb, '', headers);
      assert.ok(!requests.some((r: any) => r.status === 401), 'the unknown apikey left no trace');
    }
  });

  it('when filtered by operation, status and limit, then only the newest matching requests come back', async () => {
    const sb = startSandbox();
    expectOk(await demographic(sb, '4597000000000000001'));
    expectError(await demographic(sb, '1'), 404, 'VPL5SGC04S');
    expectOk(await sb.post('/customer/lookup', { numberOfRecords: 5, primarySearchData: { lastBusinessName: 'GARCIA' } }));
    expectOk(await demographic(sb, '4597000000000000002'));

    const inquiries = (await journal(sb, '?operationId=inquireDemographicData')).requests;
    assert.deepEqual(inquiries.map((r: any) => [r.requestBody.customerAccountCardNumber, r.status]), [
      ['4597000000000000002', 200],
      ['1', 404],
      ['4597000000000000001', 200],
    ]);
    const found = (await journal(sb, '?operationId=inquireDemographicData&status=200&limit=1')).requests;
    assert.deepEqual(found.map((r: any) => r.requestBody.customerAccountCardNumber), ['4597000000000000002']);
    assert.deepEqual((await journal(sb, '?status=404')).requests.map((r: any) => r.requestBody.customerAccountCardNumber), ['1']);
    const newestTwo = (await journal(sb, '?limit=2')).requests;
    assert.deepEqual(newestTwo.map((r: any) => r.operationId), ['inquireDemographicData', 'lookupCustomers']);
    assert.deepEqual((await journal(sb, '?operationId=addCustomer')).requests, []);
  });

  it('when a filter is not one the contract allows, then 400 and the journal is unchanged', async () => {
    const sb = startSandbox();
    expectOk(await demographic(sb, '4597000000000000001'));
    for (const query of ['?limit=0', '?limit=1001', '?status=abc', '?status=600', '?operationId=add-customer']) {
      expectError(await sb.get(`/sandbox/requests${query}`), 400, 'SBX400V');
    }
    assert.equal((await journal(sb)).kept, 2, 'the token call and the inquiry; refused journal calls are not recorded');
  });

  it('when more requests arrive than the journal keeps, then the oldest make room', async () => {
    const sb = startSandbox({ requestJournalSize: 3 });
    for (const n of ['1', '2', '3', '4', '5']) expectError(await demographic(sb, n), 404, 'VPL5SGC04S');
    const { capacity, kept, requests } = await journal(sb, '?limit=1000');
    assert.deepEqual([capacity, kept], [3, 3]);
    assert.deepEqual(requests.map((r: any) => r.requestBody.customerAccountCardNumber), ['5', '4', '3']);
  });

  it("when two tenants call, then each journal holds only that tenant's requests", async () => {
    const sb = startSandbox();
    expectError(await demographic(sb, '11', DEMO), 404, 'VPL5SGC04S');
    expectError(await demographic(sb, '22', PARTNER), 404, 'VPL5SGC04S');
    const numbers = async (headers: typeof DEMO) =>
      (await journal(sb, '?operationId=inquireDemographicData', headers)).requests.map((r: any) => r.requestBody.customerAccountCardNumber);
    assert.deepEqual(await numbers(DEMO), ['11']);
    assert.deepEqual(await numbers(PARTNER), ['22']);
    assert.ok((await journal(sb, '', DEMO)).requests.every((r: any) => r.requestHeaders.apikey === DEMO.apikey));
  });

  it('when an answer is larger than 64 KiB, then the journal counts its bytes and keeps no body', async () => {
    const sb = startSandbox();
    const res = await sb.get('/sandbox/export');
    expectOk(res);
    const [exported] = (await journal(sb, '?operationId=exportSandbox')).requests;
    assert.equal(exported.answerBody, null);
    assert.equal(exported.answerBodyBytes, Buffer.byteLength(res.text));
    assert.ok(exported.answerBodyBytes > 64 * 1024);
  });
});

describe('DELETE /sandbox/requests', () => {
  it("when the journal is emptied, then it lists nothing, its own calls are never recorded, and other tenants' journals stay", async () => {
    const sb = startSandbox();
    expectOk(await demographic(sb, '4597000000000000001', DEMO));
    expectOk(await demographic(sb, '4597000000000000001', PARTNER));
    await journal(sb);
    assert.equal((await journal(sb)).kept, 2, 'reading the journal adds nothing to it');

    assert.deepEqual(expectOk(await sb.delete('/sandbox/requests')), { removed: 2 });
    assert.deepEqual(await journal(sb), { capacity: 200, kept: 0, requests: [] });
    assert.equal((await journal(sb, '', PARTNER)).kept, 2);

    expectError(await demographic(sb, '1', DEMO), 404, 'VPL5SGC04S');
    assert.deepEqual((await journal(sb)).requests.map((r: any) => r.status), [404]);
  });
});
