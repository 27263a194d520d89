import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Fixture } from '../src/domain/model.js';
import { expectError, expectOk, startSandbox, TODAY } from './helpers/sandbox.js';
import { accountsOf, demographicByCustomer } from './helpers/seed-examples.js';

const UNKNOWN_NUMBER = '8970401999999999';

describe('GET /customer/{accountNumber}/current-prior-address', () => {
  const sb = startSandbox();
  let retail: Fixture;
  let corporate: Fixture;
  let coOwner: Fixture;
  let moved: Fixture;
  const url = (n: string, query = '') => `/customer/${n}/current-prior-address${query}`;

  before(async () => {
    retail = await sb.fixture('retail-multi-product');
    corporate = await sb.fixture('corporate-relationship');
    coOwner = await sb.fixture('co-owner');
    moved = await sb.fixture('prior-addresses');
  });

  it("when an account number is given, then the holder's current address comes back with the account and its logo", async () => {
    const listed = expectOk(await accountsOf(sb, retail.customerNumber, retail.organizationNumber)).acctTable;
    const demographic = expectOk(await demographicByCustomer(sb, retail.customerNumber, retail.organizationNumber));
    const [person] = demographic.nameAddrData;
    for (const accountNumber of retail.accountNumbers) {
      const data = expectOk(await sb.get(url(accountNumber)));
      assert.equal(data.customerNumber, retail.customerNumber);
      assert.equal(data.organizationNumber, retail.organizationNumber);
      assert.equal(data.accountNumber, accountNumber);
      assert.equal(data.logo, listed.find((a: any) => a.accountNumber === accountNumber).logo);
      assert.equal(data.relationshipNumber, '', 'the account is under no relationship');
      assert.equal(data.customerData.occurrencesForNameAddressField, 1);
      const [row] = data.customerData.nameAddressTable;
      assert.equal(row.ownerCoOwnerFlag, 1);
      assert.equal(row.addressData.addressLine1, person.nameAddressData.houseAddress1);
      assert.equal(row.addressData.houseNumber, person.nameAddressData.houseNumber);
      assert.equal(row.postalCode, person.postalCode);
      assert.equal(row.homeTelephone, person.homePhoneNumber);
      assert.equal(row.email, person.email);
      assert.equal(row.dateOfBirth, person.dateOfBirth);
    }
  });

  it('when the corporate relationship number is given, then the company that owns it comes back with the relationship', async () => {
    assert.ok(corporate.relationshipNumber);
    const data = expectOk(await sb.get(url(corporate.relationshipNumber)));
    assert.equal(data.customerNumber, corporate.customerNumber);
    assert.equal(data.relationshipNumber, corporate.relationshipNumber);
    assert.equal(data.organizationNumber, corporate.organizationNumber);
    const demographic = expectOk(await demographicByCustomer(sb, corporate.customerNumber, corporate.organizationNumber));
    assert.equal(data.customerData.nameAddressTable[0].addressData.addressLine1, demographic.nameAddrData[0].nameAddressData.houseAddress1);
  });

  it("when one of the corporate accounts is given, then the answer carries the account's relationship number", async () => {
    const data = expectOk(await sb.get(url(corporate.accountNumbers[44]!)));
    assert.equal(data.customerNumber, corporate.customerNumber);
    assert.equal(data.accountNumber, corporate.accountNumbers[44]);
    assert.equal(data.relationshipNumber, corporate.relationshipNumber);
  });

  it('when a customer number is given, then that customer comes back with one of its accounts', async () => {
    const data = expectOk(await sb.get(url(retail.customerNumber)));
    assert.equal(data.customerNumber, retail.customerNumber);
    assert.ok(retail.accountNumbers.includes(data.accountNumber), `${data.accountNumber} is the customer's`);
    const byAccount = expectOk(await sb.get(url(data.accountNumber)));
    assert.deepEqual(data.customerData, byAccount.customerData);
  });

  it('when the prior-addresses fixture is read, then two earlier owner addresses come back, newest first', async () => {
    const data = expectOk(await sb.get(url(moved.customerNumber)));
    const { priorMailerFieldsOccurrences, priorMailer } = data.customerData.priorMailerData;
    assert.equal(priorMailerFieldsOccurrences, 2);
    assert.equal(priorMailer.length, 2);
    const [newest, oldest] = priorMailer;
    assert.deepEqual([newest.ownerCoOwnerFlag, oldest.ownerCoOwnerFlag], [1, 1]);
    assert.ok(oldest.pmDate < newest.pmDate && newest.pmDate < TODAY, `${oldest.pmDate} < ${newest.pmDate} < ${TODAY}`);
    const [current] = data.customerData.nameAddressTable;
    for (const prior of priorMailer) {
      assert.ok(prior.pmAddressLine1 && prior.pmCity && prior.pmPostalCode, 'a whole address was kept');
      assert.notEqual(`${prior.pmHouseNumber} ${prior.pmAddressLine1}`, `${current.addressData.houseNumber} ${current.addressData.addressLine1}`);
    }
    const demographic = expectOk(await demographicByCustomer(sb, moved.customerNumber, moved.organizationNumber));
    assert.equal(demographic.dateLastAddressChange, newest.pmDate);
  });

  it('when currentPriorFlag is C or P, then only the current or only the prior addresses come back', async () => {
    const both = expectOk(await sb.get(url(moved.customerNumber))).customerData;
    const current = expectOk(await sb.get(url(moved.customerNumber, '?currentPriorFlag=C'))).customerData;
    assert.deepEqual(current.nameAddressTable, both.nameAddressTable);
    assert.equal(current.occurrencesForNameAddressField, 1);
    assert.deepEqual(current.priorMailerData, { priorMailerFieldsOccurrences: 0, priorMailer: [] });
    const prior = expectOk(await sb.get(url(moved.customerNumber, '?currentPriorFlag=P'))).customerData;
    assert.deepEqual(prior.nameAddressTable, []);
    assert.equal(prior.occurrencesForNameAddressField, 0);
    assert.deepEqual(prior.priorMailerData, both.priorMailerData);
    const explicit = expectOk(await sb.get(url(moved.customerNumber, '?currentPriorFlag=B'))).customerData;
    assert.deepEqual(explicit, both);
  });

  it('when ownerCoOwnerFlag is 0, 1 or 2 on the co-owner fixture, then both, the owner or the co-owner come back', async () => {
    const demographic = expectOk(await demographicByCustomer(sb, coOwner.customerNumber, coOwner.organizationNumber));
    const emails = demographic.nameAddrData.map((r: any) => r.email);
    const rows = async (query: string) => expectOk(await sb.get(url(coOwner.accountNumbers[0]!, query))).customerData.nameAddressTable;
    const all = await rows('');
    assert.deepEqual(all.map((r: any) => [r.ownerCoOwnerFlag, r.email]), [[1, emails[0]], [2, emails[1]]]);
    assert.deepEqual(await rows('?ownerCoOwnerFlag=0'), all);
    assert.deepEqual(await rows('?ownerCoOwnerFlag=1'), [all[0]]);
    assert.deepEqual(await rows('?ownerCoOwnerFlag=2'), [all[1]]);
  });

  it('when the co-owner is asked for on a customer without one, then no current and no prior address comes back', async () => {
    const data = expectOk(await sb.get(url(moved.customerNumber, '?ownerCoOwnerFlag=2'))).customerData;
    assert.deepEqual(data.nameAddressTable, []);
    assert.deepEqual(data.priorMailerData.priorMailer, [], "the prior addresses are the owner's");
    const owner = expectOk(await sb.get(url(moved.customerNumber, '?ownerCoOwnerFlag=1&currentPriorFlag=P'))).customerData;
    assert.equal(owner.priorMailerData.priorMailer.length, 2);
  });

  it("when organizationNumber is the number's own, then it is found; when it is another of the tenant's, then 404 VPL5SGC03S", async () => {
    expectOk(await sb.get(url(retail.accountNumbers[0]!, `?organizationNumber=${retail.organizationNumber}`)));
    const seedDetails = await sb.fixture('seed-details-l8v4');
    expectError(await sb.get(url(retail.accountNumbers[0]!, `?organizationNumber=${seedDetails.organizationNumber}`)), 404, 'VPL5SGC03S');
    expectError(await sb.get(url(retail.customerNumber, `?organizationNumber=${seedDetails.organizationNumber}`)), 404, 'VPL5SGC03S');
  });

  it('when the number is unknown, then 404 VPL5SGC03S', async () => {
    expectError(await sb.get(url(UNKNOWN_NUMBER)), 404, 'VPL5SGC03S');
  });

  it('when the account has no holder yet, then 404 VPL5SGC03S', async () => {
    const unassigned = await sb.fixture('unassigned-account');
    expectError(await sb.get(url(unassigned.accountNumbers[0]!)), 404, 'VPL5SGC03S');
  });

  it('when the path is not 1 to 19 digits, then 400 SBX400V', async () => {
    expectError(await sb.get(url('ABC123')), 400, 'SBX400V');
    expectError(await sb.get(url('8970-401')), 400, 'SBX400V');
    expectError(await sb.get(url('12345678901234567890')), 400, 'SBX400V');
  });

  it('when a query value is outside its list, then 400 SBX400V, or VPL5SGC01E for the organization', async () => {
    expectError(await sb.get(url(retail.customerNumber, '?currentPriorFlag=X')), 400, 'SBX400V');
    expectError(await sb.get(url(retail.customerNumber, '?ownerCoOwnerFlag=3')), 400, 'SBX400V');
    expectError(await sb.get(url(retail.customerNumber, '?organizationNumber=0')), 400, 'VPL5SGC01E');
  });
});
