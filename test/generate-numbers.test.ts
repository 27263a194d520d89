// POST /customer/generation: numbers reserved in bulk, never handed out twice, usable once in POST /customer.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectError, expectOk, startSandbox } from './helpers/sandbox.js';
import { passesLuhn } from './helpers/seed-examples.js';

const URL = '/customer/generation';

/** The seed document's example body, character for character. */
const SEED_BODY = `{
  "dualIndicator": "1",
  "logo": "401",
  "organizationNumber": 970
}`;


interface Org {
  organizationNumber: number;
  foreignOrganizationNumber?: number;
  logos: { logo: number; description: string; productType: string; bin: string }[];
}
interface Generated {
  organizationNumber: number;
  foreignOrganizationNumber?: number;
  dualIndicator?: number;
  logo: number;
  customerData: { sequence: number; customerNumber: string }[];
  accountData: { sequence: number; accountNumber: string }[];
  relationshipData: { sequence: number; relationshipNumber: string }[];
  cardData: { sequence: number; cardNumber: string }[];
}

type Sandbox = ReturnType<typeof startSandbox>;

const organizationsOf = async (sb: Sandbox) => (await sb.get('/sandbox/fixtures')).body.data.organizations as Org[];
const allNumbers = (g: Generated) => [
  ...g.customerData.map((c) => c.customerNumber),
  ...g.accountData.map((a) => a.accountNumber),
  ...g.relationshipData.map((r) => r.relationshipNumber),
  ...g.cardData.map((c) => c.cardNumber),
];
const seq = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

const addCustomer = (sb: Sandbox, keyData: Record<string, unknown>) =>
  sb.post('/customer', { customerData: { customerKeyData: keyData, ownerCoOwnerData: { ownerData: { lastName: 'RESERVADO' } } } });

describe('POST /customer/generation', () => {
  describe('what is handed out', () => {
    const sb = startSandbox();

    it('when the seed example is sent verbatim, then one number of each kind comes back, with the foreign organization because it is dual', async () => {
      const org = (await organizationsOf(sb)).find((o) => o.organizationNumber === 970)!;
      assert.ok(org.foreignOrganizationNumber, 'organization 970 has a foreign (dollar) organization');
      const data = expectOk(await sb.post(URL, SEED_BODY)) as Generated;
      assert.equal(data.organizationNumber, 970);
      assert.equal(data.logo, 401);
      assert.equal(data.dualIndicator, 1);
      assert.equal(data.foreignOrganizationNumber, org.foreignOrganizationNumber);
      assert.deepEqual(data.customerData.map((c) => c.sequence), [1]);
      assert.deepEqual(data.accountData.map((a) => a.sequence), [1]);
      assert.deepEqual(data.cardData.map((c) => c.sequence), [1]);
      assert.deepEqual(data.relationshipData.map((r) => r.sequence), [1]);
      for (const n of allNumbers(data)) assert.match(n, /^[1-9]\d{0,18}$/);
      const bin = org.logos.find((l) => l.logo === 401)!.bin;
      assert.ok(data.cardData[0].cardNumber.startsWith(bin));
      assert.ok(passesLuhn(data.cardData[0].cardNumber));
    });

    it('when the dual indicator is 0, then no foreign organization is named', async () => {
      const data = expectOk(await sb.post(URL, { dualIndicator: '0', logo: '401', organizationNumber: 970, customerNumbersRequested: 1 })) as Generated;
      assert.equal(data.foreignOrganizationNumber, 0, 'the platform answers 0 where no organization applies');
      assert.equal(data.dualIndicator, 0);
    });

    it('when 5 customers, 3 accounts and 2 cards are asked for, then exactly those come back numbered 1..n, cards Luhn-valid with the logo BIN', async () => {
      const org = (await organizationsOf(sb)).find((o) => o.organizationNumber === 970)!;
      const bin = org.logos.find((l) => l.logo === 401)!.bin;
      const data = expectOk(
        await sb.post(URL, { organizationNumber: 970, logo: 401, customerNumbersRequested: 5, accountNumbersRequested: 3, embosserNumbersRequested: 2 }),
      ) as Generated;
      assert.deepEqual(data.customerData.map((c) => c.sequence), seq(5));
      assert.deepEqual(data.accountData.map((a) => a.sequence), seq(3));
      assert.deepEqual(data.cardData.map((c) => c.sequence), seq(2));
      assert.deepEqual(data.relationshipData, [], 'no relationship number was asked for');
      const numbers = allNumbers(data);
      assert.equal(new Set(numbers).size, numbers.length, 'no number twice within one answer');
      for (const { cardNumber } of data.cardData) {
        assert.ok(passesLuhn(cardNumber), `${cardNumber} passes Luhn`);
        assert.ok(cardNumber.startsWith(bin), `${cardNumber} starts with the BIN ${bin} of logo 401`);
      }
    });

    it('when called twice, then no number repeats, and none equals a number of the seeded fixtures', async () => {
      const ask = { customerNumbersRequested: 4, accountNumbersRequested: 4, relationshipNumbersRequested: 4, embosserNumbersRequested: 4 };
      const calls = [
        { organizationNumber: 970, logo: 401, ...ask },
        { organizationNumber: 970, logo: 401, ...ask },
        { organizationNumber: 970, logo: 450, ...ask },
        { organizationNumber: 807, logo: 501, ...ask },
        { organizationNumber: 807, logo: 510, ...ask },
      ];
      const generated: string[] = [];
      for (const body of calls) generated.push(...allNumbers(expectOk(await sb.post(URL, body)) as Generated));
      assert.equal(generated.length, calls.length * 16);
      assert.equal(new Set(generated).size, generated.length, 'no number handed out twice');

      const fixtures = (await sb.get('/sandbox/fixtures')).body.data.fixtures as {
        customerNumber: string; accountNumbers: string[]; cardNumbers: string[]; relationshipNumber?: string;
      }[];
      const seeded = new Set(
        fixtures.flatMap((f) => [f.customerNumber, ...f.accountNumbers, ...f.cardNumbers, ...(f.relationshipNumber ? [f.relationshipNumber] : [])]).filter(Boolean),
      );
      assert.ok(seeded.size > 100);
      assert.deepEqual(generated.filter((n) => seeded.has(n)), []);
    });
  });

  describe('using reserved numbers', () => {
    const sb = startSandbox();

    it('when a reserved account number is given to POST /customer, then that account is opened in the reserved logo, with a card', async () => {
      const org = (await organizationsOf(sb)).find((o) => o.organizationNumber === 970)!;
      const logo = org.logos.find((l) => l.logo === 402)!;
      const gen = expectOk(await sb.post(URL, { organizationNumber: 970, logo: logo.logo, accountNumbersRequested: 1 })) as Generated;
      const accountNumber = gen.accountData[0].accountNumber;

      const added = expectOk(await addCustomer(sb, { organizationNumber: 970, accountNumber }), 201);
      assert.equal(added.accountNumber, accountNumber);

      const listed = expectOk(await sb.post('/customer/accountNumber', { customerNumber: added.customerNumber, organizationNumber: 970 }));
      assert.equal(listed.acctTable.length, 1);
      assert.equal(listed.acctTable[0].accountNumber, accountNumber);
      assert.equal(listed.acctTable[0].logo, logo.logo);
      assert.equal(listed.acctTable[0].logoDescription, logo.description);

      const cards = expectOk(await sb.post('/customer/details-l8v4', { customerNumber: added.customerNumber, organizationNumber: 970 }));
      assert.equal(cards.accountTable.length, 1);
      assert.equal(cards.accountTable[0].accountNumber, accountNumber);
      assert.ok(cards.accountTable[0].cardNumber.startsWith(logo.bin));
      assert.ok(passesLuhn(cards.accountTable[0].cardNumber));

      expectError(await addCustomer(sb, { organizationNumber: 970, accountNumber }), 422, 'SBX422A');
    });

    it('when a reserved customer number is used in POST /customer, then it works once and the second add fails 422', async () => {
      const gen = expectOk(await sb.post(URL, { organizationNumber: 970, logo: 401, customerNumbersRequested: 1 })) as Generated;
      const customerNumber = gen.customerData[0].customerNumber;
      const inquire = () => sb.post('/customer/demographicData', { customerAccountCardNumber: customerNumber, numberType: 1, organizationNumber: 970 });
      expectError(await inquire(), 404, 'VPL5SGC04S');

      const added = expectOk(await addCustomer(sb, { organizationNumber: 970, customerNumber }), 201);
      assert.equal(added.customerNumber, customerNumber);
      const found = expectOk(await inquire());
      assert.equal(found.customerNumber, customerNumber);
      assert.equal(found.nameAddrData[0].lastName, 'RESERVADO');

      expectError(await addCustomer(sb, { organizationNumber: 970, customerNumber }), 422, 'SBX422C');
      assert.equal(expectOk(await inquire()).nameAddrData[0].lastName, 'RESERVADO', 'the first customer is unchanged');
    });
  });

  describe('errors', () => {
    const sb = startSandbox();

    it('when the logo is not a product of the organization, then 404 SBX404L', async () => {
      const org = (await organizationsOf(sb)).find((o) => o.organizationNumber === 970)!;
      const foreign = (await organizationsOf(sb)).find((o) => o.organizationNumber !== 970)!.logos[0].logo;
      assert.ok(!org.logos.some((l) => l.logo === foreign));
      expectError(await sb.post(URL, { organizationNumber: 970, logo: foreign, customerNumbersRequested: 1 }), 404, 'SBX404L');
    });

    it('when every quantity is 0, then 400 SBX400Q', async () => {
      expectError(
        await sb.post(URL, {
          organizationNumber: 970, logo: 401, customerNumbersRequested: 0, accountNumbersRequested: 0, relationshipNumbersRequested: 0,
          billAccountNumbersRequested: 0, controlAccountNumbersRequested: 0, embosserNumbersRequested: 0,
        }),
        400,
        'SBX400Q',
      );
    });

    it('when a quantity is 100, then 400 SBX400V', async () => {
      expectError(await sb.post(URL, { organizationNumber: 970, logo: 401, customerNumbersRequested: 100 }), 400, 'SBX400V');
    });

    it('when the dual indicator is 5, then 400 SBX400D', async () => {
      expectError(await sb.post(URL, { organizationNumber: 970, logo: '401', dualIndicator: '5' }), 400, 'SBX400D');
    });
  });
});
