// POST /customer/relationshipNumber: the relationship numbers a customer owns, with totals over their accounts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectError, expectOk, startSandbox } from './helpers/sandbox.js';
import { allCardRows } from './helpers/seed-examples.js';

const URL = '/customer/relationshipNumber';

/** The seed document's example body, character for character, with its placeholders filled. */
const SEED_BODY = `{
  "customerNumber": {{customerNumber}},
  "functionCode": "",
  "organizationNumber": {{orgid}}
}`;

const cents = (n: number) => Math.round(n * 100);

interface CardRow {
  accountNumber: string;
  relationshipNumber?: string;
  totalCreditLimit: number;
  pesosCurrentBalance: number;
  pesosOpenToBuy: number;
  pesosMemoCredits: number;
  pesosMemoDebits: number;
  dollarCurrentBalance: number;
}


/** Every card row of a customer, walking details-l8v4 page by page. */
describe('POST /customer/relationshipNumber', () => {
  const sb = startSandbox();

  it('when the seed example is sent with the corporate customer as a bare number, then its relationship comes back with 45 accounts', async () => {
    const f = await sb.fixture('corporate-relationship');
    assert.ok(f.relationshipNumber);
    const body = SEED_BODY.replaceAll('{{customerNumber}}', f.customerNumber).replaceAll('{{orgid}}', String(f.organizationNumber));
    const data = expectOk(await sb.post(URL, body));
    assert.equal(data.more, 'N');
    assert.equal(data.numberOfOccurrences, 1);
    assert.equal(data.nextToken, undefined);
    assert.equal(data.prevToken, undefined);
    assert.equal(data.relationshipTable.length, 1);
    const rel = data.relationshipTable[0];
    assert.equal(rel.relationshipNumber, f.relationshipNumber);
    assert.equal(rel.relationshipCustomerNumber, f.customerNumber, 'no digit of the bare number is lost');
    assert.equal(rel.organizationNumber, f.organizationNumber);
    assert.equal(rel.numberOfAccounts, f.accountNumbers.length);
    assert.equal(rel.numberOfAccounts, 45);
  });

  it('when the totals are compared with the accounts seen through details-l8v4, then each total is the sum over the accounts', async () => {
    const f = await sb.fixture('corporate-relationship');
    const rel = expectOk(await sb.post(URL, { customerNumber: f.customerNumber, organizationNumber: f.organizationNumber, functionCode: '' }))
      .relationshipTable[0];

    const byAccount = new Map<string, CardRow>();
    for (const row of await allCardRows<CardRow>(sb, f.customerNumber, f.organizationNumber)) {
      if (row.relationshipNumber === f.relationshipNumber) byAccount.set(row.accountNumber, row);
    }
    const accounts = [...byAccount.values()];
    assert.deepEqual([...byAccount.keys()].sort(), [...f.accountNumbers].sort(), 'the relationship groups exactly the fixture accounts');
    const total = (pick: (r: CardRow) => number) => cents(accounts.reduce((s, r) => s + pick(r), 0));

    assert.ok(rel.totalCreditLimit > 0);
    assert.equal(cents(rel.totalCreditLimit), total((r) => r.totalCreditLimit));
    assert.equal(cents(rel.sumOfCurrentBalancesForPesosAccounts), total((r) => r.pesosCurrentBalance));
    assert.equal(cents(rel.sumOfOpenToBuyForAccounts), total((r) => r.pesosOpenToBuy));
    assert.equal(cents(rel.sumDebitsForPesosAccounts), total((r) => r.pesosMemoDebits));
    assert.equal(cents(rel.sumCreditsForPesosAccounts), total((r) => r.pesosMemoCredits));
    assert.equal(cents(rel.sumOfCurrentBalancesForDollarsAccounts), total((r) => r.dollarCurrentBalance));
  });

  it('when a retail customer without relationships is asked for, then 200 with an empty relationship table', async () => {
    const f = await sb.fixture('retail-multi-product');
    const data = expectOk(await sb.post(URL, { customerNumber: f.customerNumber, organizationNumber: f.organizationNumber, functionCode: '' }));
    assert.deepEqual(data.relationshipTable, []);
    assert.equal(data.numberOfOccurrences, 0);
    assert.equal(data.more, 'N');
  });

  it('when the organization is not one of the tenant, then 404 VPL5SRC13S', async () => {
    const f = await sb.fixture('corporate-relationship');
    const known = ((await sb.get('/sandbox/fixtures')).body.data.organizations as { organizationNumber: number }[]).map((o) => o.organizationNumber);
    const unknown = Array.from({ length: 998 }, (_, i) => i + 1).find((n) => !known.includes(n))!;
    expectError(await sb.post(URL, { customerNumber: f.customerNumber, organizationNumber: unknown, functionCode: '' }), 404, 'VPL5SRC13S');
  });

  it('when the customer number belongs to no customer, then 404 VPL5SGC04S', async () => {
    const gen = expectOk(await sb.post('/customer/generation', { organizationNumber: 970, logo: 450, customerNumbersRequested: 1 }));
    expectError(await sb.post(URL, { customerNumber: gen.customerData[0].customerNumber, organizationNumber: 970, functionCode: '' }), 404, 'VPL5SGC04S');
  });
});
