import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Fixture } from '../src/domain/model.js';
import { expectError, expectOk, startSandbox, TODAY } from './helpers/sandbox.js';
import { demographicByCustomer, fill, SEED_UPDATE_BODY, type Sandbox } from './helpers/seed-examples.js';

/** Numbers no seeded record holds: the tests first prove that through the API. */
const UNKNOWN_CUSTOMER = '4597999999999999999';
const UNKNOWN_ACCOUNT = '8970401999999999';
const UNKNOWN_CARD = '4513079999999999';

const read = async (sb: Sandbox, f: Fixture) => expectOk(await demographicByCustomer(sb, f.customerNumber, f.organizationNumber));
const addresses = async (sb: Sandbox, customerNumber: string) =>
  expectOk(await sb.get(`/customer/${customerNumber}/current-prior-address`));

/** The demographic answer with the maintenance date set aside, for "nothing else changed". */
const withoutMaintenanceDate = (data: any) => ({ ...data, dateLastMaintenance: '(set aside)' });

// One sandbox for the accepted updates: each test compares the customer just before and just after its own update.
describe('PUT /customer accepted', () => {
  const sb = startSandbox();

  describe('the seed document body', () => {
    let retail: Fixture;
    before(async () => {
      retail = await sb.fixture('retail-multi-product');
    });

    it('when the seed body names the retail customer, then 200 and only dateLastMaintenance moves to the processing date', async () => {
      const before = await read(sb, retail);
      const body = fill(SEED_UPDATE_BODY, { customerNumber: retail.customerNumber, orgid: retail.organizationNumber });
      const data = expectOk(await sb.put('/customer', body));
      assert.equal(data.outputArea.customerNumber, retail.customerNumber);
      assert.equal(data.outputArea.organizationNumber, retail.organizationNumber);
      assert.equal(data.outputArea.numberType, '1');
      assert.equal(data.outputArea.demographicDataIndicator, '1');
      const after = await read(sb, retail);
      assert.equal(after.dateLastMaintenance, TODAY);
      assert.deepEqual(withoutMaintenanceDate(after), withoutMaintenanceDate(before));
    });
  });

  describe('changing the owner', () => {
    let retail: Fixture;
    before(async () => {
      retail = await sb.fixture('retail-multi-product');
    });

    it('when only firstName is sent, then the first name changes and every other field stays as it was', async () => {
      const before = await read(sb, retail);
      assert.notEqual(before.nameAddrData[0].firstName, 'ZACARÍAS');
      expectOk(
        await sb.put('/customer', {
          customerNumber: retail.customerNumber, numberType: 1, organizationNumber: retail.organizationNumber,
          demographicDataIndicator: 1, firstName: 'ZACARÍAS',
        }),
      );
      const after = await read(sb, retail);
      const expected = structuredClone(before);
      expected.nameAddrData[0].firstName = 'ZACARÍAS';
      expected.dateLastMaintenance = TODAY;
      assert.deepEqual(after, expected);
    });

    it('when the address changes, then the new address is current and the old one becomes the newest prior address', async () => {
      const before = await read(sb, retail);
      const addrBefore = await addresses(sb, retail.customerNumber);
      const [oldCurrent] = addrBefore.customerData.nameAddressTable;
      const oldPrior = addrBefore.customerData.priorMailerData.priorMailer;
      const moved = { houseAddress1: 'AV CORRIENTES 1234', city: 'ROSARIO', postalCode: 'S2000ABC' };
      assert.notEqual(oldCurrent.addressData.addressLine1, moved.houseAddress1);

      expectOk(
        await sb.put('/customer', {
          customerNumber: retail.customerNumber, numberType: '1', organizationNumber: retail.organizationNumber,
          demographicDataIndicator: '1', ...moved,
        }),
      );

      const after = await read(sb, retail);
      assert.equal(after.dateLastAddressChange, TODAY);
      assert.equal(after.nameAddrData[0].nameAddressData.houseAddress1, moved.houseAddress1);
      assert.equal(after.nameAddrData[0].postalCode, moved.postalCode);
      assert.ok(after.nameAddrData[0].nameAddressData.cityAndState.startsWith('ROSARIO'), after.nameAddrData[0].nameAddressData.cityAndState);
      assert.equal(after.nameAddrData[0].lastName, before.nameAddrData[0].lastName);

      const addrAfter = await addresses(sb, retail.customerNumber);
      const [current] = addrAfter.customerData.nameAddressTable;
      assert.equal(current.ownerCoOwnerFlag, 1);
      assert.equal(current.addressData.addressLine1, moved.houseAddress1);
      assert.equal(current.addressData.city, moved.city);
      assert.equal(current.postalCode, moved.postalCode);
      assert.equal(current.addressData.houseNumber, oldCurrent.addressData.houseNumber, 'fields not sent stay');

      const prior = addrAfter.customerData.priorMailerData;
      assert.equal(prior.priorMailerFieldsOccurrences, oldPrior.length + 1);
      const [newest, ...rest] = prior.priorMailer;
      assert.equal(newest.ownerCoOwnerFlag, 1);
      assert.equal(newest.pmDate, TODAY);
      assert.equal(newest.pmAddressLine1, oldCurrent.addressData.addressLine1);
      assert.equal(newest.pmAddressLine2, oldCurrent.addressData.addressLine2);
      assert.equal(newest.pmHouseNumber, oldCurrent.addressData.houseNumber);
      assert.equal(newest.pmCity, oldCurrent.addressData.city);
      assert.equal(newest.pmPostalCode, oldCurrent.postalCode);
      assert.equal(newest.pmHomePhone, oldCurrent.homeTelephone);
      assert.deepEqual(rest, oldPrior, 'older prior addresses are kept behind it');
    });
  });

  describe('changing the co-owner (demographicDataIndicator 2)', () => {
    it('when the co-owner fixture gets a new first name and mobile, then only the co-owner row changes', async () => {
      const coOwner = await sb.fixture('co-owner');
      const before = await read(sb, coOwner);
      assert.equal(before.nameAddrData.length, 2);
      const change = { firstName: 'COTITULAR', mobilePhoneNumber: '11-5555-0000' };
      const data = expectOk(
        await sb.put('/customer', {
          customerNumber: coOwner.customerNumber, numberType: 1, organizationNumber: coOwner.organizationNumber,
          demographicDataIndicator: 2, ...change,
        }),
      );
      assert.equal(data.outputArea.demographicDataIndicator, '2');
      const after = await read(sb, coOwner);
      const expected = structuredClone(before);
      Object.assign(expected.nameAddrData[1], change);
      expected.dateLastMaintenance = TODAY;
      assert.deepEqual(after, expected);
      assert.equal(after.nameAddrData[1].sequence, 2);
    });
  });

  describe('addressed by an account or card number (numberType 0)', () => {
    let retail: Fixture;
    before(async () => {
      retail = await sb.fixture('retail-multi-product');
    });

    it("when one of the retail customer's account numbers is given, then that customer is updated and the account is answered", async () => {
      const account = retail.accountNumbers[1]!;
      const before = await read(sb, retail);
      const data = expectOk(
        await sb.put('/customer', { customerNumber: account, numberType: 0, demographicDataIndicator: 1, email: 'NUEVO.CORREO@EXAMPLE.COM' }),
      );
      assert.equal(data.outputArea.customerNumber, retail.customerNumber);
      assert.equal(data.outputArea.accountNumber, account);
      assert.equal(data.outputArea.numberType, '0');
      const after = await read(sb, retail);
      const expected = structuredClone(before);
      expected.nameAddrData[0].email = 'NUEVO.CORREO@EXAMPLE.COM';
      expected.dateLastMaintenance = TODAY;
      assert.deepEqual(after, expected);
    });

    it("when one of the retail customer's card numbers is given as a bare number, then that customer is updated and the card's account is answered", async () => {
      const cards = expectOk(await sb.post('/customer/details-l8v4', { customerNumber: retail.customerNumber, organizationNumber: retail.organizationNumber }));
      const card = cards.accountTable.find((row: any) => row.cardNumber === retail.cardNumbers[2]);
      assert.ok(card, 'the fixture card is listed');
      const before = await read(sb, retail);
      const data = expectOk(
        await sb.put('/customer', `{"customerNumber":${card.cardNumber},"numberType":"0","demographicDataIndicator":"1","homePhoneNumber":"11-4444-0000"}`),
      );
      assert.equal(data.outputArea.customerNumber, retail.customerNumber);
      assert.equal(data.outputArea.accountNumber, card.accountNumber);
      const after = await read(sb, retail);
      const expected = structuredClone(before);
      expected.nameAddrData[0].homePhoneNumber = '11-4444-0000';
      expected.dateLastMaintenance = TODAY;
      assert.deepEqual(after, expected);
    });
  });
});

describe('PUT /customer refused: nothing changes', () => {
  const sb = startSandbox();
  let retail: Fixture;
  let seedDetails: Fixture;
  let snapshot: any;

  before(async () => {
    retail = await sb.fixture('retail-multi-product');
    seedDetails = await sb.fixture('seed-details-l8v4');
    snapshot = await read(sb, retail);
  });

  const owner = () => ({ customerNumber: retail.customerNumber, numberType: 1, organizationNumber: retail.organizationNumber, demographicDataIndicator: 1 });
  const SHOULD_NOT_STICK = { firstName: 'NO DEBE QUEDAR' };

  it('when the unknown numbers are read first, then the sandbox does not know them', async () => {
    expectError(await demographicByCustomer(sb, UNKNOWN_CUSTOMER, 970), 404, 'VPL5SGC04S');
    for (const n of [UNKNOWN_ACCOUNT, UNKNOWN_CARD]) {
      expectError(await sb.post('/customer/demographicData', { customerAccountCardNumber: n, numberType: 0 }), 404, 'VPL5SGC01S');
    }
  });

  const cases: [string, () => unknown, number, string][] = [
    ['numberType is 5', () => ({ ...owner(), numberType: 5, ...SHOULD_NOT_STICK }), 400, 'VPL5SGC04E'],
    ['numberType is X', () => ({ ...owner(), numberType: 'X', ...SHOULD_NOT_STICK }), 400, 'VPL5SGC04E'],
    ['numberType is 1 and no organization is given', () => {
      const { organizationNumber: _, ...rest } = owner();
      return { ...rest, ...SHOULD_NOT_STICK };
    }, 400, 'VPL5SGC05E'],
    ['demographicDataIndicator is 3', () => ({ ...owner(), demographicDataIndicator: 3, ...SHOULD_NOT_STICK }), 400, 'VPL5SGC06E'],
    ['the customer number is unknown', () => ({ ...owner(), customerNumber: UNKNOWN_CUSTOMER, ...SHOULD_NOT_STICK }), 404, 'VPL5SGC04S'],
    ['numberType 0 names an unknown account', () => ({ customerNumber: UNKNOWN_ACCOUNT, numberType: 0, demographicDataIndicator: 1, ...SHOULD_NOT_STICK }), 404, 'VPL5SGC01S'],
    ['numberType 0 names an unknown card', () => ({ customerNumber: UNKNOWN_CARD, numberType: 0, demographicDataIndicator: 1, ...SHOULD_NOT_STICK }), 404, 'VPL5SGC01S'],
    ['the customer is looked for in another organization of the tenant', () => ({ ...owner(), organizationNumber: seedDetails.organizationNumber, ...SHOULD_NOT_STICK }), 404, 'VPL5SGC04S'],
    ['vipStatus is 2', () => ({ ...owner(), vipStatus: 2, ...SHOULD_NOT_STICK }), 400, 'VPL5SGC10E'],
    ['status is 3', () => ({ ...owner(), status: 3, ...SHOULD_NOT_STICK }), 400, 'VPL5SGC09E'],
    ['the marital status is 7', () => ({ ...owner(), maritalStatus: '7', ...SHOULD_NOT_STICK }), 400, 'VPL5SGC12E'],
    ['the postal code holds a #', () => ({ ...owner(), postalCode: 'C1000#', houseAddress1: 'NO DEBE QUEDAR 1' }), 400, 'VPL5SGC16E'],
    ['the email indicator is 3', () => ({ ...owner(), emailIndicator: 3 }), 400, 'VPL5SGC40E'],
  ];
  for (const [what, body, status, code] of cases) {
    it(`when ${what}, then ${status} ${code} and the customer is unchanged`, async () => {
      expectError(await sb.put('/customer', body()), status, code);
      assert.deepEqual(await read(sb, retail), snapshot);
    });
  }

  it('when the customer number is missing, then 400 SBX400V and the customer is unchanged', async () => {
    const { customerNumber: _, ...rest } = owner();
    expectError(await sb.put('/customer', { ...rest, ...SHOULD_NOT_STICK }), 400, 'SBX400V');
    assert.deepEqual(await read(sb, retail), snapshot);
  });

  it('when every refusal has gone by, then the prior addresses are as seeded too', async () => {
    const data = await addresses(sb, retail.customerNumber);
    assert.equal(data.customerNumber, retail.customerNumber);
    assert.ok(data.customerData.priorMailerData.priorMailer.every((p: any) => p.pmDate < TODAY), 'no prior address from today');
  });
});
