// GET /sandbox/fixtures lists how to cause every error: it names exactly the errors each operation
// can answer (as its handler's code and the contract say), and every request in it causes its
// error for real, on a fresh tenant of each kind.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ERRORS } from '../src/http/errors.js';
import { BUSINESS_TRIGGERS, documentedErrors, errorTriggerList, type ExampleRequest } from '../src/operations/error-triggers.js';
import { businessErrors, contractOperations, layerErrors, takesPrefer } from './helpers/operation-errors.js';
import { DEMO, expectError, expectOk, PARTNER, SIGNED, secretOf, startSandbox } from './helpers/sandbox.js';

const codes = (names: Iterable<keyof typeof ERRORS>) => [...names].map((n) => ERRORS[n].code).sort();

describe('the error trigger list', () => {
  describe('names what each operation can answer, no more and no less', () => {
    for (const op of contractOperations) {
      it(`${op.operationId}: its own errors are the ones its handler and its fields can produce`, () => {
        assert.deepEqual(codes((BUSINESS_TRIGGERS[op.operationId] ?? []).map((t) => t.error)), codes(businessErrors(op)));
      });

      it(`${op.operationId}: with the HTTP layer's, they are exactly the statuses the contract declares`, () => {
        const documented = documentedErrors(op.operationId);
        assert.deepEqual(codes(documented.filter((e) => !businessErrors(op).has(e))), codes(layerErrors(op)));
        const statuses = new Set([...documented.map((e) => String(ERRORS[e].status)), ...Object.keys(op.responses).filter((s) => s.startsWith('2'))]);
        assert.deepEqual([...statuses].sort(), Object.keys(op.responses).sort());
      });
    }

    it('every business error says what to send in a sentence the contract has room for', () => {
      for (const [operationId, triggers] of Object.entries(BUSINESS_TRIGGERS)) {
        for (const t of triggers ?? []) assert.ok(t.send.length > 10 && t.send.length <= 300, `${operationId} ${t.error}`);
      }
    });

    it('the customer operations, the token call and the sandbox writes that share their headers take Prefer', () => {
      assert.deepEqual(
        contractOperations.filter(takesPrefer).map((op) => op.operationId).sort(),
        ['addCustomer', 'findAccountNumbers', 'findRelationshipNumbers', 'generateNumbers', 'getCardDetails', 'getToken', 'importSandbox',
          'inquireCurrentPriorAddress', 'inquireDemographicData', 'lookupCustomers', 'setSandboxClock', 'updateCustomer'],
      );
    });
  });

  it('when a tenant reads its fixtures, then the list is there, with the examples on its own apikey', async () => {
    const sb = startSandbox();
    for (const headers of [DEMO, PARTNER]) {
      const data = expectOk(await sb.get('/sandbox/fixtures', headers));
      assert.deepEqual({ errorTriggers: data.errorTriggers, commonErrorTriggers: data.commonErrorTriggers }, JSON.parse(JSON.stringify(errorTriggerList(headers.apikey))));
      const demographic404 = data.errorTriggers.find((t: { operationId: string; status: number }) => t.operationId === 'inquireDemographicData' && t.status === 404);
      assert.equal(demographic404.code, 'VPL5SGC04S');
    }
  });

  /** Sends an example request as the list describes it: the usual headers of the tenant, unless it names others. */
  function sender(sb: ReturnType<typeof startSandbox>, tenant: Record<string, string>) {
    return async (r: ExampleRequest) => {
      const body = r.rawBody ?? r.body;
      if (r.path === '/token') {
        const call = sb.raw('post', '/token');
        const headers: Record<string, string> = { apikey: tenant.apikey, Authorization: `Basic ${Buffer.from(`${tenant.apikey}:${secretOf(tenant.apikey)}`).toString('base64')}`, ...r.headers };
        for (const [name, value] of Object.entries(headers)) if (value !== '') call.req.set(name, value);
        return call.check(await call.req.send(typeof body === 'string' ? body : JSON.stringify(body)));
      }
      const headers = { ...tenant, ...r.headers };
      if (r.method === 'GET') return sb.get(r.path, headers);
      if (r.method === 'PUT') return sb.put(r.path, body, headers);
      if (r.method === 'DELETE') return sb.delete(r.path, headers);
      assert.equal(r.method, 'POST');
      return sb.post(r.path, body, headers);
    };
  }

  for (const tenant of [DEMO, PARTNER, SIGNED]) {
    describe(`when each business error's request is sent as ${tenant.apikey}`, () => {
      const sb = startSandbox();
      const send = sender(sb, tenant);
      for (const t of errorTriggerList(tenant.apikey).errorTriggers) {
        it(`${t.operationId}: when it gets ${t.send}, then ${t.status} ${t.code}`, async () => {
          for (const step of t.setup ?? []) await send(step);
          expectError(await send(t.request), t.status, t.code);
        });
      }
    });
  }

  describe('when each error raised before the operation runs is sent', () => {
    const sb = startSandbox();
    const send = sender(sb, DEMO);
    // Triggers without a plain request need a special client (an old token, many requests, fresh
    // signatures) or a broken sandbox: access-control, hostile-input, contract-guard and store
    // tests cause those for real.
    for (const t of errorTriggerList(DEMO.apikey).commonErrorTriggers.filter((x) => x.request)) {
      it(`when ${t.send}, then ${t.status} ${t.code}`, async () => {
        expectError(await send(t.request!), t.status, t.code);
      });
    }
  });
});
