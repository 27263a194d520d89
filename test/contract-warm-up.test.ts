// Warm-up: once the server listens, the sandbox calls every operation itself so the validator's
// compiling is done before a caller's first request, and leaves no trace a user could see.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { capturedLog, DEMO, expectError, listening, startSandbox } from './helpers/sandbox.js';
import { contractOperations } from './helpers/contract.js';
import { startSandboxProcess } from './helpers/processes.js';
import { onCompile } from './helpers/validator-compiles.js';

const compiled: string[] = [];
onCompile((key) => compiled.push(key));

type Sandbox = ReturnType<typeof startSandbox>;
/** Every operation but the token call, with an empty JSON body where it takes one: enough to reach its validators. */
async function callEveryOperation(sb: Sandbox) {
  for (const op of contractOperations) {
    if (op.operationId === 'getToken') continue;
    const url = op.pathTemplate.replace(/\{[^}]+\}/g, '4597000000000000001');
    const method = op.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
    if (method === 'get' || method === 'delete') await sb[method](url, DEMO);
    else await sb[method](url, op.requestBody ? {} : undefined, DEMO);
  }
}

describe('contract warm-up', () => {
  it('compiles every operation\'s validators, so that no first call compiles any', async () => {
    const cold = startSandbox();
    compiled.length = 0;
    await callEveryOperation(cold);
    assert.ok(compiled.length > contractOperations.length, `without warm-up, first calls compile (${compiled.length} schemas)`);

    const warm = startSandbox();
    const calls = await warm.app.warmUpContract(await listening(warm.app));
    assert.equal(calls, 2 * contractOperations.length, 'one request for the request validators and one for the answer validators of each operation');
    compiled.length = 0;
    await callEveryOperation(warm);
    assert.deepEqual(compiled, [], 'nothing left to compile after warm-up');
  });

  it('leaves nothing in the log or the metrics', async () => {
    const log = capturedLog();
    const sb = startSandbox({ logger: log.logger });
    await sb.app.warmUpContract(await listening(sb.app));
    assert.deepEqual(log.lines(), [], 'no log line');
    const metrics = await sb.get('/metrics', {});
    assert.match(metrics.text, /# TYPE http_requests_total counter/);
    assert.doesNotMatch(metrics.text, /^http_requests_total\{/m, 'no request counted');
  });

  it('treats a request with a guessed warm-up header as any other request', async () => {
    const sb = startSandbox();
    const { req, check } = sb.raw('post', '/customer/demographicData');
    const res = await req.set('x-sandbox-warm-up', 'guess').set('x-sandbox-warm-up-part', 'answer').send({}).then(check);
    expectError(res, 401, 'SBX401K');
  });

  it('runs by itself once a started sandbox listens', async () => {
    const server = await startSandboxProcess({ LOG_LEVEL: 'debug' });
    try {
      const deadline = Date.now() + 60_000;
      while (!/contract validators compiled/.test(server.log()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const line = server.log().split('\n').find((l) => l.includes('contract validators compiled'));
      assert.ok(line, `the sandbox logged its warm-up:\n${server.log().slice(-2000)}`);
      assert.equal(JSON.parse(line).calls, 2 * contractOperations.length);
      const health = await fetch(`${server.url}/health`);
      assert.equal(health.status, 200);
    } finally {
      await server.stop();
    }
  });
});
