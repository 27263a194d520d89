// The HTTP server app.listen makes: its requests and answers are made with the app's prototypes, so
// Express has nothing to change as they arrive (see src/http/app-server.ts).
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { DEMO, listening, startSandbox } from './helpers/sandbox.js';

describe("the app's HTTP server", () => {
  it("when a request arrives, then it and its answer already have the app's prototypes, and the answers are the usual ones", async () => {
    const sb = startSandbox();
    const server = await listening(sb.app);
    const seen: boolean[] = [];
    // Ahead of the app's own listener, so it sees the objects as the server made them.
    server.prependListener('request', (req, res) => seen.push(Object.getPrototypeOf(req) === sb.app.request && Object.getPrototypeOf(res) === sb.app.response));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const health = await fetch(`${base}/health`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { hasError: false, errors: [], data: { status: 'UP' } });
    const headers = { ...DEMO, Authorization: `Bearer ${await sb.tokenFor(DEMO.apikey)}`, 'Content-Type': 'application/json' };
    const found = await fetch(`${base}/customer/demographicData`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ customerAccountCardNumber: '4597000000000000001', numberType: 1, organizationNumber: 970 }),
    });
    assert.equal(found.status, 200);
    assert.equal((await found.json()).data.customerNumber, '4597000000000000001');
    const unknown = await fetch(`${base}/customer/nowhere`, { headers });
    assert.equal(unknown.status, 404);
    assert.equal((await unknown.json()).errors[0].code, 'SBX404R');

    assert.deepEqual(seen, [true, true, true]);
  });

  it('when the port is taken, then the listen callback gets the error, once', async () => {
    const sb = startSandbox();
    const first = await listening(sb.app);
    const { port } = first.address() as AddressInfo;
    const errors: (Error | undefined)[] = [];
    await new Promise<void>((resolve) => {
      const second = sb.app.listen(port, '127.0.0.1', (err?: Error) => {
        errors.push(err);
        second.close();
        setTimeout(resolve, 50);
      });
    });
    assert.equal(errors.length, 1);
    assert.equal((errors[0] as NodeJS.ErrnoException | undefined)?.code, 'EADDRINUSE');
  });
});
