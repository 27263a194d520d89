import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Fixture } from '../src/domain/model.js';
import { expectError, expectOk, startSandbox, TODAY } from './helpers/sandbox.js';
import {
  accountsOf,
  cardsOf,
  demographicByAccountOrCard,
  demographicByCustomer,
  lookupByLastName,
  passesLuhn,
  seedAddBody,
  type Sandbox,
} from './helpers/seed-examples.js';

/** Numbers no seeded record holds: each test first proves that through the API. */
const UNKNOWN_ACCOUNT = '8970401999999999';
const STRING_CUSTOMER = '9000000000000000017';
/** Above 2^53: as a JS double it would read 9123456789012345856. */
const BARE_CUSTOMER = '9123456789012345678';

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

const fixtureNumbers = (fixtures: Fixture[]) =>
  new Set(fixtures.flatMap((f) => [f.customerNumber, ...f.accountNumbers, ...f.cardNumbers, f.relationshipNumber ?? ''].filter(Boolean)));

async function allFixtures(sb: Sandbox): Promise<{ fixtures: Fixture[]; organizations: any[] }> {
  return expectOk(await sb.get('/sandbox/fixtures'));
}

/** A small valid add body; `owner` and `key` are merged in. */
const addBody = (owner: Record<string, unknown>, key: Record<string, unknown> = {}, misc?: Record<string, unknown>) => ({
  customerData: {
    customerKeyData: key,
    ...(misc ? { customerMiscellaneousData: misc } : {}),
    ownerCoOwnerData: { ownerData: owner },
  },
});

describe('POST /customer with the seed document body', () => {
  const sb = startSandbox();
  let unassigned: Fixture;
  let accountNumber: string;
  let customerNumber: string;

  before(async () => {
    unassigned = await sb.fixture('unassigned-account');
    accountNumber = unassigned.accountNumbers[0]!;
  });

  it('when the unassigned account has no holder yet, then demographicData by that account finds no customer', async () => {
    expectError(await demographicByAccountOrCard(sb, accountNumber), 404, 'VPL5SGC04S');
  });

  it('when the seed body is sent with the unassigned account as a bare number, then 201 answers a generated 19-digit customer number and the account', async () => {
    const data = expectOk(await sb.post('/customer', seedAddBody(accountNumber)), 201);
    assert.match(data.customerNumber, /^\d{19}$/);
    assert.equal(data.organizationNumber, unassigned.organizationNumber);
    assert.equal(data.accountNumber, accountNumber);
    const { fixtures } = await allFixtures(sb);
    assert.ok(!fixtureNumbers(fixtures).has(data.customerNumber), 'a fresh number, not a seeded one');
    customerNumber = data.customerNumber;
  });

  it('when the new customer is read by customer number, then demographicData shows what the seed body stored', async () => {
    const data = expectOk(await demographicByCustomer(sb, customerNumber, unassigned.organizationNumber));
    assert.equal(data.customerNumber, customerNumber);
    assert.equal(data.organizationNumber, unassigned.organizationNumber);
    assert.equal(data.vipStatus, '1');
    assert.equal(data.makerCoMakerIndicator, '1');
    assert.equal(data.dateLastMaintenance, TODAY);
    assert.equal(data.nameAddrData.length, 1, 'the empty coOwnerData adds no co-owner');
    const [owner] = data.nameAddrData;
    assert.equal(owner.sequence, 1);
    assert.equal(owner.lastName, 'Sivale');
    assert.equal(owner.firstName, 'Pavan');
    assert.equal(owner.middleName, '', 'an empty string is answered blank, as the platform does with any field it has nothing for');
    assert.equal(owner.identificationNumber, '123456789');
    assert.equal(owner.identificationNumberFlag, '2');
    assert.equal(owner.dateOfBirth, '2010-09-11');
    assert.equal(owner.email, 'ABC.DEF@yahoo.com');
    assert.equal(owner.homePhoneNumber, '123-456-9990');
    assert.equal(owner.mobilePhoneNumber, '323-456-7890');
    assert.equal(owner.employerPhoneNumber, '123-456-7890');
    assert.equal(owner.employerExtensionPhoneNumber, '123456');
    assert.equal(owner.countryCode, 'ARG');
    assert.equal(owner.county, 'CABA');
    assert.deepEqual(owner.driverLicense, { driverLicenseNumber: '123421', driverLicenseState: '', driverLicenseCountry: '' });
    assert.deepEqual(owner.nameTypeIndicator, { nameTypeIndicator1: '0', nameTypeIndicator2: '1', nameTypeIndicator3: '1' });
    assert.equal(owner.nameAddressData.houseNumber, '12349');
    assert.equal(owner.nameAddressData.houseAddress1, 'OWN ADDR L19');
    assert.equal(owner.nameAddressData.houseAddress4, 'OWN ADDR L49');
    assert.equal(owner.nameAddressData.cityAndState, 'BUENOS AIRES BA');
    assert.equal(owner.nameAddressData.genderCode, 1);
    assert.equal(owner.numberOfDependents, 999);
  });

  it('when the linked account is used as the number (numberType 0), then demographicData finds the new customer', async () => {
    const data = expectOk(await demographicByAccountOrCard(sb, accountNumber));
    assert.equal(data.customerNumber, customerNumber);
  });

  it('when the new customer\'s accounts are listed, then the linked account is there as its primary account', async () => {
    const data = expectOk(await accountsOf(sb, customerNumber, unassigned.organizationNumber));
    assert.equal(data.more, 'N');
    assert.equal(data.numberOfOccurrences, 1);
    assert.deepEqual(
      data.acctTable.map((a: any) => [a.organizationNumber, a.accountNumber, a.associationType]),
      [[unassigned.organizationNumber, accountNumber, 0]],
    );
  });

  it("when the new customer's cards are asked for, then details-l8v4 lists the first card the pre-opened account got on linking", async () => {
    const { organizations } = await allFixtures(sb);
    const logos = organizations.find((o: any) => o.organizationNumber === unassigned.organizationNumber).logos;
    const data = expectOk(await cardsOf(sb, customerNumber, unassigned.organizationNumber));
    assert.equal(data.customerNumber, customerNumber);
    assert.equal(data.accountTable.length, 1);
    const [card] = data.accountTable;
    assert.equal(card.accountNumber, accountNumber);
    assert.equal(card.customerNumber, customerNumber);
    assert.equal(card.cardSequence, 1);
    assert.equal(card.cardBlockCode, '');
    assert.ok(card.cardExpireDate > TODAY, `${card.cardExpireDate} lies ahead`);
    assert.ok(passesLuhn(card.cardNumber), `${card.cardNumber} passes Luhn`);
    const bin = logos.find((l: any) => String(l.logo) === card.logo)?.bin;
    assert.ok(bin && card.cardNumber.startsWith(bin), `${card.cardNumber} starts with the BIN of logo ${card.logo}`);
    const byCard = expectOk(await demographicByAccountOrCard(sb, card.cardNumber));
    assert.equal(byCard.customerNumber, customerNumber);
  });

  it('when the seed body is sent again with the same account, then 422 SBX422A and no second customer appears', async () => {
    expectError(await sb.post('/customer', seedAddBody(accountNumber)), 422, 'SBX422A');
    const found = expectOk(await lookupByLastName(sb, 'SIVALE'));
    assert.deepEqual(found.customers.map((c: any) => c.customerNumber), [customerNumber]);
  });
});

// One sandbox: each test works on its own numbers and last names.
describe('POST /customer with numbers the caller supplies', () => {
  const sb = startSandbox();

  describe('a supplied customer number', () => {
    it('when the number is not known yet, then demographicData answers 404 VPL5SGC04S for both numbers', async () => {
      expectError(await demographicByCustomer(sb, STRING_CUSTOMER, 970), 404, 'VPL5SGC04S');
      expectError(await demographicByCustomer(sb, BARE_CUSTOMER, 970), 404, 'VPL5SGC04S');
    });

    it('when it is sent as a string, then it is stored exactly and demographicData finds it sent as a bare number', async () => {
      const body = `{"customerData":{"customerKeyData":{"customerNumber":"${STRING_CUSTOMER}"},"ownerCoOwnerData":{"ownerData":{"lastName":"STRING NUMBER"}}}}`;
      const data = expectOk(await sb.post('/customer', body), 201);
      assert.equal(data.customerNumber, STRING_CUSTOMER);
      assert.equal(data.organizationNumber, 970, "the tenant's default organization");
      assert.equal(data.accountNumber, '', 'no account was asked for');
      const found = expectOk(
        await sb.post('/customer/demographicData', `{"customerAccountCardNumber":${STRING_CUSTOMER},"numberType":1,"organizationNumber":970}`),
      );
      assert.equal(found.customerNumber, STRING_CUSTOMER);
      assert.equal(found.nameAddrData[0].lastName, 'STRING NUMBER');
    });

    it('when it is sent as a bare 19-digit number above 2^53, then no digit is lost and demographicData finds it sent as a string', async () => {
      const body = `{"customerData":{"customerKeyData":{"customerNumber":${BARE_CUSTOMER}},"ownerCoOwnerData":{"ownerData":{"lastName":"BARE NUMBER"}}}}`;
      const data = expectOk(await sb.post('/customer', body), 201);
      assert.equal(data.customerNumber, BARE_CUSTOMER);
      const found = expectOk(await demographicByCustomer(sb, BARE_CUSTOMER, 970));
      assert.equal(found.customerNumber, BARE_CUSTOMER);
      assert.equal(found.nameAddrData[0].lastName, 'BARE NUMBER');
      // The number a lossy parser would have stored is not there.
      expectError(await demographicByCustomer(sb, String(Number(BARE_CUSTOMER)), 970), 404, 'VPL5SGC04S');
    });

    it('when the customers are looked up by last name, then each comes back with its exact number', async () => {
      const strung = expectOk(await lookupByLastName(sb, 'STRING NUMBER'));
      assert.deepEqual(strung.customers.map((c: any) => c.customerNumber), [STRING_CUSTOMER]);
      const bare = expectOk(await lookupByLastName(sb, 'BARE NUMBER'));
      assert.deepEqual(bare.customers.map((c: any) => c.customerNumber), [BARE_CUSTOMER]);
    });

    it("when an existing customer's number is supplied, then 422 SBX422C and that customer, its accounts and the offered account stay as they were", async () => {
      const retail = await sb.fixture('retail-multi-product');
      const unassigned = await sb.fixture('unassigned-account');
      const before = expectOk(await demographicByCustomer(sb, retail.customerNumber, retail.organizationNumber));
      const accountsBefore = expectOk(await accountsOf(sb, retail.customerNumber, retail.organizationNumber));
      const body = addBody({ lastName: 'IMPOSTOR', firstName: 'DUPLICATE' }, { customerNumber: retail.customerNumber, accountNumber: unassigned.accountNumbers[0] });
      expectError(await sb.post('/customer', body), 422, 'SBX422C');
      assert.deepEqual(expectOk(await demographicByCustomer(sb, retail.customerNumber, retail.organizationNumber)), before);
      assert.deepEqual(expectOk(await accountsOf(sb, retail.customerNumber, retail.organizationNumber)), accountsBefore);
      assert.equal(expectOk(await lookupByLastName(sb, 'IMPOSTOR')).numberOfRecords, 0);
      expectError(await demographicByAccountOrCard(sb, unassigned.accountNumbers[0]!), 404, 'VPL5SGC04S');
    });

    it("when the seed document's customer number is supplied as a bare number, then 422 SBX422C", async () => {
      const body = `{"customerData":{"customerKeyData":{"organizationNumber":807,"customerNumber":4513074002573466600},"ownerCoOwnerData":{"ownerData":{"lastName":"IMPOSTOR"}}}}`;
      expectError(await sb.post('/customer', body), 422, 'SBX422C');
      assert.equal(expectOk(await lookupByLastName(sb, 'IMPOSTOR')).numberOfRecords, 0);
    });

    it('when an account that already has a primary holder is offered, then 422 SBX422A and the account keeps its holder', async () => {
      const retail = await sb.fixture('retail-multi-product');
      const held = retail.accountNumbers[0]!;
      const before = expectOk(await demographicByAccountOrCard(sb, held));
      expectError(await sb.post('/customer', addBody({ lastName: 'IMPOSTOR' }, { accountNumber: held })), 422, 'SBX422A');
      const after = expectOk(await demographicByAccountOrCard(sb, held));
      assert.equal(after.customerNumber, retail.customerNumber);
      assert.deepEqual(after, before);
      assert.equal(expectOk(await lookupByLastName(sb, 'IMPOSTOR')).numberOfRecords, 0);
    });
  });

  describe('an account number the tenant does not know', () => {
    let customerNumber: string;

    it('when the number is unknown, then demographicData by it answers 404 VPL5SGC01S', async () => {
      expectError(await demographicByAccountOrCard(sb, UNKNOWN_ACCOUNT), 404, 'VPL5SGC01S');
    });

    it('when it is linked in an add, then 201 answers it and the customer holds it as a new account', async () => {
      const body = `{"customerData":{"customerKeyData":{"accountNumber":${UNKNOWN_ACCOUNT}},"ownerCoOwnerData":{"ownerData":{"lastName":"NEW ACCOUNT"}}}}`;
      const data = expectOk(await sb.post('/customer', body), 201);
      assert.equal(data.accountNumber, UNKNOWN_ACCOUNT);
      customerNumber = data.customerNumber;
      const accounts = expectOk(await accountsOf(sb, customerNumber, data.organizationNumber));
      assert.deepEqual(accounts.acctTable.map((a: any) => [a.accountNumber, a.associationType]), [[UNKNOWN_ACCOUNT, 0]]);
    });

    it("when its cards are listed, then one Luhn-valid card of the organization's first credit logo, new to the tenant, is issued on it", async () => {
      const { fixtures, organizations } = await allFixtures(sb);
      const org = organizations.find((o: any) => o.organizationNumber === 970);
      const creditLogo = org.logos.find((l: any) => l.productType === 'credit');
      const data = expectOk(await cardsOf(sb, customerNumber, 970));
      assert.equal(data.accountTable.length, 1);
      const [card] = data.accountTable;
      assert.equal(card.accountNumber, UNKNOWN_ACCOUNT);
      assert.equal(card.customerNumber, customerNumber);
      assert.equal(card.cardSequence, 1);
      assert.equal(card.logo, String(creditLogo.logo));
      assert.ok(passesLuhn(card.cardNumber), `${card.cardNumber} passes Luhn`);
      assert.ok(card.cardNumber.startsWith(creditLogo.bin), `${card.cardNumber} starts with BIN ${creditLogo.bin}`);
      assert.ok(!fixtureNumbers(fixtures).has(card.cardNumber));
      const byCard = expectOk(await demographicByAccountOrCard(sb, card.cardNumber));
      assert.equal(byCard.customerNumber, customerNumber);
    });
  });

  describe('a customer number reserved by POST /customer/generation', () => {
    const reserveCustomer = async (organizationNumber: number, logo: number) => {
      const data = expectOk(await sb.post('/customer/generation', { organizationNumber, logo, customerNumbersRequested: 1 }));
      assert.equal(data.customerData.length, 1);
      return data.customerData[0].customerNumber as string;
    };

    it('when a generated add follows a reservation, then it does not get the reserved number', async () => {
      const reserved = await reserveCustomer(970, 401);
      const generated = expectOk(await sb.post('/customer', addBody({ lastName: 'GENERATED' })), 201);
      assert.notEqual(generated.customerNumber, reserved);
      expectError(await demographicByCustomer(sb, reserved, 970), 404, 'VPL5SGC04S');
    });

    it('when the reserved number is used, then the first add gets it and a second add answers 422 SBX422C', async () => {
      const reserved = await reserveCustomer(970, 401);
      const first = expectOk(await sb.post('/customer', addBody({ lastName: 'RESERVED ONE' }, { customerNumber: reserved })), 201);
      assert.equal(first.customerNumber, reserved);
      expectError(await sb.post('/customer', addBody({ lastName: 'RESERVED TWO' }, { customerNumber: reserved })), 422, 'SBX422C');
      const found = expectOk(await demographicByCustomer(sb, reserved, 970));
      assert.equal(found.nameAddrData[0].lastName, 'RESERVED ONE');
      assert.equal(expectOk(await lookupByLastName(sb, 'RESERVED TWO')).numberOfRecords, 0);
    });

    it('when a number reserved for organization 807 is used in 970, then 422 SBX422N', async () => {
      const reserved = await reserveCustomer(807, 501);
      expectError(await sb.post('/customer', addBody({ lastName: 'WRONG ORG' }, { customerNumber: reserved, organizationNumber: 970 })), 422, 'SBX422N');
      expectError(await demographicByCustomer(sb, reserved, 970), 404, 'VPL5SGC04S');
      assert.equal(expectOk(await lookupByLastName(sb, 'WRONG ORG')).numberOfRecords, 0);
    });
  });
});

describe('POST /customer refused: nothing is written and no number is consumed', () => {
  const sb = startSandbox();
  let accountNumber: string;
  /** What the first add of an untouched sandbox gets; the first add after all refusals must get it too. */
  let expectedNumber: string;

  before(async () => {
    accountNumber = (await sb.fixture('unassigned-account')).accountNumbers[0]!;
    const twin = startSandbox();
    expectedNumber = expectOk(await twin.post('/customer', addBody({ lastName: 'TWIN' }, { accountNumber })), 201).customerNumber;
  });

  const LAST = 'NEVERSTORED';
  /** A body built when the test runs, once the unassigned account is known; it is sent as a bare number. */
  const refused = (owner: Record<string, unknown>, misc?: Record<string, unknown>, key: Record<string, unknown> = {}) => () =>
    addBody({ lastName: LAST, ...owner }, { accountNumber: Number(accountNumber), ...key }, misc);

  async function expectNothingWritten() {
    assert.equal(expectOk(await lookupByLastName(sb, LAST)).numberOfRecords, 0, 'lookup finds no such customer');
    expectError(await demographicByCustomer(sb, expectedNumber, 970), 404, 'VPL5SGC04S');
    expectError(await demographicByAccountOrCard(sb, accountNumber), 404, 'VPL5SGC04S');
  }

  const ruleCases: [string, () => object, string][] = [
    ['the marital status is 5', refused({ maritalStatus: '5' }), 'VPL5SGC12E'],
    ['the marital status is the number 7', refused({ maritalStatus: 7 }), 'VPL5SGC12E'],
    ['name type indicator 1 is 3', refused({ nameTypeIndicator1: 3 }), 'VPL5SGC13E'],
    ['name type indicator 2 is 3', refused({ nameTypeIndicator2: 3 }), 'VPL5SGC14E'],
    ['name type indicator 3 is 3', refused({ nameTypeIndicator3: 3 }), 'VPL5SGC15E'],
    ['the postal code holds a #', refused({ postalCode: 'C1000#AB' }), 'VPL5SGC16E'],
    ['the own-or-rent residence code is 4', refused({ ownOrRentResidenceFlag: 4 }), 'VPL5SGC17E'],
    ['the date of birth is not a calendar date', refused({ dateOfBirth: '2001-02-30' }), 'VPL5SGC23E'],
    ['the date of birth is after the processing date', refused({ dateOfBirth: nextDay(TODAY) }), 'VPL5SGC53E'],
    ['the identification type is 3', refused({ identificationNumberFlag: 3, identificationNumber: '123456789' }), 'VPL5SGC24E'],
    ['identification type 0 has letters in its first nine characters', refused({ identificationNumberFlag: 0, identificationNumber: '12AB56789' }), 'VPL5SGC25E'],
    ['the country code is not an ISO country', refused({ countryCode: 'QQQ' }), 'VPL5SGC35E'],
    ['the home phone flag is 3', refused({ homePhoneFlag: 3, homePhoneNumber: '11-4000-0001' }), 'VPL5SGC36E'],
    ['the employer phone flag is 3', refused({ employerPhoneFlag: 3, employerPhoneNumber: '11-4000-0002' }), 'VPL5SGC37E'],
    ['the fax flag is 3', refused({ faxPhoneFlag: 3, homeFaxPhoneNumber: '11-4000-0003' }), 'VPL5SGC38E'],
    ['the mobile phone flag is 3', refused({ mobilePhoneFlag: 3, mobilePhoneNumber: '11-4000-0004' }), 'VPL5SGC39E'],
    ['the email flag is 3', refused({ emailFlag: 3, email: 'NEVER@EXAMPLE.COM' }), 'VPL5SGC40E'],
    ['the gender code is 3', refused({ genderCode: 3 }), 'VPL5SGC41E'],
    ['both home phone and email are preferred (2)', refused({ homePhoneFlag: 2, homePhoneNumber: '11-4000-0001', emailFlag: 2, email: 'NEVER@EXAMPLE.COM' }), 'VPL5SGC42E'],
    ['the home phone flag is 1 without a home phone', refused({ homePhoneFlag: 1 }), 'VPL5SGC44E'],
    ['the employer phone flag is 1 without an employer phone', refused({ employerPhoneFlag: 1 }), 'VPL5SGC45E'],
    ['the mobile phone flag is 2 without a mobile phone', refused({ mobilePhoneFlag: 2 }), 'VPL5SGC46E'],
    ['the email flag is 1 with an empty email', refused({ emailFlag: 1, email: '' }), 'VPL5SGC47E'],
    ['the VIP status is 2', refused({}, { vipStatus: 2 }), 'VPL5SGC10E'],
    ['the customer status is 3', refused({}, { status: '3' }), 'VPL5SGC09E'],
    ['the customer status is not a digit', refused({}, { status: 'X' }), 'VPL5SGC09E'],
    // A field with a code of its own answers it for any value the contract refuses, a wrong type included.
    ['the gender code is a string', refused({ genderCode: '1' }), 'VPL5SGC41E'],
    ['the VIP status is a string', refused({}, { vipStatus: '1' }), 'VPL5SGC10E'],
  ];
  for (const [what, body, code] of ruleCases) {
    it(`when ${what}, then 400 ${code} and nothing is written`, async () => {
      expectError(await sb.post('/customer', body()), 400, code);
      await expectNothingWritten();
    });
  }

  it('when the co-owner breaks a rule (marital status 9), then 400 VPL5SGC12E and nothing is written', async () => {
    const body = refused({})();
    (body.customerData.ownerCoOwnerData as Record<string, unknown>).coOwnerData = { lastName: LAST, maritalStatus: '9' };
    expectError(await sb.post('/customer', body), 400, 'VPL5SGC12E');
    await expectNothingWritten();
  });

  const contractCases: [string, () => unknown][] = [
    ['the body is empty JSON', () => ({})],
    ['ownerData is missing', () => ({ customerData: { customerKeyData: { accountNumber }, ownerCoOwnerData: {} } })],
    ['the owner has no last name', () => ({ customerData: { customerKeyData: { accountNumber }, ownerCoOwnerData: { ownerData: { firstName: LAST } } } })],
    ['the owner carries an unknown field', refused({ nickname: 'NEVER' })],
    ['customerKeyData carries an unknown field', refused({}, undefined, { branch: 12 })],
    ['the body carries an unknown top-level field', () => ({ ...refused({})(), extra: true })],
    ['the last name is a number', () => ({ customerData: { customerKeyData: { accountNumber }, ownerCoOwnerData: { ownerData: { lastName: 12345 } } } })],
    ['the customer number holds letters', refused({}, undefined, { customerNumber: '45970000ABC' })],
    ['the account number has 20 digits', () => addBody({ lastName: LAST }, { accountNumber: `${accountNumber}0000` })],
    ['the last name has 41 characters', refused({ lastName: 'N'.repeat(41) })],
    ['the state has 4 characters', refused({ state: 'ABCD' })],
    ['the email has 61 characters', refused({ email: `${'E'.repeat(49)}@EXAMPLE.COM` })],
    ['the date of birth is not written YYYY-MM-DD', refused({ dateOfBirth: '11/09/2010' })],
  ];
  for (const [what, body] of contractCases) {
    it(`when ${what}, then 400 SBX400V and nothing is written`, async () => {
      expectError(await sb.post('/customer', body()), 400, 'SBX400V');
      await expectNothingWritten();
    });
  }

  it('when the organization is not one of the tenant\'s, then 404 VPL5SGC02S and nothing is written', async () => {
    const { organizations } = await allFixtures(sb);
    assert.ok(!organizations.some((o: any) => o.organizationNumber === 500));
    expectError(await sb.post('/customer', refused({}, undefined, { organizationNumber: 500 })()), 404, 'VPL5SGC02S');
    await expectNothingWritten();
  });

  for (const org of [0, 999]) {
    it(`when the organization is ${org}, then 400 VPL5SGC01E and nothing is written`, async () => {
      expectError(await sb.post('/customer', refused({}, undefined, { organizationNumber: org })()), 400, 'VPL5SGC01E');
      await expectNothingWritten();
    });
  }

  it('when a valid add follows all the refusals, then it gets the number an untouched sandbox gives first, and links the account', async () => {
    const data = expectOk(await sb.post('/customer', addBody({ lastName: 'ACCEPTED' }, { accountNumber })), 201);
    assert.equal(data.customerNumber, expectedNumber);
    assert.equal(data.accountNumber, accountNumber);
    assert.equal(expectOk(await demographicByAccountOrCard(sb, accountNumber)).customerNumber, expectedNumber);
    assert.equal(expectOk(await lookupByLastName(sb, LAST)).numberOfRecords, 0);
  });
});
