import {
  accountNumberFor,
  cardNumberFor,
  customerNumberFor,
  relationshipNumberFor,
  seriesKey,
  takeNextNumber,
} from '../domain/number-series.js';
import type { Digits, Logo, NumberKind, TenantData } from '../domain/model.js';

/**
 * Hands out seeded numbers from the tenant's series and reserves each one as used,
 * so the counters end past every seeded number and none is ever generated again.
 */
export class NumberAllocator {
  private readonly taken: Record<NumberKind, Set<Digits>> = {
    customer: new Set(),
    account: new Set(),
    card: new Set(),
    relationship: new Set(),
  };

  constructor(private readonly data: TenantData) {}

  customer(org: number, on: string): Digits {
    return this.take('customer', org, undefined, (seq) => customerNumberFor(org, seq), on);
  }

  account(org: number, logo: Logo, on: string): Digits {
    return this.take('account', org, logo, (seq) => accountNumberFor(org, logo.logo, seq), on);
  }

  card(org: number, logo: Logo, on: string): Digits {
    return this.take('card', org, logo, (seq) => cardNumberFor(logo.bin, seq), on);
  }

  relationship(org: number, on: string): Digits {
    return this.take('relationship', org, undefined, (seq) => relationshipNumberFor(org, seq), on);
  }

  /** Records a number that was supplied rather than drawn from a series. */
  claim(kind: NumberKind, number: Digits, org: number, on: string, logo?: number): Digits {
    if (this.taken[kind].has(number)) throw new Error(`Seed reuses ${kind} number ${number}`);
    this.taken[kind].add(number);
    this.data.reservations.push({
      kind,
      number,
      organizationNumber: org,
      ...(logo === undefined ? {} : { logo }),
      state: 'used',
      reservedOn: on,
    });
    return number;
  }

  private take(kind: NumberKind, org: number, logo: Logo | undefined, format: (seq: number) => string, on: string) {
    const taken = this.taken[kind];
    const number = takeNextNumber(this.data.counters, seriesKey(kind, org, logo?.logo), format, (c) => taken.has(c));
    return this.claim(kind, number, org, on, logo?.logo);
  }
}
