// The typed client (src/client) against a listening sandbox: the partner journey as a TypeScript
// user writes it, a tenant that requires signatures, tokens running out, and errors as exceptions.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createSandboxClient, SandboxApiError, type SandboxClientOptions } from '../src/client/index.js';
import type { Fixture } from '../src/domain/model.js';
import { expectOk, secretOf, startSandbox } from './helpers/sandbox.js';

/** A sandbox listening on a free port, whose clock runs `offset` milliseconds ahead of ours. */
async function listeningSandbox() {
  const clock = { offset: 0 };
  const sb = startSandbox({ now: () => Date.now() + clock.offset });
  const server = sb.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const close = () => {
    server.closeAllConnections();
    server.close();
  };
  return { sb, clock, close, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** A fetch that remembers what it sent and what came back, as "METHOD /path → status". */
function recordingFetch() {
  const seen: string[] = [];
  const fetchAndRecord: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const response = await fetch(request);
    seen.push(`${request.method} ${new URL(request.url).pathname} → ${response.status}`);
    return response;
  };
  return { seen, fetch: fetchAndRecord };
}

const demo = (baseUrl: string, more: Partial<SandboxClientOptions> = {}): SandboxClientOptions => ({
  baseUrl,
  apikey: 'demo-apikey',
  secret: secretOf('demo-apikey'),
  clientId: '00970',
  ...more,
});

async function rejection(promise: Promise<unknown>): Promise<SandboxApiError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof SandboxApiError, `a SandboxApiError, not ${err}`);
    return err;
  }
  assert.fail('the call should have failed');
}

describe('the typed client, through the partner journey', () => {
  let api: ReturnType<typeof createSandboxClient>;
  let unassigned: Fixture;
  let corporate: Fixture;
  let customerNumber: string;

  let close: () => void;
  after(() => close());
  before(async () => {
    const { sb, baseUrl, ...rest } = await listeningSandbox();
    close = rest.close;
    const fixtures: Fixture[] = expectOk(await sb.get('/sandbox/fixtures')).fixtures;
    unassigned = fixtures.find((f) => f.name === 'unassigned-account')!;
    corporate = fixtures.find((f) => f.name === 'corporate-relationship')!;
    api = createSandboxClient(demo(baseUrl));
  });

  it('when a customer is added, then the answer is the data with a 19-digit customer number as a string', async () => {
    const added = await api.POST('/customer', {
      body: {
        customerData: {
          customerKeyData: { accountNumber: unassigned.accountNumbers[0], coOwnerIndicator: 1, dualFlag: 0 },
          ownerCoOwnerData: {
            ownerData: { firstName: 'Ana', lastName: 'Tipada', dateOfBirth: '1990-04-12', houseAddress1: 'AV SANTA FE 1000', city: 'BUENOS AIRES', state: 'BA', countryCode: 'ARG' },
            coOwnerData: {},
          },
        },
      },
    });
    assert.match(added.customerNumber, /^\d{19}$/);
    assert.ok(BigInt(added.customerNumber) > BigInt(Number.MAX_SAFE_INTEGER), 'beyond what a JavaScript number holds');
    assert.equal(added.accountNumber, unassigned.accountNumbers[0]);
    customerNumber = added.customerNumber;
  });

  it('when its demographic data is read by that number, then the same customer comes back, digit for digit', async () => {
    const data = await api.POST('/customer/demographicData', {
      body: { customerAccountCardNumber: customerNumber, numberType: 1, organizationNumber: unassigned.organizationNumber },
    });
    assert.equal(data.customerNumber, customerNumber);
    assert.equal(data.nameAddrData[0]?.lastName, 'Tipada');
  });

  it('when it moves, then the address it was added with becomes the prior address', async () => {
    const updated = await api.PUT('/customer', {
      body: { customerNumber, numberType: 1, organizationNumber: unassigned.organizationNumber, demographicDataIndicator: 1, houseAddress1: 'AV CORRIENTES 1234', city: 'CORDOBA', state: 'CB' },
    });
    assert.equal(updated.outputArea.customerNumber, customerNumber);
    const addresses = await api.GET('/customer/{accountNumber}/current-prior-address', { params: { path: { accountNumber: customerNumber } } });
    assert.equal(addresses.customerData.nameAddressTable[0]?.addressData?.addressLine1, 'AV CORRIENTES 1234');
    assert.equal(addresses.customerData.priorMailerData?.priorMailer?.[0]?.pmAddressLine1, 'AV SANTA FE 1000');
  });

  it('when looked up by its last name, then it is the one customer found', async () => {
    const found = await api.POST('/customer/lookup', {
      body: { numberOfRecords: 10, primarySearchData: { lastBusinessName: 'TIPADA' }, requestOptionData: { lastNameOption: 1 } },
    });
    assert.deepEqual(found.customers.map((c) => c.customerNumber), [customerNumber]);
  });

  it('when its accounts and cards are listed, then the linked account shows with its first card', async () => {
    const org = unassigned.organizationNumber;
    const accounts = await api.POST('/customer/accountNumber', { body: { customerNumber, organizationNumber: org, functionCode: '' } });
    assert.deepEqual(accounts.acctTable.map((a) => a.accountNumber), unassigned.accountNumbers);
    const cards = await api.POST('/customer/details-l8v4', { body: { customerNumber, organizationNumber: org, functionCode: '' } });
    assert.deepEqual(cards.accountTable.map((c) => c.accountNumber), unassigned.accountNumbers);
    assert.match(cards.accountTable[0]?.cardNumber ?? '', /^\d{16}$/);
  });

  it('when relationships are listed, then the new customer has none and the corporate fixture has its own', async () => {
    const none = await api.POST('/customer/relationshipNumber', { body: { customerNumber, organizationNumber: unassigned.organizationNumber } });
    assert.deepEqual(none.relationshipTable, []);
    const own = await api.POST('/customer/relationshipNumber', {
      body: { customerNumber: corporate.customerNumber, organizationNumber: corporate.organizationNumber },
    });
    assert.deepEqual(own.relationshipTable.map((r) => r.relationshipNumber), [corporate.relationshipNumber]);
  });

  it('when numbers are reserved, then they come back as strings, none of them the new customer\'s', async () => {
    const reserved = await api.POST('/customer/generation', { body: { organizationNumber: unassigned.organizationNumber, logo: '401', customerNumbersRequested: 3 } });
    const numbers = reserved.customerData.map((c) => c.customerNumber);
    assert.equal(numbers.length, 3);
    for (const n of numbers) assert.match(n, /^\d{19}$/);
    assert.ok(!numbers.includes(customerNumber));
  });

  it('when a customer number that does not exist is asked for, then a SandboxApiError carries status, code and description', async () => {
    const err = await rejection(api.POST('/customer/demographicData', { body: { customerAccountCardNumber: '1', numberType: 1, organizationNumber: 970 } }));
    assert.equal(err.status, 404);
    assert.equal(err.code, 'VPL5SGC04S');
    assert.match(err.description, /customer 1\b/);
    assert.deepEqual(err.errors.map((e) => e.code), ['VPL5SGC04S']);
    assert.match(err.message, /^404 VPL5SGC04S: /);
  });

  it('when an identifier is a number past 2^53, then the call fails before anything is sent', async () => {
    const rounded = 4597000000000000001; // already 4597000000000000000 here: the mistake under test
    await assert.rejects(
      api.POST('/customer/demographicData', { body: { customerAccountCardNumber: rounded as unknown as string, numberType: 1, organizationNumber: 970 } }),
      /send identifiers as strings/,
    );
  });
});

describe('the typed client and signatures', () => {
  it('when the tenant requires signatures and sign is left to auto, then the first refusal switches signing on for good', async (t) => {
    const { baseUrl, close } = await listeningSandbox();
    t.after(close);
    const wire = recordingFetch();
    const api = createSandboxClient({ baseUrl, apikey: 'signed-apikey', secret: secretOf('signed-apikey'), clientId: '00970', fetch: wire.fetch });
    const first = await api.GET('/sandbox/fixtures');
    assert.ok(first.fixtures.length > 0);
    await api.POST('/customer/lookup', { body: { numberOfRecords: 5, primarySearchData: { lastBusinessName: 'GA*' } } });
    assert.deepEqual(wire.seen, [
      'POST /token → 200',
      'GET /sandbox/fixtures → 401',
      'GET /sandbox/fixtures → 200',
      'POST /customer/lookup → 200',
    ]);
  });

  it('when sign is true, then even the first request is signed', async (t) => {
    const { baseUrl, close } = await listeningSandbox();
    t.after(close);
    const wire = recordingFetch();
    const api = createSandboxClient({ baseUrl, apikey: 'signed-apikey', secret: secretOf('signed-apikey'), clientId: '00970', sign: true, fetch: wire.fetch });
    const added = await api.POST('/customer', { body: { customerData: { ownerCoOwnerData: { ownerData: { lastName: 'FIRMADO' } } } } });
    assert.match(added.customerNumber, /^\d{19}$/);
    assert.deepEqual(wire.seen, ['POST /token → 200', 'POST /customer → 201']);
  });

  it('when sign is false against that tenant, then the refusal is thrown as SBX401G', async (t) => {
    const { baseUrl, close } = await listeningSandbox();
    t.after(close);
    const api = createSandboxClient({ baseUrl, apikey: 'signed-apikey', secret: secretOf('signed-apikey'), clientId: '00970', sign: false });
    const err = await rejection(api.GET('/sandbox/fixtures'));
    assert.equal(err.status, 401);
    assert.equal(err.code, 'SBX401G');
  });
});

describe('the typed client and tokens', () => {
  it('when time passes beyond the token\'s 900 s on both sides, then a new token is fetched before the next request', async (t) => {
    const { baseUrl, clock, close } = await listeningSandbox();
    t.after(close);
    const wire = recordingFetch();
    const api = createSandboxClient(demo(baseUrl, { fetch: wire.fetch, now: () => Date.now() + clock.offset }));
    await api.GET('/sandbox/fixtures');
    await api.GET('/sandbox/fixtures');
    clock.offset += 901_000;
    await api.GET('/sandbox/fixtures');
    assert.deepEqual(wire.seen, [
      'POST /token → 200',
      'GET /sandbox/fixtures → 200',
      'GET /sandbox/fixtures → 200',
      'POST /token → 200',
      'GET /sandbox/fixtures → 200',
    ]);
  });

  it('when the sandbox says the token expired (SBX401E), then the client gets a new one and sends the request once more', async (t) => {
    const { baseUrl, clock, close } = await listeningSandbox();
    t.after(close);
    const wire = recordingFetch();
    const api = createSandboxClient(demo(baseUrl, { fetch: wire.fetch }));
    await api.GET('/sandbox/fixtures');
    clock.offset += 901_000; // only the sandbox's clock moves: the client still trusts its token
    const found = await api.POST('/customer/lookup', { body: { numberOfRecords: 5, primarySearchData: { lastBusinessName: 'GA*' } } });
    assert.ok(found.customers.length > 0);
    assert.deepEqual(wire.seen, [
      'POST /token → 200',
      'GET /sandbox/fixtures → 200',
      'POST /customer/lookup → 401',
      'POST /token → 200',
      'POST /customer/lookup → 200',
    ]);
  });

  it('when the secret is wrong, then the token call\'s refusal is thrown from the first call', async (t) => {
    const { baseUrl, close } = await listeningSandbox();
    t.after(close);
    const api = createSandboxClient(demo(baseUrl, { secret: 'not-the-secret' }));
    const err = await rejection(api.GET('/sandbox/fixtures'));
    assert.equal(err.status, 401);
    assert.equal(err.code, 'SBX401S');
  });
});

// Never called: the compiler checks that the call types steer users right.
export function typeChecks(api: ReturnType<typeof createSandboxClient>) {
  // @ts-expect-error identifiers are strings, so no digit is lost on the way
  void api.POST('/customer/demographicData', { body: { customerAccountCardNumber: 4597000000000000, numberType: 1, organizationNumber: 970 } });
  // @ts-expect-error a path that is not in the contract
  void api.GET('/customers');
  // No header parameters: the client sends X-ClientID and the signature headers itself.
  void api.GET('/sandbox/fixtures');
}
