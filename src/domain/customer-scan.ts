// A lookup answered by testing every customer, for a tenant whose search index is still being
// built after loading: the answer the index gives (the same order, the same pages, the same
// tolerant matches), found the slow way, in steps a caller can pause between.
import {
  FIELD_RULES,
  foundCustomer,
  isNameField,
  keyOf,
  positionOf,
  resolveSearch,
  type CustomerPage,
  type Criterion,
  type CustomerQuery,
  type NameField,
  type ResolvedQuery,
  type SearchableCustomer,
  type TextField,
  type Vocabulary,
} from './customer-search.js';
import { isClose, oneEditAway, typoTolerance, type FuzzyKind } from './fuzzy-text.js';
import { pageByKey } from './keyset-page.js';
import type { PartyRole } from './model.js';

/** Customers tested between two pauses. */
const STEP = 2000;

/** The values of `held` a search for `text` accepts as close, as the index's ValueIndex.near finds them. */
function* closeValues(kind: FuzzyKind, text: string, held: ReadonlySet<string>): Generator<void, Set<string>> {
  const found = new Set<string>();
  if (held.has(text)) found.add(text);
  // Codes (identifiers, phones) are tolerated one edit within their own alphabet only.
  const candidates = kind === 'code' ? (typoTolerance(kind, text.length) > 0 ? oneEditAway(text) : []) : held;
  let n = 0;
  for (const v of candidates) {
    if (held.has(v) && isClose(kind, text, v)) found.add(v);
    if (++n % (4 * STEP) === 0) yield;
  }
  return found;
}

/** Runs steps through at once. */
function atOnce<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * What the customers hold, for the tolerant parts of a search: a field's values are gathered only
 * for the fields a search names, in steps (gathering), or at once if asked for first.
 */
class HeldValues implements Vocabulary {
  private readonly gathered = new Map<string, Set<string>>();
  private readonly close = new Map<string, Set<string>>();

  constructor(private readonly customers: readonly SearchableCustomer[]) {}

  /** Gathers, in steps, what resolveSearch will ask about a criterion, so that it then asks nothing slow. */
  *preparing(field: TextField, { mode, text, words }: Criterion): Generator<void> {
    const values = yield* this.gather(field, (p) => p[field]);
    if (mode !== 'equals') return;
    if (isNameField(field)) {
      const held = yield* this.gather(`words ${field}`, (p) => p.words[field]);
      for (const w of words ?? [text]) yield* this.closeTo(`words ${field}`, 'name', w, held);
    } else if (values.has(text)) return;
    yield* this.closeTo(field, FIELD_RULES[field].kind, text, values);
  }

  private *gather(name: string, valuesOf: (p: SearchableCustomer['owner']) => readonly string[]): Generator<void, Set<string>> {
    const done = this.gathered.get(name);
    if (done) return done;
    const set = new Set<string>();
    for (let i = 0; i < this.customers.length; i++) {
      const { owner, coOwner } = this.customers[i];
      for (const v of valuesOf(owner)) set.add(v);
      if (coOwner) for (const v of valuesOf(coOwner)) set.add(v);
      if (i % STEP === STEP - 1) yield;
    }
    this.gathered.set(name, set);
    return set;
  }

  private *closeTo(name: string, kind: FuzzyKind, text: string, held: ReadonlySet<string>): Generator<void, Set<string>> {
    const key = `${name}\0${text}`;
    const done = this.close.get(key);
    if (done) return done;
    const found = yield* closeValues(kind, text, held);
    this.close.set(key, found);
    return found;
  }

  has(field: TextField, value: string): boolean {
    return atOnce(this.gather(field, (p) => p[field])).has(value);
  }

  near(field: TextField, text: string): Set<string> {
    const held = atOnce(this.gather(field, (p) => p[field]));
    return atOnce(this.closeTo(field, FIELD_RULES[field].kind, text, held));
  }

  nearWords(field: NameField, word: string): Set<string> {
    const held = atOnce(this.gather(`words ${field}`, (p) => p.words[field]));
    return atOnce(this.closeTo(`words ${field}`, 'name', word, held));
  }
}

/** The text-field criteria of a lookup, each with its field. */
function criteriaOf(query: CustomerQuery): [TextField, Criterion][] {
  const out: [TextField, Criterion][] = [];
  for (const c of [query.search, ...query.within]) {
    for (const [f, criterion] of [...Object.entries(c.primary), ...Object.entries(c.optional)]) if (f !== 'dateOfBirth' && criterion) out.push([f as TextField, criterion]);
    if (c.nameFirst) out.push(['firstName', c.nameFirst]);
  }
  return out;
}

/** One page of the lookup `query` over `customers`; yields between steps, returns the page. */
export function* scanningSearch(customers: readonly SearchableCustomer[], query: CustomerQuery): Generator<void, CustomerPage> {
  const vocabulary = new HeldValues(customers);
  for (const [field, criterion] of criteriaOf(query)) yield* vocabulary.preparing(field, criterion);
  const rq: ResolvedQuery = { search: resolveSearch(query.search, vocabulary), within: query.within.map((w) => resolveSearch(w, vocabulary)) };
  const matches: { customer: SearchableCustomer; role: PartyRole; key: string }[] = [];
  for (let i = 0; i < customers.length; i++) {
    const at = positionOf(customers[i], rq);
    if (at) matches.push({ customer: customers[i], role: at.role, key: at.key });
    if (i % STEP === STEP - 1) yield;
  }
  matches.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const from = startKey(customers, query, rq);
  const page = pageByKey(matches, query.limit, query.direction, from === undefined ? undefined : (m) => (m.key < from ? -1 : m.key > from ? 1 : 0));
  return { items: page.items.map((m) => foundCustomer(m.customer, m.role, m.key)), more: page.more, hasPrevious: page.hasPrevious };
}

/** Where a page starts or ends, as the index works it out (CustomerIndex.startKey). */
function startKey(customers: readonly SearchableCustomer[], query: CustomerQuery, rq: ResolvedQuery): string | undefined {
  if (!query.from || query.direction === 'first') return undefined;
  if ('key' in query.from) return query.from.key;
  const { customerNumber } = query.from;
  const s = customers.find((c) => c.customer.customerNumber === customerNumber);
  if (!s) return undefined;
  return positionOf(s, rq)?.key ?? keyOf(s, 'owner', rq.search);
}
