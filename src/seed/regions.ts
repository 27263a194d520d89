// Where each seeded organization's customers live: real cities with their state codes,
// telephone area codes and postal code shapes, so addresses and phones look local.
import type { Faker } from '@faker-js/faker';

export interface City {
  name: string;
  /** Up to three letters, as the platform's state field allows. */
  state: string;
  county: string;
  areaCode: string;
  postalCode: (faker: Faker) => string;
  /** How many customers live here relative to the region's other cities. */
  weight: number;
}

export interface Region {
  countryCode: string;
  cities: City[];
  emailProviders: string[];
  /** Street kinds and names people there live on, so addresses don't read as Spain's. */
  streetKinds: string[];
  streetNames: string[];
  /** Legal-form suffix replacing the Spanish 'S.L.' in generated company names. */
  companySuffix: string;
  /** A second address line in the local style (floor and flat, or neighbourhood). */
  addressLine2: (faker: Faker) => string;
  /** A national identity or tax number (8 to 11 digits) and its identificationNumberFlag. */
  identification: (faker: Faker) => { number: string; flag: number };
}

const city = (
  name: string,
  state: string,
  county: string,
  areaCode: string,
  postalCode: City['postalCode'],
  weight = 1,
): City => ({ name, state, county, areaCode, postalCode, weight });

const digits = (faker: Faker, length: number) =>
  String(faker.number.int({ min: 10 ** (length - 1), max: 10 ** length - 1 }));

// Argentine CPA: province letter, four digits, three letters; older plain four-digit codes still circulate.
const argentinePostal = (province: string, from: number, to: number) => (faker: Faker) => {
  const code = String(faker.number.int({ min: from, max: to }));
  if (faker.number.int(9) < 3) return code;
  return `${province}${code}${faker.string.alpha({ length: 3, casing: 'upper' })}`;
};

const mexicanPostal = (from: number, to: number) => (faker: Faker) =>
  String(faker.number.int({ min: from, max: to })).padStart(5, '0');

const ARGENTINA: Region = {
  countryCode: 'ARG',
  cities: [
    city('BUENOS AIRES', 'CF', 'CABA', '11', argentinePostal('C', 1001, 1440), 6),
    city('QUILMES', 'BA', 'QUILMES', '11', argentinePostal('B', 1878, 1879)),
    city('SAN ISIDRO', 'BA', 'SAN ISIDRO', '11', argentinePostal('B', 1642, 1643)),
    city('LA PLATA', 'BA', 'LA PLATA', '221', argentinePostal('B', 1900, 1906)),
    city('MAR DEL PLATA', 'BA', 'GENERAL PUEYRREDÓN', '223', argentinePostal('B', 7600, 7608)),
    city('BAHÍA BLANCA', 'BA', 'BAHÍA BLANCA', '291', argentinePostal('B', 8000, 8003)),
    city('CÓRDOBA', 'CBA', 'CAPITAL', '351', argentinePostal('X', 5000, 5017), 2),
    city('ROSARIO', 'SF', 'ROSARIO', '341', argentinePostal('S', 2000, 2013), 2),
    city('SANTA FE', 'SF', 'LA CAPITAL', '342', argentinePostal('S', 3000, 3004)),
    city('MENDOZA', 'MZA', 'CAPITAL', '261', argentinePostal('M', 5500, 5503)),
    city('SAN MIGUEL DE TUCUMÁN', 'TUC', 'CAPITAL', '381', argentinePostal('T', 4000, 4003)),
    city('SALTA', 'SAL', 'CAPITAL', '387', argentinePostal('A', 4400, 4403)),
    city('NEUQUÉN', 'NQN', 'CONFLUENCIA', '299', argentinePostal('Q', 8300, 8302)),
  ],
  emailProviders: ['gmail.com', 'hotmail.com', 'yahoo.com.ar', 'outlook.com', 'fibertel.com.ar'],
  streetKinds: ['AV.', 'CALLE', 'CALLE', 'PJE.', 'BV.'],
  streetNames: [
    'SAN MARTÍN', 'BELGRANO', 'RIVADAVIA', 'SARMIENTO', 'MITRE', 'CORRIENTES', 'SANTA FE', 'LAVALLE', 'ALVEAR',
    'MORENO', 'ITALIA', '9 DE JULIO', '25 DE MAYO', 'PELLEGRINI', 'URQUIZA', 'LAS HERAS', 'PUEYRREDÓN', 'ALBERDI',
    'SAAVEDRA', 'GÜEMES', 'ESTRADA', 'MONTEAGUDO', 'DORREGO', 'LAPRIDA', 'CASTELLI',
  ],
  companySuffix: ' S.R.L.',
  addressLine2: (faker) =>
    faker.number.int(9) < 5 ? `PISO ${faker.number.int({ min: 1, max: 14 })} DTO ${faker.helpers.arrayElement(['A', 'B', 'C', 'D'])}` : '',
  // DNI (8 digits, "other" id) or CUIL (11 digits, tax id).
  identification: (faker) =>
    faker.number.int(9) < 7
      ? { number: String(faker.number.int({ min: 12_000_000, max: 46_999_999 })), flag: 2 }
      : { number: `${faker.helpers.arrayElement(['20', '23', '27'])}${digits(faker, 9)}`, flag: 1 },
};

const COLONIAS = [
  'CENTRO', 'DEL VALLE', 'ROMA NORTE', 'JARDINES DEL BOSQUE', 'LAS ÁGUILAS', 'SAN JOSÉ', 'LA PAZ',
  'INDEPENDENCIA', 'MODERNA', 'REFORMA', 'LOMAS VERDES', 'VISTA HERMOSA', 'SANTA MARÍA', 'OBRERA', 'ÁLAMOS',
];

const MEXICO: Region = {
  countryCode: 'MEX',
  cities: [
    city('CIUDAD DE MÉXICO', 'CMX', 'CUAUHTÉMOC', '55', mexicanPostal(6000, 6999), 3),
    city('CIUDAD DE MÉXICO', 'CMX', 'BENITO JUÁREZ', '55', mexicanPostal(3000, 3940), 3),
    city('GUADALAJARA', 'JAL', 'GUADALAJARA', '33', mexicanPostal(44100, 44990), 2),
    city('MONTERREY', 'NLE', 'MONTERREY', '81', mexicanPostal(64000, 64990), 2),
    city('PUEBLA', 'PUE', 'PUEBLA', '222', mexicanPostal(72000, 72590)),
    city('TIJUANA', 'BCN', 'TIJUANA', '664', mexicanPostal(22000, 22700)),
    city('MÉRIDA', 'YUC', 'MÉRIDA', '999', mexicanPostal(97000, 97390)),
    city('QUERÉTARO', 'QUE', 'QUERÉTARO', '442', mexicanPostal(76000, 76250)),
    city('LEÓN', 'GUA', 'LEÓN', '477', mexicanPostal(37000, 37690)),
    city('TOLUCA', 'MEX', 'TOLUCA', '722', mexicanPostal(50000, 50295)),
    city('CANCÚN', 'ROO', 'BENITO JUÁREZ', '998', mexicanPostal(77500, 77539)),
  ],
  emailProviders: ['gmail.com', 'hotmail.com', 'yahoo.com.mx', 'outlook.com', 'prodigy.net.mx'],
  streetKinds: ['AV.', 'CALLE', 'CALLE', 'CALZ.', 'PRIV.', 'BLVD.'],
  streetNames: [
    'REFORMA', 'INSURGENTES', 'JUÁREZ', 'HIDALGO', 'MORELOS', 'MADERO', 'ZARAGOZA', 'ALLENDE', 'GUERRERO',
    '16 DE SEPTIEMBRE', '5 DE MAYO', 'REVOLUCIÓN', 'CONSTITUCIÓN', 'VENUSTIANO CARRANZA', 'LÓPEZ MATEOS',
    'VASCONCELOS', 'CUAUHTÉMOC', 'NIÑOS HÉROES', 'OBREGÓN', 'ALDAMA', 'MATAMOROS', 'NICOLÁS BRAVO', 'ITURBIDE',
  ],
  companySuffix: ' S.A. DE C.V.',
  addressLine2: (faker) => `COL. ${faker.helpers.arrayElement(COLONIAS)}`,
  // INE voter key digits (10, "other" id) or IMSS social security number (11 digits).
  identification: (faker) =>
    faker.number.int(9) < 6 ? { number: digits(faker, 10), flag: 2 } : { number: digits(faker, 11), flag: 0 },
};

export const pickCity = (faker: Faker, region: Region): City =>
  faker.helpers.weightedArrayElement(region.cities.map((c) => ({ weight: c.weight, value: c })));

const REGIONS: Record<number, Region> = { 970: ARGENTINA, 807: MEXICO };

export function regionOf(organizationNumber: number): Region {
  const region = REGIONS[organizationNumber];
  if (!region) throw new Error(`No seed region for organization ${organizationNumber}`);
  return region;
}

/** Ten national digits grouped like '11-4567-8901' or '351-456-7890'. */
export function phoneNumber(faker: Faker, areaCode: string, mobile: boolean): string {
  const subscriberLength = 10 - areaCode.length;
  const first = mobile ? faker.number.int({ min: 5, max: 9 }) : faker.number.int({ min: 2, max: 4 });
  const rest = String(faker.number.int(10 ** (subscriberLength - 1) - 1)).padStart(subscriberLength - 1, '0');
  const subscriber = `${first}${rest}`;
  const split = subscriberLength - 4;
  return `${areaCode}-${subscriber.slice(0, split)}-${subscriber.slice(split)}`;
}
