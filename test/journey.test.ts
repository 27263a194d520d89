// One customer's life through the HTTP API alone: add, read, update, read again, find, list,
// and reserve numbers, each step building on the one before.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Fixture } from '../src/domain/model.js';
import { expectOk, startSandbox, TODAY } from './helpers/sandbox.js';
import { accountsOf, demographicByCustomer, lookupByIdentifier, lookupByLastName, seedAddBody } from './helpers/seed-examples.js';

describe('the customer journey', () => {
  const sb = startSandbox();
  let fixtures: Fixture[];
  let accountNumber: string;
  let org: number;
  let customerNumber: string;
  let added: any;
  const moved = { houseAddress1: 'AV SIEMPRE VIVA 742', city: 'CORDOBA', postalCode: 'X5000ABC', homePhoneNumber: '351-555-0101' };

  before(async () => {
    fixtures = expectOk(await sb.get('/sandbox/fixtures')).fixtures;
    const unassigned = fixtures.find((f) => f.name === 'unassigned-account')!;
    accountNumber = unassigned.accountNumbers[0]!;
    org = unassigned.organizationNumber;
  });

  it('when nobody has been added yet, then neither the last name nor the identifier of the seed body is found', async () => {
    assert.equal(expectOk(await lookupByLastName(sb, 'SIVALE')).numberOfRecords, 0);
    assert.equal(expectOk(await lookupByIdentifier(sb, '123456789')).numberOfRecords, 0);
  });

  it('when the seed body is added with the unassigned account, then 201 gives the new customer number', async () => {
    const data = expectOk(await sb.post('/customer', seedAddBody(accountNumber)), 201);
    assert.match(data.customerNumber, /^\d{19}$/);
    assert.equal(data.accountNumber, accountNumber);
    assert.equal(data.organizationNumber, org);
    customerNumber = data.customerNumber;
  });

  it('when its demographic data is read, then it shows the added owner', async () => {
    added = expectOk(await demographicByCustomer(sb, customerNumber, org));
    assert.equal(added.customerNumber, customerNumber);
    const [owner] = added.nameAddrData;
    assert.equal(owner.lastName, 'Sivale');
    assert.equal(owner.firstName, 'Pavan');
    assert.equal(owner.homePhoneNumber, '123-456-9990');
    assert.equal(owner.nameAddressData.houseAddress1, 'OWN ADDR L19');
    assert.equal(owner.nameAddressData.cityAndState, 'BUENOS AIRES BA');
    assert.equal(added.dateLastAddressChange, '', 'no move yet: the date is blank');
  });

  it('when a new address and home phone are sent, then 200 answers the customer', async () => {
    const data = expectOk(
      await sb.put('/customer', { customerNumber, numberType: 1, organizationNumber: org, demographicDataIndicator: 1, ...moved }),
    );
    assert.equal(data.outputArea.customerNumber, customerNumber);
    assert.equal(data.outputArea.organizationNumber, org);
  });

  it('when its demographic data is read again, then the new address and phone show and the rest is as added', async () => {
    const after = expectOk(await demographicByCustomer(sb, customerNumber, org));
    const expected = structuredClone(added);
    expected.dateLastAddressChange = TODAY;
    expected.nameAddrData[0].nameAddressData.houseAddress1 = moved.houseAddress1;
    expected.nameAddrData[0].nameAddressData.cityAndState = `${moved.city} BA`;
    expected.nameAddrData[0].postalCode = moved.postalCode;
    expected.nameAddrData[0].homePhoneNumber = moved.homePhoneNumber;
    assert.deepEqual(after, expected);
  });

  it('when its current and prior addresses are read, then the new address is current and the added one is prior', async () => {
    const data = expectOk(await sb.get(`/customer/${customerNumber}/current-prior-address`));
    assert.equal(data.customerNumber, customerNumber);
    assert.equal(data.accountNumber, accountNumber);
    const [current] = data.customerData.nameAddressTable;
    assert.equal(data.customerData.nameAddressTable.length, 1);
    assert.equal(current.ownerCoOwnerFlag, 1);
    assert.equal(current.addressData.addressLine1, moved.houseAddress1);
    assert.equal(current.addressData.city, moved.city);
    assert.equal(current.postalCode, moved.postalCode);
    assert.equal(current.homeTelephone, moved.homePhoneNumber);
    const { priorMailerFieldsOccurrences, priorMailer } = data.customerData.priorMailerData;
    assert.equal(priorMailerFieldsOccurrences, 1);
    const [prior] = priorMailer;
    assert.equal(prior.ownerCoOwnerFlag, 1);
    assert.equal(prior.pmDate, TODAY);
    assert.equal(prior.pmAddressLine1, 'OWN ADDR L19');
    assert.equal(prior.pmAddressLine4, 'OWN ADDR L49');
    assert.equal(prior.pmHouseNumber, '12349');
    assert.equal(prior.pmCity, 'BUENOS AIRES');
    assert.equal(prior.pmStateProvince, 'BA');
    assert.equal(prior.pmHomePhone, '123-456-9990');
    assert.equal(prior.pmPostalCode, '', 'the seed body gave no postal code, so it is blank');
  });

  it("when looked up by last name 'SIVALE' (stored as 'Sivale'), then it is found with its customer number", async () => {
    const data = expectOk(await lookupByLastName(sb, 'SIVALE'));
    assert.deepEqual(data.customers.map((c: any) => [c.customerNumber, c.lastName, c.firstName]), [[customerNumber, 'Sivale', 'Pavan']]);
    const lower = expectOk(await lookupByLastName(sb, 'sivale'));
    assert.deepEqual(lower.customers.map((c: any) => c.customerNumber), [customerNumber]);
  });

  it('when looked up by identifier 123456789, then it is found with its customer number', async () => {
    const data = expectOk(await lookupByIdentifier(sb, '123456789'));
    assert.deepEqual(data.customers.map((c: any) => c.customerNumber), [customerNumber]);
  });

  it('when its accounts are listed, then the linked account is its one account', async () => {
    const data = expectOk(await accountsOf(sb, customerNumber, org));
    assert.deepEqual(data.acctTable.map((a: any) => [a.accountNumber, a.associationType]), [[accountNumber, 0]]);
  });

  it('when numbers are generated twice, then no number repeats and none is a seeded fixture number or the new customer\'s', async () => {
    const first = expectOk(await sb.post('/customer/generation', '{"dualIndicator": "1", "logo": "401", "organizationNumber": 970}'));
    const second = expectOk(
      await sb.post('/customer/generation', {
        organizationNumber: 970, logo: 401, customerNumbersRequested: 5, accountNumbersRequested: 5,
        relationshipNumbersRequested: 5, embosserNumbersRequested: 5,
      }),
    );
    const numbersOf = (d: any): string[] => [
      ...d.customerData.map((x: any) => x.customerNumber),
      ...d.accountData.map((x: any) => x.accountNumber),
      ...d.relationshipData.map((x: any) => x.relationshipNumber),
      ...d.cardData.map((x: any) => x.cardNumber),
    ];
    assert.equal(numbersOf(first).length, 4, 'one of each kind by default');
    assert.equal(numbersOf(second).length, 20);
    const all = [...numbersOf(first), ...numbersOf(second)];
    assert.equal(new Set(all).size, all.length, 'no number repeats across both answers');
    const taken = new Set([
      customerNumber,
      accountNumber,
      ...fixtures.flatMap((f) => [f.customerNumber, ...f.accountNumbers, ...f.cardNumbers, f.relationshipNumber ?? '']).filter(Boolean),
    ]);
    assert.deepEqual(all.filter((n) => taken.has(n)), []);
    const cards = expectOk(await sb.post('/customer/details-l8v4', { customerNumber, organizationNumber: org }));
    const issued = new Set(cards.accountTable.map((c: any) => c.cardNumber));
    assert.deepEqual(all.filter((n) => issued.has(n)), [], "no card number of the new customer's is handed out again");
  });
});
