// POST /customer/details-l8v4: a customer's cards with the accounts they draw on, 20 rows a page.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectError, expectOk, startSandbox } from './helpers/sandbox.js';
import { passesLuhn } from './helpers/seed-examples.js';

const URL = '/customer/details-l8v4';

/** The seed document's example body, character for character (the customer number is a bare 19-digit number). */
const SEED_BODY = `{
  "customerNumber": 4513074002573466600,
  "functionCode": "string",
  "organizationNumber": 807,
  "startItem": {
    "startAccount": "string",
    "startOrganization": "string"
  }
}`;


const byNumber = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

interface CardRow {
  sequence: number;
  cardNumber: string;
  logo: string;
  productDescription: string;
  accountNumber: string;
  customerNumber: string;
  relationshipNumber?: string;
}
interface Org {
  organizationNumber: number;
  logos: { logo: number; description: string; productType: string; bin: string }[];
}

type Sandbox = ReturnType<typeof startSandbox>;

const organizationsOf = async (sb: Sandbox) => (await sb.get('/sandbox/fixtures')).body.data.organizations as Org[];

describe('POST /customer/details-l8v4', () => {
  describe('the seed document example', () => {
    const sb = startSandbox();

    it('when the seed example is sent verbatim, then the two cards of the seed customer come back with their accounts', async () => {
      const f = await sb.fixture('seed-details-l8v4');
      assert.equal(f.customerNumber, '4513074002573466600');
      const org = (await organizationsOf(sb)).find((o) => o.organizationNumber === f.organizationNumber)!;

      const data = expectOk(await sb.post(URL, SEED_BODY));
      assert.equal(data.customerNumber, '4513074002573466600', 'no digit of the bare number is lost');
      assert.equal(data.itemsReturned, '2');
      assert.equal(data.more, 'N');
      assert.equal(data.nextToken, undefined);
      assert.equal(data.prevToken, undefined);
      const rows = data.accountTable as CardRow[];
      assert.deepEqual(rows.map((r) => r.sequence), [1, 2]);
      assert.deepEqual(rows.map((r) => r.cardNumber).sort(), [...f.cardNumbers].sort());
      assert.deepEqual(rows.map((r) => r.accountNumber), [...f.accountNumbers].sort(byNumber));
      for (const row of rows) {
        assert.ok(passesLuhn(row.cardNumber), `${row.cardNumber} passes Luhn`);
        assert.equal(row.customerNumber, f.customerNumber);
        const logo = org.logos.find((l) => String(l.logo) === row.logo);
        assert.ok(logo, `logo ${row.logo} belongs to ${org.organizationNumber}`);
        assert.ok(row.cardNumber.startsWith(logo.bin), `${row.cardNumber} carries the BIN of logo ${row.logo}`);
        assert.equal(row.productDescription, logo.description.slice(0, 20));
      }
    });

    it('when the seed customer\'s accounts are listed, then they are the accounts the cards draw on', async () => {
      const cards = expectOk(await sb.post(URL, SEED_BODY)).accountTable as CardRow[];
      const accounts = expectOk(await sb.post('/customer/accountNumber', `{"customerNumber": 4513074002573466600, "organizationNumber": 807}`));
      assert.deepEqual(
        accounts.acctTable.map((a: { accountNumber: string; logo: number }) => [a.accountNumber, String(a.logo)]),
        cards.map((c) => [c.accountNumber, c.logo]),
      );
    });
  });

  describe('a corporate customer with 45 cards', () => {
    const sb = startSandbox();

    async function pages() {
      const f = await sb.fixture('corporate-relationship');
      const ask = (extra: Record<string, unknown>) =>
        sb.post(URL, { customerNumber: f.customerNumber, organizationNumber: f.organizationNumber, ...extra });
      const one = expectOk(await ask({ functionCode: '' }));
      const two = expectOk(await ask({ functionCode: 'N', startItem: one.nextToken }));
      // The same start position may also be sent flat.
      const three = expectOk(await ask({ functionCode: 'N', startOrganization: two.nextToken.startOrganization, startAccount: two.nextToken.startAccount }));
      return { f, ask, one, two, three };
    }

    it('when paged with N (startItem, then flat start fields), then the pages hold 20, 20 and 5 cards covering all 45', async () => {
      const { f, one, two, three } = await pages();
      assert.equal(f.cardNumbers.length, 45);
      assert.deepEqual([one, two, three].map((p) => p.accountTable.length), [20, 20, 5]);
      assert.deepEqual([one, two, three].map((p) => p.itemsReturned), ['20', '20', '5']);
      assert.deepEqual([one, two, three].map((p) => p.more), ['Y', 'Y', 'N']);
      assert.equal(one.prevToken, undefined);
      assert.equal(three.nextToken, undefined);
      assert.equal(one.nextToken.startAccount, one.accountTable[19].accountNumber);
      assert.equal(one.nextToken.startOrganization, String(f.organizationNumber));
      for (const p of [one, two, three]) {
        assert.deepEqual(p.accountTable.map((r: CardRow) => r.sequence), p.accountTable.map((_: CardRow, i: number) => i + 1));
      }

      const rows = [one, two, three].flatMap((p) => p.accountTable as CardRow[]);
      assert.deepEqual(rows.map((r) => r.cardNumber).sort(), [...f.cardNumbers].sort(), 'every card once');
      assert.deepEqual(rows.map((r) => r.accountNumber), [...f.accountNumbers].sort(byNumber), 'accounts in order, no overlap');
      for (const r of rows) {
        assert.ok(passesLuhn(r.cardNumber), `${r.cardNumber} passes Luhn`);
        assert.equal(r.customerNumber, f.customerNumber);
        assert.equal(r.relationshipNumber, f.relationshipNumber);
      }
    });

    it('when P is sent with the prevToken of page three, then page two comes back exactly', async () => {
      const { ask, two, three } = await pages();
      const back = expectOk(await ask({ functionCode: 'P', startItem: three.prevToken }));
      assert.deepEqual(back.accountTable, two.accountTable);
      assert.equal(back.more, 'Y');
      assert.deepEqual(back.nextToken, two.nextToken);
    });
  });

  describe('errors', () => {
    const sb = startSandbox();

    it('when the customer holds no card, then 404 VPL5SCE04S', async () => {
      const added = expectOk(
        await sb.post('/customer', { customerData: { ownerCoOwnerData: { ownerData: { lastName: 'SIN TARJETA' } } } }),
        201,
      );
      assert.equal(added.accountNumber, '', 'no account was linked');
      // The customer exists; it is only the cards that are missing.
      const found = expectOk(
        await sb.post('/customer/demographicData', { customerAccountCardNumber: added.customerNumber, numberType: 1, organizationNumber: added.organizationNumber }),
      );
      assert.equal(found.customerNumber, added.customerNumber);
      expectError(await sb.post(URL, { customerNumber: added.customerNumber, organizationNumber: added.organizationNumber, functionCode: '' }), 404, 'VPL5SCE04S');
    });

    it('when N is sent without a start organization and account, then 400 VPL5SCE03E', async () => {
      const f = await sb.fixture('corporate-relationship');
      expectError(await sb.post(URL, { customerNumber: f.customerNumber, organizationNumber: f.organizationNumber, functionCode: 'N' }), 400, 'VPL5SCE03E');
    });
  });
});
