// The sandbox must never answer outside its contract: an off-contract answer from a handler is
// replaced by a 500 envelope, and nothing of the failure leaks to the caller.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { handlers } from '../src/operations/index.js';
import { expectError, expectOk, startSandbox } from './helpers/sandbox.js';

const original = { ...handlers };
afterEach(() => Object.assign(handlers, original));

describe('the response guard', () => {
  it('when a handler answers a field the contract does not have, then the caller gets 500 SBX500R instead', async () => {
    const s = startSandbox();
    (handlers as Record<string, unknown>).getHealth = () => ({ status: 200, data: { status: 'UP', secret: 'internal' } });
    const res = await s.get('/health');
    expectError(res, 500, 'SBX500R');
    assert.doesNotMatch(JSON.stringify(res.body), /internal|secret/);
  });

  it('when a handler answers a wrong type, then the caller gets 500 SBX500R', async () => {
    const s = startSandbox();
    (handlers as Record<string, unknown>).getHealth = () => ({ status: 200, data: { status: 42 } });
    expectError(await s.get('/health'), 500, 'SBX500R');
  });

  it('when a handler throws, then the caller gets 500 SBX500I without the message or a stack trace', async () => {
    const s = startSandbox();
    (handlers as Record<string, unknown>).getHealth = () => {
      throw new Error('database password is hunter2');
    };
    const res = await s.get('/health');
    expectError(res, 500, 'SBX500I');
    assert.doesNotMatch(JSON.stringify(res.body), /hunter2|at .*\.ts|node_modules/);
  });

  it('when the handler is restored, then the same route answers within the contract again', async () => {
    const s = startSandbox();
    assert.deepEqual(expectOk(await s.get('/health')), { status: 'UP' });
  });
});
