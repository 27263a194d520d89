// Customer and account numbers the sandbox holds back for tests: every tenant sees them as
// reserved for an organization none of them has, so handing one to POST /customer answers
// "reserved for another organization" (SBX422N) without first reserving a number elsewhere. No
// number series produces them (customer numbers start with 45, account numbers with 8).
import type { NumberKind, Reservation } from './model.js';

export const HELD_NUMBERS = { first: '9999999999999999900', last: '9999999999999999999' } as const;
/** The organization held numbers are reserved for; it is outside every tenant's range of use. */
const HOLDER_ORGANIZATION = 999;

const held = (number: string) => number.length === HELD_NUMBERS.first.length && number >= HELD_NUMBERS.first && number <= HELD_NUMBERS.last;

/** The standing reservation of a held number, as a store would answer it. */
export function heldReservation(kind: NumberKind, number: string): Reservation | undefined {
  if ((kind !== 'customer' && kind !== 'account') || !held(number)) return undefined;
  return { kind, number, organizationNumber: HOLDER_ORGANIZATION, state: 'generation', reservedOn: '2000-01-01' };
}
