// The "Partner journey" folder: one customer's life through the nine operations, in order, each
// request taking its numbers from the answers before it through collection variables.
//
// Identifiers travel as strings: answers carry them as strings (pm.response.json() keeps all 19
// digits) and bodies quote them ("{{customerNumber}}"), because a bare number beyond 2^53 would be
// rounded by any JSON.parse on the way. Every run adds a new customer with a new last name and a
// new account, so the folder can run again and again against the same sandbox.

export interface JourneyStep {
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  /** Path segments after {{baseUrl}}; may hold {{variables}}. */
  path: string[];
  /** Raw JSON body with {{variables}}; identifiers quoted. */
  body?: string;
  /** The step's pm.test script. */
  test: string;
}

/** Checks every step makes of the envelope before its own. */
const envelope = (status: number) => `
const answer = pm.response.json();
pm.test('answers ${status} with no errors', function () {
  pm.response.to.have.status(${status});
  pm.expect(answer.hasError).to.equal(false);
  pm.expect(answer.errors).to.eql([]);
});
const data = answer.data;
`;

// Organization numbers are integers in the contract, so their variables go into bodies unquoted.
const NUMERIC_VARIABLES = /"(\{\{(?:orgid|corporateOrganization)\}\})"/g;
const json = (value: unknown) => JSON.stringify(value, null, 2).replace(NUMERIC_VARIABLES, '$1');

// The address the customer is added with, and the one it moves to.
const FIRST_ADDRESS = { houseAddress1: 'AV SANTA FE 1000', city: 'BUENOS AIRES', state: 'BA', postalCode: 'C1059ABP' };
const NEW_ADDRESS = { houseAddress1: 'AV CORRIENTES 1234', city: 'CORDOBA', state: 'CB', postalCode: 'X5000ABC' };

export const JOURNEY_STEPS: JourneyStep[] = [
  {
    name: 'Start: read the fixtures and pick this run\'s names',
    method: 'GET',
    path: ['sandbox', 'fixtures'],
    test: `${envelope(200)}
const org = Number(pm.variables.get('orgid'));
const corporate = data.fixtures.find(function (f) { return f.name === 'corporate-relationship'; });
const organization = data.organizations.find(function (o) { return o.organizationNumber === org; });
pm.test('the tenant has organization ' + org + ' and the corporate fixture', function () {
  pm.expect(organization, 'organization ' + org).to.be.an('object');
  pm.expect(corporate, 'corporate-relationship fixture').to.be.an('object');
});
const creditLogo = organization.logos.find(function (l) { return l.productType === 'credit'; });

// A last name no earlier run used, so the lookup finds this run's customer alone.
const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
let suffix = '';
for (let i = 0; i < 8; i++) suffix += letters[Math.floor(Math.random() * letters.length)];

// An account number the sandbox does not know yet (16 digits, Luhn-valid), so add opens a new account.
let digits = '8' + String(org).padStart(3, '0') + '9';
while (digits.length < 15) digits += String(Math.floor(Math.random() * 10));
let sum = 0;
for (let i = 0; i < digits.length; i++) {
  let d = Number(digits[digits.length - 1 - i]);
  if (i % 2 === 0) { d *= 2; if (d > 9) d -= 9; }
  sum += d;
}
const accountNumber = digits + String((10 - (sum % 10)) % 10);

pm.collectionVariables.set('journeyLastName', 'Journey' + suffix);
pm.collectionVariables.set('journeyAccountNumber', accountNumber);
pm.collectionVariables.set('journeyLogo', String(creditLogo.logo));
pm.collectionVariables.set('corporateCustomerNumber', corporate.customerNumber);
pm.collectionVariables.set('corporateOrganization', String(corporate.organizationNumber));
pm.collectionVariables.set('corporateRelationshipNumber', corporate.relationshipNumber);
`,
  },
  {
    name: 'Add a customer (POST /customer)',
    method: 'POST',
    path: ['customer'],
    body: json({
      customerData: {
        customerKeyData: { organizationNumber: '{{orgid}}', accountNumber: '{{journeyAccountNumber}}', coOwnerIndicator: 1, dualFlag: 0 },
        ownerCoOwnerData: {
          ownerData: {
            firstName: 'Ana',
            lastName: '{{journeyLastName}}',
            dateOfBirth: '1990-04-12',
            homePhoneNumber: '011-4555-0100',
            ...FIRST_ADDRESS,
            countryCode: 'ARG',
          },
          coOwnerData: {},
        },
      },
    }),
    test: `${envelope(201)}
pm.test('the sandbox generated a 19-digit customer number and linked the new account', function () {
  pm.expect(data.customerNumber).to.be.a('string').and.match(/^[0-9]{19}$/);
  pm.expect(data.accountNumber).to.equal(pm.collectionVariables.get('journeyAccountNumber'));
  pm.expect(data.organizationNumber).to.equal(Number(pm.variables.get('orgid')));
});
pm.collectionVariables.set('customerNumber', data.customerNumber);
`,
  },
  {
    name: 'Read its demographic data (POST /customer/demographicData)',
    method: 'POST',
    path: ['customer', 'demographicData'],
    body: json({ customerAccountCardNumber: '{{customerNumber}}', numberType: 1, organizationNumber: '{{orgid}}' }),
    test: `${envelope(200)}
const owner = data.nameAddrData[0];
pm.test('it shows the customer as added', function () {
  pm.expect(data.customerNumber).to.equal(pm.collectionVariables.get('customerNumber'));
  pm.expect(owner.lastName).to.equal(pm.collectionVariables.get('journeyLastName'));
  pm.expect(owner.firstName).to.equal('Ana');
  pm.expect(owner.dateOfBirth).to.equal('1990-04-12');
  pm.expect(owner.nameAddressData.houseAddress1).to.equal('${FIRST_ADDRESS.houseAddress1}');
});
`,
  },
  {
    name: 'Move it to a new address (PUT /customer)',
    method: 'PUT',
    path: ['customer'],
    body: json({
      customerNumber: '{{customerNumber}}',
      numberType: 1,
      organizationNumber: '{{orgid}}',
      demographicDataIndicator: 1,
      ...NEW_ADDRESS,
    }),
    test: `${envelope(200)}
pm.test('it answers the updated customer', function () {
  pm.expect(data.outputArea.customerNumber).to.equal(pm.collectionVariables.get('customerNumber'));
});
`,
  },
  {
    name: 'Read current and prior addresses (GET /customer/{number}/current-prior-address)',
    method: 'GET',
    path: ['customer', '{{customerNumber}}', 'current-prior-address'],
    test: `${envelope(200)}
const current = data.customerData.nameAddressTable[0];
const prior = data.customerData.priorMailerData.priorMailer[0];
pm.test('the new address is current', function () {
  pm.expect(current.addressData.addressLine1).to.equal('${NEW_ADDRESS.houseAddress1}');
  pm.expect(current.addressData.city).to.equal('${NEW_ADDRESS.city}');
});
pm.test('the address it was added with is now the prior address', function () {
  pm.expect(data.customerData.priorMailerData.priorMailerFieldsOccurrences).to.equal(1);
  pm.expect(prior.pmAddressLine1).to.equal('${FIRST_ADDRESS.houseAddress1}');
  pm.expect(prior.pmCity).to.equal('${FIRST_ADDRESS.city}');
});
`,
  },
  {
    name: 'Find it by last name (POST /customer/lookup)',
    method: 'POST',
    path: ['customer', 'lookup'],
    body: json({ numberOfRecords: 10, primarySearchData: { lastBusinessName: '{{journeyLastName}}' }, requestOptionData: { lastNameOption: 1 } }),
    test: `${envelope(200)}
pm.test('the new customer is the one match', function () {
  pm.expect(data.customers.map(function (c) { return c.customerNumber; })).to.eql([pm.collectionVariables.get('customerNumber')]);
  pm.expect(data.customers[0].lastName).to.equal(pm.collectionVariables.get('journeyLastName'));
});
`,
  },
  {
    name: 'List its accounts (POST /customer/accountNumber)',
    method: 'POST',
    path: ['customer', 'accountNumber'],
    body: json({ customerNumber: '{{customerNumber}}', organizationNumber: '{{orgid}}', functionCode: '' }),
    test: `${envelope(200)}
pm.test('the account opened by add is its own account', function () {
  pm.expect(data.acctTable.map(function (a) { return [a.accountNumber, a.associationType]; }))
    .to.eql([[pm.collectionVariables.get('journeyAccountNumber'), 0]]);
});
`,
  },
  {
    name: 'List its cards (POST /customer/details-l8v4)',
    method: 'POST',
    path: ['customer', 'details-l8v4'],
    body: json({ customerNumber: '{{customerNumber}}', organizationNumber: '{{orgid}}', functionCode: '' }),
    test: `${envelope(200)}
pm.test('the new account came with a first card', function () {
  pm.expect(data.customerNumber).to.equal(pm.collectionVariables.get('customerNumber'));
  pm.expect(data.accountTable).to.have.lengthOf(1);
  pm.expect(data.accountTable[0].accountNumber).to.equal(pm.collectionVariables.get('journeyAccountNumber'));
  pm.expect(data.accountTable[0].cardNumber).to.match(/^[0-9]{16}$/);
  pm.expect(data.accountTable[0].accountShortName).to.equal(pm.collectionVariables.get('journeyLastName'));
});
pm.collectionVariables.set('cardNumber', data.accountTable[0].cardNumber);
`,
  },
  {
    name: 'List its relationship numbers (POST /customer/relationshipNumber)',
    method: 'POST',
    path: ['customer', 'relationshipNumber'],
    body: json({ customerNumber: '{{customerNumber}}', organizationNumber: '{{orgid}}', functionCode: '' }),
    test: `${envelope(200)}
pm.test('a new retail customer has no relationship yet', function () {
  pm.expect(data.numberOfOccurrences).to.equal(0);
  pm.expect(data.relationshipTable).to.eql([]);
});
`,
  },
  {
    name: 'List the corporate fixture\'s relationship numbers (POST /customer/relationshipNumber)',
    method: 'POST',
    path: ['customer', 'relationshipNumber'],
    body: json({ customerNumber: '{{corporateCustomerNumber}}', organizationNumber: '{{corporateOrganization}}', functionCode: '' }),
    test: `${envelope(200)}
pm.test('the corporate customer owns its relationship, over many accounts', function () {
  const relationship = data.relationshipTable[0];
  pm.expect(relationship.relationshipNumber).to.equal(pm.collectionVariables.get('corporateRelationshipNumber'));
  pm.expect(relationship.relationshipCustomerNumber).to.equal(pm.collectionVariables.get('corporateCustomerNumber'));
  pm.expect(relationship.numberOfAccounts).to.be.above(20);
});
`,
  },
  {
    name: 'Reserve numbers (POST /customer/generation)',
    method: 'POST',
    path: ['customer', 'generation'],
    body: json({
      organizationNumber: '{{orgid}}',
      logo: '{{journeyLogo}}',
      customerNumbersRequested: 2,
      accountNumbersRequested: 2,
      embosserNumbersRequested: 2,
      relationshipNumbersRequested: 1,
    }),
    test: `${envelope(200)}
const customers = data.customerData.map(function (c) { return c.customerNumber; });
pm.test('it reserves the numbers asked for, as strings', function () {
  pm.expect(customers).to.have.lengthOf(2);
  pm.expect(data.accountData).to.have.lengthOf(2);
  pm.expect(data.cardData).to.have.lengthOf(2);
  pm.expect(data.relationshipData).to.have.lengthOf(1);
  customers.forEach(function (n) { pm.expect(n).to.be.a('string').and.match(/^[0-9]{19}$/); });
});
pm.test('no reserved number is one already handed out', function () {
  pm.expect(customers).to.not.include(pm.collectionVariables.get('customerNumber'));
  pm.expect(data.cardData.map(function (c) { return c.cardNumber; })).to.not.include(pm.collectionVariables.get('cardNumber'));
});
`,
  },
];
