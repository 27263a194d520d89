// One party as the search index lists it. A party has one entry, shared by every list it is in;
// its place in a list ("<value>\0<name>\0<customer number>\0<party>", see entryKey) is worked out
// from the list's value when it is needed, not kept: at 100 000 customers the kept key strings
// alone took some 100 MB.
import { entryKey, partyPlace, type PartyKeys, type SearchableCustomer } from '../domain/customer-search.js';
import type { PartyRole } from '../domain/model.js';

export interface Entry {
  customer: SearchableCustomer;
  role: PartyRole;
  /** The party's place among all parties of a bulk load, so its lists sort by number (-1 when added later). */
  order: number;
  /**
   * A party added later keeps its place as one string (partyPlace), so the lists it joins compare
   * strings rather than parties: a customer added to a tenant that already holds thousands of the
   * same city or first name is placed in each of those lists by some fifteen comparisons. Bulk
   * loads leave it out, as their numbers serve and 100 000 strings would cost memory.
   */
  place: string | undefined;
}

/**
 * An entry as a search reads it from one list. Its key is made only when asked for: most entries
 * a search walks past are turned down by their own name first.
 */
export class Keyed {
  private made?: string;
  constructor(
    private readonly value: string,
    private readonly entry: Entry,
  ) {}
  get customer(): SearchableCustomer {
    return this.entry.customer;
  }
  get role(): PartyRole {
    return this.entry.role;
  }
  get key(): string {
    return (this.made ??= keyIn(this.value, this.entry));
  }
}

export const partyOf = (e: { customer: SearchableCustomer; role: PartyRole }): PartyKeys => (e.role === 'owner' ? e.customer.owner : e.customer.coOwner!);

/** The entry's key in the list of `value`. */
export const keyIn = (value: string, e: Entry): string => entryKey(value, partyOf(e), e.customer.customer.customerNumber, e.role);

export const keyed = (value: string, e: Entry): Keyed => new Keyed(value, e);

/** The entry of a party added on its own, with its place worked out once. */
export function addedEntry(customer: SearchableCustomer, role: PartyRole): Entry {
  const e: Entry = { customer, role, order: -1, place: undefined };
  e.place = partyPlace(partyOf(e), customer.customer.customerNumber, role);
  return e;
}

const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Compares two parties as their keys under one value compare (name, then the customer number
 * as entryKey pads it, then the owner first), without making the keys.
 */
export function compareParties(a: Entry, b: Entry): number {
  if (a.place !== undefined && b.place !== undefined) return compareStrings(a.place, b.place);
  // Name then first name, as the key's "<name>\0<first name>" compares.
  const pa = partyOf(a);
  const pb = partyOf(b);
  const byName = compareStrings(pa.lastName[0] ?? '', pb.lastName[0] ?? '') || compareStrings(pa.firstName[0] ?? '', pb.firstName[0] ?? '');
  if (byName) return byName;
  const na = a.customer.customer.customerNumber;
  const nb = b.customer.customer.customerNumber;
  if (na !== nb) {
    const byNumber = na.length === nb.length ? compareStrings(na, nb) : compareStrings(na.padStart(19, '0'), nb.padStart(19, '0'));
    if (byNumber) return byNumber;
  }
  return (a.role === 'owner' ? 0 : 1) - (b.role === 'owner' ? 0 : 1);
}

/** Compares entries as their keys compare, each under its own value (`valueOf`), or under one shared value. */
export function entryComparer(valueOf: ((e: Entry) => string) | undefined): (a: Entry, b: Entry) => number {
  if (!valueOf) return compareParties;
  return (a, b) => compareStrings(valueOf(a), valueOf(b)) || compareParties(a, b);
}

/** The bulk load numbered its parties in compareParties' order: comparing the numbers is the same and far quicker. */
const byOrder = (a: Entry, b: Entry) => (a.order >= 0 && b.order >= 0 ? a.order - b.order : compareParties(a, b));

/** entryComparer's order, by the numbers of a bulk load where both entries have one. */
export function bulkComparer(valueOf: ((e: Entry) => string) | undefined): (a: Entry, b: Entry) => number {
  if (!valueOf) return byOrder;
  return (a, b) => compareStrings(valueOf(a), valueOf(b)) || byOrder(a, b);
}
