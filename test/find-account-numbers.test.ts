// POST /customer/accountNumber: a customer's accounts, 20 a page, scrolled with N/P tokens.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectError, expectOk, startSandbox } from './helpers/sandbox.js';

const URL = '/customer/accountNumber';

/** The seed document's example body, character for character, with its placeholders filled. */
const SEED_BODY = `{
  "customerNumber": "{{customerNumber}}",
  "functionCode": "P",
  "organizationNumber": {{orgid}},
  "startToken": {
    "accountNumber": "{{accountNumber}}",
    "accountOrganizationNumber": {{orgid}},
    "associationType": 0
  }
}`;

/** Numeric order of digit strings (no leading zeros): shorter first, then digit by digit. */
const byNumber = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

interface AcctRow {
  organizationNumber: number;
  accountNumber: string;
  associationType: number;
  organizationName: string;
  logo: number;
  logoDescription: string;
  accountInternalStatus: string;
}

type Sandbox = ReturnType<typeof startSandbox>;

/** Turns an answer's nextToken / prevToken into the request's startToken. */
const fromNext = (t: { accountOrganizationNext: number; accountNumberNext: string; accountTypeNext: number }) => ({
  accountOrganizationNumber: t.accountOrganizationNext,
  accountNumber: t.accountNumberNext,
  associationType: t.accountTypeNext,
});
const fromPrev = (t: { accountOrganizationPrev: number; accountNumberPrev: string; accountTypePrev: number }) => ({
  accountOrganizationNumber: t.accountOrganizationPrev,
  accountNumber: t.accountNumberPrev,
  associationType: t.accountTypePrev,
});

const numbersOf = (data: { acctTable: AcctRow[] }) => data.acctTable.map((r) => r.accountNumber);

async function addCustomer(sb: Sandbox, keyData: Record<string, unknown> = {}) {
  const res = await sb.post('/customer', {
    customerData: { customerKeyData: keyData, ownerCoOwnerData: { ownerData: { lastName: 'PAGING TEST' } } },
  });
  return expectOk(res, 201) as { organizationNumber: number; customerNumber: string; accountNumber?: string };
}

describe('POST /customer/accountNumber', () => {
  describe('a retail customer with three products', () => {
    const sb = startSandbox();

    it('when the seed example is sent verbatim with P from the second account, then it answers the account before it', async () => {
      const f = await sb.fixture('retail-multi-product');
      const sorted = [...f.accountNumbers].sort(byNumber);
      const body = SEED_BODY.replaceAll('{{customerNumber}}', f.customerNumber)
        .replaceAll('{{orgid}}', String(f.organizationNumber))
        .replaceAll('{{accountNumber}}', sorted[1]);
      const data = expectOk(await sb.post(URL, body));
      assert.deepEqual(numbersOf(data), [sorted[0]]);
      assert.equal(data.numberOfOccurrences, 1);
      assert.equal(data.more, 'Y', 'accounts follow the page that ends before the start token');
      assert.equal(data.prevToken, undefined, 'nothing comes before the first account');
      assert.equal(data.nextToken.accountNumberNext, sorted[0]);

      const rest = expectOk(await sb.post(URL, { customerNumber: f.customerNumber, organizationNumber: f.organizationNumber, functionCode: 'N', startToken: fromNext(data.nextToken) }));
      assert.deepEqual(numbersOf(rest), sorted.slice(1), 'N from that nextToken gives the remaining accounts');
      assert.equal(rest.more, 'N');
    });

    for (const [label, functionCode] of [['blank', ''], ['absent', undefined]] as const) {
      it(`when the function code is ${label}, then the first page lists the three accounts with their product data`, async () => {
        const f = await sb.fixture('retail-multi-product');
        const { organizations } = (await sb.get('/sandbox/fixtures')).body.data as {
          organizations: { organizationNumber: number; name: string; logos: { logo: number; description: string; productType: string }[] }[];
        };
        const org = organizations.find((o) => o.organizationNumber === f.organizationNumber)!;
        const body: Record<string, unknown> = { customerNumber: f.customerNumber, organizationNumber: f.organizationNumber };
        if (functionCode !== undefined) body.functionCode = functionCode;
        const data = expectOk(await sb.post(URL, body));

        assert.deepEqual(numbersOf(data), [...f.accountNumbers].sort(byNumber));
        assert.equal(data.numberOfOccurrences, 3);
        assert.equal(data.more, 'N');
        assert.equal(data.nextToken, undefined);
        assert.equal(data.prevToken, undefined);
        const productTypes = new Set<string>();
        for (const row of data.acctTable as AcctRow[]) {
          assert.equal(row.organizationNumber, f.organizationNumber);
          assert.equal(row.organizationName, org.name);
          assert.equal(row.associationType, 0, 'the fixture customer is the primary holder');
          assert.equal(row.accountInternalStatus, 'A');
          const logo = org.logos.find((l) => l.logo === row.logo);
          assert.ok(logo, `logo ${row.logo} is a product of ${org.organizationNumber}`);
          assert.equal(row.logoDescription, logo.description);
          productTypes.add(logo.productType);
        }
        assert.deepEqual([...productTypes].sort(), ['credit', 'debit', 'prepaid']);
      });
    }

    it('when the customer number is sent as a bare JSON number, then the answer equals the one for the string', async () => {
      const f = await sb.fixture('retail-multi-product');
      const asString = expectOk(await sb.post(URL, { customerNumber: f.customerNumber, organizationNumber: f.organizationNumber, functionCode: '' }));
      const asNumber = expectOk(
        await sb.post(URL, `{"customerNumber": ${f.customerNumber}, "organizationNumber": ${f.organizationNumber}, "functionCode": ""}`),
      );
      assert.deepEqual(asNumber, asString);
      assert.equal(asNumber.acctTable.length, f.accountNumbers.length);
    });
  });

  describe('a corporate customer with 45 accounts', () => {
    const sb = startSandbox();

    async function threePages() {
      const f = await sb.fixture('corporate-relationship');
      const ask = (extra: Record<string, unknown>) =>
        sb.post(URL, { customerNumber: f.customerNumber, organizationNumber: f.organizationNumber, ...extra });
      const one = expectOk(await ask({ functionCode: '' }));
      const two = expectOk(await ask({ functionCode: 'N', startToken: fromNext(one.nextToken) }));
      const three = expectOk(await ask({ functionCode: 'N', startToken: fromNext(two.nextToken) }));
      return { f, ask, one, two, three };
    }

    it('when paged with N from each nextToken, then the pages hold 20, 20 and 5 accounts in order without overlap', async () => {
      const { f, one, two, three } = await threePages();
      assert.equal(f.accountNumbers.length, 45);

      assert.equal(one.acctTable.length, 20);
      assert.equal(one.numberOfOccurrences, 20);
      assert.equal(one.more, 'Y');
      assert.equal(one.prevToken, undefined);
      assert.equal(one.nextToken.accountNumberNext, one.acctTable[19].accountNumber);
      assert.equal(one.nextToken.accountOrganizationNext, f.organizationNumber);

      assert.equal(two.acctTable.length, 20);
      assert.equal(two.more, 'Y');
      assert.ok(two.prevToken, 'page two can scroll back');

      assert.equal(three.acctTable.length, 5);
      assert.equal(three.numberOfOccurrences, 5);
      assert.equal(three.more, 'N');
      assert.equal(three.nextToken, undefined);

      const all = [...numbersOf(one), ...numbersOf(two), ...numbersOf(three)];
      assert.equal(new Set(all).size, 45, 'no account appears twice');
      assert.deepEqual(all, [...f.accountNumbers].sort(byNumber), 'every account once, in account order');
    });

    it('when P is sent with the prevToken of page three, then page two comes back exactly', async () => {
      const { ask, two, three } = await threePages();
      const back = expectOk(await ask({ functionCode: 'P', startToken: fromPrev(three.prevToken) }));
      assert.deepEqual(back.acctTable, two.acctTable);
      assert.equal(back.more, 'Y');
    });

    it('when another customer opens an account between two page requests, then N from the old token gives the same next pages', async () => {
      const { ask, one, two, three } = await threePages();
      // An account number of the corporate product, so it would sort after all 45 if the list leaked.
      const gen = expectOk(await sb.post('/customer/generation', { organizationNumber: 970, logo: 450, accountNumbersRequested: 1 }));
      const added = await addCustomer(sb, { accountNumber: gen.accountData[0].accountNumber });
      const theirs = expectOk(await sb.post(URL, { customerNumber: added.customerNumber, organizationNumber: added.organizationNumber }));
      assert.deepEqual(numbersOf(theirs), [gen.accountData[0].accountNumber], 'the new account exists, under the new customer');

      const twoAgain = expectOk(await ask({ functionCode: 'N', startToken: fromNext(one.nextToken) }));
      assert.deepEqual(twoAgain, two);
      const threeAgain = expectOk(await ask({ functionCode: 'N', startToken: fromNext(twoAgain.nextToken) }));
      assert.deepEqual(threeAgain, three);
    });
  });

  describe('errors', () => {
    const sb = startSandbox();

    it('when the customer number belongs to no customer, then 404 VPL5SGC04S', async () => {
      // A number reserved by generation is a valid customer number that no customer holds yet.
      const gen = expectOk(await sb.post('/customer/generation', { organizationNumber: 970, logo: 401, customerNumbersRequested: 1 }));
      expectError(await sb.post(URL, { customerNumber: gen.customerData[0].customerNumber, organizationNumber: 970 }), 404, 'VPL5SGC04S');
    });

    it('when a customer of organization 970 is asked for under 807, then 404 VPL5SGC04S', async () => {
      const f = await sb.fixture('retail-multi-product');
      const other = (await sb.fixture('seed-details-l8v4')).organizationNumber;
      assert.notEqual(other, f.organizationNumber);
      expectError(await sb.post(URL, { customerNumber: f.customerNumber, organizationNumber: other }), 404, 'VPL5SGC04S');
    });

    it('when the organization is not one of the tenant, then 404 VPL5SGC02S', async () => {
      const f = await sb.fixture('retail-multi-product');
      const known = ((await sb.get('/sandbox/fixtures')).body.data.organizations as { organizationNumber: number }[]).map((o) => o.organizationNumber);
      const unknown = Array.from({ length: 998 }, (_, i) => i + 1).find((n) => !known.includes(n))!;
      expectError(await sb.post(URL, { customerNumber: f.customerNumber, organizationNumber: unknown }), 404, 'VPL5SGC02S');
    });

    it('when N is sent without a start token, then 400 SBX400S', async () => {
      const f = await sb.fixture('corporate-relationship');
      expectError(await sb.post(URL, { customerNumber: f.customerNumber, organizationNumber: f.organizationNumber, functionCode: 'N' }), 400, 'SBX400S');
    });

    it('when the customer number is missing, then 400 SBX400V', async () => {
      expectError(await sb.post(URL, { organizationNumber: 970, functionCode: '' }), 400, 'SBX400V');
    });
  });
});
