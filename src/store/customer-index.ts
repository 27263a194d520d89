// The in-memory search index over one tenant's customers, kept up to date on every add and update
// and rebuilt when a tenant is loaded. A lookup reads the index of one field (the one that narrows
// most, or the one whose order the answer follows) instead of every customer. Names are also
// indexed word by word, so fuzzy switch 0 finds GARCIA inside LÓPEZ GARCÍA without a scan.
import {
  entryOfKey,
  partyPlace,
  FIELD_RULES,
  isNameField,
  keyOf,
  NAME_FIELDS,
  positionOf,
  PRIMARY_FIELDS,
  RANK,
  rankOf,
  rankOfKey,
  resolveSearch,
  searchable,
  foundCustomer,
  TEXT_FIELDS,
  valueOfKey,
  type CustomerPage,
  type CustomerQuery,
  type FoundCustomer,
  type NameField,
  type PartyKeys,
  type PrimaryField,
  type Resolved,
  type ResolvedQuery,
  type ResolvedSearch,
  type SearchableCustomer,
  type SearchCriteria,
  type SurnameExamples,
  type TextField,
} from '../domain/customer-search.js';
import type { Customer, PartyRole } from '../domain/model.js';
import { lowerBound, upperBound } from '../domain/sorted-array.js';
import { addedEntry, keyed, keyIn, partyOf, type Entry, type Keyed } from './index-entry.js';
import { compareStrings, sortInSteps, ValueIndex } from './value-index.js';

/** A customer of the answer, at its position. */
interface Row {
  customer: SearchableCustomer;
  role: PartyRole;
  key: string;
}

/** The answer's rows in order, read forwards or backwards from a position: at most `limit` of them. */
interface RowSource {
  read(direction: 'forward' | 'backward', bound: string | undefined, inclusive: boolean, limit: number): Row[];
}

type Direction = 'forward' | 'backward';

/**
 * Entries in the order of one field: the entries under each of `values` (ascending) of an index,
 * one value after the other, or one list of entries (those of a word).
 */
type Stream = { index: ValueIndex; values: readonly string[] } | { list: readonly Entry[]; valueOf: (e: Entry) => string };

/** Where the customers of one rank of a criterion's answer are to be found; its streams may overlap. */
interface Segment {
  rank: number;
  streams: Stream[];
  /** A quick test of an entry's own party at this rank, before the whole search is checked. */
  admits?: (e: Keyed) => boolean;
}

const found = ({ customer, role, key }: Row): FoundCustomer => foundCustomer(customer, role, key);

/** The fields whose index lists the entries under each value, so they can lead a search. */
type LeadingField = PrimaryField | 'firstName' | 'dateOfBirth';
type IndexedField = TextField | 'dateOfBirth';
const LEADING: readonly string[] = [...PRIMARY_FIELDS, 'firstName', 'dateOfBirth'];
const canLead = (f: IndexedField): f is LeadingField => LEADING.includes(f);
const entryKeyOf = (e: { key: string }) => e.key;
/** The value a name field's entries stand under in its word lists: the whole name. */
const nameValueOf = Object.fromEntries(NAME_FIELDS.map((f) => [f, (e: Entry) => partyOf(e)[f][0] ?? ''])) as Record<NameField, (e: Entry) => string>;
const itself = (v: string) => v;

/** Walking the order field's index costs at most this many times collecting and sorting a smaller set. */
const WALK_OVER_COLLECT = 4;
const WALK_ALWAYS_BELOW = 256;

/** Entries one at a time, each with its key; undefined once there are no more. */
interface Cursor {
  next(): Keyed | undefined;
}

/**
 * A stream's entries after (forward) or before (backward) the entry key `bound`, or all of them.
 * A cursor rather than a generator: a lookup reads some twenty entries through it, and each
 * resumed generator (several deep) cost more than the reading itself.
 */
class StreamCursor implements Cursor {
  private list: readonly Entry[] = [];
  /** The value the entries of `list` stand under (index streams). */
  private value = '';
  /** The next entry of `list` to read. */
  private at: number;
  /** Index streams: the next of the stream's values to open. */
  private nextValue = -1;
  private readonly boundValue: string | undefined;
  /** A list stream's own reading of each entry's value, found once rather than per entry. */
  private readonly entryValue: ((e: Entry) => string) | undefined;

  constructor(
    private readonly stream: Stream,
    private readonly forward: boolean,
    private readonly bound: string | undefined,
    private readonly inclusive: boolean,
  ) {
    if ('list' in stream) {
      const { list, valueOf } = stream;
      const keyOf = (e: Entry) => keyIn(valueOf(e), e);
      this.list = list;
      this.entryValue = valueOf;
      if (forward) this.at = bound === undefined ? 0 : (inclusive ? lowerBound : upperBound)(list, bound, keyOf);
      else this.at = (bound === undefined ? list.length : (inclusive ? upperBound : lowerBound)(list, bound, keyOf)) - 1;
      return;
    }
    // An entry key starts with its value, so the bound's value says where to start among the values.
    const { values } = stream;
    const boundValue = (this.boundValue = bound === undefined ? undefined : valueOfKey(bound));
    if (forward) this.nextValue = boundValue === undefined ? 0 : lowerBound(values, boundValue, itself);
    else this.nextValue = (boundValue === undefined ? values.length : upperBound(values, boundValue, itself)) - 1;
    this.at = forward ? 0 : -1;
  }

  next(): Keyed | undefined {
    for (;;) {
      const list = this.list;
      if (this.forward ? this.at < list.length : this.at >= 0) {
        const e = list[this.forward ? this.at++ : this.at--];
        return keyed(this.entryValue ? this.entryValue(e) : this.value, e);
      }
      if (!this.openNextValue()) return undefined;
    }
  }

  private openNextValue(): boolean {
    const stream = this.stream;
    if ('list' in stream) return false;
    const { values, index } = stream;
    if (this.forward ? this.nextValue >= values.length : this.nextValue < 0) return false;
    const value = values[this.forward ? this.nextValue++ : this.nextValue--];
    const list = index.entriesOf(value);
    this.value = value;
    this.list = list;
    if (value !== this.boundValue) this.at = this.forward ? 0 : list.length - 1;
    else {
      const keyOf = (e: Entry) => keyIn(value, e);
      const { bound, inclusive } = this;
      this.at = this.forward ? (inclusive ? lowerBound : upperBound)(list, bound!, keyOf) : (inclusive ? upperBound : lowerBound)(list, bound!, keyOf) - 1;
    }
    return true;
  }
}

/** The streams' entries in one order, each once (an entry found in several streams comes up in each). */
function merged(streams: readonly Stream[], direction: Direction, bound: string | undefined, inclusive: boolean): Cursor {
  const forward = direction === 'forward';
  if (streams.length === 1) return new StreamCursor(streams[0], forward, bound, inclusive);
  // Few streams (a criterion's near words): picking the smallest head by a linear look is enough.
  const heads = streams.map((s) => {
    const cursor = new StreamCursor(s, forward, bound, inclusive);
    return { cursor, head: cursor.next() };
  });
  const before = forward ? (a: string, b: string) => a < b : (a: string, b: string) => a > b;
  let last: string | undefined;
  return {
    next() {
      for (;;) {
        let best: (typeof heads)[number] | undefined;
        for (const h of heads) if (h.head && (!best || before(h.head.key, best.head!.key))) best = h;
        if (!best) return undefined;
        const entry = best.head!;
        best.head = best.cursor.next();
        if (entry.key === last) continue;
        last = entry.key;
        return entry;
      }
    },
  };
}

/** The distinct pairs of neighbouring words, each written with a space between. */
function pairsOf(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const pair = `${words[i]} ${words[i + 1]}`;
    if (!out.includes(pair)) out.push(pair);
  }
  return out;
}

function streamSize(stream: Stream): number {
  if ('list' in stream) return stream.list.length;
  let n = 0;
  for (const v of stream.values) n += stream.index.count(v);
  return n;
}

interface Driver {
  field: LeadingField;
  criterion: Resolved;
  cost: number;
  isOrder: boolean;
  segments?: Segment[];
}

/** Fields whose values nearly every party holds alone (phones, identifiers): no list to share. */
const UNSHARED: readonly TextField[] = ['identifier', 'phone'];

/**
 * Gives parties holding the same single value of a field one list, as they are read: the index
 * would share them later anyway, but lists replaced then are garbage in the old generation, and
 * at 100 000 customers that raised the peak memory by tens of MB.
 */
function shareLists(keys: PartyKeys, pools: Map<TextField, Map<string, readonly string[]>>) {
  for (const field of TEXT_FIELDS) {
    const own = keys[field];
    if (own.length !== 1 || UNSHARED.includes(field)) continue;
    let pool = pools.get(field);
    if (!pool) pools.set(field, (pool = new Map()));
    const shared = pool.get(own[0]);
    if (!shared) {
      pool.set(own[0], Object.freeze(own));
      continue;
    }
    // A one-word name's words are its key list: both take the shared one.
    if (isNameField(field) && keys.words[field] === own) keys.words[field] = shared;
    keys[field] = shared;
  }
}

/** Customers indexed between two chances to pause a load in slices (each takes some 50 µs). */
const SLICE = 50;

export class CustomerIndex {
  private readonly byNumber = new Map<string, SearchableCustomer>();
  private readonly fields = Object.fromEntries([
    ...TEXT_FIELDS.map((f) => [f, new ValueIndex(FIELD_RULES[f].kind, canLead(f))]),
    ['dateOfBirth', new ValueIndex('code', true)],
  ]) as Record<IndexedField, ValueIndex>;
  /** The words of each name field; those of leading fields list their entries (the name's) under each word. */
  private readonly words = Object.fromEntries(NAME_FIELDS.map((f) => [f, new ValueIndex('name', false, nameValueOf[f])])) as Record<NameField, ValueIndex>;
  /**
   * Leading name fields also list their entries under each pair of neighbouring words ("GARCIA
   * LOPEZ"): the holders of a compound name typed whole are then a short list, not everyone
   * holding its rarest word.
   */
  private readonly pairs: Partial<Record<NameField, ValueIndex>> = {
    lastName: new ValueIndex('code', false, nameValueOf.lastName),
    firstName: new ValueIndex('code', false, nameValueOf.firstName),
  };
  /** Per organization, how many customers hold each last-name word: the fixtures name the commonest. */
  private readonly surnameWords = new Map<number, Map<string, number>>();

  constructor(customers: readonly Customer[] = []) {
    // An empty index is left to be filled in bulk (TenantState.load), its tolerant parts after.
    if (customers.length === 0) return;
    for (const _ of this.adding(customers));
    for (const _ of this.completing());
  }

  private indexes(): ValueIndex[] {
    return [...Object.values(this.fields), ...Object.values(this.words), ...Object.values(this.pairs)];
  }

  /**
   * Indexes many customers at once (into an empty index), yielding every few dozen so that a
   * large tenant can load in slices. The parties are put in their answer order first, so that
   * most lists come out in order and the rest sort by number rather than by key.
   */
  *adding(customers: readonly Customer[]): Generator<void> {
    const all = this.indexes();
    all.forEach((f) => f.startBulk());
    const parties: Entry[] = [];
    const pools = new Map<TextField, Map<string, readonly string[]>>();
    for (let i = 0; i < customers.length; i++) {
      const s = searchable(customers[i]);
      shareLists(s.owner, pools);
      if (s.coOwner) shareLists(s.coOwner, pools);
      this.byNumber.set(s.customer.customerNumber, s);
      this.countSurnameWords(s, 1);
      parties.push({ customer: s, role: 'owner', order: -1, place: undefined });
      if (s.coOwner) parties.push({ customer: s, role: 'coOwner', order: -1, place: undefined });
      if (i % SLICE === SLICE - 1) yield;
    }
    yield* this.sortParties(parties);
    for (let i = 0; i < parties.length; i++) {
      parties[i].order = i;
      this.addParty(parties[i]);
      if (i % SLICE === SLICE - 1) yield;
    }
    for (const f of all) yield* f.endingBulk();
  }

  /**
   * The ends-with orders and the near-spelling and sound indexes, in slices. Searches do not wait
   * for them: until they are built, a search that needs them tests the values one by one. The last
   * name's come first, as a lookup by name under switch 0 (the commonest) reads them.
   */
  *completing(): Generator<void> {
    yield* this.fields.lastName.buildingReversed();
    for (const f of NAME_FIELDS) {
      yield* this.fields[f].buildingFuzzy();
      yield* this.words[f].buildingFuzzy();
    }
    for (const f of this.indexes()) {
      yield* f.buildingReversed();
      yield* f.buildingFuzzy();
    }
  }

  /**
   * Puts parties in compareParties' order, comparing one string per party (partyPlace, then
   * "\0<where it was>") with the built-in sort: far quicker than comparing the parties.
   */
  private *sortParties(parties: Entry[]): Generator<void> {
    const keys = new Array<string>(parties.length);
    for (let i = 0; i < parties.length; i++) {
      const e = parties[i];
      keys[i] = `${partyPlace(partyOf(e), e.customer.customer.customerNumber, e.role)}\0${String(i).padStart(8, '0')}`;
      if (i % SLICE === SLICE - 1) yield;
    }
    yield* sortInSteps(keys, compareStrings);
    const unsorted = parties.slice();
    for (let i = 0; i < keys.length; i++) parties[i] = unsorted[Number(keys[i].slice(keys[i].lastIndexOf('\0') + 1))];
  }

  /** Keeps the index in step with a stored customer: `old` is the record it replaced, if any. */
  put(old: Customer | undefined, next: Customer): void {
    if (old) this.remove(old.customerNumber);
    const s = searchable(next);
    this.byNumber.set(next.customerNumber, s);
    this.countSurnameWords(s, 1);
    this.addParty(addedEntry(s, 'owner'));
    if (s.coOwner) this.addParty(addedEntry(s, 'coOwner'));
  }

  private addParty(entry: Entry) {
    const keys = partyOf(entry);
    for (const field of TEXT_FIELDS) {
      const values = keys[field];
      const listed = canLead(field) ? entry : undefined;
      for (const value of values) {
        const alone = this.fields[field].add(value, listed, values);
        if (values.length !== 1) continue;
        if (isNameField(field)) this.addWords(field, keys, listed, alone);
        // Parties holding the same single value share one list: at 100 000 customers this matters.
        if (alone) keys[field] = alone;
      }
    }
    if (keys.dateOfBirth) this.fields.dateOfBirth.add(keys.dateOfBirth, entry);
  }

  /** Indexes a name's words; the party's word list is then made of the index's own strings, shared by every holder. */
  private addWords(field: NameField, keys: PartyKeys, entry: Entry | undefined, alone: readonly string[] | undefined) {
    const index = this.words[field];
    const words = keys.words[field];
    if (words === keys[field]) {
      index.add(words[0], entry);
      if (alone) keys.words[field] = alone;
      return;
    }
    // The list is the party's own (split from its name), so it can take the shared strings in place.
    const own = words as string[];
    for (let i = 0; i < own.length; i++) {
      const first = own.indexOf(own[i]);
      own[i] = first < i ? own[first] : (index.add(own[i], entry)?.[0] ?? own[i]);
    }
    if (entry) for (const pair of pairsOf(own)) this.pairs[field]?.add(pair, entry);
  }

  private remove(customerNumber: string) {
    const s = this.byNumber.get(customerNumber);
    if (!s) return;
    this.byNumber.delete(customerNumber);
    this.countSurnameWords(s, -1);
    for (const role of ['owner', 'coOwner'] as const) {
      if (role === 'coOwner' && !s.coOwner) continue;
      // Found in its lists by its place, which this entry shares with the one added.
      const entry = addedEntry(s, role);
      const keys = partyOf(entry);
      for (const field of TEXT_FIELDS) {
        const listed = canLead(field) ? entry : undefined;
        for (const value of keys[field]) this.fields[field].remove(value, listed);
        if (!isNameField(field)) continue;
        const words = keys.words[field];
        words.forEach((w, i) => words.indexOf(w) === i && this.words[field].remove(w, listed));
        if (listed) for (const pair of pairsOf(words)) this.pairs[field]?.remove(pair, listed);
      }
      if (keys.dateOfBirth) this.fields.dateOfBirth.remove(keys.dateOfBirth, entry);
    }
  }

  /**
   * The last-name words most customers of the organization hold (particles such as DE or LA,
   * under four letters, left out), and a whole compound surname holding the commonest of them.
   */
  surnameExamples(organizationNumber: number, words: number): SurnameExamples {
    // Most held first; on a tie, alphabetical, so the same data always names the same surnames.
    const before = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1);
    const common = [...(this.surnameWords.get(organizationNumber) ?? [])].filter(([w]) => w.length >= 4).sort(before).slice(0, words);

    // The whole compound surname most customers share among those holding the commonest word:
    // one list to read, not the whole tenant.
    const sharing = new Map<string, { customers: Set<SearchableCustomer>; entry: Entry }>();
    for (const e of common.length ? this.words.lastName.entriesOf(common[0][0]) : []) {
      const p = partyOf(e);
      if (e.customer.customer.organizationNumber !== organizationNumber || p.words.lastName.length < 2) continue;
      const value = p.lastName[0];
      const held = sharing.get(value);
      if (!held) sharing.set(value, { customers: new Set([e.customer]), entry: e });
      else {
        held.customers.add(e.customer);
        // Named by an owner where one holds it: the customer's record then shows the name first.
        if (held.entry.role !== 'owner' && e.role === 'owner') held.entry = e;
      }
    }
    const [value, compound] = [...sharing].sort((a, b) => before([a[0], a[1].customers.size], [b[0], b[1].customers.size]))[0] ?? [];
    return {
      common: common.map(([word, customers]) => ({ word, customers })),
      ...(value && compound && {
        compound: {
          lastName: compound.entry.customer.customer[compound.entry.role]!.lastName!,
          customers: compound.customers.size,
          customerNumber: compound.entry.customer.customer.customerNumber,
        },
      }),
    };
  }

  /** Counts the customer (once, whichever party holds it) under each word of its last names. */
  private countSurnameWords(s: SearchableCustomer, by: 1 | -1) {
    const org = s.customer.organizationNumber;
    let counts = this.surnameWords.get(org);
    if (!counts) this.surnameWords.set(org, (counts = new Map()));
    for (const word of new Set([...s.owner.words.lastName, ...(s.coOwner?.words.lastName ?? [])])) {
      const n = (counts.get(word) ?? 0) + by;
      if (n > 0) counts.set(word, n);
      else counts.delete(word);
    }
  }

  /** Criteria with their tolerant parts turned into the values and words the index holds. */
  resolve(criteria: SearchCriteria): ResolvedSearch {
    return resolveSearch(criteria, {
      has: (field, value) => this.fields[field].has(value),
      near: (field, text) => this.fields[field].near(text),
      nearWords: (field, word) => this.words[field].near(word),
    });
  }

  /** True once a bulk build (adding) has read every customer, before it sorts and lists them. */
  /** The index's reading of a customer, if it has read the customer as `current` is now. */
  searchableIfCurrent(current: Customer): SearchableCustomer | undefined {
    const s = this.byNumber.get(current.customerNumber);
    return s?.customer === current ? s : undefined;
  }

  search(query: CustomerQuery): CustomerPage {
    const rq: ResolvedQuery = { search: this.resolve(query.search), within: query.within.map((w) => this.resolve(w)) };
    const source = this.sourceFor(rq);
    const from = this.startKey(query, rq);
    if (query.direction === 'prev' && from !== undefined) {
      const before = source.read('backward', from, false, query.limit + 1);
      return {
        items: before.slice(0, query.limit).reverse().map(found),
        more: source.read('forward', from, true, 1).length > 0,
        hasPrevious: before.length > query.limit,
      };
    }
    const after = query.direction === 'next' ? from : undefined;
    const items = source.read('forward', after, false, query.limit + 1);
    return {
      items: items.slice(0, query.limit).map(found),
      more: items.length > query.limit,
      hasPrevious: after !== undefined && source.read('backward', after, true, 1).length > 0,
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
   * Where each rank of a criterion's answer is to be found in a leading field's indexes. A name
   * under switch 0: the whole name; then the holders of the typed word, or of the rarest pair of
   * neighbouring typed words; then the close names, and the holders of a word close to the typed
   * one (or of a pair of words close to a pair of typed neighbours, whichever pairs are held
   * least); then the names beginning or ending with the text.
   */
  private segmentsOf(field: LeadingField, r: Resolved): Segment[] {
    const index = this.fields[field];
    if (r.mode === 'in') {
      const values = index.matchingValues(r);
      return [
        { rank: RANK.exact, streams: [{ index, values: values.filter((v) => v === r.text) }] },
        { rank: RANK.tolerant, streams: [{ index, values: values.filter((v) => v !== r.text) }] },
      ];
    }
    if (r.mode !== 'ranked') return [{ rank: RANK.exact, streams: [{ index, values: index.matchingValues(r) }] }];

    const name = field as NameField;
    const words = this.words[name];
    // Most entries of the word lists and ranges hold the name at another rank, or not at all:
    // their own name says so at once, without checking the customer against the whole search.
    const at = (rank: number) => (e: Keyed) => {
      const p = partyOf(e);
      return rankOf(p[name][0] ?? '', p.words[name], r) === rank;
    };
    const pairs = this.pairs[name]!;
    let inARow: readonly Entry[];
    let closeLists: (readonly Entry[])[];
    if (r.words.length === 1) {
      const [word] = r.words;
      inARow = words.entriesOf(word);
      // Whoever holds the word itself ranks above tolerant already.
      closeLists = [...r.nearWords[0]].filter((w) => w !== word).map((w) => words.entriesOf(w));
    } else {
      const typedPairs = pairsOf(r.words);
      inARow = pairs.entriesOf(typedPairs.reduce((a, b) => (pairs.count(b) < pairs.count(a) ? b : a)));
      closeLists = [];
      let fewest = Infinity;
      for (let j = 0; j + 1 < r.words.length; j++) {
        const lists: (readonly Entry[])[] = [];
        for (const a of r.nearWords[j]) for (const b of r.nearWords[j + 1]) if (pairs.count(`${a} ${b}`)) lists.push(pairs.entriesOf(`${a} ${b}`));
        const n = lists.reduce((sum, list) => sum + list.length, 0);
        if (n < fewest) [closeLists, fewest] = [lists, n];
      }
    }
    return [
      { rank: RANK.exact, streams: [{ index, values: [r.text] }] },
      { rank: RANK.words, streams: [{ list: inARow, valueOf: nameValueOf[name] }], admits: at(RANK.words) },
      {
        rank: RANK.tolerant,
        admits: at(RANK.tolerant),
        streams: [{ index, values: [...r.near].filter((v) => v !== r.text).sort() }, ...closeLists.map((list) => ({ list, valueOf: nameValueOf[name] }))],
      },
      ...(r.affixes
        ? [{
            rank: RANK.affix,
            admits: at(RANK.affix),
            streams: [
              { index, values: index.matchingValues({ mode: 'prefix', text: r.text }) },
              { index, values: index.matchingValues({ mode: 'suffix', text: r.text }) },
            ],
          }]
        : []),
    ];
  }

  private segmentsFor(d: Driver): Segment[] {
    return (d.segments ??= this.segmentsOf(d.field, d.criterion));
  }

  /** Entries a driver would go through, counted up to about `cap`. */
  private costOf(d: Driver, cap: number): number {
    if (d.criterion.mode !== 'ranked') return this.fields[d.field].cost(d.criterion, cap);
    let n = 0;
    for (const segment of this.segmentsFor(d)) for (const stream of segment.streams) n += streamSize(stream);
    return n;
  }

  /**
   * Chooses how to read the answer. When every match must hold the order field, walking that
   * field's index gives rows already in order; when another required field (or an earlier answer
   * being drilled into) narrows much more, its few candidates are collected and sorted instead.
   */
  private sourceFor(rq: ResolvedQuery): RowSource {
    const { search } = rq;
    const drivers: Driver[] = [];
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
        d.cost = this.costOf(d, WALK_OVER_COLLECT * least + WALK_ALWAYS_BELOW);
        least = Math.min(least, d.cost);
      }
    }
    const order = drivers.find((d) => d.isOrder);
    const cheapest = drivers.find((d) => d.cost === least);
    if (order && cheapest && (order.cost <= WALK_OVER_COLLECT * cheapest.cost + WALK_ALWAYS_BELOW || order === cheapest)) {
      return this.walk(this.segmentsFor(order), rq);
    }
    if (cheapest) return this.collect(this.segmentsFor(cheapest), rq);
    // Any of several fields may match: the candidates of each are gathered.
    return this.collect(search.primary.flatMap(([field, r]) => this.segmentsOf(field, r)), rq);
  }

  /**
   * Rows straight from the order field's indexes, rank after rank; within a rank, the entries of
   * its streams merged in order. A customer is listed once, at its own position: its entries
   * elsewhere (another party, another rank, another stream) are passed over.
   */
  private walk(segments: Segment[], rq: ResolvedQuery): RowSource {
    return {
      read(direction, bound, inclusive, limit) {
        const rows: Row[] = [];
        if (limit <= 0) return rows;
        const boundRank = bound === undefined ? undefined : rankOfKey(bound);
        const inOrder = direction === 'forward' ? segments : [...segments].reverse();
        for (const { rank, streams, admits } of inOrder) {
          if (boundRank !== undefined && (direction === 'forward' ? rank < boundRank : rank > boundRank)) continue;
          const within = rank === boundRank ? entryOfKey(bound!) : undefined;
          const entries = merged(streams, direction, within, inclusive);
          for (let e = entries.next(); e; e = entries.next()) {
            if (admits && !admits(e)) continue;
            const position = positionOf(e.customer, rq);
            // The customer's own position is this entry at this rank: "<rank>\0<entry key>".
            const here = position && position.key.length === e.key.length + 2 && rankOfKey(position.key) === rank && position.key.endsWith(e.key);
            if (!here) continue;
            rows.push({ customer: e.customer, role: position.role, key: position.key });
            if (rows.length === limit) return rows;
          }
        }
        return rows;
      },
    };
  }

  /** Rows from a small candidate set: each checked, placed and sorted. */
  private collect(segments: Segment[], rq: ResolvedQuery): RowSource {
    const seen = new Set<SearchableCustomer>();
    const sorted: Row[] = [];
    for (const { streams } of segments) {
      for (const stream of streams) {
        const entries = new StreamCursor(stream, true, undefined, false);
        for (let e = entries.next(); e; e = entries.next()) {
          if (seen.has(e.customer)) continue;
          seen.add(e.customer);
          const position = positionOf(e.customer, rq);
          if (position) sorted.push({ customer: e.customer, role: position.role, key: position.key });
        }
      }
    }
    sorted.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return {
      read(direction, bound, inclusive, limit) {
        if (direction === 'forward') {
          const start = bound === undefined ? 0 : (inclusive ? lowerBound : upperBound)(sorted, bound, entryKeyOf);
          return sorted.slice(start, start + Math.max(0, limit));
        }
        const end = bound === undefined ? sorted.length : (inclusive ? upperBound : lowerBound)(sorted, bound, entryKeyOf);
        return sorted.slice(Math.max(0, end - limit), end).reverse();
      },
    };
  }
}
