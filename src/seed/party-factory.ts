// Owner and co-owner name-and-address records as the mainframe keeps them: uppercase names
// (accents kept), blanks rather than missing values, every field within the platform's length.
import type { Party } from '../domain/model.js';
import { addDays } from './calendar.js';
import { ascii, emailAddress, homeOf, newContact, newHome, type Home } from './contact-details.js';
import { regionOf } from './regions.js';
import { chance, clip, uniqueValue, type SeedContext } from './seed-context.js';

export type Sex = 'female' | 'male';

export interface PersonOptions {
  sex?: Sex;
  /** Shared surname, e.g. for a co-owner in the same household. */
  lastName?: string;
  home?: Home;
  /** Every phone and the email filled, as documented fixtures need for lookups. */
  complete?: boolean;
}

const upper = (value: string) => value.toUpperCase();

const MALE_TITLES = ['SR', 'SR', 'SR', 'DR', 'ING', 'LIC'];
const FEMALE_TITLES = ['SRA', 'SRA', 'SRA', 'DRA', 'ING', 'LIC'];
const POSITIONS = ['GTE', 'ADM', 'VEND', 'ING', 'DIR', 'CONT', 'ANAL', 'OPER', 'JEFE', 'PROF', 'MED', 'ABOG', 'TEC'];
const SEGMENTS = ['BANCA PERSONAL', 'PREMIUM', 'PLAN SUELDO', 'JOVEN', 'EMPRENDEDOR'];
const CHANNELS = ['SUCURSAL', 'BANCA WEB', 'APP MOVIL', 'TELEFONICO', 'PROMOTOR'];

export function companyName(ctx: SeedContext, organizationNumber: number): string {
  const { companySuffix } = regionOf(organizationNumber);
  let name = '';
  for (let attempt = 0; attempt < 8; attempt++) {
    name = upper(ctx.faker.company.name()).replace(/ S\.L\.$/, companySuffix);
    if (name.length <= 40) return name;
  }
  return clip(name, 40);
}

const birthDate = (ctx: SeedContext) =>
  // 18 years are at most 6,575 days and 85 years at least 31,046, so every age stays within 18–85.
  addDays(ctx.today, -ctx.faker.number.int({ min: 18 * 366, max: 85 * 365 }));

const branch = (ctx: SeedContext) => `SUC ${String(ctx.faker.number.int({ min: 1, max: 250 })).padStart(3, '0')}`;

export function personParty(ctx: SeedContext, organizationNumber: number, options: PersonOptions = {}): Party {
  const { faker } = ctx;
  const region = regionOf(organizationNumber);
  const sex = options.sex ?? faker.person.sexType();
  // Spanish given names are often compound ("MARÍA TERESA"): the second part is the middle name.
  const [firstName = '', ...moreGiven] = upper(faker.person.firstName(sex)).split(' ');
  const middleName =
    moreGiven.join(' ') || (chance(faker, 0.2) ? (upper(faker.person.firstName(sex)).split(' ')[0] ?? '') : '');
  const lastName = options.lastName ?? clip(upper(faker.person.lastName()), 40);
  const genderCode = chance(faker, 0.03) ? 0 : sex === 'male' ? 1 : 2;
  const home = options.home ?? newHome(ctx, region);
  const contact = newContact(ctx, home.city, options.complete);
  const hasEmail = options.complete || chance(faker, 0.85);
  const employed = chance(faker, 0.65);
  const id = uniqueValue(ctx.used.identifications, () => region.identification(faker), (drawn) => drawn.number);
  return {
    title: faker.helpers.arrayElement(sex === 'male' ? MALE_TITLES : FEMALE_TITLES),
    firstName: clip(firstName, 40),
    middleName: clip(middleName, 40),
    lastName,
    suffix: chance(faker, 0.03) ? 'JR' : '',
    nameLine1: clip(`${firstName} ${lastName}`, 40),
    nameTypeIndicator1: 0,
    nameTypeIndicator2: 0,
    nameTypeIndicator3: 0,
    ...home.address,
    ...contact,
    email: hasEmail ? emailAddress(ctx, region, firstName, lastName) : '',
    emailFlag: hasEmail && chance(faker, 0.8) ? 1 : 0,
    employerName: employed ? companyName(ctx, organizationNumber) : '',
    position: employed ? faker.helpers.arrayElement(POSITIONS) : '',
    dateOfBirth: birthDate(ctx),
    identificationNumber: id.number,
    identificationNumberFlag: id.flag,
    maritalStatus: String(faker.number.int(4)),
    genderCode,
    ownOrRentResidenceFlag: faker.number.int(3),
    languageIndicator: chance(faker, 0.05) ? 'ENG' : 'SPA',
    mailingList: chance(faker, 0.6) ? '1' : '0',
    contactIndicator: faker.number.int(99),
    statementMessageIndicator: faker.number.int(1),
    user14: chance(faker, 0.6) ? faker.helpers.arrayElement(SEGMENTS) : '',
    user15: chance(faker, 0.5) ? branch(ctx) : '',
    demographic1: employed
      ? faker.helpers.arrayElement(['ASALARIADO', 'INDEPENDIENTE'])
      : faker.helpers.arrayElement(['JUBILADO', 'ESTUDIANTE', 'SIN ACTIVIDAD']),
    demographic2: `INGRESO NIVEL ${faker.number.int({ min: 1, max: 5 })}`,
    demographic3: faker.helpers.arrayElement(CHANNELS),
  };
}

/** A business as the platform stores it: the business name in lastName and nameLine1, no given name. */
export function companyParty(ctx: SeedContext, organizationNumber: number, name: string): Party {
  const { faker } = ctx;
  const region = regionOf(organizationNumber);
  const home = newHome(ctx, region);
  const contact = newContact(ctx, home.city, true);
  const domain = `${ascii(name.split(' ')[0] ?? '') || 'empresa'}.com`;
  const id = uniqueValue(ctx.used.identifications, () => `30${faker.number.int({ min: 100_000_000, max: 999_999_999 })}`);
  return {
    title: '',
    firstName: '',
    middleName: '',
    lastName: name,
    suffix: '',
    nameLine1: name,
    nameTypeIndicator1: 1,
    nameTypeIndicator2: 0,
    nameTypeIndicator3: 0,
    ...home.address,
    ...contact,
    email: uniqueValue(ctx.used.emails, () => `contacto${faker.number.int(99)}@${domain}`),
    emailFlag: 1,
    employerName: '',
    position: '',
    dateOfBirth: birthDate(ctx),
    identificationNumber: id,
    identificationNumberFlag: 1,
    maritalStatus: '0',
    genderCode: 0,
    ownOrRentResidenceFlag: 0,
    languageIndicator: 'SPA',
    mailingList: '1',
    contactIndicator: faker.number.int(99),
    statementMessageIndicator: 1,
    user14: 'BANCA EMPRESAS',
    user15: branch(ctx),
    demographic1: 'PERSONA JURIDICA',
    demographic2: `EMPLEADOS ${faker.number.int({ min: 50, max: 5000 })}`,
    demographic3: 'EJECUTIVO DE CUENTA',
  };
}

/** A co-owner in the owner's household: same surname and address, own name, phones and email. */
export function coOwnerParty(ctx: SeedContext, organizationNumber: number, owner: Party): Party {
  const options: PersonOptions = {
    sex: owner.genderCode === 1 ? 'female' : 'male',
    lastName: owner.lastName ?? '',
    home: homeOf(organizationNumber, owner),
    complete: true,
  };
  let coOwner = personParty(ctx, organizationNumber, options);
  // The same given name would make the two parties indistinguishable in lookups.
  while (coOwner.firstName === owner.firstName) coOwner = personParty(ctx, organizationNumber, options);
  return coOwner;
}

/** An earlier home of `party`: the fields a prior address keeps, with an address and phones it no longer uses. */
export function formerAddress(ctx: SeedContext, organizationNumber: number, party: Party): Party {
  const home = newHome(ctx, regionOf(organizationNumber));
  const { smsFlag: _notKept, ...contact } = newContact(ctx, home.city, true);
  return {
    nameTypeIndicator1: party.nameTypeIndicator1 ?? 0,
    nameTypeIndicator2: party.nameTypeIndicator2 ?? 0,
    nameTypeIndicator3: party.nameTypeIndicator3 ?? 0,
    nameLine1: party.nameLine1 ?? '',
    ...home.address,
    ...contact,
    email: party.email ?? '',
    emailFlag: party.emailFlag ?? 0,
    languageIndicator: party.languageIndicator ?? 'SPA',
    statementMessageIndicator: party.statementMessageIndicator ?? 0,
  };
}
