// The partner journey: add a customer, read it, move it, find it, list its accounts, cards and
// relationships, reserve numbers and use one. Each step takes its numbers from the answers before
// it, and checks what only a server that keeps state can answer. An answer within the contract that
// misses such an expectation is a stateful gap (what a static mock like Prism cannot do).
import { bareNumber } from './json-text.js';
import type { Rng } from './random.js';
import type { Draft } from './request-draft.js';
import type { Outcome } from './verdict.js';

export interface JourneyContext {
  rng: Rng;
  organization: number;
  logo: string;
  /** Sends one step as a request of the operation, judged as a valid request; undefined when the operation is not run. */
  step(operationId: string, label: string, draft: Partial<Draft>): Promise<Outcome | undefined>;
}

const DIGITS = /^\d{1,19}$/;
const same = (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && a.trim().toUpperCase() === b.trim().toUpperCase();
const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));

/** Records a gap on the step when the expectation does not hold. */
function expect(outcome: Outcome | undefined, holds: boolean, gap: string) {
  if (outcome && !holds) outcome.gaps.push(gap);
}

function expectStatus(outcome: Outcome | undefined, status: number) {
  expect(outcome, outcome?.exchange.status === status, `expected ${status}, got ${outcome?.exchange.status}`);
}

const dataOf = (o: Outcome | undefined): any => o?.body?.data ?? undefined;

export async function runJourney(ctx: JourneyContext): Promise<void> {
  const { rng, organization: org } = ctx;
  const lastName = `Conf${rng.letters(8).toLowerCase()}`;
  const firstName = `Ana${rng.letters(4).toLowerCase()}`;
  const accountNumber = rng.digits(16);
  const oldAddress = { houseAddress1: `CALLE ${rng.digits(4)}`, city: 'ROSARIO', state: 'SF' };
  const newAddress = { houseAddress1: `AV CORRIENTES ${rng.digits(4)}`, city: 'CORDOBA', state: 'CB' };

  // The account number goes out as a bare JSON number, like the identifiers in later steps.
  const added = await ctx.step('addCustomer', 'step 1: add a customer with a new account', {
    body: {
      customerData: {
        customerKeyData: { organizationNumber: org, accountNumber: bareNumber(accountNumber) },
        ownerCoOwnerData: { ownerData: { firstName, lastName, ...oldAddress, countryCode: 'ARG' }, coOwnerData: {} },
      },
    },
  });
  expectStatus(added, 201);
  let customerNumber = dataOf(added)?.customerNumber;
  expect(added, DIGITS.test(customerNumber ?? ''), `add answered customerNumber ${show(customerNumber)}, not the new customer's number of 1-19 digits`);
  expect(added, dataOf(added)?.accountNumber === accountNumber, `add answered accountNumber ${show(dataOf(added)?.accountNumber)}, not the account ${accountNumber} it linked`);
  // Later steps still need a well-formed number to send, even when the server gave none.
  if (!DIGITS.test(customerNumber ?? '')) customerNumber = rng.digits(19, 8);

  const read = await ctx.step('inquireDemographicData', 'step 2: read the added customer (customer number as a bare JSON number)', {
    body: { customerAccountCardNumber: bareNumber(customerNumber), numberType: 1, organizationNumber: org },
  });
  expectStatus(read, 200);
  const owner = (dataOf(read)?.nameAddrData ?? []).find((p: any) => p?.sequence === 1) ?? dataOf(read)?.nameAddrData?.[0];
  expect(read, dataOf(read)?.customerNumber === customerNumber, `demographicData answered customer ${show(dataOf(read)?.customerNumber)}, not ${customerNumber}`);
  expect(read, same(owner?.lastName, lastName) && same(owner?.firstName, firstName), `demographicData shows the owner ${show(owner?.firstName)} ${show(owner?.lastName)}, not ${firstName} ${lastName} just added`);
  expect(read, same(owner?.nameAddressData?.houseAddress1, oldAddress.houseAddress1), `demographicData shows the address ${show(owner?.nameAddressData?.houseAddress1)}, not ${oldAddress.houseAddress1} just added`);

  const moved = await ctx.step('updateCustomer', 'step 3: move the customer to a new address', {
    body: { customerNumber, numberType: 1, organizationNumber: org, demographicDataIndicator: 1, ...newAddress },
  });
  expectStatus(moved, 200);
  expect(moved, dataOf(moved)?.outputArea?.customerNumber === customerNumber, `update answered customer ${show(dataOf(moved)?.outputArea?.customerNumber)}, not ${customerNumber}`);

  const addresses = await ctx.step('inquireCurrentPriorAddress', 'step 4: read current and prior addresses by customer number', { pathParams: { accountNumber: customerNumber } });
  expectStatus(addresses, 200);
  const table = dataOf(addresses)?.customerData;
  const current = (table?.nameAddressTable ?? []).find((r: any) => r?.ownerCoOwnerFlag === 1);
  const priors = (table?.priorMailerData?.priorMailer ?? []) as any[];
  expect(addresses, dataOf(addresses)?.customerNumber === customerNumber, `current-prior-address answered customer ${show(dataOf(addresses)?.customerNumber)}, not ${customerNumber}`);
  expect(addresses, same(current?.addressData?.addressLine1, newAddress.houseAddress1) && same(current?.addressData?.city, newAddress.city), `the current address is ${show(current?.addressData?.addressLine1)}, ${show(current?.addressData?.city)}, not the new ${newAddress.houseAddress1}, ${newAddress.city}`);
  expect(addresses, priors.some((p) => same(p?.pmAddressLine1, oldAddress.houseAddress1)), `no prior address is ${oldAddress.houseAddress1} (prior addresses: ${show(priors.map((p) => p?.pmAddressLine1))})`);

  const found = await ctx.step('lookupCustomers', 'step 5: look the customer up by the added last name', {
    body: { numberOfRecords: 50, primarySearchData: { lastBusinessName: lastName } },
  });
  expectStatus(found, 200);
  const foundNumbers = (dataOf(found)?.customers ?? []).map((c: any) => c?.customerNumber);
  expect(found, foundNumbers.includes(customerNumber), `lookup by ${lastName} found ${show(foundNumbers)}, not the new customer ${customerNumber}`);

  const accounts = await ctx.step('findAccountNumbers', 'step 6: list the customer\'s accounts', {
    body: { customerNumber: bareNumber(customerNumber), organizationNumber: org },
  });
  expectStatus(accounts, 200);
  const listed = (dataOf(accounts)?.acctTable ?? []).map((a: any) => a?.accountNumber);
  expect(accounts, listed.includes(accountNumber), `accountNumber lists ${show(listed)}, not the linked account ${accountNumber}`);

  const cards = await ctx.step('getCardDetails', 'step 7: list the customer\'s cards', {
    body: { customerNumber: bareNumber(customerNumber), organizationNumber: org },
  });
  expectStatus(cards, 200);
  const rows = (dataOf(cards)?.accountTable ?? []) as any[];
  expect(cards, dataOf(cards)?.customerNumber === customerNumber, `details-l8v4 answered customer ${show(dataOf(cards)?.customerNumber)}, not ${customerNumber}`);
  expect(cards, rows.some((r) => r?.accountNumber === accountNumber && DIGITS.test(r?.cardNumber ?? '')), `details-l8v4 shows no card on the linked account ${accountNumber} (rows: ${show(rows.map((r) => [r?.accountNumber, r?.cardNumber]))})`);

  const relationships = await ctx.step('findRelationshipNumbers', 'step 8: list the relationships of the new customer', {
    body: { customerNumber, organizationNumber: org },
  });
  expectStatus(relationships, 200);
  const owners = (dataOf(relationships)?.relationshipTable ?? []).map((r: any) => r?.relationshipCustomerNumber);
  expect(relationships, owners.every((n: unknown) => n === customerNumber), `relationshipNumber lists relationships of ${show(owners)} for the new customer ${customerNumber}, who owns none`);

  const reserved = await ctx.step('generateNumbers', 'step 9: reserve a customer and an account number', {
    body: { organizationNumber: org, logo: ctx.logo, customerNumbersRequested: 1, accountNumbersRequested: 1 },
  });
  expectStatus(reserved, 200);
  const reservedCustomers = (dataOf(reserved)?.customerData ?? []).map((c: any) => c?.customerNumber);
  const reservedAccounts = (dataOf(reserved)?.accountData ?? []).map((a: any) => a?.accountNumber);
  expect(reserved, reservedCustomers.length === 1 && reservedAccounts.length === 1, `generation answered ${reservedCustomers.length} customer and ${reservedAccounts.length} account numbers, not the 1 and 1 asked for`);
  expect(reserved, reservedCustomers.every((n: unknown) => typeof n === 'string' && DIGITS.test(n) && n !== customerNumber), `generation handed out ${show(reservedCustomers)}, not a new customer number`);
  expect(reserved, reservedAccounts.every((n: unknown) => typeof n === 'string' && DIGITS.test(n) && n !== accountNumber), `generation handed out ${show(reservedAccounts)}, not a new account number`);

  const reservedNumber: string = DIGITS.test(reservedCustomers[0] ?? '') ? reservedCustomers[0] : rng.digits(19, 8);
  const reuseBody = {
    customerData: {
      customerKeyData: { organizationNumber: org, customerNumber: bareNumber(reservedNumber) },
      ownerCoOwnerData: { ownerData: { firstName, lastName: `${lastName}r` }, coOwnerData: {} },
    },
  };
  const usedOnce = await ctx.step('addCustomer', 'step 10: add a customer with the reserved number', { body: reuseBody });
  expectStatus(usedOnce, 201);
  expect(usedOnce, dataOf(usedOnce)?.customerNumber === reservedNumber, `add answered customer ${show(dataOf(usedOnce)?.customerNumber)}, not the reserved ${reservedNumber} it was given`);

  const usedTwice = await ctx.step('addCustomer', 'step 11: add again with the same number', { body: reuseBody });
  expect(usedTwice, usedTwice?.exchange.status === 422, `a customer number already used must be refused (422), got ${usedTwice?.exchange.status}`);
}
