import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Fixture } from '../src/domain/model.js';
import { expectError, expectOk, startSandbox } from './helpers/sandbox.js';
import { demographicByAccountOrCard, demographicByCustomer, fill, lookupByIdentifier, SEED_DEMOGRAPHIC_BODY } from './helpers/seed-examples.js';

/** Numbers no seeded record holds. */
const UNKNOWN_CUSTOMER = '4597999999999999999';
const UNKNOWN_ACCOUNT = '8970401999999999';

describe('POST /customer/demographicData', () => {
  const sb = startSandbox();
  let retail: Fixture;
  let coOwner: Fixture;
  let seedDetails: Fixture;
  let retailData: any;

  before(async () => {
    retail = await sb.fixture('retail-multi-product');
    coOwner = await sb.fixture('co-owner');
    seedDetails = await sb.fixture('seed-details-l8v4');
  });

  it('when the seed body names the retail customer, then 200 answers the owner alone as sequence 1', async () => {
    const body = fill(SEED_DEMOGRAPHIC_BODY, { customerNumber: retail.customerNumber, orgid: retail.organizationNumber });
    retailData = expectOk(await sb.post('/customer/demographicData', body));
    assert.equal(retailData.customerNumber, retail.customerNumber);
    assert.equal(retailData.organizationNumber, retail.organizationNumber);
    assert.equal(retailData.makerCoMakerIndicator, '1');
    assert.equal(retailData.source, 'S', 'a seeded record');
    assert.deepEqual(retailData.nameAddrData.map((r: any) => r.sequence), [1]);
    const [owner] = retailData.nameAddrData;
    assert.ok(owner.lastName && owner.firstName && owner.identificationNumber, 'a complete owner');
  });

  it("when the owner's identification number is looked up, then the same customer and name come back", async () => {
    const [owner] = retailData.nameAddrData;
    const found = expectOk(await lookupByIdentifier(sb, owner.identificationNumber));
    assert.deepEqual(
      found.customers.map((c: any) => [c.customerNumber, c.lastName, c.firstName]),
      [[retail.customerNumber, owner.lastName, owner.firstName]],
    );
  });

  it('when the co-owner fixture is read, then two rows come back and sequence 2 is the co-owner', async () => {
    const data = expectOk(await demographicByCustomer(sb, coOwner.customerNumber, coOwner.organizationNumber));
    assert.equal(data.makerCoMakerIndicator, '2');
    assert.deepEqual(data.nameAddrData.map((r: any) => r.sequence), [1, 2]);
    const [owner, second] = data.nameAddrData;
    assert.equal(second.lastName, owner.lastName);
    assert.notEqual(second.firstName, owner.firstName);
    assert.notEqual(second.identificationNumber, owner.identificationNumber);
    assert.notEqual(second.email, owner.email);
    // The co-owner's own identification number leads to the same customer record.
    const found = expectOk(await lookupByIdentifier(sb, second.identificationNumber));
    assert.deepEqual(found.customers.map((c: any) => c.customerNumber), [coOwner.customerNumber]);
  });

  it('when each retail account and card number is sent with numberType 0, then the same answer as by customer number comes back', async () => {
    for (const number of [...retail.accountNumbers, ...retail.cardNumbers]) {
      assert.deepEqual(expectOk(await demographicByAccountOrCard(sb, number)), retailData, number);
    }
  });

  it('when numberType is blank or the string "0", then the number is read as an account or card number', async () => {
    const [account] = retail.accountNumbers;
    assert.deepEqual(expectOk(await sb.post('/customer/demographicData', { customerAccountCardNumber: account, numberType: '' })), retailData);
    assert.deepEqual(expectOk(await sb.post('/customer/demographicData', { customerAccountCardNumber: account })), retailData);
    assert.deepEqual(expectOk(await sb.post('/customer/demographicData', `{"customerAccountCardNumber":${account},"numberType":"0"}`)), retailData);
  });

  it("when the seed document's customer is sent as a bare number above 2^53, then it is found with every digit", async () => {
    assert.equal(seedDetails.customerNumber, '4513074002573466600');
    const data = expectOk(
      await sb.post('/customer/demographicData', '{"customerAccountCardNumber":4513074002573466600,"foreignUseIndicator":0,"numberType":1,"organizationNumber":807}'),
    );
    assert.equal(data.customerNumber, '4513074002573466600');
    assert.equal(data.organizationNumber, 807);
  });

  it('when an account or card number is unknown, then 404 VPL5SGC01S', async () => {
    expectError(await demographicByAccountOrCard(sb, UNKNOWN_ACCOUNT), 404, 'VPL5SGC01S');
  });

  it('when a customer number is sent with numberType 0, then 404 VPL5SGC01S (it is no account or card)', async () => {
    expectError(await demographicByAccountOrCard(sb, retail.customerNumber), 404, 'VPL5SGC01S');
  });

  it('when an account has no holder yet, then 404 VPL5SGC04S', async () => {
    const unassigned = await sb.fixture('unassigned-account');
    expectError(await demographicByAccountOrCard(sb, unassigned.accountNumbers[0]!), 404, 'VPL5SGC04S');
  });

  it('when a customer number is unknown, then 404 VPL5SGC04S', async () => {
    expectError(await demographicByCustomer(sb, UNKNOWN_CUSTOMER, 970), 404, 'VPL5SGC04S');
  });

  it("when the customer is asked for in another of the tenant's organizations, then 404 VPL5SGC04S", async () => {
    expectError(await demographicByCustomer(sb, retail.customerNumber, seedDetails.organizationNumber), 404, 'VPL5SGC04S');
  });

  it("when the organization is not one of the tenant's, then 404 VPL5SGC02S", async () => {
    expectError(await demographicByCustomer(sb, retail.customerNumber, 500), 404, 'VPL5SGC02S');
  });

  it('when the organization is 999, then 400 VPL5SGC01E', async () => {
    expectError(await demographicByCustomer(sb, retail.customerNumber, 999), 400, 'VPL5SGC01E');
  });

  it('when numberType is 5, then 400 VPL5SGC04E', async () => {
    const res = await sb.post('/customer/demographicData', { customerAccountCardNumber: retail.customerNumber, numberType: 5, organizationNumber: 970 });
    expectError(res, 400, 'VPL5SGC04E');
  });

  it('when foreignUseIndicator is 7, then 400 VPL5SGC03E', async () => {
    const res = await sb.post('/customer/demographicData', {
      customerAccountCardNumber: retail.customerNumber, numberType: 1, organizationNumber: 970, foreignUseIndicator: 7,
    });
    expectError(res, 400, 'VPL5SGC03E');
  });

  it('when numberType is 1 and no organization (or organization 0) is given, then 400 VPL5SGC05E', async () => {
    expectError(await sb.post('/customer/demographicData', { customerAccountCardNumber: retail.customerNumber, numberType: 1 }), 400, 'VPL5SGC05E');
    expectError(
      await sb.post('/customer/demographicData', { customerAccountCardNumber: retail.customerNumber, numberType: '1', organizationNumber: 0 }),
      400,
      'VPL5SGC05E',
    );
  });

  it('when the number is missing or not digits, then 400 SBX400V', async () => {
    expectError(await sb.post('/customer/demographicData', { numberType: 1, organizationNumber: 970 }), 400, 'SBX400V');
    expectError(await sb.post('/customer/demographicData', { customerAccountCardNumber: '45970-1', numberType: 0 }), 400, 'SBX400V');
    expectError(await sb.post('/customer/demographicData', { customerAccountCardNumber: '12345678901234567890', numberType: 0 }), 400, 'SBX400V');
  });
});
