// Requests a careless or hostile client may send: each gets a 4xx error envelope that reveals
// nothing of the server, and none of them changes the tenant's data.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import type { Response } from 'supertest';
import { DEMO, expectOk, startSandbox } from './helpers/sandbox.js';

type Sandbox = ReturnType<typeof startSandbox>;

/** The name a hostile add would create and a hostile update would write. */
const MARK = 'HOSTILE';
const addBody = { customerData: { ownerCoOwnerData: { ownerData: { lastName: MARK, firstName: MARK } } } };
const addJson = JSON.stringify(addBody);

/** `text` with `find` replaced, failing loudly when `find` is not there (so a case cannot silently send a sound body). */
function spliced(text: string, find: string, replacement: string): string {
  assert.ok(text.includes(find), `${find} in ${text}`);
  return text.replace(find, replacement);
}

function expectErrorEnvelope(res: Response, status: number, code?: string) {
  assert.equal(res.status, status, `${res.status} ${res.text}`);
  assert.match(String(res.headers['content-type']), /^application\/json\b/);
  assert.equal(res.body.hasError, true);
  assert.equal(res.body.data, null);
  assert.ok(Array.isArray(res.body.errors) && res.body.errors.length > 0, 'errors are listed');
  for (const e of res.body.errors) {
    assert.equal(typeof e.code, 'string');
    assert.ok(e.code.length > 0);
    assert.equal(typeof e.description, 'string');
    assert.ok(e.description.length > 0);
  }
  if (code) assert.equal(res.body.errors[0].code, code, JSON.stringify(res.body.errors));
  assert.doesNotMatch(res.text, /\n\s+at |\bat [\w.<>]+ \(|node_modules|\/work\/|\/src\/|\.ts\b|\.js\b/, `no stack trace or path: ${res.text}`);
}

/** What a hostile request could have changed, read through the API. */
async function snapshot(sb: Sandbox) {
  const fixtures = expectOk(await sb.get('/sandbox/fixtures')).fixtures as { name: string; customerNumber: string; organizationNumber: number }[];
  const customers = [];
  for (const name of ['retail-multi-product', 'seed-details-l8v4']) {
    const f = fixtures.find((x) => x.name === name)!;
    customers.push(
      expectOk(
        await sb.post('/customer/demographicData', {
          customerAccountCardNumber: f.customerNumber,
          numberType: 1,
          organizationNumber: f.organizationNumber,
        }),
      ),
    );
  }
  const marked = expectOk(await sb.post('/customer/lookup', { numberOfRecords: 50, primarySearchData: { lastBusinessName: MARK } }));
  return { fixtures, customers, marked: marked.customers };
}

describe('hostile and malformed requests', () => {
  const sb = startSandbox();
  let before: Awaited<ReturnType<typeof snapshot>>;
  let retail: string;
  let seedCustomer: string;

  /** An update that would rename a customer to HOSTILE, as JSON text with `extra` spliced in at the front. */
  const updateJson = (extra: string, customerNumber = retail, org = '970', quoted = true) => {
    const number = quoted ? `"${customerNumber}"` : customerNumber;
    return `{${extra}"customerNumber": ${number}, "numberType": 1, "organizationNumber": ${org}, "demographicDataIndicator": 1, "firstName": "${MARK}"}`;
  };

  const cases: [string, () => Promise<Response>, number, string?][] = [
    ['malformed JSON is posted', () => sb.post('/customer', addJson.slice(0, -2)), 400, 'SBX400J'],
    ['an empty JSON body is posted', () => sb.post('/customer', ''), 400],
    ['a POST carries no body at all', () => sb.post('/customer'), 400],
    ['the body is null', () => sb.post('/customer', 'null'), 400],
    ['the body is an array', () => sb.post('/customer', '[]'), 400],
    ['the body is a JSON string', () => sb.post('/customer', '"text"'), 400],
    ['the update body is null', () => sb.put('/customer', 'null'), 400],
    [
      'the body is sent as text/plain',
      () => sb.post('/customer', addJson, { ...DEMO, 'Content-Type': 'text/plain' }),
      415,
      'SBX415C',
    ],
    ['an unknown route is asked for', () => sb.get('/customer-nowhere'), 404, 'SBX404R'],
    ['a body is posted to an unknown route', () => sb.post('/customer/add', addBody), 404, 'SBX404R'],
    [
      'DELETE /customer is sent',
      async () => {
        const { req, check } = sb.raw('delete', '/customer');
        return req.set(DEMO).set('Authorization', `Bearer ${await sb.tokenFor(DEMO.apikey)}`).then(check);
      },
      405,
      'SBX405M',
    ],
    [
      'the body is over 100kb',
      () => sb.post('/customer', JSON.stringify({ ...addBody, resvData: { reservedCode1: 'x'.repeat(110 * 1024) } })),
      413,
      'SBX413B',
    ],
    ['a key appears twice with different values', () => sb.put('/customer', updateJson(`"firstName": "OTHER", `)), 400],
    ['the add body carries __proto__', () => sb.post('/customer', `{"__proto__": {"polluted": true}, ${addJson.slice(1)}`), 400],
    [
      'a nested object carries __proto__',
      () => sb.post('/customer', spliced(addJson, '"ownerData":{', '"ownerData":{"__proto__": {"polluted": true}, ')),
      400,
    ],
    ['the update body carries constructor.prototype', () => sb.put('/customer', updateJson(`"constructor": {"prototype": {"polluted": true}}, `)), 400],
    [
      'a 19-digit customer number has a decimal point',
      () => sb.put('/customer', updateJson('', `${seedCustomer}.5`, '807', false)),
      400,
    ],
    ['a customer number has an exponent', () => sb.put('/customer', updateJson('', '1e21', '970', false)), 400],
    ['a customer number has 20 digits', () => sb.put('/customer', updateJson('', `${retail}1`)), 400],
    ['a bare customer number has 20 digits', () => sb.put('/customer', updateJson('', `${retail}1`, '970', false)), 400],
    ['the body nests 20 000 arrays deep', () => sb.put('/customer', updateJson(`"deep": ${'['.repeat(20_000)}${']'.repeat(20_000)}, `)), 400, 'SBX400N'],
    ['a field has the wrong type (firstName a number)', () => sb.put('/customer', updateJson('"lastName": 12, ')), 400, 'SBX400V'],
    ['a field is longer than the contract allows (city of 31 characters)', () => sb.put('/customer', updateJson(`"city": "${'C'.repeat(31)}", `)), 400, 'SBX400V'],
    ['a flag is out of range (vipStatus 10)', () => sb.put('/customer', updateJson('"vipStatus": 10, ')), 400, 'VPL5SGC10E'],
    ['organizationNumber is a huge bare number', () => sb.put('/customer', updateJson('', retail, '99999999999999999999999')), 400],
  ];

  it('when the table starts, then the fixtures and known customers are read', async () => {
    before = await snapshot(sb);
    retail = before.fixtures.find((f) => f.name === 'retail-multi-product')!.customerNumber;
    seedCustomer = before.fixtures.find((f) => f.name === 'seed-details-l8v4')!.customerNumber;
    assert.deepEqual(before.marked, [], `no customer is called ${MARK} yet`);
  });

  for (const [when, send, status, code] of cases) {
    it(`when ${when}, then ${status}${code ? ` ${code}` : ''} and nothing changes`, async () => {
      const res = await send();
      const after = await snapshot(sb);
      // A case that did change something puts the seed back, so the next case starts clean.
      if (!isDeepStrictEqual(after, before)) expectOk(await sb.post('/sandbox/reset'));
      expectErrorEnvelope(res, status, code);
      assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype is untouched');
      assert.equal((Object.prototype as Record<string, unknown>).polluted, undefined);
      assert.deepEqual(after, before);
    });
  }

  it('when the table is done, then the server still answers GET /health', async () => {
    assert.deepEqual(expectOk(await sb.get('/health')), { status: 'UP' });
  });

  it('when the table is done, then the next generated customer number is the one a pristine tenant would hand out', async () => {
    const pristine = startSandbox();
    const expected = expectOk(await pristine.post('/customer', addBody), 201).customerNumber;
    const got = expectOk(await sb.post('/customer', addBody), 201).customerNumber;
    assert.equal(got, expected, 'no failed request used up a number');
  });

  it('when the update bodies are sent without their hostile part, then they do rename the customers (so the table could have)', async () => {
    expectOk(await sb.put('/customer', updateJson('')));
    expectOk(await sb.put('/customer', updateJson('', seedCustomer, '807', false)));
    const after = await snapshot(sb);
    for (const customer of after.customers) assert.equal(customer.nameAddrData[0].firstName, MARK);
    expectOk(await sb.post('/sandbox/reset'));
  });
});
