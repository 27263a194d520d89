// Where a party lives and how to reach it: local street names, area-coded phones that never
// repeat within a tenant, and ASCII emails built from the party's name.
import type { Party } from '../domain/model.js';
import { phoneNumber, pickCity, regionOf, type City, type Region } from './regions.js';
import { chance, clip, uniqueValue, type SeedContext } from './seed-context.js';

export type Address = Required<
  Pick<Party, 'houseNumber' | 'houseAddress1' | 'houseAddress2' | 'city' | 'state' | 'postalCode' | 'countryCode' | 'county'>
>;

export type Contact = Required<
  Pick<
    Party,
    | 'homePhoneNumber'
    | 'homePhoneFlag'
    | 'mobilePhoneNumber'
    | 'mobilePhoneFlag'
    | 'smsFlag'
    | 'homeFaxPhoneNumber'
    | 'faxPhoneFlag'
  >
>;

/** Where a party lives; the city is kept so phones get its area code. */
export interface Home {
  address: Address;
  city: City;
}

export const ascii = (value: string) =>
  value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** Half the streets are local landmarks, half carry a person's name, as in most Latin American cities. */
function streetName(ctx: SeedContext, region: Region): string {
  const { faker } = ctx;
  const name = chance(faker, 0.5)
    ? faker.helpers.arrayElement(region.streetNames)
    : `${faker.person.firstName()} ${faker.person.lastName().split(' ')[0] ?? ''}`.toUpperCase();
  return `${faker.helpers.arrayElement(region.streetKinds)} ${name}`;
}

export function newHome(ctx: SeedContext, region: Region): Home {
  const { faker } = ctx;
  const city = pickCity(faker, region);
  return {
    city,
    address: {
      houseNumber: String(faker.number.int({ min: 1, max: 9999 })),
      houseAddress1: clip(streetName(ctx, region), 40),
      houseAddress2: clip(region.addressLine2(faker), 40),
      city: clip(city.name, 30),
      state: city.state,
      postalCode: city.postalCode(faker),
      countryCode: region.countryCode,
      county: clip(city.county, 30),
    },
  };
}

export function newContact(ctx: SeedContext, city: City, complete = false): Contact {
  const { faker, used } = ctx;
  const phone = (mobile: boolean) => uniqueValue(used.phones, () => phoneNumber(faker, city.areaCode, mobile));
  const hasHome = complete || chance(faker, 0.7);
  const hasMobile = complete || chance(faker, 0.95);
  const hasFax = !complete && chance(faker, 0.04);
  return {
    homePhoneNumber: hasHome ? phone(false) : '',
    homePhoneFlag: hasHome && chance(faker, 0.8) ? 1 : 0,
    mobilePhoneNumber: hasMobile ? phone(true) : '',
    mobilePhoneFlag: hasMobile && chance(faker, 0.85) ? 1 : 0,
    smsFlag: hasMobile && chance(faker, 0.6) ? 1 : 0,
    homeFaxPhoneNumber: hasFax ? phone(false) : '',
    faxPhoneFlag: hasFax && chance(faker, 0.5) ? 1 : 0,
  };
}

export function emailAddress(ctx: SeedContext, region: Region, first: string, last: string): string {
  const { faker } = ctx;
  const given = ascii(first.split(' ')[0] ?? '') || 'cliente';
  const surname = ascii(last.split(' ')[0] ?? '') || 'mail';
  return uniqueValue(ctx.used.emails, () => {
    const n = faker.number.int({ min: 1, max: 99 });
    const local = faker.helpers.arrayElement([
      `${given}.${surname}`,
      `${given[0]}${surname}${n}`,
      `${given}_${surname}${n}`,
      `${surname}.${given}${n}`,
    ]);
    return `${local.slice(0, 40)}@${faker.helpers.arrayElement(region.emailProviders)}`;
  });
}

/** The home `party` lives in, so a co-owner can share it. */
export function homeOf(organizationNumber: number, party: Party): Home {
  const city = regionOf(organizationNumber).cities.find((c) => c.name === party.city && c.state === party.state);
  if (!city) throw new Error(`City ${party.city} is not in the seed region`);
  return { city, address: pickAddress(party) };
}

const pickAddress = (party: Party): Address => ({
  houseNumber: party.houseNumber ?? '',
  houseAddress1: party.houseAddress1 ?? '',
  houseAddress2: party.houseAddress2 ?? '',
  city: party.city ?? '',
  state: party.state ?? '',
  postalCode: party.postalCode ?? '',
  countryCode: party.countryCode ?? '',
  county: party.county ?? '',
});
