// The dispatcher's answer to a stale commit (a shared store's StaleTenantError): the whole request
// runs again on a fresh view of the tenant, a bounded number of times, and then answers 503.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { STALE_ATTEMPTS } from '../src/http/retry-stale.js';
import type { Handler } from '../src/operations/types.js';
import { StaleTenantError } from '../src/store/store.js';
import { expectError, startSandbox } from './helpers/sandbox.js';

const FIXTURE_CUSTOMER = { customerAccountCardNumber: '4597000000000000001', numberType: 1, organizationNumber: 970 };

/** A sandbox whose demographicData handler is stale `staleRuns` times, then answers; it counts its runs. */
function staleSandbox(staleRuns: number) {
  const runs = { count: 0 };
  const handler: Handler<'inquireDemographicData'> = async () => {
    runs.count++;
    if (runs.count <= staleRuns) throw new StaleTenantError('the tenant changed while this request ran; send it again');
    return { status: 200, data: { organizationNumber: 970, customerNumber: '4597000000000000001' } as never };
  };
  return { sandbox: startSandbox({ handlers: { inquireDemographicData: handler } }), runs };
}

describe('a request whose commit finds the tenant changed', () => {
  it('when it is stale twice, then it runs a third time and answers as that run does', async () => {
    const { sandbox, runs } = staleSandbox(2);
    const res = await sandbox.post('/customer/demographicData', FIXTURE_CUSTOMER);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(runs.count, 3);
  });

  it(`when it is still stale after ${STALE_ATTEMPTS} runs, then it answers 503 SBX503T in the envelope`, async () => {
    const { sandbox, runs } = staleSandbox(Infinity);
    const res = await sandbox.post('/customer/demographicData', FIXTURE_CUSTOMER);
    expectError(res, 503, 'SBX503T');
    assert.match(res.body.errors[0].description, /send it again/);
    assert.equal(runs.count, STALE_ATTEMPTS);
  });

  it('when it fails otherwise, then it is not run again', async () => {
    let count = 0;
    const sandbox = startSandbox({
      handlers: {
        inquireDemographicData: (() => {
          count++;
          throw new Error('not a stale commit');
        }) as never,
      },
    });
    const res = await sandbox.post('/customer/demographicData', FIXTURE_CUSTOMER);
    expectError(res, 500, 'SBX500I');
    assert.equal(count, 1);
  });
});
