// POST /customer/lookup: the VPL5SZL search rules as a portal user meets them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectError, expectOk, startSandbox } from './helpers/sandbox.js';
import { portalExamples } from './helpers/seed-examples.js';

type Sandbox = ReturnType<typeof startSandbox>;
type Body = Record<string, unknown>;

interface Found {
  organizationNumber: number;
  customerNumber: string;
  firstName?: string;
  lastName: string;
  suffix?: string;
  dateOfBirth?: string;
  identificationNumber?: string;
  homePhoneNumber?: string;
  mobilePhoneNumber?: string;
  postalCode?: string;
  accounts?: { organizationNumber: number; accountNumber: string; logo: number; productType?: string }[];
}

interface Page {
  more: 'Y' | 'N';
  numberOfRecords: number;
  customers: Found[];
  nextToken?: string;
  prevToken?: string;
}


/** Case and accents dropped, the way a person types a name on a plain keyboard. */
const plain = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '');
const fold = (s: string) => plain(s).toUpperCase().replace(/\s+/g, ' ').trim();
const numbersOf = (page: Page) => page.customers.map((c) => c.customerNumber);

async function lookup(sb: Sandbox, body: Body): Promise<Page> {
  const page = expectOk(await sb.post('/customer/lookup', { numberOfRecords: 50, ...body })) as Page;
  assert.equal(page.numberOfRecords, page.customers.length, 'numberOfRecords counts the customers of the page');
  return page;
}

/** Every customer a search finds, following nextToken to the end. */
async function lookupAll(sb: Sandbox, body: Body): Promise<Found[]> {
  const all: Found[] = [];
  let page = await lookup(sb, body);
  all.push(...page.customers);
  while (page.more === 'Y') {
    assert.ok(page.nextToken, 'a page with more has a nextToken');
    page = await lookup(sb, { ...body, serviceFunctionCode: 'N', startToken: page.nextToken });
    all.push(...page.customers);
  }
  return all;
}

/** The owner record of a fixture's customer, read through demographicData. */
async function ownerOf(sb: Sandbox, name: string) {
  const fixture = await sb.fixture(name);
  const data = expectOk(
    await sb.post('/customer/demographicData', {
      customerAccountCardNumber: fixture.customerNumber,
      numberType: 1,
      organizationNumber: fixture.organizationNumber,
    }),
  );
  const owner = data.nameAddrData.find((r: { sequence: number }) => r.sequence === 1);
  assert.ok(owner?.lastName, `${name} has an owner with a last name`);
  return { fixture, owner };
}

async function addCustomer(sb: Sandbox, ownerData: Body, organizationNumber?: number): Promise<string> {
  const data = expectOk(
    await sb.post('/customer', {
      customerData: {
        customerKeyData: organizationNumber === undefined ? {} : { organizationNumber },
        ownerCoOwnerData: { ownerData },
      },
    }),
    201,
  );
  return data.customerNumber;
}

describe('POST /customer/lookup over customers added through the API', () => {
  const sb = startSandbox();

  it("when the seed's add example customer exists, then the seed's lookup example sent verbatim finds it by its customer number", async () => {
    const [addBlock, , , , , , lookupBlock] = portalExamples();
    assert.ok(lookupBlock.includes('"startToken": "string"'), 'the seed lookup example carries startToken "string"');

    const before = expectOk(await sb.post('/customer/lookup', lookupBlock)) as Page;
    assert.equal(before.customers.some((c) => c.lastName === 'Sivale'), false, 'Pavan Sivale is not seeded');

    const unassigned = await sb.fixture('unassigned-account');
    const added = expectOk(await sb.post('/customer', addBlock.replace('{{accountNumber}}', unassigned.accountNumbers[0])), 201);

    const res = await sb.post('/customer/lookup', lookupBlock);
    const page = expectOk(res) as Page;
    const hit = page.customers.find((c) => c.customerNumber === added.customerNumber);
    assert.ok(hit, `customer ${added.customerNumber} among ${JSON.stringify(numbersOf(page))}`);
    assert.equal(hit.organizationNumber, added.organizationNumber);
    assert.equal(hit.firstName, 'Pavan');
    assert.equal(hit.lastName, 'Sivale');
    assert.equal(hit.suffix, 'Sr');
    assert.equal(page.prevToken, undefined, 'a token the sandbox did not issue starts a new search');
  });

  it('when organizationNumber is 0, then every organization is searched; with 807 only that one', async () => {
    const { fixture, owner } = await ownerOf(sb, 'seed-details-l8v4');
    assert.equal(fixture.organizationNumber, 807);
    const twin = await addCustomer(sb, { lastName: owner.lastName, firstName: 'GEMELA' }, 970);

    const everywhere = await lookup(sb, { organizationNumber: 0, primarySearchData: { lastBusinessName: owner.lastName } });
    assert.ok(numbersOf(everywhere).includes(fixture.customerNumber));
    assert.ok(numbersOf(everywhere).includes(twin));

    const mexico = await lookup(sb, { organizationNumber: 807, primarySearchData: { lastBusinessName: owner.lastName } });
    assert.ok(numbersOf(mexico).includes(fixture.customerNumber));
    assert.equal(numbersOf(mexico).includes(twin), false);
    for (const c of mexico.customers) assert.equal(c.organizationNumber, 807);

    const argentina = await lookup(sb, { organizationNumber: 970, primarySearchData: { lastBusinessName: owner.lastName } });
    assert.ok(numbersOf(argentina).includes(twin));
    assert.equal(numbersOf(argentina).includes(fixture.customerNumber), false);
  });
});

describe('POST /customer/lookup over the seeded customers', () => {
  const sb = startSandbox();

  it('when a seeded last name with accents is typed without them and in lower case, then that customer is found', async () => {
    // Browse seeded customers by postal code prefix until one has an accented last name.
    let accented: Found | undefined;
    for (const start of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') {
      const page = await lookup(sb, { primarySearchData: { postalCode: start }, postalFuzzySwitch: 1 });
      accented = page.customers.find((c) => plain(c.lastName) !== c.lastName);
      if (accented) break;
    }
    assert.ok(accented, 'a seeded customer has an accented last name');
    const typed = plain(accented.lastName).toLowerCase();
    assert.notEqual(typed, accented.lastName);

    const page = await lookup(sb, { primarySearchData: { lastBusinessName: typed }, lastNameFuzzySwitch: 0 });
    assert.ok(numbersOf(page).includes(accented.customerNumber), `${typed} finds ${accented.lastName}`);
    const whole = page.customers.filter((c) => fold(c.lastName) === fold(accented.lastName));
    assert.deepEqual(page.customers.slice(0, whole.length), whole, 'the customers with the whole name come first');
  });

  it('when the last name is given exactly, then the customers with that whole last name come first', async () => {
    const { fixture, owner } = await ownerOf(sb, 'seed-details-l8v4');
    const page = await lookup(sb, { primarySearchData: { lastBusinessName: owner.lastName } });
    assert.equal(fold(page.customers[0].lastName), fold(owner.lastName));
    const whole = page.customers.filter((c) => fold(c.lastName) === fold(owner.lastName));
    assert.ok(whole.some((c) => c.customerNumber === fixture.customerNumber));
    assert.deepEqual(page.customers.slice(0, whole.length), whole, 'no other name stands before them');
    // Four letters short is more than a misspelling, yet switch 0 still finds what begins with it, as switch 1 does.
    const body = { primarySearchData: { lastBusinessName: owner.lastName.slice(0, -4) } };
    const shorter = numbersOf(await lookup(sb, body));
    assert.ok(shorter.includes(fixture.customerNumber));
    const beginning = numbersOf(await lookup(sb, { ...body, lastNameFuzzySwitch: 1 }));
    assert.deepEqual(beginning.filter((n) => !shorter.includes(n)), [], 'whatever begins with it');
  });

  it('when the last name ends with * or lastNameFuzzySwitch is 1, then every customer whose last name begins with it is found', async () => {
    const { fixture, owner } = await ownerOf(sb, 'seed-details-l8v4');
    const prefix = fold(owner.lastName).slice(0, 3);
    const starred = await lookup(sb, { primarySearchData: { lastBusinessName: `${prefix.toLowerCase()}*` } });
    const switched = await lookup(sb, { primarySearchData: { lastBusinessName: prefix }, lastNameFuzzySwitch: 1 });
    assert.deepEqual(numbersOf(starred), numbersOf(switched), 'both forms ask for the same thing');
    assert.ok(numbersOf(starred).includes(fixture.customerNumber));
    assert.ok(starred.customers.length > 1, `several last names begin with ${prefix}`);
    for (const c of starred.customers) assert.ok(fold(c.lastName).startsWith(prefix), `${c.lastName} begins with ${prefix}`);
    assert.ok(starred.customers.some((c) => fold(c.lastName) !== fold(owner.lastName)), 'other last names with the prefix too');
  });

  it('when lastNameFuzzySwitch is 3, then customers whose last name ends with the text are found', async () => {
    const { fixture, owner } = await ownerOf(sb, 'seed-details-l8v4');
    const ending = fold(owner.lastName).slice(-5);
    const page = await lookup(sb, { primarySearchData: { lastBusinessName: ending.toLowerCase() }, lastNameFuzzySwitch: 3 });
    assert.ok(numbersOf(page).includes(fixture.customerNumber), `${owner.lastName} ends with ${ending}`);
    for (const c of page.customers) assert.ok(fold(c.lastName).endsWith(ending), `${c.lastName} ends with ${ending}`);
    const asPrefix = await lookup(sb, { primarySearchData: { lastBusinessName: ending }, lastNameFuzzySwitch: 1 });
    assert.equal(numbersOf(asPrefix).includes(fixture.customerNumber), false, 'ends with is not begins with');
  });

  it('when the name has the form LAST,FIRST, then only customers with that first name are found', async () => {
    const { fixture, owner } = await ownerOf(sb, 'seed-details-l8v4');
    const prefix = fold(owner.lastName).slice(0, 2);
    const broad = await lookup(sb, { primarySearchData: { lastBusinessName: `${prefix}*` } });
    const first = owner.firstName as string;
    assert.ok(broad.customers.some((c) => fold(c.firstName ?? '') !== fold(first)), 'the broad search holds other first names');

    const narrowed = await lookup(sb, { primarySearchData: { lastBusinessName: `${prefix}*,${plain(first).toLowerCase()}` } });
    assert.ok(numbersOf(narrowed).includes(fixture.customerNumber));
    assert.ok(narrowed.customers.length < broad.customers.length);
    for (const c of narrowed.customers) {
      assert.equal(fold(c.firstName ?? ''), fold(first));
      assert.ok(fold(c.lastName).startsWith(prefix));
    }
  });

  it('when lastNameOption is 1, then only the last name counts and another filled primary field does not widen the search', async () => {
    const retail = await ownerOf(sb, 'retail-multi-product');
    const other = await ownerOf(sb, 'prior-addresses');
    const primarySearchData = { lastBusinessName: retail.owner.lastName, identifier: other.owner.identificationNumber };

    const any = await lookup(sb, { primarySearchData });
    assert.ok(numbersOf(any).includes(retail.fixture.customerNumber), 'with no option, the last name finds one');
    assert.ok(numbersOf(any).includes(other.fixture.customerNumber), 'with no option, the identifier finds the other');

    const lastOnly = await lookup(sb, { primarySearchData, requestOptionData: { lastNameOption: 1 } });
    assert.ok(numbersOf(lastOnly).includes(retail.fixture.customerNumber));
    assert.equal(numbersOf(lastOnly).includes(other.fixture.customerNumber), false);

    const both = await lookup(sb, { primarySearchData, requestOptionData: { lastNameOption: 1, identifierOption: 1 } });
    assert.deepEqual(numbersOf(both), [], 'chosen fields must all match one customer');
  });

  it('when searching by identification number, then the customer with that number is found', async () => {
    const { fixture, owner } = await ownerOf(sb, 'prior-addresses');
    const page = await lookup(sb, { primarySearchData: { identifier: owner.identificationNumber }, returnDataOption: '1' });
    assert.ok(numbersOf(page).includes(fixture.customerNumber));
    for (const c of page.customers) assert.equal(c.identificationNumber, owner.identificationNumber);
  });

  it('when searching by phone with or without dashes, then the customer with that phone is found either way', async () => {
    const { fixture, owner } = await ownerOf(sb, 'co-owner');
    const phone = owner.homePhoneNumber as string;
    assert.match(phone, /-/, 'the seeded phone is written with dashes');
    const dashed = await lookup(sb, { primarySearchData: { phoneNumber: phone } });
    const digits = await lookup(sb, { primarySearchData: { phoneNumber: phone.replace(/\D/g, '') } });
    assert.ok(numbersOf(dashed).includes(fixture.customerNumber));
    assert.deepEqual(numbersOf(digits), numbersOf(dashed));
    const mobile = await lookup(sb, { primarySearchData: { phoneNumber: owner.mobilePhoneNumber } });
    assert.ok(numbersOf(mobile).includes(fixture.customerNumber), 'the mobile phone finds the customer too');
  });

  it('when searching by postal code, then customers at that postal code are found', async () => {
    const { fixture, owner } = await ownerOf(sb, 'retail-multi-product');
    const page = await lookup(sb, { primarySearchData: { postalCode: owner.postalCode.toLowerCase() }, returnDataOption: '1' });
    assert.ok(numbersOf(page).includes(fixture.customerNumber));
    for (const c of page.customers) assert.equal(c.postalCode, owner.postalCode);
  });

  it('when optionalDataMatch is 0, then one matching optional field is enough; with 1 all of them must match', async () => {
    const { fixture, owner } = await ownerOf(sb, 'retail-multi-product');
    const search = (optionalSearchData: Body, optionalDataMatch: number) =>
      lookup(sb, { primarySearchData: { lastBusinessName: owner.lastName }, optionalSearchData, optionalDataMatch });
    const goodDob = { dateOfBirth: owner.dateOfBirth, firstName: 'ZZNOBODY' };

    assert.ok(numbersOf(await search(goodDob, 0)).includes(fixture.customerNumber), 'any: the date of birth matches');
    assert.equal(numbersOf(await search(goodDob, 1)).includes(fixture.customerNumber), false, 'all: the first name does not');
    const allGood = { dateOfBirth: owner.dateOfBirth, firstName: plain(owner.firstName).toLowerCase() };
    assert.ok(numbersOf(await search(allGood, 1)).includes(fixture.customerNumber), 'all: both match');
    const noneGood = { dateOfBirth: '1900-01-01', firstName: 'ZZNOBODY' };
    assert.equal(numbersOf(await search(noneGood, 0)).includes(fixture.customerNumber), false, 'any: neither matches');
  });

  it('when returnDataOption is "0", "1" or "2", then names only, then contact data, then also the accounts come back', async () => {
    const { fixture, owner } = await ownerOf(sb, 'retail-multi-product');
    const find = async (returnDataOption: string) => {
      const page = await lookup(sb, { primarySearchData: { identifier: owner.identificationNumber }, returnDataOption });
      const hit = page.customers.find((c) => c.customerNumber === fixture.customerNumber);
      assert.ok(hit, `returnDataOption ${returnDataOption} finds the customer`);
      return hit;
    };

    const names = await find('0');
    assert.equal(names.lastName, owner.lastName);
    assert.equal(names.firstName, owner.firstName);
    for (const field of ['dateOfBirth', 'identificationNumber', 'homePhoneNumber', 'postalCode', 'accounts']) {
      assert.equal(field in names, false, `option 0 leaves out ${field}`);
    }

    const contact = await find('1');
    assert.equal(contact.dateOfBirth, owner.dateOfBirth);
    assert.equal(contact.identificationNumber, owner.identificationNumber);
    assert.equal(contact.homePhoneNumber, owner.homePhoneNumber);
    assert.equal(contact.postalCode, owner.postalCode);
    assert.equal('accounts' in contact, false, 'option 1 leaves out the accounts');

    const withAccounts = await find('2');
    assert.equal(withAccounts.dateOfBirth, owner.dateOfBirth);
    assert.deepEqual(withAccounts.accounts?.map((a) => a.accountNumber).sort(), [...fixture.accountNumbers].sort());
    for (const a of withAccounts.accounts ?? []) assert.equal(a.organizationNumber, fixture.organizationNumber);
  });

  const base: Body = { numberOfRecords: 10, primarySearchData: { lastBusinessName: 'SMITH' } };
  const withName = (lastBusinessName: string): Body => ({ ...base, primarySearchData: { lastBusinessName } });

  const cases: [string, Body, number, string][] = [
    ['numberOfRecords is 51', { ...base, numberOfRecords: 51 }, 400, 'VPL5SZL03S'],
    ['serviceFunctionCode is N without a startToken', { ...base, serviceFunctionCode: 'N' }, 400, 'VPL5SZL04S'],
    ['serviceFunctionCode is X', { ...base, serviceFunctionCode: 'X' }, 400, 'VPL5SZL05S'],
    ['a search option is 2', { ...base, requestOptionData: { lastNameOption: 2 } }, 400, 'VPL5SZL06S'],
    [
      'lastNameOption is 1 and no lastBusinessName is given',
      { numberOfRecords: 10, primarySearchData: { identifier: '123456789' }, requestOptionData: { lastNameOption: 1 } },
      400,
      'VPL5SZL07S',
    ],
    ['no primary search field is given at all', { numberOfRecords: 10 }, 400, 'VPL5SZL07S'],
    ['the last name starts with *', withName('*SMITH'), 400, 'VPL5SZL11S'],
    ['the name is "SMITH,"', withName('SMITH,'), 400, 'VPL5SZL12S'],
    ['the last name is "A"', withName('A'), 400, 'VPL5SZL13S'],
    ['the last name is "SM*TH"', withName('SM*TH'), 400, 'VPL5SZL14S'],
    ['the name is "SMITH,J"', withName('SMITH,J'), 400, 'VPL5SZL15S'],
    ['the optional first name is "J*N"', { ...base, optionalSearchData: { firstName: 'J*N' } }, 400, 'VPL5SZL16S'],
    ['the identifier holds *', { numberOfRecords: 10, primarySearchData: { identifier: '1234*6789' } }, 400, 'VPL5SZL19S'],
    ['the identifier is 12345', { numberOfRecords: 10, primarySearchData: { identifier: '12345' } }, 400, 'VPL5SZL20S'],
    ['the identifier has 26 characters', { numberOfRecords: 10, primarySearchData: { identifier: '1'.repeat(26) } }, 400, 'VPL5SZL21S'],
    ['the phone holds *', { numberOfRecords: 10, primarySearchData: { phoneNumber: '123-4*6-7890' } }, 400, 'VPL5SZL24S'],
    ['the phone is 12345', { numberOfRecords: 10, primarySearchData: { phoneNumber: '12345' } }, 400, 'VPL5SZL25S'],
    ['the phone has 21 characters', { numberOfRecords: 10, primarySearchData: { phoneNumber: '1'.repeat(21) } }, 400, 'VPL5SZL26S'],
    ['a fuzzy switch is 4', { ...base, lastNameFuzzySwitch: 4 }, 400, 'SBX400F'],
    ['optionalDataMatch is 2', { ...base, optionalDataMatch: 2 }, 400, 'SBX400O'],
  ];

  for (const [when, body, status, code] of cases) {
    it(`when ${when}, then ${status} ${code}`, async () => {
      expectError(await sb.post('/customer/lookup', body), status, code);
    });
  }

  it('when the limits are just met (50 records, 6-character identifier, 25 characters, 20-character phone), then the search runs', async () => {
    expectOk(await sb.post('/customer/lookup', { ...base, numberOfRecords: 50 }));
    expectOk(await sb.post('/customer/lookup', { numberOfRecords: 10, primarySearchData: { identifier: '123456' } }));
    expectOk(await sb.post('/customer/lookup', { numberOfRecords: 10, primarySearchData: { identifier: '1'.repeat(25) } }));
    expectOk(await sb.post('/customer/lookup', { numberOfRecords: 10, primarySearchData: { phoneNumber: '1'.repeat(20) } }));
    expectOk(await sb.post('/customer/lookup', { numberOfRecords: 10, primarySearchData: { phoneNumber: '123456' } }));
    expectOk(await sb.post('/customer/lookup', { ...base, optionalSearchData: { firstName: '*AN*' } }));
    expectOk(await sb.post('/customer/lookup', withName('SMITH,JO')));
  });
});

describe('POST /customer/lookup paging', () => {
  const sb = startSandbox();

  /** A last-name prefix of a fixture with at least five customers, and all of them in order. */
  async function prefixWithSeveral() {
    const { owner } = await ownerOf(sb, 'seed-details-l8v4');
    const prefix = fold(owner.lastName).slice(0, 2);
    const body = { primarySearchData: { lastBusinessName: `${prefix}*` } };
    const all = await lookup(sb, body);
    assert.equal(all.more, 'N');
    assert.ok(all.customers.length >= 5, `at least five last names begin with ${prefix}: ${all.customers.length}`);
    return { prefix, body, all: numbersOf(all) };
  }

  it('when 2 records are asked for, then pages follow each other without overlap and P goes back to the first page', async () => {
    const { body, all } = await prefixWithSeveral();
    const small = { ...body, numberOfRecords: 2 };

    const first = await lookup(sb, small);
    assert.equal(first.more, 'Y');
    assert.equal(first.numberOfRecords, 2);
    assert.ok(first.nextToken);
    assert.equal(first.prevToken, undefined, 'nothing comes before the first page');
    assert.deepEqual(numbersOf(first), all.slice(0, 2));

    const second = await lookup(sb, { ...small, serviceFunctionCode: 'N', startToken: first.nextToken });
    assert.deepEqual(numbersOf(second), all.slice(2, 4));
    assert.equal(numbersOf(second).some((n) => numbersOf(first).includes(n)), false, 'no overlap');
    assert.ok(second.prevToken);

    const back = await lookup(sb, { ...small, serviceFunctionCode: 'P', startToken: second.prevToken });
    assert.deepEqual(numbersOf(back), numbersOf(first));
    assert.equal(back.prevToken, undefined);
    assert.equal(back.more, 'Y');

    const walked = await lookupAll(sb, small);
    assert.deepEqual(walked.map((c) => c.customerNumber), all, 'following nextToken visits every match once, in order');
  });

  it('when a customer is added between two pages, then the next page still starts after the last record seen', async () => {
    const { prefix, body, all } = await prefixWithSeveral();
    const small = { ...body, numberOfRecords: 2 };
    const first = await lookup(sb, small);
    assert.deepEqual(numbersOf(first), all.slice(0, 2));

    const newcomer = await addCustomer(sb, { lastName: `${prefix}AAAA`, firstName: 'PRIMERO' });
    const fresh = await lookup(sb, small);
    assert.equal(numbersOf(fresh)[0], newcomer, 'the newcomer sorts before the page boundary');

    const second = await lookup(sb, { ...small, serviceFunctionCode: 'N', startToken: first.nextToken });
    assert.deepEqual(numbersOf(second), all.slice(2, 4), 'the boundary stayed put');
    assert.equal(numbersOf(second).includes(newcomer), false);
  });
});

describe('POST /customer/lookup tolerant matching (fuzzy switch 0)', () => {
  const sb = startSandbox();
  const byName = (lastBusinessName: string, extra: Body = {}) => lookup(sb, { primarySearchData: { lastBusinessName }, ...extra });

  it('when a name is typed without accents, in another case or with other spacing and dashes, then the customer is found', async () => {
    const added = await addCustomer(sb, { lastName: 'De la Peña-Ñúñez', firstName: 'José' });
    for (const typed of ['DE LA PEÑA-ÑÚÑEZ', 'de la pena nunez', 'DELAPENANUNEZ', '  De   la Peña Núñez ']) {
      assert.deepEqual(numbersOf(await byName(typed)), [added], typed);
    }
  });

  it('when a last name is misspelled by a letter or two, then the customer is still found; a different name does not find it', async () => {
    const added = await addCustomer(sb, { lastName: 'QUINTANILLA ZUBIRÍA', firstName: 'ANA' });
    for (const typo of ['QUINTANILA ZUBIRIA', 'qintanilla zubiria', 'QUINTANILLA SUBIRIA', 'QUINTANIYA ZUBIRIA']) {
      assert.ok(numbersOf(await byName(typo)).includes(added), typo);
    }
    assert.equal(numbersOf(await byName('QUINTERO ZUBIRIA')).includes(added), false);
  });

  it('when a short name sounds the same but is spelled two letters off, then it is found through its sound', async () => {
    const added = await addCustomer(sb, { lastName: 'CASTILLO', firstName: 'RAMIRO' });
    // CASTIYO is two edits from CASTILLO, more than a 7-letter name may carry, but both sound "KST".
    assert.ok(numbersOf(await byName('castiyo')).includes(added));
    assert.equal(numbersOf(await byName('CASTIYO', { lastNameFuzzySwitch: 1 })).includes(added), false, 'begins with is not tolerant');
  });

  it('when names match exactly, by whole words and by spelling, then they come in that order, each rank in name order', async () => {
    const near = await addCustomer(sb, { lastName: 'MONTESDEOCA ZAPIAYN', firstName: 'LUIS' });
    const inside = await addCustomer(sb, { lastName: 'ALBA MONTESDEOCA ZAPIAIN', firstName: 'LUIS' });
    const exact = await addCustomer(sb, { lastName: 'MONTESDEOCA ZAPIAIN', firstName: 'LUIS' });
    // ALBA... sorts first by name, yet the whole name outranks it, and it outranks the misspelling.
    assert.deepEqual(numbersOf(await byName('montesdeoca zapiain')), [exact, inside, near]);
    assert.deepEqual(numbersOf(await byName('MONTESDEOCA ZAPIAEN')), [inside, exact, near], 'all three a letter off: name order');
  });

  it('when an identification number or a phone has one wrong or missing digit, then the customer is found; three wrong digits do not', async () => {
    const added = await addCustomer(sb, {
      lastName: 'DIGITOS ERRADOS', firstName: 'EVA', identificationNumber: '77001122334', identificationNumberFlag: 2, homePhoneNumber: '351-987-6543',
    });
    const find = (primarySearchData: Body) => lookup(sb, { primarySearchData }).then(numbersOf);
    assert.ok((await find({ identifier: '77001122335' })).includes(added), 'one digit wrong');
    assert.ok((await find({ identifier: '7700112234' })).includes(added), 'one digit missing');
    assert.ok((await find({ phoneNumber: '(351) 987-6540' })).includes(added), 'phone with one digit wrong');
    assert.equal((await find({ identifier: '77001122000' })).includes(added), false);
  });

  it('when an optional first name is misspelled, then it still narrows to the customer', async () => {
    const added = await addCustomer(sb, { lastName: 'FILTRO TOLERANTE', firstName: 'GUILLERMINA' });
    const page = await byName('FILTRO TOLERANTE', { optionalSearchData: { firstName: 'guilermina' }, optionalDataMatch: 1 });
    assert.deepEqual(numbersOf(page), [added]);
    const other = await byName('FILTRO TOLERANTE', { optionalSearchData: { firstName: 'ROSARIO' }, optionalDataMatch: 1 });
    assert.deepEqual(numbersOf(other), []);
  });
});

describe('POST /customer/lookup whole words and ranks (fuzzy switch 0)', () => {
  const sb = startSandbox();
  const byName = async (lastBusinessName: string, extra: Body = {}) =>
    numbersOf(await lookup(sb, { primarySearchData: { lastBusinessName }, ...extra }));

  it('when the last name is one word of a compound surname, then switch 0 finds both orders', async () => {
    const longer = await addCustomer(sb, { lastName: 'ARRIZABALAGAGOITIA ZABALA', firstName: 'ANA' });
    const first = await addCustomer(sb, { lastName: 'ARRIZABALAGA LÓPEZ', firstName: 'ANA' });
    const second = await addCustomer(sb, { lastName: 'López Arrizabalaga', firstName: 'ANA' });
    assert.deepEqual(await byName('ARRIZABALAGA', { lastNameFuzzySwitch: 1 }), [longer, first], 'begins with finds one order only');
    assert.deepEqual(await byName('ARRIZABALAGA', { lastNameFuzzySwitch: 3 }), [second], 'ends with finds the other');
    // Both orders hold the word; a name that only begins with it comes after them.
    assert.deepEqual(await byName('arrizabalaga'), [first, second, longer]);
  });

  it('when the last name is several words, then switch 0 finds them in a row inside longer names, after the whole name', async () => {
    const inside = await addCustomer(sb, { lastName: 'DE ZUBIZARRETA ORTUZAR', firstName: 'EVA' });
    const whole = await addCustomer(sb, { lastName: 'ZUBIZARRETA ORTÚZAR', firstName: 'EVA' });
    const apart = await addCustomer(sb, { lastName: 'ZUBIZARRETA DE ORTUZAR', firstName: 'EVA' });
    const reversed = await addCustomer(sb, { lastName: 'ORTUZAR ZUBIZARRETA', firstName: 'EVA' });
    const found = await byName('Zubizarreta Ortuzar');
    // Split by a word, the name is no longer the words in a row, but it is two letters from the typed one.
    assert.deepEqual(found, [whole, inside, apart]);
    assert.equal(found.includes(reversed), false, 'the words in the order typed');
  });

  it('when a name is misspelt or sounds the same, then switch 0 finds it inside compound surnames too', async () => {
    const added = await addCustomer(sb, { lastName: 'GOICOECHEA URQUIJO', firstName: 'LEIRE' });
    assert.deepEqual(await byName('GOICOECHEA'), [added]);
    assert.deepEqual(await byName('goikoechea'), [added], 'one letter off');
    assert.deepEqual(await byName('URKIJO'), [added], 'sounds the same');
    assert.deepEqual(await byName('GOICOECHEA URKIJO'), [added], 'each word close to the one typed');
    assert.equal((await byName('ECHEA')).includes(added), false, 'the inside of a word is neither a word nor either end of the name');
  });

  it('when owner and co-owner match at different ranks, then the customer is listed once, at the better rank, showing that party', async () => {
    const data = expectOk(
      await sb.post('/customer', {
        customerData: {
          customerKeyData: { organizationNumber: 970 },
          ownerCoOwnerData: {
            ownerData: { lastName: 'OYARZABALL', firstName: 'IKER' },
            coOwnerData: { lastName: 'OYARZABAL', firstName: 'MIREN' },
          },
        },
      }),
      201,
    );
    const other = await addCustomer(sb, { lastName: 'OYARZABAL ETXEBERRIA', firstName: 'JON' }, 970);
    const page = await lookup(sb, { primarySearchData: { lastBusinessName: 'OYARZABAL' } });
    assert.deepEqual(numbersOf(page), [data.customerNumber, other]);
    assert.equal(page.customers[0].firstName, 'MIREN', 'the co-owner holds the name exactly');
  });

  it('when paged 1 to 4 at a time with N and then back with P, then every customer comes once, in rank order', async () => {
    const names: [string, string][] = [
      ['ECHEBARRIETA', 'ANA'], ['ECHEBARRIETA', 'BEA'], // the whole name
      ['ALDAY ECHEBARRIETA', 'CRUZ'], ['ECHEBARRIETA GOIRI', 'DANI'], // the word
      ['ECHEBARIETA', 'EDER'], ['ECHEVARRIETA URIA', 'FIDEL'], // a letter off
    ];
    const added: string[] = [];
    for (const [lastName, firstName] of names) added.push(await addCustomer(sb, { lastName, firstName }, 970));
    const body = { primarySearchData: { lastBusinessName: 'echebarrieta' }, organizationNumber: 970 };
    assert.deepEqual(await byName('echebarrieta', { organizationNumber: 970 }), added);

    for (const size of [1, 2, 3, 4]) {
      const sized = { ...body, numberOfRecords: size };
      const forward = (await lookupAll(sb, sized)).map((c) => c.customerNumber);
      assert.deepEqual(forward, added, `N, ${size} a page`);

      // To the last page, then back to the first with P: the same pages in reverse.
      let page = await lookup(sb, sized);
      const pages = [numbersOf(page)];
      while (page.more === 'Y') pages.push(numbersOf((page = await lookup(sb, { ...sized, serviceFunctionCode: 'N', startToken: page.nextToken }))));
      const back: string[][] = [];
      while (page.prevToken) back.unshift(numbersOf((page = await lookup(sb, { ...sized, serviceFunctionCode: 'P', startToken: page.prevToken }))));
      assert.deepEqual(back, pages.slice(0, -1), `P, ${size} a page`);
    }
  });

  it('when the fixtures name common seeded surnames, then switch 0 finds their holders and everything switches 1 and 3 find', async () => {
    const { lookupSurnames: named } = expectOk(await sb.get('/sandbox/fixtures'));
    const common: { word: string; customers: number }[] = named.words;
    assert.equal(common.length, 3, `three common words in: ${JSON.stringify(named)}`);
    const search = (word: string, lastNameFuzzySwitch: number) =>
      lookupAll(sb, { primarySearchData: { lastBusinessName: word }, lastNameFuzzySwitch, organizationNumber: named.organizationNumber });

    for (const { word, customers: n } of common) {
      const any = await search(word, 0);
      const holders = any.filter((c) => fold(c.lastName).split(/[\s-]+/).includes(word));
      assert.equal(holders.length, n, `${word}: ${n} customers hold it as a word`);
      assert.deepEqual(any.slice(0, n), holders, `${word}: its holders first`);
      for (const fuzzy of [1, 3]) {
        const narrower = numbersOf({ customers: await search(word, fuzzy) } as Page);
        assert.ok(narrower.length > 0, `${word} with switch ${fuzzy} finds someone`);
        const missing = narrower.filter((c) => !numbersOf({ customers: any } as Page).includes(c));
        assert.deepEqual(missing, [], `${word}: switch 0 finds what switch ${fuzzy} finds`);
      }
    }
    // The whole compound surname named is its customer's, and finds it among the first.
    const { compound } = named;
    assert.ok(fold(compound.lastName).includes(' '), 'a compound surname');
    const whole = await lookup(sb, { primarySearchData: { lastBusinessName: compound.lastName } });
    assert.ok(numbersOf(whole).slice(0, compound.customers).includes(compound.customerNumber), 'among those holding the whole name, who come first');
  });
});

describe('POST /customer/lookup switches, wildcards and optional fields', () => {
  const sb = startSandbox();

  it('when identifierFuzzySwitch is 1 or 3, then identification numbers beginning or ending with the digits are found', async () => {
    const added = await addCustomer(sb, { lastName: 'SWITCH IDENTIDAD', identificationNumber: '55443322110', identificationNumberFlag: 2 });
    const find = (identifier: string, identifierFuzzySwitch: number) =>
      lookup(sb, { primarySearchData: { identifier }, identifierFuzzySwitch, returnDataOption: '1' });
    const begins = await find('554433', 1);
    assert.ok(numbersOf(begins).includes(added));
    for (const c of begins.customers) assert.ok(c.identificationNumber?.replace(/\W/g, '').startsWith('554433'));
    assert.ok(numbersOf(await find('322110', 3)).includes(added));
    assert.equal(numbersOf(await find('322110', 1)).includes(added), false);
  });

  it('when phoneFuzzySwitch is 3, then the last digits of any of the phones find the customer', async () => {
    const added = await addCustomer(sb, { lastName: 'SWITCH TELEFONO', mobilePhoneNumber: '11-5432-9876', mobilePhoneFlag: 1 });
    const page = await lookup(sb, { primarySearchData: { phoneNumber: '32-9876' }, phoneFuzzySwitch: 3, returnDataOption: '1' });
    assert.ok(numbersOf(page).includes(added));
    for (const c of page.customers) {
      assert.ok([c.homePhoneNumber, c.mobilePhoneNumber].some((p) => p?.replace(/\D/g, '').endsWith('329876')) || c.customerNumber !== added);
    }
  });

  it('when a postal code ends with *, or postalFuzzySwitch is 3, then postal codes beginning or ending with it are found', async () => {
    const added = await addCustomer(sb, { lastName: 'SWITCH POSTAL', postalCode: 'Q9321ZZA' });
    assert.ok(numbersOf(await lookup(sb, { primarySearchData: { postalCode: 'q9321*' } })).includes(added));
    assert.ok(numbersOf(await lookup(sb, { primarySearchData: { postalCode: '21ZZA' }, postalFuzzySwitch: 3 })).includes(added));
    assert.equal(numbersOf(await lookup(sb, { primarySearchData: { postalCode: 'Q9321' } })).includes(added), false, 'exact is the whole code');
  });

  it('when the optional first name is *IAN*, *ITA, ends with or begins with, then only the matching first names are found', async () => {
    const fabiana = await addCustomer(sb, { lastName: 'COMODIN PRUEBA', firstName: 'FABIANA' });
    const juanita = await addCustomer(sb, { lastName: 'COMODIN PRUEBA', firstName: 'JUANITA' });
    const search = async (firstName: string, firstNameFuzzySwitch = 0) =>
      numbersOf(await lookup(sb, { primarySearchData: { lastBusinessName: 'COMODIN PRUEBA' }, optionalSearchData: { firstName }, firstNameFuzzySwitch }));
    assert.deepEqual(await search('*IAN*'), [fabiana]);
    assert.deepEqual(await search('*ita'), [juanita]);
    assert.deepEqual(await search('ANA', 3), [fabiana]);
    assert.deepEqual(await search('JUAN', 1), [juanita]);
    assert.deepEqual(await search('JUAN*'), [juanita]);
    assert.deepEqual(await search('JUAN'), [], 'switch 0 is the whole first name, give or take a misspelling');
  });

  it('when each optional field is given on its own with optionalDataMatch 1, then it must match the customer', async () => {
    const party = {
      lastName: 'OPCIONAL CAMPOS', firstName: 'TERESA', middleName: 'INES', title: 'ING', suffix: 'JR',
      countryCode: 'ARG', user14: 'SEGMENTO ORO', user15: 'SUC 999', dateOfBirth: '1980-05-17',
    };
    const added = await addCustomer(sb, party, 970);
    const search = async (optionalSearchData: Body) =>
      numbersOf(await lookup(sb, { primarySearchData: { lastBusinessName: party.lastName }, optionalSearchData, optionalDataMatch: 1 }));
    const wrong: Body = { firstName: 'ROSA', middleName: 'LUZ', title: 'DRA', suffix: 'SR', countryCode: 'MEX', user14: 'PLATINO', user15: 'SUC 001', dateOfBirth: '1980-05-18' };
    for (const field of Object.keys(wrong)) {
      const given = (party as Record<string, string>)[field];
      assert.deepEqual(await search({ [field]: given.toLowerCase() }), [added], `${field} ${given}`);
      assert.deepEqual(await search({ [field]: wrong[field] }), [], `${field} ${wrong[field]}`);
    }
  });

  it('when the co-owner is named in LAST,FIRST, then the customer is listed once, showing the co-owner', async () => {
    const fixture = await sb.fixture('co-owner');
    const read = expectOk(await sb.post('/customer/demographicData', { customerAccountCardNumber: fixture.customerNumber, numberType: 1, organizationNumber: fixture.organizationNumber }));
    const [owner, coOwner] = [1, 2].map((seq) => read.nameAddrData.find((r: { sequence: number }) => r.sequence === seq));
    assert.ok(coOwner?.firstName && owner?.firstName && coOwner.firstName !== owner.firstName);

    const byCoOwner = await lookup(sb, { primarySearchData: { lastBusinessName: `${coOwner.lastName},${plain(coOwner.firstName)}` } });
    const hits = byCoOwner.customers.filter((c) => c.customerNumber === fixture.customerNumber);
    assert.equal(hits.length, 1);
    assert.equal(hits[0].firstName, coOwner.firstName);

    const byName = await lookup(sb, { primarySearchData: { lastBusinessName: owner.lastName } });
    const once = byName.customers.filter((c) => c.customerNumber === fixture.customerNumber);
    assert.equal(once.length, 1, 'owner and co-owner share the name: the customer is listed once');
    assert.equal(once[0].firstName, owner.firstName, 'showing the owner');
  });

  it('when the same search is sent twice, then the same customers come back in name order', async () => {
    const body = { primarySearchData: { lastBusinessName: 'MA*' }, numberOfRecords: 30 };
    const one = await lookup(sb, body);
    const two = await lookup(sb, body);
    assert.deepEqual(numbersOf(one), numbersOf(two));
    const names = one.customers.map((c) => fold(c.lastName).replace(/[^A-Z0-9]/g, ''));
    assert.deepEqual(names, [...names].sort(), 'ordered by last name');
  });

  it('when numberOfRecords is 0, then 400 VPL5SZL03S', async () => {
    expectError(await sb.post('/customer/lookup', { numberOfRecords: 0, primarySearchData: { lastBusinessName: 'SMITH' } }), 400, 'VPL5SZL03S');
  });
});

describe('POST /customer/lookup drill down (fuzzy switch 2)', () => {
  const sb = startSandbox();
  const people: Record<string, string> = {};

  it('when switch 2 is sent without a start token, then it means begins with', async () => {
    people.ana = await addCustomer(sb, { lastName: 'QXALFA ROJO', firstName: 'ANA' }, 970);
    people.bea = await addCustomer(sb, { lastName: 'QXALFA ROSSI', firstName: 'BEA' }, 970);
    people.carla = await addCustomer(sb, { lastName: 'QXBETA RUIZ', firstName: 'CARLA' }, 970);
    people.diego = await addCustomer(sb, { lastName: 'QXALFA ROJO', firstName: 'DIEGO' }, 807);
    const page = await lookup(sb, { primarySearchData: { lastBusinessName: 'qx' }, lastNameFuzzySwitch: 2 });
    assert.deepEqual(numbersOf(page), [people.ana, people.diego, people.bea, people.carla]);
  });

  it('when switch 2 comes with the nextToken of an earlier answer, then only that answer\'s customers are searched', async () => {
    const first = await lookup(sb, { primarySearchData: { lastBusinessName: 'QXALFA' }, lastNameFuzzySwitch: 2, organizationNumber: 970 });
    assert.deepEqual(numbersOf(first), [people.ana, people.bea]);
    assert.equal(first.more, 'N');
    assert.ok(first.nextToken, 'a page with customers always carries a token to drill down from');

    const wider = await lookup(sb, { primarySearchData: { lastBusinessName: 'QX' }, lastNameFuzzySwitch: 2, startToken: first.nextToken });
    assert.deepEqual(numbersOf(wider), [people.ana, people.bea], 'QX alone finds four; within the earlier answer, two');

    const narrower = await lookup(sb, {
      primarySearchData: { lastBusinessName: 'QXALFA ROS' }, lastNameFuzzySwitch: 2, startToken: wider.nextToken,
    });
    assert.deepEqual(numbersOf(narrower), [people.bea]);

    const emptied = await lookup(sb, { primarySearchData: { lastBusinessName: 'QXBETA' }, lastNameFuzzySwitch: 2, startToken: narrower.nextToken });
    assert.deepEqual(numbersOf(emptied), [], 'CARLA was never in the earlier answers');
  });

  it('when a drill down answer is paged with N, then the next page stays within the earlier answer', async () => {
    const first = await lookup(sb, { primarySearchData: { lastBusinessName: 'QXALFA' }, lastNameFuzzySwitch: 2, organizationNumber: 970 });
    const drill = { primarySearchData: { lastBusinessName: 'QX' }, lastNameFuzzySwitch: 2, numberOfRecords: 1 };
    const one = await lookup(sb, { ...drill, startToken: first.nextToken });
    assert.deepEqual(numbersOf(one), [people.ana]);
    assert.equal(one.more, 'Y');
    const two = await lookup(sb, { ...drill, serviceFunctionCode: 'N', startToken: one.nextToken });
    assert.deepEqual(numbersOf(two), [people.bea]);
    assert.equal(two.more, 'N', 'DIEGO (807) and CARLA are outside the earlier answer');
    const back = await lookup(sb, { ...drill, serviceFunctionCode: 'P', startToken: two.prevToken });
    assert.deepEqual(numbersOf(back), [people.ana]);
  });

  it('when the start token was not issued by the sandbox, then switch 2 is a plain begins-with search', async () => {
    const page = await lookup(sb, { primarySearchData: { lastBusinessName: 'QX' }, lastNameFuzzySwitch: 2, startToken: 'string' });
    assert.equal(page.customers.length, 4);
  });

  it('when drill downs are stacked more than eight deep, then 400 SBX400L', async () => {
    let token = (await lookup(sb, { primarySearchData: { lastBusinessName: 'QX' }, lastNameFuzzySwitch: 2 })).nextToken;
    const drill = (startToken?: string) => sb.post('/customer/lookup', { numberOfRecords: 50, primarySearchData: { lastBusinessName: 'QX' }, lastNameFuzzySwitch: 2, startToken });
    for (let depth = 1; depth <= 8; depth++) {
      const page = expectOk(await drill(token)) as Page;
      assert.equal(page.customers.length, 4, `depth ${depth}`);
      token = page.nextToken;
    }
    expectError(await drill(token), 400, 'SBX400L');
  });
});

describe('POST /customer/lookup paging across changes, and customer numbers as start tokens', () => {
  const sb = startSandbox();

  /** Five customers added under one unusual prefix, in name order, and a 2-a-page search over them. */
  async function fivePeople(prefix: string) {
    const numbers: string[] = [];
    for (const first of ['B', 'D', 'F', 'H', 'J']) numbers.push(await addCustomer(sb, { lastName: `${prefix}${first} PAGINA`, firstName: 'UNO' }));
    return { numbers, body: { numberOfRecords: 2, primarySearchData: { lastBusinessName: `${prefix}*` } } };
  }

  it('when a customer is added before the page and P is sent, then the earlier page comes back and says more come before it', async () => {
    const { numbers, body } = await fivePeople('PQA');
    const first = await lookup(sb, body);
    const second = await lookup(sb, { ...body, serviceFunctionCode: 'N', startToken: first.nextToken });
    assert.deepEqual(numbersOf(second), numbers.slice(2, 4));

    const newcomer = await addCustomer(sb, { lastName: 'PQAA PAGINA', firstName: 'CERO' });
    const back = await lookup(sb, { ...body, serviceFunctionCode: 'P', startToken: second.prevToken });
    assert.deepEqual(numbersOf(back), numbers.slice(0, 2), 'the page before the boundary is the same two customers');
    assert.ok(back.prevToken, 'the newcomer now stands before them');
    const front = await lookup(sb, { ...body, serviceFunctionCode: 'P', startToken: back.prevToken });
    assert.deepEqual(numbersOf(front), [newcomer]);
    assert.equal(front.prevToken, undefined);
    assert.equal(front.more, 'Y');
  });

  it('when the customer at a page boundary is renamed away, then N from its token still gives the customers after it', async () => {
    const { numbers, body } = await fivePeople('PQB');
    const first = await lookup(sb, body);
    const boundary = numbers[1];
    expectOk(await sb.put('/customer', { customerNumber: boundary, numberType: 1, organizationNumber: 970, demographicDataIndicator: 1, lastName: 'ZZ RENOMBRADO' }));
    const second = await lookup(sb, { ...body, serviceFunctionCode: 'N', startToken: first.nextToken });
    assert.deepEqual(numbersOf(second), numbers.slice(2, 4));
    const all = await lookup(sb, { ...body, numberOfRecords: 50 });
    assert.equal(numbersOf(all).includes(boundary), false, 'the renamed customer left the answer');
  });

  it('when a customer number is sent as the start token, then N starts after that customer and P ends before it', async () => {
    const { numbers, body } = await fivePeople('PQC');
    const after = await lookup(sb, { ...body, serviceFunctionCode: 'N', startToken: numbers[1] });
    assert.deepEqual(numbersOf(after), numbers.slice(2, 4));
    const before = await lookup(sb, { ...body, serviceFunctionCode: 'P', startToken: numbers[3] });
    assert.deepEqual(numbersOf(before), numbers.slice(1, 3));
    const unknown = await lookup(sb, { ...body, serviceFunctionCode: 'N', startToken: '4597999999999999999' });
    assert.deepEqual(numbersOf(unknown), numbers.slice(0, 2), 'a customer number nobody has starts a new search');
  });

  for (const [when, startToken, code] of [
    ['a customer number of 20 digits', '45970000000000000001', 'VPL5SZL27S'],
    ['a customer number holding *', '4597000000*', 'VPL5SZL29S'],
  ] as const) {
    it(`when the start token is ${when}, then 400 ${code}`, async () => {
      const body = { numberOfRecords: 10, primarySearchData: { lastBusinessName: 'SMITH' }, serviceFunctionCode: 'N', startToken };
      expectError(await sb.post('/customer/lookup', body), 400, code);
    });
  }

  it('when a last name, phone and postal code are updated, then lookup finds the customer by the new values and not by the old ones', async () => {
    const added = await addCustomer(sb, { lastName: 'ANTIGUO APELLIDO', homePhoneNumber: '261-555-0101', postalCode: 'M5500AAA' }, 970);
    expectOk(
      await sb.put('/customer', {
        customerNumber: added, numberType: 1, organizationNumber: 970, demographicDataIndicator: 1,
        lastName: 'RECIENTE NOMBRADO', homePhoneNumber: '261-777-0202', postalCode: 'M5501BBB',
      }),
    );
    const find = async (primarySearchData: Body) => numbersOf(await lookup(sb, { primarySearchData }));
    assert.ok((await find({ lastBusinessName: 'RECIENTE NOMBRADO' })).includes(added));
    assert.ok((await find({ phoneNumber: '2617770202' })).includes(added));
    assert.ok((await find({ postalCode: 'M5501BBB' })).includes(added));
    assert.equal((await find({ lastBusinessName: 'ANTIGUO APELLIDO' })).includes(added), false);
    assert.equal((await find({ phoneNumber: '261-555-0101' })).includes(added), false);
    assert.equal((await find({ postalCode: 'M5500AAA' })).includes(added), false);
  });
});
