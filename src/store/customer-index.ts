// The in-memory search index over one tenant's customers, kept up to date on every add and update
// and rebuilt when a tenant is loaded. A lookup reads the index of one field (the one that narrows
// most, or the one whose order the answer follows) instead of every customer.
import {
  entryKey,
  FIELD_RULES,
  keyOf,
  positionOf,
  PRIMARY_FIELDS,
  resolveSearch,
  searchable,
  summaryOf,
  TEXT_FIELDS,
  valueOfKey,
  type CustomerPage,
  type CustomerQuery,
  type FoundCustomer,
  type PartyKeys,
  type PrimaryField,
  type Resolved,
  type ResolvedQuery,
  type ResolvedSearch,
  type SearchableCustomer,
  type SearchCriteria,
  type TextField,
} from '../domain/customer-search.js';
import type { Customer, PartyRole } from '../domain/model.js';
import { lowerBound, upperBound } from '../domain/sorted-array.js';
import { ValueIndex, type Entry } from './value-index.js';

/** A customer of the answer, at its position. */
interface Row {
  customer: SearchableCustomer;
  role: PartyRole;
  key: string;
}

/** The answer's rows in order, read forwards or backwards from a position. */
interface RowSource {
  rows(direction: 'forward' | 'backward', bound: string | undefined, inclusive: boolean): Iterable<Row>;
}

/** Only the page's customers are shown, so only they are summarised. */
function found({ customer: s, role, key }: Row): FoundCustomer {
  const { organizationNumber, customerNumber } = s.customer;
  const party = role === 'coOwner' && s.customer.coOwner ? s.customer.coOwner : s.customer.owner;
  return { organizationNumber, customerNumber, role, party: summaryOf(party), key };
}

/** The fields whose index lists the entries under each value, so they can lead a search. */
type LeadingField = PrimaryField | 'firstName' | 'dateOfBirth';
type IndexedField = TextField | 'dateOfBirth';
const LEADING: readonly string[] = [...PRIMARY_FIELDS, 'firstName', 'dateOfBirth'];
const canLead = (f: IndexedField): f is LeadingField => LEADING.includes(f);
const entryKeyOf = (e: { key: string }) => e.key;
const itself = (v: string) => v;

/** Walking the order field's index costs at most this many times collecting and sorting a smaller set. */
const WALK_OVER_COLLECT = 4;
const WALK_ALWAYS_BELOW = 256;

function* take<T>(rows: Iterable<T>, n: number): Generator<T> {
  if (n <= 0) return;
  for (const row of rows) {
    yield row;
    if (--n === 0) return;
  }
}

export class CustomerIndex {
  private readonly byNumber = new Map<string, SearchableCustomer>();
  private readonly fields = Object.fromEntries([
    ...TEXT_FIELDS.map((f) => [f, new ValueIndex(FIELD_RULES[f].kind, canLead(f))]),
    ['dateOfBirth', new ValueIndex('code', true)],
  ]) as Record<IndexedField, ValueIndex>;

  constructor(customers: readonly Customer[]) {
    const all = Object.values(this.fields);
    all.forEach((f) => f.startBulk());
    for (const c of customers) this.add(c);
    all.forEach((f) => f.endBulk());
  }

  /** Keeps the index in step with a stored customer: `old` is the record it replaced, if any. */
  put(old: Customer | undefined, next: Customer): void {
    if (old) this.remove(old.customerNumber);
    this.add(next);
  }

  private add(c: Customer) {
    const s = searchable(c);
    this.byNumber.set(c.customerNumber, s);
    this.eachValue(s, (field, value, entry, keys) => {
      const alone = this.fields[field].add(value, entry);
      // Parties holding the same single value share one list: at 100 000 customers this matters.
      if (field !== 'dateOfBirth' && keys[field].length === 1) keys[field] = alone;
    });
  }

  private remove(customerNumber: string) {
    const s = this.byNumber.get(customerNumber);
    if (!s) return;
    this.byNumber.delete(customerNumber);
    this.eachValue(s, (field, value, entry) => this.fields[field].remove(value, entry));
  }

  private eachValue(s: SearchableCustomer, visit: (field: IndexedField, value: string, entry: Entry | undefined, keys: PartyKeys) => void) {
    const parties: [PartyRole, SearchableCustomer['owner'] | undefined][] = [['owner', s.owner], ['coOwner', s.coOwner]];
    for (const [role, keys] of parties) {
      if (!keys) continue;
      const entryOf = (field: IndexedField, value: string) =>
        canLead(field) ? { key: entryKey(value, keys, s.customer.customerNumber, role), customer: s, role } : undefined;
      for (const field of TEXT_FIELDS) for (const value of keys[field]) visit(field, value, entryOf(field, value), keys);
      if (keys.dateOfBirth) visit('dateOfBirth', keys.dateOfBirth, entryOf('dateOfBirth', keys.dateOfBirth), keys);
    }
  }

  /** Criteria with their tolerant parts turned into the values the index holds. */
  resolve(criteria: SearchCriteria): ResolvedSearch {
    return resolveSearch(criteria, (field, text) => this.fields[field].close(text));
  }

  search(query: CustomerQuery): CustomerPage {
    const rq: ResolvedQuery = { search: this.resolve(query.search), within: query.within.map((w) => this.resolve(w)) };
    const source = this.sourceFor(rq);
    const from = this.startKey(query, rq);
    if (query.direction === 'prev' && from !== undefined) {
      const before = [...take(source.rows('backward', from, false), query.limit + 1)];
      return {
        items: before.slice(0, query.limit).reverse().map(found),
        more: [...take(source.rows('forward', from, true), 1)].length > 0,
        hasPrevious: before.length > query.limit,
      };
    }
    const after = query.direction === 'next' ? from : undefined;
    const items = [...take(source.rows('forward', after, false), query.limit + 1)];
    return {
      items: items.slice(0, query.limit).map(found),
      more: items.length > query.limit,
      hasPrevious: after !== undefined && [...take(source.rows('backward', after, true), 1)].length > 0,
    };
  }

  private startKey(query: CustomerQuery, rq: ResolvedQuery): string | undefined {
    if (!query.from || query.direction === 'first') return undefined;
    if ('key' in query.from) return query.from.key;
    // A customer number as the start: the page starts where that customer stands (or would stand).
    const s = this.byNumber.get(query.from.customerNumber);
    if (!s) return undefined;
    return positionOf(s, rq)?.key ?? keyOf(s, 'owner', rq.search);
  }

  /**
   * Chooses how to read the answer. When every match must hold the order field, walking that
   * field's index gives rows already in order; when another required field (or an earlier answer
   * being drilled into) narrows much more, its few candidates are collected and sorted instead.
   */
  private sourceFor(rq: ResolvedQuery): RowSource {
    const { search } = rq;
    const drivers: { field: LeadingField; criterion: Resolved; cost: number; isOrder: boolean }[] = [];
    const lead = (field: LeadingField, criterion: Resolved, isOrder: boolean) => {
      drivers.push({ field, criterion, cost: Infinity, isOrder });
    };
    // Only a field every match must hold can lead: a chosen primary field, the first name of
    // LAST,FIRST, or a first name or date of birth among optional fields that must all match.
    const consider = (s: ResolvedSearch, isMain: boolean) => {
      if (s.orderRequired) for (const [field, r] of s.primary) lead(field, r, isMain && field === search.order);
      if (s.nameFirst) lead('firstName', s.nameFirst, false);
      if (s.optionalAll || s.optional.length === 1) {
        for (const [field, r] of s.optional) if (field === 'firstName' || field === 'dateOfBirth') lead(field, r, false);
      }
    };
    consider(search, true);
    rq.within.forEach((w) => consider(w, false));

    // Exact values first: usually the fewest entries, so wider criteria are counted only up to
    // the point where they could no longer win.
    drivers.sort((a, b) => Number(a.criterion.mode !== 'in') - Number(b.criterion.mode !== 'in'));
    let least = Infinity;
    // A lone candidate leads whatever it costs: counting it would only add to the cost.
    if (drivers.length === 1) least = drivers[0].cost = 0;
    else {
      for (const d of drivers) {
        d.cost = this.fields[d.field].cost(d.criterion, WALK_OVER_COLLECT * least + WALK_ALWAYS_BELOW);
        least = Math.min(least, d.cost);
      }
    }
    const order = drivers.find((d) => d.isOrder);
    const cheapest = drivers.find((d) => d.cost === least);
    const values = (d: (typeof drivers)[number]) => this.fields[d.field].matchingValues(d.criterion);
    if (order && cheapest && (order.cost <= WALK_OVER_COLLECT * cheapest.cost + WALK_ALWAYS_BELOW || order === cheapest)) {
      return this.walk(order.field, values(order), rq);
    }
    if (cheapest) return this.collect([[cheapest.field, values(cheapest)]], rq);
    // Any of several fields may match: the candidates of each are gathered.
    return this.collect(search.primary.map(([field, r]) => [field, this.fields[field].matchingValues(r)]), rq);
  }

  /** Rows straight from the order field's index: values in order, entries in order under each. */
  private walk(field: LeadingField, values: string[], rq: ResolvedQuery): RowSource {
    const index = this.fields[field];
    const row = (e: Entry): Row | undefined => {
      const position = positionOf(e.customer, rq);
      // A customer is listed once, at its own position; its other entries are passed over.
      return position && position.key === e.key ? { customer: e.customer, role: position.role, key: e.key } : undefined;
    };
    return {
      *rows(direction, bound, inclusive) {
        const boundValue = bound === undefined ? undefined : valueOfKey(bound);
        if (direction === 'forward') {
          for (let i = boundValue === undefined ? 0 : lowerBound(values, boundValue, itself); i < values.length; i++) {
            const list = index.entriesOf(values[i]);
            let j = 0;
            if (values[i] === boundValue) j = (inclusive ? lowerBound : upperBound)(list, bound!, entryKeyOf);
            for (; j < list.length; j++) {
              const found = row(list[j]);
              if (found) yield found;
            }
          }
        } else {
          for (let i = boundValue === undefined ? values.length - 1 : upperBound(values, boundValue, itself) - 1; i >= 0; i--) {
            const list = index.entriesOf(values[i]);
            let j = list.length;
            if (values[i] === boundValue) j = (inclusive ? upperBound : lowerBound)(list, bound!, entryKeyOf);
            for (j--; j >= 0; j--) {
              const found = row(list[j]);
              if (found) yield found;
            }
          }
        }
      },
    };
  }

  /** Rows from a small candidate set: each checked, placed and sorted. */
  private collect(sources: [LeadingField, string[]][], rq: ResolvedQuery): RowSource {
    const seen = new Set<SearchableCustomer>();
    const sorted: Row[] = [];
    for (const [field, values] of sources) {
      for (const value of values) {
        for (const e of this.fields[field].entriesOf(value)) {
          if (seen.has(e.customer)) continue;
          seen.add(e.customer);
          const position = positionOf(e.customer, rq);
          if (position) sorted.push({ customer: e.customer, role: position.role, key: position.key });
        }
      }
    }
    sorted.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return {
      *rows(direction, bound, inclusive) {
        if (direction === 'forward') {
          const start = bound === undefined ? 0 : (inclusive ? lowerBound : upperBound)(sorted, bound, entryKeyOf);
          for (let i = start; i < sorted.length; i++) yield sorted[i];
        } else {
          const end = bound === undefined ? sorted.length : (inclusive ? upperBound : lowerBound)(sorted, bound, entryKeyOf);
          for (let i = end - 1; i >= 0; i--) yield sorted[i];
        }
      },
    };
  }
}
