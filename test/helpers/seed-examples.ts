// The portal's example bodies (fixtures/portal-examples.md) with their {{placeholders}}, and small
// request helpers. Tests send the bodies as JSON text so bare numbers travel exactly as a portal
// user would paste them.
import { readFileSync } from 'node:fs';
import { expectOk, type startSandbox } from './sandbox.js';

/** The ```json blocks of fixtures/portal-examples.md, in the guide's order. */
export function portalExamples(): string[] {
  const doc = readFileSync(new URL('../../fixtures/portal-examples.md', import.meta.url), 'utf8');
  return [...doc.matchAll(/```json\r?\n([\s\S]*?)```/g)].map((m) => m[1]);
}

export type Sandbox = ReturnType<typeof startSandbox>;

const blocks = portalExamples();
/** POST /customer, "New Customer (customer/add)". */
export const SEED_ADD_BODY = blocks[0];
/** PUT /customer, "Update Customer (customer/)". */
export const SEED_UPDATE_BODY = blocks[1];
/** POST /customer/demographicData, "Inquire Demographic Data". */
export const SEED_DEMOGRAPHIC_BODY = blocks[5];

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

/** Every details-l8v4 row of a customer, following nextToken page after page. */
export async function allCardRows<Row = Record<string, any>>(sb: Sandbox, customerNumber: string, organizationNumber: number): Promise<Row[]> {
  const rows: Row[] = [];
  let page = expectOk(await sb.post('/customer/details-l8v4', { customerNumber, organizationNumber, functionCode: '' }));
  rows.push(...page.accountTable);
  while (page.more === 'Y') {
    page = expectOk(await sb.post('/customer/details-l8v4', { customerNumber, organizationNumber, functionCode: 'N', startItem: page.nextToken }));
    rows.push(...page.accountTable);
  }
  return rows;
}
