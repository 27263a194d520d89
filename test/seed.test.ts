import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isLuhnValid } from '../src/domain/luhn.js';
import type { Account, Customer, NumberKind, Organization, Party, TenantData } from '../src/domain/model.js';
import {
  accountNumberFor,
  cardNumberFor,
  customerNumberFor,
  relationshipNumberFor,
  seriesKey,
  takeNextNumber,
} from '../src/domain/number-series.js';
import { buildTenantData, DATA_VERSION } from '../src/seed/build-tenant.js';

const ORGANIZATIONS = JSON.parse(
  readFileSync(new URL('../fixtures/organizations.json', import.meta.url), 'utf8'),
) as Organization[];
const SEED = 20260401;
const TODAY = '2026-04-01';
const data = buildTenantData(SEED, ORGANIZATIONS, TODAY);

/** The platform's maximum length of every text field a seeded party may carry. */
const PARTY_TEXT_LIMITS: Record<string, number> = {
  title: 40,
  firstName: 40,
  middleName: 40,
  lastName: 40,
  suffix: 20,
  nameLine1: 40,
  nameLine2: 40,
  nameLine3: 40,
  houseNumber: 20,
  houseName: 40,
  houseAddress1: 40,
  houseAddress2: 40,
  houseAddress3: 40,
  houseAddress4: 40,
  city: 30,
  state: 3,
  postalCode: 10,
  countryCode: 3,
  county: 30,
  homePhoneNumber: 20,
  homeFaxPhoneNumber: 20,
  mobilePhoneNumber: 20,
  email: 60,
  employerName: 40,
  position: 4,
  dateOfBirth: 10,
  identificationNumber: 11,
  maritalStatus: 1,
  languageIndicator: 3,
  mailingList: 1,
  user14: 20,
  user15: 20,
  demographic1: 20,
  demographic2: 20,
  demographic3: 20,
};

/** Inclusive ranges of the numeric party fields (the platform's VPL5SGC rules). */
const PARTY_NUMBER_RANGES: Record<string, [number, number]> = {
  nameTypeIndicator1: [0, 2],
  nameTypeIndicator2: [0, 2],
  nameTypeIndicator3: [0, 2],
  homePhoneFlag: [0, 1],
  mobilePhoneFlag: [0, 1],
  faxPhoneFlag: [0, 1],
  emailFlag: [0, 1],
  smsFlag: [0, 1],
  identificationNumberFlag: [0, 2],
  genderCode: [0, 2],
  ownOrRentResidenceFlag: [0, 3],
  contactIndicator: [0, 99],
  statementMessageIndicator: [0, 1],
};

const orgOf = (n: number) => ORGANIZATIONS.find((o) => o.organizationNumber === n)!;
const logoOf = (org: number, logo: number) => orgOf(org).logos.find((l) => l.logo === logo);
const customerByNumber = new Map(data.customers.map((c) => [`${c.organizationNumber}/${c.customerNumber}`, c]));
const accountByNumber = new Map(data.accounts.map((a) => [a.accountNumber, a]));
const fixture = (name: string) => {
  const found = data.fixtures.find((f) => f.name === name);
  assert.ok(found, `fixture ${name} exists`);
  return found;
};
const cardsOf = (account: Account) => data.cards.filter((c) => c.accountNumber === account.accountNumber);
const isMoney = (n: number) => Number.isFinite(n) && Math.round(n * 100) / 100 === n;
const yearsFromToday = (years: number) => `${Number(TODAY.slice(0, 4)) + years}${TODAY.slice(4)}`;

function allParties(customer: Customer): { where: string; party: Party }[] {
  const where = `customer ${customer.customerNumber}`;
  return [
    { where: `${where} owner`, party: customer.owner },
    ...(customer.coOwner ? [{ where: `${where} coOwner`, party: customer.coOwner }] : []),
    ...customer.priorAddresses.map((prior, i) => ({ where: `${where} prior ${i}`, party: prior.party })),
  ];
}

function seededNumbers(tenant: TenantData): { kind: NumberKind; number: string; org: number; logo?: number }[] {
  return [
    ...tenant.customers.map((c) => ({ kind: 'customer' as const, number: c.customerNumber, org: c.organizationNumber })),
    ...tenant.accounts.map((a) => ({ kind: 'account' as const, number: a.accountNumber, org: a.organizationNumber, logo: a.logo })),
    ...tenant.cards.map((c) => ({ kind: 'card' as const, number: c.cardNumber, org: c.organizationNumber, logo: c.logo })),
    ...tenant.relationships.map((r) => ({
      kind: 'relationship' as const,
      number: r.relationshipNumber,
      org: r.organizationNumber,
    })),
  ];
}

describe('buildTenantData', () => {
  describe('determinism', () => {
    it('when built twice with the same seed and day, then the data is deep-equal', () => {
      assert.deepEqual(buildTenantData(SEED, ORGANIZATIONS, TODAY), data);
    });

    it('when built with another seed, then the people differ but the fixture numbers stay', () => {
      const other = buildTenantData(SEED + 1, ORGANIZATIONS, TODAY);
      assert.notDeepEqual(other.customers, data.customers);
      assert.deepEqual(
        other.fixtures.map(({ purpose: _, ...numbers }) => numbers),
        data.fixtures.map(({ purpose: _, ...numbers }) => numbers),
      );
    });

    it('when stored as JSON and read back, then nothing is lost (no undefined fields)', () => {
      assert.deepEqual(JSON.parse(JSON.stringify(data)), data);
    });

    it('when built, then it carries the data version and the seed', () => {
      assert.equal(data.dataVersion, DATA_VERSION);
      assert.equal(data.seed, SEED);
    });

    it('when an organization the fixtures need is missing, then it fails loudly', () => {
      assert.throws(() => buildTenantData(SEED, ORGANIZATIONS.filter((o) => o.organizationNumber !== 807), TODAY), /807/);
    });
  });

  describe('volume', () => {
    it('when built, then there are at least 200 customers, about 60% of them in 970', () => {
      assert.ok(data.customers.length >= 220, `${data.customers.length} customers`);
      const share = data.customers.filter((c) => c.organizationNumber === 970).length / data.customers.length;
      assert.ok(share > 0.55 && share < 0.65, `970 share ${share}`);
    });

    it('when built, then every retail customer holds 1 to 3 accounts and every held account 1 or 2 cards', () => {
      const corporate = new Set(data.relationships.map((r) => r.customerNumber));
      for (const customer of data.customers) {
        const held = data.accounts.filter((a) => a.holders.some((h) => h.customerNumber === customer.customerNumber));
        if (!corporate.has(customer.customerNumber)) {
          assert.ok(held.length >= 1 && held.length <= 3, `${customer.customerNumber} holds ${held.length}`);
        }
        for (const account of held) {
          assert.ok([1, 2].includes(cardsOf(account).length), `${account.accountNumber} has ${cardsOf(account).length} cards`);
        }
      }
    });

    it('when built, then accounts mix every product type of each organization', () => {
      for (const org of ORGANIZATIONS) {
        const types = new Set(data.accounts.filter((a) => a.organizationNumber === org.organizationNumber).map((a) => a.productType));
        assert.deepEqual([...types].sort(), [...new Set(org.logos.map((l) => l.productType))].sort());
      }
    });
  });

  describe('numbers', () => {
    it('when built, then every card number passes Luhn and starts with its logo BIN', () => {
      for (const card of data.cards) {
        assert.ok(isLuhnValid(card.cardNumber), `${card.cardNumber} passes Luhn`);
        const logo = logoOf(card.organizationNumber, card.logo);
        assert.ok(logo, `card ${card.cardNumber} logo ${card.logo} exists in ${card.organizationNumber}`);
        assert.ok(card.cardNumber.startsWith(logo.bin), `${card.cardNumber} starts with ${logo.bin}`);
        assert.equal(card.cardNumber.length, 16);
      }
    });

    it('when built, then numbers are unique within each kind', () => {
      const byKind = new Map<NumberKind, string[]>();
      for (const { kind, number } of seededNumbers(data)) byKind.set(kind, [...(byKind.get(kind) ?? []), number]);
      for (const [kind, numbers] of byKind) assert.equal(new Set(numbers).size, numbers.length, `${kind} numbers unique`);
    });

    it('when built, then every seeded number is reserved as used, and nothing else is', () => {
      const reserved = new Map(data.reservations.map((r) => [`${r.kind}/${r.number}`, r]));
      assert.equal(reserved.size, data.reservations.length, 'no number reserved twice');
      const seeded = seededNumbers(data);
      assert.equal(data.reservations.length, seeded.length);
      for (const { kind, number, org, logo } of seeded) {
        const reservation = reserved.get(`${kind}/${number}`);
        assert.ok(reservation, `${kind} ${number} reserved`);
        assert.equal(reservation.state, 'used');
        assert.equal(reservation.organizationNumber, org);
        assert.equal(reservation.logo, logo);
        assert.ok(reservation.reservedOn <= TODAY);
      }
    });

    it('when the next number of any series is taken after seeding, then it is not a seeded number', () => {
      const used = new Set(seededNumbers(data).map(({ kind, number }) => `${kind}/${number}`));
      const counters = structuredClone(data.counters);
      const next = (kind: NumberKind, key: string, format: (seq: number) => string) =>
        assert.ok(!used.has(`${kind}/${takeNextNumber(counters, key, format, () => false)}`), `${key} moves past the seed`);
      for (const org of ORGANIZATIONS) {
        const n = org.organizationNumber;
        next('customer', seriesKey('customer', n), (seq) => customerNumberFor(n, seq));
        next('relationship', seriesKey('relationship', n), (seq) => relationshipNumberFor(n, seq));
        for (const logo of org.logos) {
          next('account', seriesKey('account', n, logo.logo), (seq) => accountNumberFor(n, logo.logo, seq));
          next('card', seriesKey('card', n, logo.logo), (seq) => cardNumberFor(logo.bin, seq));
        }
      }
    });

    it('when built, then generated numbers have their series shape', () => {
      for (const account of data.accounts) {
        assert.match(account.accountNumber, new RegExp(`^8${account.organizationNumber}${account.logo}\\d{9}$`));
      }
      for (const customer of data.customers.filter((c) => c.customerNumber !== '4513074002573466600')) {
        assert.match(customer.customerNumber, new RegExp(`^45${customer.organizationNumber}\\d{14}$`));
      }
      for (const r of data.relationships) assert.match(r.relationshipNumber, new RegExp(`^46${r.organizationNumber}\\d{14}$`));
    });
  });

  describe('references', () => {
    it('when built, then every holder and card points at a customer and account of the same organization', () => {
      for (const account of data.accounts) {
        for (const holder of account.holders) {
          assert.ok(customerByNumber.has(`${account.organizationNumber}/${holder.customerNumber}`), `holder of ${account.accountNumber}`);
          assert.equal(holder.associationType, 0);
        }
      }
      for (const card of data.cards) {
        const account = accountByNumber.get(card.accountNumber);
        assert.ok(account, `account of card ${card.cardNumber}`);
        assert.equal(card.organizationNumber, account.organizationNumber);
        assert.equal(card.logo, account.logo);
        assert.ok(account.holders.some((h) => h.customerNumber === card.customerNumber), `card ${card.cardNumber} holder`);
      }
    });

    it('when built, then cards of an account are numbered 1, 2 in order', () => {
      for (const account of data.accounts) {
        assert.deepEqual(
          cardsOf(account).map((c) => c.sequence),
          cardsOf(account).map((_, i) => i + 1),
        );
      }
    });

    it('when built, then only pre-opened accounts (status N, no cards) lack holders: 10 in 970 and 5 in 807', () => {
      const unheld = data.accounts.filter((a) => a.holders.length === 0);
      for (const account of unheld) {
        assert.equal(account.status, 'N');
        assert.equal(cardsOf(account).length, 0);
        assert.equal(account.currentBalance, 0);
      }
      assert.equal(unheld.filter((a) => a.organizationNumber === 970).length, 10);
      assert.equal(unheld.filter((a) => a.organizationNumber === 807).length, 5);
      assert.ok(data.accounts.filter((a) => a.holders.length > 0).every((a) => a.status !== 'N'));
    });

    it('when an account carries a relationship number, then it is a 450 account held by the relationship owner', () => {
      assert.ok(data.relationships.length >= 3, 'a handful of corporates');
      for (const r of data.relationships) {
        const owner = customerByNumber.get(`${r.organizationNumber}/${r.customerNumber}`);
        assert.ok(owner, `owner of ${r.relationshipNumber}`);
        assert.equal(owner.owner.firstName, undefined, 'a business has no first name');
        assert.equal(owner.owner.lastName, r.name);
        const accounts = data.accounts.filter((a) => a.relationshipNumber === r.relationshipNumber);
        assert.ok(accounts.length > 0);
        for (const a of accounts) {
          assert.equal(a.logo, 450);
          assert.deepEqual(a.holders, [{ customerNumber: r.customerNumber, associationType: 0 }]);
        }
        assert.ok(accounts.reduce((sum, a) => sum + a.creditLimit, 0) <= r.creditLimit);
      }
      assert.equal(new Set(data.relationships.map((r) => r.customerNumber)).size, data.relationships.length);
    });
  });

  describe('fixtures', () => {
    it('when built, then exactly the six documented fixtures exist, each with a purpose', () => {
      assert.deepEqual(
        data.fixtures.map((f) => f.name),
        ['retail-multi-product', 'corporate-relationship', 'co-owner', 'prior-addresses', 'seed-details-l8v4', 'unassigned-account'],
      );
      for (const f of data.fixtures) {
        assert.ok(f.purpose.length > 20, `${f.name} purpose`);
        for (const n of f.accountNumbers) assert.equal(accountByNumber.get(n)?.organizationNumber, f.organizationNumber);
        for (const n of f.cardNumbers) assert.ok(data.cards.some((c) => c.cardNumber === n), `${f.name} card ${n}`);
      }
    });

    it('when a fixture names a customer, then the customer is clean and holds exactly the listed accounts and cards', () => {
      for (const f of data.fixtures.filter((x) => x.customerNumber !== '')) {
        const customer = customerByNumber.get(`${f.organizationNumber}/${f.customerNumber}`);
        assert.ok(customer, `${f.name} customer`);
        assert.equal(customer.status, 0);
        const held = data.accounts.filter((a) => a.holders.some((h) => h.customerNumber === f.customerNumber));
        assert.deepEqual(held.map((a) => a.accountNumber).sort(), [...f.accountNumbers].sort());
        assert.deepEqual(held.flatMap(cardsOf).map((c) => c.cardNumber).sort(), [...f.cardNumbers].sort());
        assert.ok(held.every((a) => a.status === 'A' && a.blockCode1 === '' && a.blockCode2 === ''), `${f.name} accounts active`);
        assert.ok(held.flatMap(cardsOf).every((c) => c.blockCode === ''), `${f.name} cards unblocked`);
      }
    });

    it('when retail-multi-product is read, then it has a 401 credit, 410 debit and 420 prepaid account, each with a card', () => {
      const f = fixture('retail-multi-product');
      assert.equal(f.organizationNumber, 970);
      const accounts = f.accountNumbers.map((n) => accountByNumber.get(n)!);
      assert.deepEqual(accounts.map((a) => [a.logo, a.productType]), [[401, 'credit'], [410, 'debit'], [420, 'prepaid']]);
      for (const a of accounts) assert.equal(cardsOf(a).length, 1);
    });

    it('when corporate-relationship is read, then 45 accounts of logo 450 sit under its one relationship, one card each', () => {
      const f = fixture('corporate-relationship');
      assert.equal(f.organizationNumber, 970);
      assert.ok(f.relationshipNumber);
      const owned = data.relationships.filter((r) => r.customerNumber === f.customerNumber);
      assert.deepEqual(owned.map((r) => r.relationshipNumber), [f.relationshipNumber]);
      const under = data.accounts.filter((a) => a.relationshipNumber === f.relationshipNumber);
      assert.equal(under.length, 45);
      assert.deepEqual(under.map((a) => a.accountNumber), f.accountNumbers);
      assert.ok(Math.ceil(under.length / 20) === 3, 'three pages of 20');
      for (const a of under) {
        assert.equal(a.logo, 450);
        assert.deepEqual(a.holders, [{ customerNumber: f.customerNumber, associationType: 0 }]);
        assert.equal(cardsOf(a).length, 1);
      }
      assert.equal(f.cardNumbers.length, 45);
    });

    it('when co-owner is read, then a co-owner with the same surname and own contacts shares one credit account with two cards', () => {
      const f = fixture('co-owner');
      const customer = customerByNumber.get(`970/${f.customerNumber}`)!;
      assert.equal(customer.coOwnerIndicator, 2);
      const { owner, coOwner } = customer;
      assert.ok(coOwner);
      assert.notEqual(coOwner.firstName, owner.firstName);
      assert.equal(coOwner.lastName, owner.lastName);
      assert.ok(coOwner.mobilePhoneNumber && coOwner.mobilePhoneNumber !== owner.mobilePhoneNumber);
      assert.ok(coOwner.email && coOwner.email !== owner.email);
      assert.equal(f.accountNumbers.length, 1);
      const account = accountByNumber.get(f.accountNumbers[0]!)!;
      assert.equal(account.productType, 'credit');
      assert.deepEqual(cardsOf(account).map((c) => c.sequence), [1, 2]);
    });

    it('when prior-addresses is read, then two earlier owner addresses are kept newest first, with the last change date', () => {
      const f = fixture('prior-addresses');
      const customer = customerByNumber.get(`970/${f.customerNumber}`)!;
      const [newest, oldest] = customer.priorAddresses;
      assert.equal(customer.priorAddresses.length, 2);
      assert.ok(newest && oldest);
      assert.deepEqual([newest.role, oldest.role], ['owner', 'owner']);
      assert.ok(customer.createdOn < oldest.changedOn && oldest.changedOn < newest.changedOn && newest.changedOn < TODAY);
      assert.equal(customer.dateLastAddressChange, newest.changedOn);
      for (const { party } of customer.priorAddresses) {
        assert.ok(party.houseAddress1 && party.city && party.postalCode && party.homePhoneNumber, 'address and phone kept');
        assert.notEqual(party.houseAddress1 + party.houseNumber, customer.owner.houseAddress1! + customer.owner.houseNumber);
      }
      assert.equal(f.accountNumbers.length, 1);
      assert.equal(accountByNumber.get(f.accountNumbers[0]!)!.productType, 'debit');
      assert.equal(f.cardNumbers.length, 1);
    });

    it("when seed-details-l8v4 is read, then the seed document's customer holds a 501 credit and a 510 debit account with cards", () => {
      const f = fixture('seed-details-l8v4');
      assert.equal(f.organizationNumber, 807);
      assert.equal(f.customerNumber, '4513074002573466600');
      assert.ok(customerByNumber.has('807/4513074002573466600'));
      assert.deepEqual(f.accountNumbers.map((n) => accountByNumber.get(n)!.logo), [501, 510]);
      assert.deepEqual(f.cardNumbers.map((n) => data.cards.find((c) => c.cardNumber === n)!.customerNumber), [f.customerNumber, f.customerNumber]);
    });

    it('when unassigned-account is read, then its one account has no holder and no card', () => {
      const f = fixture('unassigned-account');
      assert.equal(f.organizationNumber, 970);
      assert.equal(f.customerNumber, '');
      assert.deepEqual(f.cardNumbers, []);
      assert.equal(f.accountNumbers.length, 1);
      const account = accountByNumber.get(f.accountNumbers[0]!)!;
      assert.deepEqual(account.holders, []);
      assert.equal(account.status, 'N');
      assert.equal(cardsOf(account).length, 0);
    });

    it('when built, then fixture customers come first in their series', () => {
      assert.deepEqual(
        data.customers.slice(0, 5).map((c) => c.customerNumber),
        ['4597000000000000001', '4597000000000000002', '4597000000000000003', '4597000000000000004', '4513074002573466600'],
      );
    });
  });

  describe('parties', () => {
    const parties = data.customers.flatMap(allParties);

    it('when built, then every party text field is within the platform length and known to the table', () => {
      for (const { where, party } of parties) {
        for (const [field, value] of Object.entries(party)) {
          if (typeof value !== 'string') continue;
          const limit = PARTY_TEXT_LIMITS[field];
          assert.ok(limit !== undefined, `${where}: ${field} has a length limit in the table`);
          assert.ok(value.length <= limit, `${where}: ${field} '${value}' exceeds ${limit}`);
        }
      }
    });

    it('when built, then every numeric party field is within its range', () => {
      for (const { where, party } of parties) {
        for (const [field, value] of Object.entries(party)) {
          if (typeof value !== 'number') continue;
          const range = PARTY_NUMBER_RANGES[field];
          assert.ok(range, `${where}: ${field} has a range in the table`);
          assert.ok(Number.isInteger(value) && value >= range[0] && value <= range[1], `${where}: ${field} ${value}`);
        }
      }
    });

    it('when a contact flag is 1, then the matching phone or email is present', () => {
      const pairs = [
        ['homePhoneFlag', 'homePhoneNumber'],
        ['mobilePhoneFlag', 'mobilePhoneNumber'],
        ['smsFlag', 'mobilePhoneNumber'],
        ['faxPhoneFlag', 'homeFaxPhoneNumber'],
        ['emailFlag', 'email'],
      ] as const;
      for (const { where, party } of parties) {
        for (const [flag, value] of pairs) {
          if (party[flag] === 1) assert.ok(party[value], `${where}: ${flag} without ${value}`);
        }
      }
    });

    it('when built, then owners have valid, unique identification, address and contact values', () => {
      const ids = new Set<string>();
      const phones = new Set<string>();
      for (const customer of data.customers) {
        for (const { where, party } of allParties(customer).filter((p) => !p.where.includes('prior'))) {
          assert.match(party.identificationNumber ?? '', /^\d{8,11}$/, `${where} id`);
          assert.ok(!ids.has(party.identificationNumber!), `${where} id unique`);
          ids.add(party.identificationNumber!);
          assert.equal(party.countryCode, customer.organizationNumber === 970 ? 'ARG' : 'MEX');
          assert.match(party.maritalStatus ?? '', /^[0-4]$/);
          assert.match(party.mailingList ?? '', /^[01]$/);
          assert.ok(['SPA', 'ENG'].includes(party.languageIndicator ?? ''));
          assert.ok((party.dateOfBirth ?? '') <= yearsFromToday(-18) && (party.dateOfBirth ?? '') > yearsFromToday(-86), `${where} age`);
        }
      }
      for (const { where, party } of parties) {
        assert.match(party.postalCode ?? '', /^[A-Za-z0-9 -]+$/, `${where} postal code`);
        assert.match(party.state ?? '', /^[A-Z]{1,3}$/, `${where} state`);
        assert.match(party.houseNumber ?? '', /^\d+$/, `${where} house number`);
        for (const phone of [party.homePhoneNumber, party.mobilePhoneNumber, party.homeFaxPhoneNumber]) {
          if (!phone) continue;
          assert.match(phone, /^\d{2,3}-\d{3,4}-\d{4}$/, `${where} phone`);
          assert.ok(!phones.has(phone), `${where} phone ${phone} unique`);
          phones.add(phone);
        }
        if (party.email) assert.match(party.email, /^[\x21-\x7e]+@[a-z0-9.-]+\.[a-z]{2,}$/, `${where} email`);
      }
    });

    it('when built, then names are stored uppercase and some keep their accents', () => {
      for (const { where, party } of parties) {
        for (const field of ['title', 'firstName', 'middleName', 'lastName', 'nameLine1', 'city'] as const) {
          const value = party[field];
          if (value !== undefined) assert.equal(value, value.toUpperCase(), `${where} ${field}`);
        }
      }
      assert.ok(data.customers.some((c) => /[ÁÉÍÓÚÑÜ]/.test(c.owner.lastName ?? '')), 'accented surnames kept');
      for (const c of data.customers.filter((x) => x.owner.firstName)) {
        assert.equal(c.owner.nameLine1, `${c.owner.firstName} ${c.owner.lastName}`.slice(0, 40).trimEnd());
      }
    });
  });

  describe('customers', () => {
    it('when built, then statuses, indicators and dates are consistent', () => {
      for (const c of data.customers) {
        assert.ok([0, 1].includes(c.status));
        assert.ok([0, 1].includes(c.vipStatus));
        assert.ok(c.sicCode === 0 || (c.sicCode >= 1000 && c.sicCode <= 9999), `sic ${c.sicCode}`);
        assert.equal(c.coOwnerIndicator, c.coOwner ? 2 : 1);
        assert.ok(['0', '1'].includes(c.dualFlag));
        assert.equal(c.source, 'S');
        assert.ok(c.createdOn <= c.dateLastMaintenance && c.dateLastMaintenance <= TODAY, `${c.customerNumber} dates`);
        if (c.priorAddresses.length === 0) assert.equal(c.dateLastAddressChange, undefined);
      }
      const active = data.customers.filter((c) => c.status === 0).length;
      assert.ok(active / data.customers.length > 0.85, 'mostly active');
    });
  });

  describe('accounts and cards', () => {
    it('when built, then account amounts, limits and dates hold together', () => {
      for (const a of data.accounts) {
        const where = `account ${a.accountNumber}`;
        assert.equal(logoOf(a.organizationNumber, a.logo)?.productType, a.productType, `${where} logo`);
        assert.ok(['A', 'B', 'C', 'N'].includes(a.status), `${where} status`);
        assert.ok(a.blockCode1.length <= 1 && a.blockCode2.length <= 1);
        assert.ok(a.shortName.length <= 20, `${where} shortName`);
        assert.ok(Number.isInteger(a.billingCycle) && a.billingCycle >= 1 && a.billingCycle <= 28);
        for (const amount of [a.creditLimit, a.currentBalance, a.dollarBalance, a.memoCredits, a.memoDebits, a.minimumPayment]) {
          assert.ok(isMoney(amount) && amount >= 0, `${where} amount ${amount}`);
        }
        if (a.productType === 'credit' && a.status !== 'N') {
          assert.ok(a.creditLimit >= 50_000 && a.creditLimit <= 500_000 && a.creditLimit % 1000 === 0, `${where} limit`);
          assert.ok(a.currentBalance <= a.creditLimit, `${where} balance within limit`);
          assert.ok(a.minimumPayment <= a.currentBalance);
        } else {
          assert.equal(a.creditLimit, 0, `${where} limit`);
        }
        assert.ok(a.openedOn < a.dateLastCycle && a.dateLastCycle <= TODAY, `${where} cycle dates`);
        assert.ok(a.paymentDueDate > a.dateLastCycle && a.paymentDueDate < yearsFromToday(1), `${where} due date`);
        assert.ok(a.billingCycle === Number(a.dateLastCycle.slice(8)));
      }
      const active = data.accounts.filter((a) => a.status === 'A').length;
      assert.ok(active / data.accounts.length > 0.8, 'mostly active');
    });

    it('when built, then cards expire on a month end one to five years ahead, and few are blocked', () => {
      for (const card of data.cards) {
        const [y, m, d] = card.expiryDate.split('-').map(Number) as [number, number, number];
        assert.equal(new Date(Date.UTC(y, m - 1, d + 1)).getUTCDate(), 1, `${card.expiryDate} is a month end`);
        assert.ok(card.expiryDate >= yearsFromToday(1) && card.expiryDate <= yearsFromToday(5), card.expiryDate);
        assert.ok(['', 'L', 'B'].includes(card.blockCode));
      }
      const blocked = data.cards.filter((c) => c.blockCode !== '').length;
      assert.ok(blocked > 0 && blocked / data.cards.length < 0.2, `${blocked} blocked cards`);
    });
  });
});
