// What the contract promises beyond single operations: what the schema accepts the sandbox
// accepts; the schema's ranges answer the platform's codes; every public field is answered; the
// examples and links work on a fresh tenant. (test/contract-guard.test.ts: nothing leaves the envelope.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contractDocument, contractOperations, requestBodyProblems } from './helpers/contract.js';
import { expectError, expectOk, startSandbox } from './helpers/sandbox.js';

describe('what the schema accepts, the sandbox accepts', () => {
  const add = (resvData: string) =>
    `{"customerData":{"ownerCoOwnerData":{"ownerData":{"lastName":"RESERVED AMOUNT"}}},"resvData":${resvData}}`;

  it('when a `type: number` field carries an integer of 17 digits, also above 2^53, then it is accepted', async () => {
    const sb = startSandbox();
    for (const amount of ['1e16', '12345678901234567', '-99999999999999999']) {
      assert.deepEqual(requestBodyProblems('addCustomer', JSON.parse(add(`{"reservedAmt1":${amount}}`))), [], amount);
      expectOk(await sb.post('/customer', add(`{"reservedAmt1":${amount}}`)), 201);
    }
  });

  it('when it carries more digits than the field holds, then the schema and the sandbox both refuse it', async () => {
    const sb = startSandbox();
    assert.notDeepEqual(requestBodyProblems('addCustomer', JSON.parse(add('{"reservedAmt1":1e18}'))), []);
    expectError(await sb.post('/customer', add('{"reservedAmt1":1e18}')), 400, 'SBX400V');
  });

  // Values the sandbox refuses for a rule of the platform: each is outside the schema too, so a
  // client generated from the contract knows it, and the answer is the platform's own code.
  const C = '4597000000000000001';
  const party = (extra: object) => ({ customerData: { ownerCoOwnerData: { ownerData: { lastName: 'RANGE', ...extra } } } });
  const cases: [string, string, string, object, number, string][] = [
    ['addCustomer', 'post', '/customer', { customerData: { customerMiscellaneousData: { vipStatus: 8 }, ownerCoOwnerData: { ownerData: { lastName: 'RANGE' } } } }, 400, 'VPL5SGC10E'],
    ['addCustomer', 'post', '/customer', party({ maritalStatus: '5' }), 400, 'VPL5SGC12E'],
    ['addCustomer', 'post', '/customer', party({ emailFlag: 3, email: 'A@B.CO' }), 400, 'VPL5SGC40E'],
    ['addCustomer', 'post', '/customer', party({ postalCode: 'C1043#' }), 400, 'VPL5SGC16E'],
    ['inquireDemographicData', 'post', '/customer/demographicData', { customerAccountCardNumber: C, numberType: 6, organizationNumber: 970 }, 400, 'VPL5SGC04E'],
    ['inquireDemographicData', 'post', '/customer/demographicData', { customerAccountCardNumber: C, numberType: 1, foreignUseIndicator: 'Ñ', organizationNumber: 970 }, 400, 'VPL5SGC03E'],
    ['findAccountNumbers', 'post', '/customer/accountNumber', { customerNumber: C, organizationNumber: 0 }, 400, 'VPL5SGC01E'],
    ['updateCustomer', 'put', '/customer', { customerNumber: C, numberType: 1, organizationNumber: 970, demographicDataIndicator: 3 }, 400, 'VPL5SGC06E'],
    ['lookupCustomers', 'post', '/customer/lookup', { numberOfRecords: 970, primarySearchData: { lastBusinessName: 'GARCIA' } }, 400, 'VPL5SZL03S'],
    ['lookupCustomers', 'post', '/customer/lookup', { numberOfRecords: 5, requestOptionData: { lastNameOption: 970 }, primarySearchData: { lastBusinessName: 'GARCIA' } }, 400, 'VPL5SZL06S'],
    ['findRelationshipNumbers', 'post', '/customer/relationshipNumber', { customerNumber: C, organizationNumber: 'X70' }, 400, 'VPL5SRC06E'],
    ['generateNumbers', 'post', '/customer/generation', { organizationNumber: 970, logo: '401', dualIndicator: '7' }, 400, 'SBX400D'],
  ];
  for (const [operationId, method, url, body, status, code] of cases) {
    it(`when ${operationId} gets ${JSON.stringify(body).slice(0, 90)}, then the schema refuses it and the sandbox answers ${code}`, async () => {
      assert.notDeepEqual(requestBodyProblems(operationId, body), [], 'the contract itself states the rule');
      const sb = startSandbox();
      expectError(await (method === 'put' ? sb.put(url, body) : sb.post(url, body)), status, code);
    });
  }

  it('when the token call names another grant, then the schema refuses it and the answer is SBX400G', async () => {
    assert.notDeepEqual(requestBodyProblems('getToken', { grant_type: '000' }), []);
    const sb = startSandbox();
    const call = sb.raw('post', '/token');
    const res = call.check(await call.req.set('apikey', 'demo-apikey').auth('demo-apikey', 'demo-secret').type('form').send('grant_type=000'));
    expectError(res, 400, 'SBX400G');
  });

  it('when an import names a data version this sandbox cannot read, then the schema refuses it and the answer is SBX400I', async () => {
    const sb = startSandbox();
    const exported = expectOk(await sb.get('/sandbox/export'));
    assert.notDeepEqual(requestBodyProblems('importSandbox', { ...exported, dataVersion: 970 }), []);
    expectError(await sb.post('/sandbox/import', { ...exported, dataVersion: 970 }), 400, 'SBX400I');
  });
});

describe('every public field is answered', () => {
  it('when a customer added with a last name only is read, then every field is there, blank or zero where nothing applies', async () => {
    const sb = startSandbox();
    const added = expectOk(await sb.post('/customer', { customerData: { ownerCoOwnerData: { ownerData: { lastName: 'SOLO APELLIDO' } } } }), 201);
    for (const field of ['reservedCode1', 'reservedAmt5', 'organizationAssociatedToForeignAccount', 'foreignCustomerOrganization']) assert.equal(added[field], 0, field);
    assert.equal(added.reservedDate3, '');
    const data = expectOk(await sb.post('/customer/demographicData', { customerAccountCardNumber: added.customerNumber, numberType: 1, organizationNumber: 970 }));
    assert.equal(data.duplicateCurrency, 0);
    const [owner] = data.nameAddrData;
    assert.equal(owner.lastName, 'SOLO APELLIDO');
    for (const field of ['title', 'firstName', 'email', 'w9DateFiled', 'dateOfBirth']) assert.equal(owner[field], '', field);
    assert.equal(owner.w9Indicator, 0);
  });

  it('when cards and relationships are listed, then the limits and sums the sandbox does not model are answered as 0', async () => {
    const sb = startSandbox();
    const cards = expectOk(await sb.post('/customer/details-l8v4', { customerNumber: '4597000000000000001', organizationNumber: 970 }));
    for (const row of cards.accountTable) {
      for (const field of ['sobreCupo', 'extraCupo', 'exchangeRate']) assert.equal(row[field], 0, field);
      assert.equal(row.beginDateTemporaryCreditLimit, '');
      assert.equal(typeof row.previousCreditLimit, 'number');
    }
    const relationships = expectOk(await sb.post('/customer/relationshipNumber', { customerNumber: '4597000000000000002', organizationNumber: 970 }));
    assert.ok(relationships.relationshipTable.length > 0);
    for (const row of relationships.relationshipTable) {
      for (const field of ['cashAmountForPesosAccounts', 'totalAmountOfDisputedItemsForDollarAccounts', 'exchangeRate']) assert.equal(row[field], 0, field);
    }
  });
});

describe('the contract explains itself', () => {
  it('when each operation\'s own examples are sent to a fresh tenant, then each is accepted', async () => {
    for (const op of contractOperations) {
      for (const example of op.requestBody?.examples ?? []) {
        if (op.operationId === 'getToken') continue;
        const sb = startSandbox();
        const url = op.pathTemplate;
        const res = op.method === 'PUT' ? await sb.put(url, example.value) : await sb.post(url, example.value);
        assert.ok(res.status < 300, `${op.operationId} example ${example.name}: ${res.status} ${JSON.stringify(res.body.errors)}`);
      }
    }
  });

  it('when the links of an add answer are followed, then every operation they lead to answers the new customer', async () => {
    const sb = startSandbox();
    const add = contractOperations.find((o) => o.operationId === 'addCustomer')!;
    const added = await sb.post('/customer', { customerData: { customerKeyData: { accountNumber: '8970401000077777' }, ownerCoOwnerData: { ownerData: { lastName: 'ENLAZADO', houseAddress1: 'CALLE 1' } } } });
    assert.equal(added.status, 201);
    const links: Record<string, { operationId: string; parameters?: Record<string, unknown>; requestBody?: unknown }> =
      contractDocument.paths[add.pathTemplate].post.responses['201'].links ?? {};
    assert.ok(Object.keys(links).length >= 5, 'add links to the operations that take its numbers');
    const evaluate = (value: unknown): unknown => {
      if (typeof value === 'string' && value.startsWith('$response.body#')) {
        return value.slice('$response.body#'.length).split('/').filter(Boolean).reduce<any>((at, key) => at?.[key], added.body);
      }
      if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluate(v)]));
      return value;
    };
    for (const [name, link] of Object.entries(links)) {
      const target = contractOperations.find((o) => o.operationId === link.operationId);
      assert.ok(target, `${name} leads to ${link.operationId}`);
      let url = target.pathTemplate;
      for (const [param, expr] of Object.entries(link.parameters ?? {})) url = url.replace(`{${param}}`, String(evaluate(expr)));
      const body = link.requestBody === undefined ? undefined : evaluate(link.requestBody);
      const res = target.method === 'GET' ? await sb.get(url) : target.method === 'PUT' ? await sb.put(url, body) : await sb.post(url, body);
      // The new customer holds no relationship: that link's answer is a page with none.
      assert.equal(res.status, 200, `${name}: ${JSON.stringify(res.body.errors)}`);
      assert.equal(res.body.hasError, false);
    }
  });
});
