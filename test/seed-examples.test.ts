// The nine examples of the user's seed document, sent as the literal text a portal user pastes,
// with only the Postman placeholders filled in from the documented fixtures.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Fixture } from '../src/domain/model.js';
import { expectOk, startSandbox } from './helpers/sandbox.js';
import { portalExamples } from './helpers/seed-examples.js';

const blocks = portalExamples();
const [addBody, updateBody, accountNumberBody, detailsBody, generationBody, demographicBody, lookupBody, relationshipBody, addressParameters] =
  blocks;

/** Fills the Postman placeholders with digits, leaving the quotes around them exactly as the document has them. */
function fill(text: string, values: { customerNumber?: string; accountNumber?: string; orgid?: number }): string {
  const filled = text.replace(/\{\{(customerNumber|accountNumber|orgid)\}\}/g, (whole, name: keyof typeof values) => {
    const value = values[name];
    assert.ok(value !== undefined, `a value for ${whole}`);
    return String(value);
  });
  assert.doesNotMatch(filled, /\{\{/, 'no placeholder left');
  return filled;
}

type Sandbox = ReturnType<typeof startSandbox>;

async function demographicData(sb: Sandbox, customerNumber: string, organizationNumber: number) {
  return expectOk(await sb.post('/customer/demographicData', { customerAccountCardNumber: customerNumber, numberType: 1, organizationNumber }));
}

const byNumber = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

describe('the seed document', () => {
  it('when read, then it holds nine json blocks: eight request bodies and the address inquiry parameters', () => {
    assert.equal(blocks.length, 9);
    for (const body of blocks.slice(0, 8)) assert.match(body.trim(), /^\{[\s\S]*\}$/);
    assert.match(addressParameters, /apikey/);
    assert.match(addressParameters, /accountNumber/);
    assert.match(addBody, /"accountNumber": \{\{accountNumber\}\},/, 'the add example sends the account number bare');
    assert.match(updateBody, /"customerNumber": "\{\{customerNumber\}\}"/, 'the update example quotes the customer number');
    assert.match(relationshipBody, /"customerNumber": \{\{customerNumber\}\},/, 'the relationship example sends it bare');
    assert.match(detailsBody, /"customerNumber": 4513074002573466600,/, 'details-l8v4 sends a 19-digit number bare');
  });
});

describe('the seed document examples sent as written', () => {
  const sb = startSandbox();

  it('when the add example is sent with the unassigned account, then 201 creates Pavan Sivale holding that account', async () => {
    const unassigned = await sb.fixture('unassigned-account');
    const [account] = unassigned.accountNumbers;
    const res = await sb.post('/customer', fill(addBody, { accountNumber: account }));
    const added = expectOk(res, 201);
    assert.equal(added.accountNumber, account);
    assert.equal(added.organizationNumber, unassigned.organizationNumber);
    assert.match(added.customerNumber, /^[1-9][0-9]{0,18}$/);

    const stored = await demographicData(sb, added.customerNumber, added.organizationNumber);
    const owner = stored.nameAddrData[0];
    assert.equal(owner.firstName, 'Pavan');
    assert.equal(owner.lastName, 'Sivale');
    assert.equal(owner.identificationNumber, '123456789', 'the bare number is stored as its digits');
    assert.equal(owner.dateOfBirth, '2010-09-11');
    assert.equal(owner.homePhoneNumber, '123-456-9990');
    assert.equal(stored.vipStatus, '1');

    const accounts = expectOk(
      await sb.post('/customer/accountNumber', { customerNumber: added.customerNumber, organizationNumber: added.organizationNumber }),
    );
    assert.deepEqual(accounts.acctTable.map((a: { accountNumber: string }) => a.accountNumber), [account]);
  });

  it('when the update example is sent for a customer, then 200 and its blank fields change nothing', async () => {
    const retail = await sb.fixture('retail-multi-product');
    const before = await demographicData(sb, retail.customerNumber, retail.organizationNumber);
    const res = await sb.put('/customer', fill(updateBody, { customerNumber: retail.customerNumber, orgid: retail.organizationNumber }));
    const data = expectOk(res);
    assert.equal(data.outputArea.customerNumber, retail.customerNumber);
    assert.equal(data.outputArea.organizationNumber, retail.organizationNumber);
    const after = await demographicData(sb, retail.customerNumber, retail.organizationNumber);
    assert.deepEqual(after.nameAddrData, before.nameAddrData);
  });

  it('when the accountNumber example scrolls back (P) from the last account, then 200 lists the accounts before it', async () => {
    const retail = await sb.fixture('retail-multi-product');
    const accounts = [...retail.accountNumbers].sort(byNumber);
    assert.ok(accounts.length >= 2);
    const last = accounts[accounts.length - 1];
    const res = await sb.post(
      '/customer/accountNumber',
      fill(accountNumberBody, { customerNumber: retail.customerNumber, accountNumber: last, orgid: retail.organizationNumber }),
    );
    const data = expectOk(res);
    assert.deepEqual(data.acctTable.map((a: { accountNumber: string }) => a.accountNumber), accounts.slice(0, -1));
    assert.equal(data.more, 'Y', 'the start account follows this page');
  });

  it('when the details-l8v4 example is sent literally, then 200 lists every card of customer 4513074002573466600', async () => {
    const fixture = await sb.fixture('seed-details-l8v4');
    assert.equal(fixture.customerNumber, '4513074002573466600');
    const data = expectOk(await sb.post('/customer/details-l8v4', detailsBody));
    assert.equal(data.customerNumber, '4513074002573466600');
    assert.deepEqual(data.accountTable.map((r: { cardNumber: string }) => r.cardNumber).sort(), [...fixture.cardNumbers].sort());
    assert.deepEqual(
      [...new Set(data.accountTable.map((r: { accountNumber: string }) => r.accountNumber))].sort(),
      [...fixture.accountNumbers].sort(),
    );
  });

  it('when the generation example is sent literally, then 200 reserves one number of each kind, never the same twice', async () => {
    const first = expectOk(await sb.post('/customer/generation', generationBody));
    assert.equal(first.organizationNumber, 970);
    assert.equal(first.logo, 401);
    assert.equal(first.dualIndicator, 1);
    for (const kind of ['customerData', 'accountData', 'relationshipData', 'cardData']) assert.equal(first[kind].length, 1, kind);
    const fixtures = expectOk(await sb.get('/sandbox/fixtures'));
    const org = fixtures.organizations.find((o: { organizationNumber: number }) => o.organizationNumber === 970);
    assert.equal(first.foreignOrganizationNumber, org.foreignOrganizationNumber, 'dual currency names the foreign organization');

    const second = expectOk(await sb.post('/customer/generation', generationBody));
    assert.notEqual(second.customerData[0].customerNumber, first.customerData[0].customerNumber);
    assert.notEqual(second.accountData[0].accountNumber, first.accountData[0].accountNumber);
    assert.notEqual(second.cardData[0].cardNumber, first.cardData[0].cardNumber);
    assert.notEqual(second.relationshipData[0].relationshipNumber, first.relationshipData[0].relationshipNumber);
  });

  it('when the demographicData example is sent for a customer, then 200 shows that customer', async () => {
    const fixture = await sb.fixture('prior-addresses');
    const res = await sb.post(
      '/customer/demographicData',
      fill(demographicBody, { customerNumber: fixture.customerNumber, orgid: fixture.organizationNumber }),
    );
    const data = expectOk(res);
    assert.equal(data.customerNumber, fixture.customerNumber);
    assert.equal(data.organizationNumber, fixture.organizationNumber);
    assert.ok(data.nameAddrData[0].lastName);
  });

  it('when the lookup example is sent literally, then 200 with a page of at most 50 customers', async () => {
    const data = expectOk(await sb.post('/customer/lookup', lookupBody));
    assert.equal(data.numberOfRecords, data.customers.length);
    assert.ok(data.customers.length <= 50);
    assert.ok(['Y', 'N'].includes(data.more));
  });

  it('when the relationshipNumber example is sent with the corporate customer bare, then 200 lists its relationship', async () => {
    const corporate: Fixture = await sb.fixture('corporate-relationship');
    const res = await sb.post(
      '/customer/relationshipNumber',
      fill(relationshipBody, { customerNumber: corporate.customerNumber, orgid: corporate.organizationNumber }),
    );
    const data = expectOk(res);
    assert.equal(data.relationshipTable.length, 1);
    assert.equal(data.relationshipTable[0].relationshipNumber, corporate.relationshipNumber);
    assert.equal(data.relationshipTable[0].relationshipCustomerNumber, corporate.customerNumber);
    assert.equal(data.relationshipTable[0].numberOfAccounts, corporate.accountNumbers.length);
  });

  it('when current-prior-address is asked for an account with the apikey header (and the token and X-ClientID every call needs), then 200 with current and prior addresses', async () => {
    const fixture = await sb.fixture('prior-addresses');
    const [account] = fixture.accountNumbers;
    const res = await sb.get(`/customer/${account}/current-prior-address`);
    const data = expectOk(res);
    assert.equal(data.customerNumber, fixture.customerNumber);
    assert.equal(data.accountNumber, account);
    assert.equal(data.customerData.nameAddressTable.length, 1);
    assert.equal(data.customerData.priorMailerData.priorMailer.length, 2);
  });
});

describe('the copy of the portal examples', () => {
  const original = new URL('../../shared/reference/seed-customer-management.md', import.meta.url);
  it('when the user\'s seed document sits beside the repository, then fixtures/portal-examples.md holds its examples unchanged', { skip: !existsSync(original) && 'the seed document is not beside this checkout' }, () => {
    const theirs = [...readFileSync(original, 'utf8').matchAll(/```json\r?\n([\s\S]*?)```/g)].map((m) => m[1].trimEnd());
    assert.deepEqual(portalExamples().map((b) => b.trimEnd()), theirs);
  });
});
