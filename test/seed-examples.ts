// The seed document's example bodies (shared/reference/seed-customer-management.md), copied
// character for character, with its {{placeholders}}. Tests send them as JSON text so bare numbers
// travel exactly as a portal user would paste them.
import type { startSandbox } from './helpers/sandbox.js';

export type Sandbox = ReturnType<typeof startSandbox>;

/** POST /customer, "New Customer (customer/add)". */
export const SEED_ADD_BODY = `{
  "customerData": {
    "customerKeyData": {
      "accountNumber": {{accountNumber}},
      "coOwnerIndicator": 1,
      "dualFlag": 0
    },
    "customerMiscellaneousData": {
      "vipStatus": 1
    },
    "ownerCoOwnerData": {
      "coOwnerData": {},
      "ownerData": {
        "city": "BUENOS AIRES",
        "contactIndicator": 12,
        "countryCode": "ARG",
        "county": "CABA",
        "dateOfBirth": "2010-09-11",
        "demographic1": "USER DEMO 1",
        "demographic2": "USER DEMO 2",
        "demographic3": "USER DEMO 3",
        "driverLicenseCountry": "",
        "driverLicenseNumber": "123421",
        "driverLicenseState": "",
        "email": "ABC.DEF@yahoo.com",
        "emailFlag": 1,
        "employerAddress1": "EMP ADDR L1",
        "employerAddress2": "EMP ADDR L2",
        "employerExtensionPhoneNumber": 123456,
        "employerName": "FISERV",
        "employerPhoneFlag": 1,
        "employerPhoneNumber": "123-456-7890",
        "faxPhoneFlag": 1,
        "firstName": "Pavan",
        "foreignIndicator": "A",
        "genderCode": 1,
        "homeFaxPhoneNumber": "223-456-7890",
        "homePhoneFlag": 1,
        "homePhoneNumber": "123-456-9990",
        "houseAddress1": "OWN ADDR L19",
        "houseAddress2": "OWN ADDR L29",
        "houseAddress3": "OWN ADDR L39",
        "houseAddress4": "OWN ADDR L49",
        "houseName": "Could be apartment's name",
        "houseNumber": 12349,
        "identificationNumber": 123456789,
        "identificationNumberFlag": 2,
        "languageIndicator": "ENG",
        "lastName": "Sivale",
        "mailingList": 1,
        "maritalStatus": 1,
        "memo1": "Memo 1",
        "memo2": "Memo 2",
        "middleName": "",
        "mobilePhoneFlag": 1,
        "mobilePhoneNumber": "323-456-7890",
        "nameLine1": "string",
        "nameLine2": "OWN NAME L2 TEST9",
        "nameLine3": "OWN NAME L3",
        "nameTypeIndicator1": 0,
        "nameTypeIndicator2": 1,
        "nameTypeIndicator3": 1,
        "numberOfDependents": 999,
        "ownOrRentResidenceFlag": 2,
        "position": "CEO",
        "relativeName": "Relative Name",
        "smsFlag": 1,
        "state": "BA",
        "statementMessageIndicator": 1,
        "suffix": "Sr"
      }
    }
  },
  "resvData": {}
}`;

/** PUT /customer, "Update Customer (customer/)". */
export const SEED_UPDATE_BODY = `{
  "carrierRoute": {},
  "city": "",
  "countryCode": "",
  "county": "",
  "customerNumber": "{{customerNumber}}",
  "dateOfBirth": "",
  "demographicDataIndicator": 1,
  "driverLicense": {},
  "email": "",
  "employerPhoneNumber": "",
  "firstName": "",
  "homePhoneNumber": "",
  "houseAddress1": "",
  "houseAddress2": "",
  "lastName": "",
  "mobilePhoneNumber": "",
  "numberType": 1,
  "organizationNumber": {{orgid}},
  "state": ""
}`;

/** POST /customer/demographicData, "Inquire Demographic Data". */
export const SEED_DEMOGRAPHIC_BODY = `{
  "customerAccountCardNumber": "{{customerNumber}}",
  "foreignUseIndicator": 0,
  "numberType": 1,
  "organizationNumber": {{orgid}}
}`;

/** Fills the {{name}} placeholders; every placeholder must be given, so none is sent by mistake. */
export function fill(template: string, values: Record<string, string | number>): string {
  const text = template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no value for {{${name}}}`);
    return String(values[name]);
  });
  JSON.parse(text); // the filled body must still be JSON
  return text;
}

/** The seed's add body linking `accountNumber`, which is written as a bare JSON number. */
export const seedAddBody = (accountNumber: string) => {
  if (!/^\d+$/.test(accountNumber)) throw new Error(`not an account number: ${accountNumber}`);
  return fill(SEED_ADD_BODY, { accountNumber });
};

/** The Luhn check, written out here so the tests do not lean on the sandbox's own. */
export function passesLuhn(pan: string): boolean {
  if (!/^\d{12,19}$/.test(pan)) return false;
  let sum = 0;
  for (let i = 0; i < pan.length; i++) {
    let d = Number(pan[pan.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** POST /customer/demographicData by customer number (numberType 1) in `org`. */
export const demographicByCustomer = (sb: Sandbox, customerNumber: string, org: number) =>
  sb.post('/customer/demographicData', { customerAccountCardNumber: customerNumber, numberType: 1, organizationNumber: org });

/** POST /customer/demographicData by account or card number (numberType 0). */
export const demographicByAccountOrCard = (sb: Sandbox, number: string) =>
  sb.post('/customer/demographicData', { customerAccountCardNumber: number, numberType: 0 });

/** POST /customer/lookup by last name only, every organization of the tenant. */
export const lookupByLastName = (sb: Sandbox, lastName: string) =>
  sb.post('/customer/lookup', {
    numberOfRecords: 50,
    primarySearchData: { lastBusinessName: lastName },
    requestOptionData: { lastNameOption: 1 },
  });

/** POST /customer/lookup by identification number only. */
export const lookupByIdentifier = (sb: Sandbox, identifier: string) =>
  sb.post('/customer/lookup', {
    numberOfRecords: 50,
    primarySearchData: { identifier },
    requestOptionData: { identifierOption: 1 },
  });

/** POST /customer/accountNumber, first page. */
export const accountsOf = (sb: Sandbox, customerNumber: string, org: number) =>
  sb.post('/customer/accountNumber', { customerNumber, organizationNumber: org, functionCode: '' });

/** POST /customer/details-l8v4, first page. */
export const cardsOf = (sb: Sandbox, customerNumber: string, org: number) =>
  sb.post('/customer/details-l8v4', { customerNumber, organizationNumber: org, functionCode: '' });
