// In-memory indexes over one tenant's data, so every read is a map look-up rather than a scan.
import { setImmediate as turn } from 'node:timers/promises';
import type { Account, Card, Customer, Digits, NumberKind, Relationship, Reservation, TenantData } from '../domain/model.js';
import { scanningSearch } from '../domain/customer-scan.js';
import { searchableOnDemand, type CustomerPage, type CustomerQuery, type SearchableCustomer, type SurnameExamples } from '../domain/customer-search.js';
import { CustomerIndex } from './customer-index.js';
import { loadStarted } from './tenant-loads.js';
import { RowIndex } from './row-index.js';
import type { ChangeSet, TenantCounts } from './store.js';

/** Freezes a record and everything in it. */
function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const item of Object.values(v)) deepFreeze(item);
  }
  return v;
}

// Reads answer the stored records themselves, not copies, and apply() keeps the records it is given,
// not copies of them: records are replaced whole, never changed in place, and handlers build new
// objects for what they answer or store (copying each record of a change cost an add about 25 µs).
// Under node:test every record read or kept is frozen, so a handler, the answer completer or a
// caller of apply() that wrote into one would fail loudly there instead of changing the store.
const view: <T>(v: T) => T = process.env.NODE_TEST_CONTEXT !== undefined ? deepFreeze : (v) => v;

/** Rows indexed between two chances to pause a load in slices. */
const SLICE = 2000;
/** Customer changes put into the index between two chances to pause, once it is built. */
const REPLAY_SLICE = 200;
/** How long a load in slices may hold the process before it lets other work run. */
const SLICE_MS = 5;
/** The same for a lookup answered by a scan while the index is built: longer, as a caller waits for it, yet far below what /health may wait. */
const SCAN_SLICE_MS = 10;

/** Tenants of this process whose search index is being built in the background. */
let building = 0;
export const indexBuildsRunning = () => building;

/** Runs `steps` a slice of about SLICE_MS at a time, letting other work run between slices; answers what they return. */
async function inSlices<T>(steps: Generator<void, T>, sliceMs = SLICE_MS): Promise<T> {
  let since = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - since < sliceMs) continue;
    await turn();
    since = performance.now();
  }
}

/**
 * Rows by key, within groups (a reservation's kind): keyed by the record's own number, read from
 * the row itself, so no key string or map entry is kept per row (see RowIndex).
 */
class Table<T> {
  private readonly position: RowIndex<T>;
  constructor(
    readonly rows: T[],
    private readonly keyOf: (row: T) => string,
    private readonly groupOf: (row: T) => string = () => '',
  ) {
    this.position = new RowIndex(rows, keyOf, groupOf);
  }
  *fill(): Generator<void> {
    this.position.reserve(this.rows.length);
    for (let i = 0; i < this.rows.length; i++) {
      this.position.set(i);
      if (i % SLICE === SLICE - 1) yield;
    }
  }
  get(key: string, group = ''): T | undefined {
    const i = this.position.get(key, group);
    return i === undefined ? undefined : this.rows[i];
  }
  /** Inserts or replaces; answers the row it replaced. */
  put(row: T): T | undefined {
    const i = this.position.get(this.keyOf(row), this.groupOf(row));
    if (i === undefined) {
      this.position.set(this.rows.push(row) - 1);
      return undefined;
    }
    const old = this.rows[i];
    this.rows[i] = row;
    return old;
  }
  get size() {
    return this.rows.length;
  }
}

/** Values under each key, in the order added, each once: a key's one value is kept alone (most keys have one). */
class MultiMap {
  private readonly map = new Map<string, string | string[]>();
  add(key: string | undefined, value: string) {
    if (!key) return;
    const held = this.map.get(key);
    if (held === undefined) this.map.set(key, value);
    else if (typeof held === 'string') {
      if (held !== value) this.map.set(key, [held, value]);
    } else if (!held.includes(value)) held.push(value);
  }
  remove(key: string | undefined, value: string) {
    if (!key) return;
    const held = this.map.get(key);
    if (held === value) this.map.delete(key);
    else if (Array.isArray(held)) {
      const i = held.indexOf(value);
      if (i >= 0) held.splice(i, 1);
    }
  }
  get(key: string): string[] {
    const held = this.map.get(key);
    return held === undefined ? [] : typeof held === 'string' ? [held] : held.slice();
  }
}

const byOrgThenNumber = (a: { organizationNumber: number }, b: { organizationNumber: number }, na: string, nb: string) =>
  a.organizationNumber - b.organizationNumber || na.length - nb.length || (na < nb ? -1 : na > nb ? 1 : 0);

export class TenantState {
  private readonly customers: Table<Customer>;
  private readonly accounts: Table<Account>;
  private readonly cards: Table<Card>;
  private readonly relationships: Table<Relationship>;
  private readonly reservations: Table<Reservation>;
  private readonly accountsByCustomer = new MultiMap();
  private readonly cardsByAccount = new MultiMap();
  private readonly relationshipsByCustomer = new MultiMap();
  private readonly accountsByRelationship = new MultiMap();
  private readonly customerIndex: CustomerIndex;
  /** The search index's build while it runs in the background, and the customer changes made meanwhile. */
  private indexing?: Generator<void>;
  private changedWhileIndexing: [Customer | undefined, Customer][] = [];
  /** How many of those changes the index has taken so far. */
  private changesIndexed = 0;
  private searchable: Promise<void> = Promise.resolve();

  /** Indexes `data` at once; `TenantState.load` does the same in slices. */
  constructor(
    readonly data: TenantData,
    inSlices = false,
  ) {
    this.customers = new Table(data.customers, (c) => c.customerNumber);
    this.customerIndex = new CustomerIndex();
    this.accounts = new Table(data.accounts, (a) => a.accountNumber);
    this.cards = new Table(data.cards, (c) => c.cardNumber);
    this.relationships = new Table(data.relationships, (r) => r.relationshipNumber);
    this.reservations = new Table(data.reservations, (r) => r.number, (r) => r.kind);
    // The index reads its own copy of the list: changes made while it is built are queued apart.
    this.indexing = this.customerIndex.adding(data.customers.slice());
    if (!inSlices) {
      for (const _ of this.fill());
      this.indexNow();
      for (const _ of this.customerIndex.completing());
    }
  }

  /**
   * Indexes a large tenant a slice at a time, letting other requests run between slices: a
   * tenant of 100 000 customers would otherwise hold the process for seconds. The tenant is
   * answered as soon as its records are in their tables; the customer search index is built
   * after, in the background (see whenSearchable), and then its tolerant parts.
   */
  static async load(data: TenantData): Promise<TenantState> {
    const state = new TenantState(data, true);
    await inSlices(state.fill());
    state.searchable = state.indexInBackground();
    // A lookup that waits on it reports the failure; nothing else does.
    state.searchable.catch(() => undefined);
    return state;
  }

  private async indexInBackground(): Promise<void> {
    building++;
    const release = loadStarted();
    const done = () => {
      building--;
      release();
    };
    try {
      await inSlices(this.indexSteps());
    } catch (err) {
      done();
      throw err;
    }
    // The ends-with orders and the tolerant parts follow in the background; until they are built,
    // a search that needs them tests the values one by one (see ValueIndex.near).
    void inSlices(this.customerIndex.completing())
      .catch(() => undefined)
      .finally(done);
  }

  /**
   * The index's build, step by step, then the changes made meanwhile, a slice at a time (a long
   * journal is replayed while the index is built); stops as soon as a search that could not
   * wait finished it (indexNow).
   */
  private *indexSteps(): Generator<void> {
    let built = false;
    while (this.indexing) {
      if (!built) built = !!this.indexing.next().done;
      else this.indexChanges(REPLAY_SLICE);
      yield;
    }
  }

  /** Puts up to `count` of the changes made while the index was built into it; the last one ends the build. */
  private indexChanges(count: number) {
    const changes = this.changedWhileIndexing;
    const end = Math.min(changes.length, this.changesIndexed + count);
    for (; this.changesIndexed < end; this.changesIndexed++) this.customerIndex.put(...changes[this.changesIndexed]);
    if (this.changesIndexed < changes.length) return;
    this.indexing = undefined;
    this.changedWhileIndexing = [];
    this.changesIndexed = 0;
  }

  /** Resolves once lookups can be answered without holding the process to build what they read. */
  whenSearchable(): Promise<void> {
    return this.searchable;
  }

  /** The search index, its build finished first if it still runs. */
  private indexNow(): CustomerIndex {
    if (this.indexing) {
      for (const _ of this.indexing);
      this.indexChanges(Infinity);
    }
    return this.customerIndex;
  }

  private *fill(): Generator<void> {
    yield* this.customers.fill();
    yield* this.accounts.fill();
    yield* this.cards.fill();
    yield* this.relationships.fill();
    yield* this.reservations.fill();
    const { accounts, cards, relationships } = this.data;
    for (let i = 0; i < accounts.length; i++) {
      this.indexAccount(accounts[i]);
      if (i % SLICE === SLICE - 1) yield;
    }
    for (let i = 0; i < cards.length; i++) {
      this.cardsByAccount.add(cards[i].accountNumber, cards[i].cardNumber);
      if (i % SLICE === SLICE - 1) yield;
    }
    for (let i = 0; i < relationships.length; i++) {
      this.relationshipsByCustomer.add(relationships[i].customerNumber, relationships[i].relationshipNumber);
      if (i % SLICE === SLICE - 1) yield;
    }
  }

  private indexAccount(a: Account, add = true) {
    const op = add ? 'add' : 'remove';
    a.holders.forEach((h) => this.accountsByCustomer[op](h.customerNumber, a.accountNumber));
    this.accountsByRelationship[op](a.relationshipNumber, a.accountNumber);
  }

  customer = (n: Digits) => view(this.customers.get(n));
  account = (n: Digits) => view(this.accounts.get(n));
  card = (n: Digits) => view(this.cards.get(n));
  relationship = (n: Digits) => view(this.relationships.get(n));
  reservation = (kind: NumberKind, n: Digits) => view(this.reservations.get(n, kind));

  accountsOf(customerNumber: Digits): Account[] {
    return this.sortedAccounts(this.accountsByCustomer.get(customerNumber));
  }

  accountsUnder(relationshipNumber: Digits): Account[] {
    return this.sortedAccounts(this.accountsByRelationship.get(relationshipNumber));
  }

  private sortedAccounts(numbers: string[]): Account[] {
    return numbers
      .map((n) => this.accounts.get(n)!)
      .sort((a, b) => byOrgThenNumber(a, b, a.accountNumber, b.accountNumber))
      .map(view);
  }

  cardsOf(accountNumber: Digits): Card[] {
    return this.cardsByAccount
      .get(accountNumber)
      .map((n) => this.cards.get(n)!)
      .sort((a, b) => a.sequence - b.sequence)
      .map(view);
  }

  relationshipsOf(customerNumber: Digits): Relationship[] {
    return this.relationshipsByCustomer
      .get(customerNumber)
      .map((n) => this.relationships.get(n)!)
      .sort((a, b) => byOrgThenNumber(a, b, a.relationshipNumber, b.relationshipNumber))
      .map(view);
  }

  findCustomers(test: (c: Readonly<Customer>) => boolean): Customer[] {
    return this.customers.rows.filter(test).map(view);
  }

  /**
   * One page of a lookup, from the index; while a large tenant's index is still being built, from
   * a scan of its customers, a slice at a time (the same answer, sooner than the index would be
   * ready). Its items are new objects holding only strings and numbers, so copies already.
   */
  async searchCustomers(query: CustomerQuery): Promise<CustomerPage> {
    if (!this.indexing) return this.customerIndex.search(query);
    // Without waiting for the build, which goes on meanwhile (in shorter slices: a caller waits for this one).
    return inSlices(this.scanning(query), SCAN_SLICE_MS);
  }

  private *scanning(query: CustomerQuery): Generator<void, CustomerPage> {
    const rows = this.customers.rows;
    const customers = new Array<SearchableCustomer>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      // The index's own, where it has read the customer as it is now; otherwise only what the search reads.
      customers[i] = this.customerIndex.searchableIfCurrent(rows[i]) ?? searchableOnDemand(rows[i]);
      if (i % SLICE === SLICE - 1) yield;
    }
    return yield* scanningSearch(customers, query);
  }

  surnameExamples(organizationNumber: number, words: number): SurnameExamples {
    return this.indexNow().surnameExamples(organizationNumber, words);
  }

  isTaken(kind: NumberKind, n: Digits): boolean {
    if (this.reservations.get(n, kind)) return true;
    switch (kind) {
      case 'customer':
        return !!this.customers.get(n);
      case 'account':
        return !!this.accounts.get(n);
      case 'card':
        return !!this.cards.get(n);
      case 'relationship':
        return !!this.relationships.get(n);
    }
  }

  counters = () => ({ ...this.data.counters });
  clock = () => this.data.clock;
  fixtures = () => structuredClone(this.data.fixtures);

  counts(): TenantCounts {
    return {
      customers: this.customers.size,
      accounts: this.accounts.size,
      cards: this.cards.size,
      relationships: this.relationships.size,
    };
  }

  /** Synchronous, so no other request can interleave between a read and the change built from it. */
  apply(change: ChangeSet): void {
    for (const c of change.customers ?? []) {
      const row = view(c);
      const old = this.customers.put(row);
      if (this.indexing) this.changedWhileIndexing.push([old, row]);
      else this.customerIndex.put(old, row);
    }
    for (const a of change.accounts ?? []) {
      const old = this.accounts.put(view(a));
      if (old) this.indexAccount(old, false);
      this.indexAccount(a);
    }
    for (const c of change.cards ?? []) {
      const old = this.cards.put(view(c));
      if (old) this.cardsByAccount.remove(old.accountNumber, old.cardNumber);
      this.cardsByAccount.add(c.accountNumber, c.cardNumber);
    }
    for (const r of change.relationships ?? []) {
      const old = this.relationships.put(view(r));
      if (old) this.relationshipsByCustomer.remove(old.customerNumber, old.relationshipNumber);
      this.relationshipsByCustomer.add(r.customerNumber, r.relationshipNumber);
    }
    for (const r of change.reservations ?? []) this.reservations.put(view(r));
    // A new object, not the old one written into: an object that gained its keys one at a time (as
    // the seeder's counters did) is a slow dictionary, and copying it for counters() cost every add
    // about 11 µs; a copy made by spreading is a plain fast object, copied in a fraction of that.
    if (change.counters) this.data.counters = { ...this.data.counters, ...change.counters };
    if (change.clock === null) delete this.data.clock;
    else if (change.clock !== undefined) this.data.clock = change.clock;
  }
}
