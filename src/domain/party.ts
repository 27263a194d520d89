// Owner and co-owner records: reading them from a request, checking the platform's field rules,
// merging an update, and keeping the address an update replaces.
import { createRequire } from 'node:module';
import { fail } from './errors.js';
import type { Party, PriorAddress } from './model.js';
import { intOf, isBlank, isCalendarDate, textOf } from './values.js';

// The country list is loaded when a country code is first checked, not when the sandbox starts.
const require = createRequire(import.meta.url);
let countries: typeof import('i18n-iso-countries') | undefined;
const isCountryCode = (code: string) => (countries ??= require('i18n-iso-countries') as typeof import('i18n-iso-countries')).isValid(code);

/** Party fields stored as numbers; every other field is text. */
const NUMERIC_FIELDS = new Set<keyof Party>([
  'nameTypeIndicator1', 'nameTypeIndicator2', 'nameTypeIndicator3', 'carrierRoute3and4', 'homePhoneFlag', 'faxPhoneFlag',
  'mobilePhoneFlag', 'emailFlag', 'smsFlag', 'employerPhoneFlag', 'numberOfDependents', 'identificationNumberFlag',
  'genderCode', 'ownOrRentResidenceFlag', 'contactIndicator', 'statementMessageIndicator',
]);

/** The fields that make up where a party lives; changing any of them moves the old address to history. */
export const ADDRESS_FIELDS: (keyof Party)[] = [
  'houseNumber', 'houseName', 'houseAddress1', 'houseAddress2', 'houseAddress3', 'houseAddress4',
  'city', 'state', 'postalCode', 'countryCode', 'county', 'carrierRoute1and2', 'carrierRoute3and4',
];

/** What a prior address keeps: the address and how the party could be reached there. */
const PRIOR_FIELDS: (keyof Party)[] = [
  ...ADDRESS_FIELDS, 'nameTypeIndicator1', 'nameTypeIndicator2', 'nameTypeIndicator3', 'nameLine1', 'nameLine2', 'nameLine3',
  'homePhoneNumber', 'homePhoneFlag', 'employerPhoneNumber', 'employerExtensionPhoneNumber', 'employerPhoneFlag',
  'homeFaxPhoneNumber', 'faxPhoneFlag', 'mobilePhoneNumber', 'mobilePhoneFlag', 'email', 'emailFlag',
  'languageIndicator', 'statementMessageIndicator',
];

/** The platform keeps at most this many prior mailing addresses per party. */
const MAX_PRIOR_ADDRESSES = 9;

/**
 * Reads the given fields into a Party. Blank values are left out, so the result carries only what
 * the request carried (an update merges exactly that).
 */
export function partyFields(input: Record<string, unknown> | undefined): Party {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(input ?? {})) {
    if (isBlank(value) || typeof value === 'object') continue;
    if (NUMERIC_FIELDS.has(key as keyof Party)) {
      const n = intOf(value);
      if (n !== undefined) out[key] = n;
    } else {
      const s = textOf(value);
      if (s !== undefined) out[key] = s;
    }
  }
  return out as Party;
}

/**
 * Applies the platform's field rules (VPL5SGC codes) that the contract's schema cannot state: a
 * real calendar date, dates against the processing date, rules across fields, the country list.
 * Value ranges are in openapi.yaml, answered with their codes through http/schema-codes.
 */
export function checkParty(p: Party, today: string, role: string): void {
  const at = (field: string) => `${role}.${field}`;
  if (p.dateOfBirth !== undefined) {
    if (!isCalendarDate(p.dateOfBirth)) fail('DATE_OF_BIRTH_INVALID', at('dateOfBirth'));
    // Today is before the next processing date, so it is allowed.
    if (p.dateOfBirth > today) fail('DATE_OF_BIRTH_FUTURE', at('dateOfBirth'));
  }
  if (p.identificationNumberFlag === 0 && p.identificationNumber !== undefined && !/^\d{9}/.test(p.identificationNumber)) {
    fail('TAX_ID_NOT_NUMERIC', at('identificationNumber'));
  }
  if (p.countryCode !== undefined && !isCountryCode(p.countryCode.toUpperCase())) fail('COUNTRY_UNKNOWN', at('countryCode'));
  const preferred = [p.homePhoneFlag, p.employerPhoneFlag, p.faxPhoneFlag, p.mobilePhoneFlag, p.emailFlag].filter((f) => f === 2);
  if (preferred.length > 1) fail('ONE_PREFERRED_CONTACT', role);
  const needs = (flag: number | undefined, value: string | undefined) => (flag ?? 0) > 0 && value === undefined;
  if (needs(p.homePhoneFlag, p.homePhoneNumber)) fail('HOME_PHONE_REQUIRED', at('homePhoneNumber'));
  if (needs(p.employerPhoneFlag, p.employerPhoneNumber)) fail('WORK_PHONE_REQUIRED', at('employerPhoneNumber'));
  if (needs(p.mobilePhoneFlag, p.mobilePhoneNumber)) fail('MOBILE_PHONE_REQUIRED', at('mobilePhoneNumber'));
  if (needs(p.emailFlag, p.email)) fail('EMAIL_REQUIRED', at('email'));
}

/** True when `change` gives an address field a value different from the one `current` has. */
export function movesAddress(current: Party, change: Party): boolean {
  return ADDRESS_FIELDS.some((f) => change[f] !== undefined && change[f] !== current[f]);
}

/** The history after `current` moves away: its old address first, the oldest dropped past the limit. */
export function withPriorAddress(history: PriorAddress[], role: PriorAddress['role'], current: Party, today: string): PriorAddress[] {
  const kept: Party = {};
  for (const f of PRIOR_FIELDS) if (current[f] !== undefined) (kept as Record<string, unknown>)[f] = current[f];
  return [{ role, changedOn: today, party: kept }, ...history].slice(0, MAX_PRIOR_ADDRESSES);
}
