import { Faker, en, es } from '@faker-js/faker';
import type { TenantData } from '../domain/model.js';
import { fromDayNumber, toDayNumber } from './calendar.js';
import { NumberAllocator } from './number-allocator.js';

/** What every seed builder shares: one seeded faker, the reference day and the tenant being filled. */
export interface SeedContext {
  readonly faker: Faker;
  readonly today: string;
  readonly data: TenantData;
  readonly numbers: NumberAllocator;
  /** Values that should not repeat across the tenant (phones, national ids, emails). */
  readonly used: { phones: Set<string>; identifications: Set<string>; emails: Set<string> };
}

export function createSeedContext(data: TenantData, today: string): SeedContext {
  const faker = new Faker({ locale: [es, en] });
  faker.seed(data.seed);
  return {
    faker,
    today,
    data,
    numbers: new NumberAllocator(data),
    used: { phones: new Set(), identifications: new Set(), emails: new Set() },
  };
}

/** Draws until `make` yields a value whose key is not in `seen`; bounded so a too-small value space fails loudly. */
export function uniqueValue<T = string>(seen: Set<string>, make: () => T, keyOf: (value: T) => string = String): T {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const value = make();
    const key = keyOf(value);
    if (!seen.has(key)) {
      seen.add(key);
      return value;
    }
  }
  throw new Error('Seed could not find an unused value');
}

/** Cuts to the platform's field length without leaving a trailing blank. */
export const clip = (value: string, maxLength: number) =>
  value.length <= maxLength ? value : value.slice(0, maxLength).trimEnd();

export const chance = (faker: Faker, probability: number) => faker.datatype.boolean({ probability });

/** A money amount with at most two decimals, drawn in cents. */
export const money = (faker: Faker, min: number, max: number) =>
  faker.number.int({ min: Math.round(min * 100), max: Math.round(max * 100) }) / 100;

export const roundMoney = (amount: number) => Math.round(amount * 100) / 100;

/** A day in [from, to], both YYYY-MM-DD. */
export const dayBetween = (faker: Faker, from: string, to: string) =>
  fromDayNumber(faker.number.int({ min: toDayNumber(from), max: toDayNumber(to) }));
