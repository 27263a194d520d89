// A second opinion on conformance: Prism proxies requests to the running sandbox and reports any
// answer that strays from openapi.yaml in its sl-violations header.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { SPEC_PATH } from '../src/app.js';
import { freePort, startProcess, type StartedProcess } from './helpers/processes.js';
import { startSandbox } from './helpers/sandbox.js';

const sandbox = startSandbox();
let server: Server;
let prism: StartedProcess | undefined;
let prismUrl = '';

before(async () => {
  server = sandbox.app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const upstream = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const port = await freePort();
  // Prism says when its proxy listens; a probe request would only be proxied on to the sandbox.
  prism = await startProcess('node_modules/.bin/prism', ['proxy', SPEC_PATH, upstream, '-p', String(port), '-h', '127.0.0.1'], { readyLog: /Prism is listening/ });
  prismUrl = `http://127.0.0.1:${port}`;
});

after(async () => {
  await prism?.stop();
  server?.close();
});

const HEADERS = { apikey: 'demo-apikey', 'X-ClientID': '00970', 'Content-Type': 'application/json' };

async function throughPrism(method: string, path: string, body?: string) {
  const headers = { ...HEADERS, Authorization: `Bearer ${await sandbox.tokenFor(HEADERS.apikey)}` };
  const res = await fetch(prismUrl + path, { method, headers, body });
  const violations = JSON.parse(res.headers.get('sl-violations') ?? '[]') as { location: string[]; message: string }[];
  return { status: res.status, body: await res.json(), violations };
}

const responseViolations = (v: { location: string[]; message: string }[]) => v.filter((x) => x.location[0] === 'response');

describe('Prism as a second judge of the contract', () => {
  it('when the portal calls run through Prism, then Prism finds no violation in request or answer', async () => {
    const fixtures = (await sandbox.get('/sandbox/fixtures')).body.data.fixtures as { name: string; customerNumber: string; accountNumbers: string[] }[];
    const retail = fixtures.find((f) => f.name === 'retail-multi-product')!;
    const corporate = fixtures.find((f) => f.name === 'corporate-relationship')!;
    const calls: [string, string, string?][] = [
      ['POST', '/customer/demographicData', JSON.stringify({ customerAccountCardNumber: retail.customerNumber, foreignUseIndicator: 0, numberType: 1, organizationNumber: 970 })],
      ['POST', '/customer/accountNumber', JSON.stringify({ customerNumber: corporate.customerNumber, functionCode: '', organizationNumber: 970 })],
      ['POST', '/customer/details-l8v4', '{"customerNumber": 4513074002573466600, "functionCode": "string", "organizationNumber": 807, "startItem": {"startAccount": "string", "startOrganization": "string"}}'],
      ['POST', '/customer/generation', '{"dualIndicator": "1", "logo": "401", "organizationNumber": 970}'],
      // Sent as a string: Prism re-encodes the body it forwards and would round a bare 19-digit number.
      ['POST', '/customer/relationshipNumber', `{"customerNumber": "${corporate.customerNumber}", "functionCode": "", "organizationNumber": 970}`],
      ['GET', `/customer/${retail.accountNumbers[0]}/current-prior-address`],
      ['POST', '/customer/lookup', JSON.stringify({ numberOfRecords: 5, primarySearchData: { lastBusinessName: 'GA*' }, returnDataOption: '2' })],
    ];
    for (const [method, path, body] of calls) {
      const res = await throughPrism(method, path, body);
      assert.equal(res.body.hasError, false, `${method} ${path}: ${JSON.stringify(res.body)}`);
      assert.deepEqual(res.violations, [], `${method} ${path}`);
    }
  });

  it('when calls fail in the sandbox, then the error answers are within the contract too', async () => {
    const calls: [string, string, string?][] = [
      ['POST', '/customer/demographicData', JSON.stringify({ customerAccountCardNumber: '1', numberType: 1, organizationNumber: 970 })],
      ['POST', '/customer/lookup', JSON.stringify({ numberOfRecords: 51, primarySearchData: { lastBusinessName: 'GARCIA' } })],
      ['GET', '/customer/1/current-prior-address'],
    ];
    for (const [method, path, body] of calls) {
      const res = await throughPrism(method, path, body);
      assert.equal(res.body.hasError, true, `${method} ${path}`);
      assert.deepEqual(responseViolations(res.violations), [], `${method} ${path}`);
    }
  });
});
