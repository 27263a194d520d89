// The sandbox's own operations (health, fixtures, reset), access by apikey, and tenant isolation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Fixture } from '../src/domain/model.js';
import { DEMO, PARTNER, expectError, expectOk, startSandbox } from './helpers/sandbox.js';
import { allCardRows } from './helpers/seed-examples.js';

type Sandbox = ReturnType<typeof startSandbox>;

const FIXTURE_NAMES = ['retail-multi-product', 'corporate-relationship', 'co-owner', 'prior-addresses', 'seed-details-l8v4', 'unassigned-account'];

const addCustomer = (sb: Sandbox, lastName: string, headers = DEMO, keyData: Record<string, unknown> = {}) =>
  sb.post('/customer', { customerData: { customerKeyData: keyData, ownerCoOwnerData: { ownerData: { lastName } } } }, headers);

const demographic = (sb: Sandbox, customerNumber: string, organizationNumber: number, headers = DEMO) =>
  sb.post('/customer/demographicData', { customerAccountCardNumber: customerNumber, numberType: 1, organizationNumber }, headers);

/** Walks a scrolled listing to its end and answers every row. */
async function allAccounts(sb: Sandbox, customerNumber: string, organizationNumber: number): Promise<string[]> {
  const out: string[] = [];
  let page = expectOk(await sb.post('/customer/accountNumber', { customerNumber, organizationNumber, functionCode: '' }));
  out.push(...page.acctTable.map((r: { accountNumber: string }) => r.accountNumber));
  while (page.more === 'Y') {
    const t = page.nextToken;
    page = expectOk(
      await sb.post('/customer/accountNumber', {
        customerNumber, organizationNumber, functionCode: 'N',
        startToken: { accountOrganizationNumber: t.accountOrganizationNext, accountNumber: t.accountNumberNext, associationType: t.accountTypeNext },
      }),
    );
    out.push(...page.acctTable.map((r: { accountNumber: string }) => r.accountNumber));
  }
  return out;
}

describe('sandbox operations', () => {
  // Read-mostly suites share one sandbox; the suites that depend on state start their own.
  const shared = startSandbox();

  describe('health and fixtures', () => {
    const sb = shared;

    it('when /health is called without an apikey, then it answers UP', async () => {
      assert.deepEqual(expectOk(await sb.get('/health', {})), { status: 'UP' });
    });

    it('when /sandbox/fixtures is read, then it lists the six fixtures, the surnames to look up and both organizations', async () => {
      const data = expectOk(await sb.get('/sandbox/fixtures'));
      assert.deepEqual(data.fixtures.map((f: Fixture) => f.name), FIXTURE_NAMES);
      // The surnames are listed beside the fixtures, not as one of them.
      assert.ok(data.lookupSurnames.words.length > 0, 'surnames to look up are listed');
      assert.deepEqual(data.organizations.map((o: { organizationNumber: number }) => o.organizationNumber).sort(), [807, 970]);
      for (const o of data.organizations) assert.ok(o.logos.length > 0, `organization ${o.organizationNumber} has logos`);
      for (const f of data.fixtures as Fixture[]) {
        assert.ok(f.purpose.length > 0, `${f.name} says what it is for`);
        assert.ok(data.organizations.some((o: { organizationNumber: number }) => o.organizationNumber === f.organizationNumber));
      }
    });

    it("when the fixtures of each tenant are compared, then they name the same records within the tenant's organizations and each its own tenant", async () => {
      const demo = expectOk(await sb.get('/sandbox/fixtures', DEMO));
      const partner = expectOk(await sb.get('/sandbox/fixtures', PARTNER));
      const partnerOrgs = partner.organizations.map((o: { organizationNumber: number }) => o.organizationNumber);
      assert.deepEqual(partnerOrgs, [970]);
      assert.deepEqual(partner.fixtures, demo.fixtures.filter((f: { organizationNumber: number }) => partnerOrgs.includes(f.organizationNumber)));
      assert.notEqual(partner.tenant, demo.tenant);
    });

    for (const name of FIXTURE_NAMES.filter((n) => n !== 'unassigned-account')) {
      it(`when the numbers of ${name} are used, then customer, accounts, cards and relationship all resolve`, async () => {
        const f = await sb.fixture(name);
        const org = f.organizationNumber;
        const customer = expectOk(await demographic(sb, f.customerNumber, org));
        assert.equal(customer.customerNumber, f.customerNumber);
        assert.equal(customer.organizationNumber, org);

        assert.deepEqual((await allAccounts(sb, f.customerNumber, org)).sort(), [...f.accountNumbers].sort());

        const cards = await allCardRows<{ cardNumber: string; accountNumber: string }>(sb, f.customerNumber, org);
        assert.deepEqual(cards.map((c) => c.cardNumber).sort(), [...f.cardNumbers].sort());
        for (const c of cards) assert.ok(f.accountNumbers.includes(c.accountNumber));

        const rel = expectOk(await sb.post('/customer/relationshipNumber', { customerNumber: f.customerNumber, organizationNumber: org, functionCode: '' }));
        assert.deepEqual(rel.relationshipTable.map((r: { relationshipNumber: string }) => r.relationshipNumber), f.relationshipNumber ? [f.relationshipNumber] : []);
      });
    }

    it('when the unassigned account is looked up, then it exists without a holder, and POST /customer can link it', async () => {
      const f = await sb.fixture('unassigned-account');
      assert.equal(f.customerNumber, '');
      assert.equal(f.accountNumbers.length, 1);
      const [accountNumber] = f.accountNumbers;
      // A known account nobody holds is "no customer", not "no such account".
      expectError(await sb.post('/customer/demographicData', { customerAccountCardNumber: accountNumber, numberType: 0 }), 404, 'VPL5SGC04S');

      const added = expectOk(await addCustomer(sb, 'ENLAZADO', DEMO, { accountNumber }), 201);
      assert.equal(added.accountNumber, accountNumber);
      assert.equal(added.organizationNumber, f.organizationNumber);
      assert.deepEqual(await allAccounts(sb, added.customerNumber, f.organizationNumber), [accountNumber]);
      const byAccount = expectOk(await sb.post('/customer/demographicData', { customerAccountCardNumber: accountNumber, numberType: 0 }));
      assert.equal(byAccount.customerNumber, added.customerNumber);
    });
  });

  describe('reset', () => {
    it('when the demo tenant resets, then its added customer is gone, its updated customer restored and its counts back to the seed, while the partner keeps its own', async () => {
      const sb = startSandbox();
      const seeded = expectOk(await sb.post('/sandbox/reset'));
      const f = await sb.fixture('prior-addresses');
      const before = expectOk(await demographic(sb, f.customerNumber, f.organizationNumber));

      const demoAdded = expectOk(await addCustomer(sb, 'BORRAR DEMO', DEMO), 201);
      const partnerAdded = expectOk(await addCustomer(sb, 'QUEDA PARTNER', PARTNER), 201);
      expectOk(
        await sb.put('/customer', {
          customerNumber: f.customerNumber, numberType: 1, organizationNumber: f.organizationNumber,
          demographicDataIndicator: 1, city: 'ROSARIO', lastName: 'CAMBIADO',
        }),
      );
      const updated = expectOk(await demographic(sb, f.customerNumber, f.organizationNumber));
      assert.equal(updated.nameAddrData[0].lastName, 'CAMBIADO', 'the update was stored');
      assert.equal(expectOk(await demographic(sb, demoAdded.customerNumber, demoAdded.organizationNumber)).customerNumber, demoAdded.customerNumber);

      const reset = expectOk(await sb.post('/sandbox/reset'));
      assert.ok(reset.customers > 0 && reset.accounts > 0 && reset.cards > 0 && reset.relationships > 0);
      assert.deepEqual(reset, seeded, 'the tenant holds as many records as when it was seeded');

      expectError(await demographic(sb, demoAdded.customerNumber, demoAdded.organizationNumber), 404, 'VPL5SGC04S');
      assert.deepEqual(expectOk(await demographic(sb, f.customerNumber, f.organizationNumber)), before);

      const kept = expectOk(await demographic(sb, partnerAdded.customerNumber, partnerAdded.organizationNumber, PARTNER));
      assert.equal(kept.nameAddrData[0].lastName, 'QUEDA PARTNER');
    });
  });

  describe('access by apikey', () => {
    const sb = shared;
    type Res = Awaited<ReturnType<Sandbox['get']>>;
    let numbers: Promise<{ retail: Fixture; corporate: Fixture }> | undefined;
    const fixtures = () => (numbers ??= Promise.all([sb.fixture('retail-multi-product'), sb.fixture('corporate-relationship')]).then(([retail, corporate]) => ({ retail, corporate })));

    const calls: [label: string, send: (headers: Record<string, string>) => Promise<Res>][] = [
      ['POST /customer', (h) => sb.post('/customer', { customerData: { ownerCoOwnerData: { ownerData: { lastName: 'X' } } } }, h)],
      ['PUT /customer', async (h) => {
        const { retail } = await fixtures();
        return sb.put('/customer', { customerNumber: retail.customerNumber, numberType: 1, organizationNumber: retail.organizationNumber, demographicDataIndicator: 1, city: 'X' }, h);
      }],
      ['POST /customer/accountNumber', async (h) => {
        const { retail } = await fixtures();
        return sb.post('/customer/accountNumber', { customerNumber: retail.customerNumber, organizationNumber: retail.organizationNumber }, h);
      }],
      ['POST /customer/details-l8v4', async (h) => {
        const { retail } = await fixtures();
        return sb.post('/customer/details-l8v4', { customerNumber: retail.customerNumber, organizationNumber: retail.organizationNumber }, h);
      }],
      ['POST /customer/generation', (h) => sb.post('/customer/generation', { organizationNumber: 970, logo: 401 }, h)],
      ['POST /customer/demographicData', async (h) => {
        const { retail } = await fixtures();
        return sb.post('/customer/demographicData', { customerAccountCardNumber: retail.accountNumbers[0], numberType: 0 }, h);
      }],
      ['POST /customer/lookup', (h) => sb.post('/customer/lookup', { numberOfRecords: 10, requestOptionData: { lastNameOption: 1 }, primarySearchData: { lastBusinessName: 'GARCIA' } }, h)],
      ['POST /customer/relationshipNumber', async (h) => {
        const { corporate } = await fixtures();
        return sb.post('/customer/relationshipNumber', { customerNumber: corporate.customerNumber, organizationNumber: corporate.organizationNumber, functionCode: '' }, h);
      }],
      ['GET /customer/{accountNumber}/current-prior-address', async (h) => {
        const { retail } = await fixtures();
        return sb.get(`/customer/${retail.accountNumbers[0]}/current-prior-address`, h);
      }],
      ['GET /sandbox/fixtures', (h) => sb.get('/sandbox/fixtures', h)],
      ['POST /sandbox/reset', (h) => sb.post('/sandbox/reset', undefined, h)],
    ];

    for (const [label, send] of calls) {
      it(`when ${label} is called without an apikey or with an unknown one, then 401 SBX401K`, async () => {
        expectError(await send({ 'X-ClientID': '00970' }), 401, 'SBX401K');
        expectError(await send({ apikey: 'no-such-key', 'X-ClientID': '00970' }), 401, 'SBX401K');
      });
    }

    it('when the same calls carry the demo apikey, then none of them is refused', async () => {
      for (const [label, send] of calls) {
        const res = await send(DEMO);
        assert.ok(res.status < 400, `${label} → ${res.status} ${JSON.stringify(res.body.errors)}`);
      }
    });
  });

  describe('tenant isolation', () => {
    it('when a customer is added under demo-apikey, then partner-apikey does not find it', async () => {
      const sb = startSandbox();
      const added = expectOk(await addCustomer(sb, 'SOLO DEMO', DEMO), 201);
      assert.equal(expectOk(await demographic(sb, added.customerNumber, added.organizationNumber, DEMO)).customerNumber, added.customerNumber);
      expectError(await demographic(sb, added.customerNumber, added.organizationNumber, PARTNER), 404, 'VPL5SGC04S');
    });

    it('when a customer is added under partner-apikey, then demo-apikey does not find it', async () => {
      const sb = startSandbox();
      const added = expectOk(await addCustomer(sb, 'SOLO PARTNER', PARTNER), 201);
      assert.equal(expectOk(await demographic(sb, added.customerNumber, added.organizationNumber, PARTNER)).customerNumber, added.customerNumber);
      expectError(await demographic(sb, added.customerNumber, added.organizationNumber, DEMO), 404, 'VPL5SGC04S');
    });
  });
});
