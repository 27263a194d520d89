// One search field's index (or the index of the words of a name field): its distinct values in
// order (begins-with and ends-with become ranges), the entries under each value in answer order,
// and the sounds and near-spellings of the values for the tolerant match. Values are counted, so
// one held by several customers is kept once.
import { distance } from 'fastest-levenshtein';
import type { PassjoinIndex as PassjoinIndexClass } from 'mnemonist';
import { createRequire } from 'node:module';
import type { Resolved, SearchableCustomer } from '../domain/customer-search.js';

// The one structure used, required alone: mnemonist's index module loads all of its structures,
// which costs the start about 80 ms.
const PassjoinIndex = createRequire(import.meta.url)('mnemonist/passjoin-index.js') as typeof PassjoinIndexClass;
type PassjoinIndex<T> = PassjoinIndexClass<T>;

/** The criteria a field's own values answer (a name's ranked criterion is put together from several indexes). */
type ValueCriterion = Exclude<Resolved, { mode: 'ranked' }>;
import { isClose, MAX_TYPOS, phoneticCodes, typoTolerance, type FuzzyKind } from '../domain/fuzzy-text.js';
import type { PartyRole } from '../domain/model.js';
import { insertSorted, lowerBound, removeSorted } from '../domain/sorted-array.js';

/** One party's value of the field, at its place in the field's order (a word's entries share their name's). */
export interface Entry {
  key: string;
  customer: SearchableCustomer;
  role: PartyRole;
}

const reverse = (s: string) => [...s].reverse().join('');
const byKey = (e: Entry) => e.key;
const compareEntries = (a: Entry, b: Entry) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
const itself = (v: string) => v;

/** A value spelled backwards, for ends-with ranges, with the value itself. */
interface Reversed {
  backwards: string;
  value: string;
}
const backwardsOf = (r: Reversed) => r.backwards;

/** How many customers hold a value, and the one-value list every party holding only it shares. */
interface Held {
  count: number;
  alone: readonly string[];
}

const DIGITS = '0123456789';
const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Every string one insertion, deletion or substitution away from `text`. */
function oneEditAway(text: string): string[] {
  const alphabet = /^\d+$/.test(text) ? DIGITS : ALPHANUMERIC;
  const out: string[] = [];
  for (let i = 0; i <= text.length; i++) {
    const head = text.slice(0, i);
    for (const ch of alphabet) out.push(head + ch + text.slice(i));
    if (i === text.length) break;
    const tail = text.slice(i + 1);
    out.push(head + tail);
    for (const ch of alphabet) if (ch !== text[i]) out.push(head + ch + tail);
  }
  return out;
}
/**
 * A stable sort that stops every ten thousand comparisons: sorted runs, then merged
 * pairwise. Sorting the values of 100 000 customers at once would hold the process too long.
 */
function* sortInSteps<T>(items: T[], compare: (a: T, b: T) => number): Generator<void> {
  const RUN = 4096;
  for (let i = 0; i < items.length; i += RUN) {
    const run = items.slice(i, i + RUN).sort(compare);
    for (let j = 0; j < run.length; j++) items[i + j] = run[j];
    yield;
  }
  let from = items;
  let to = new Array<T>(items.length);
  let steps = 0;
  for (let width = RUN; width < items.length; width *= 2) {
    for (let lo = 0; lo < items.length; lo += 2 * width) {
      const mid = Math.min(lo + width, items.length);
      const hi = Math.min(lo + 2 * width, items.length);
      let a = lo;
      let b = mid;
      let k = lo;
      while (a < mid && b < hi) {
        to[k++] = compare(from[b], from[a]) < 0 ? from[b++] : from[a++];
        if (++steps % 10_000 === 0) yield;
      }
      while (a < mid) to[k++] = from[a++];
      while (b < hi) to[k++] = from[b++];
    }
    [from, to] = [to, from];
  }
  if (from !== items) for (let i = 0; i < items.length; i++) items[i] = from[i];
}

// Sorts after every character a stored value can hold, so [text, text + END) is "begins with text".
const END = '\uffff';

export class ValueIndex {
  private readonly held = new Map<string, Held>();
  /** Every value ever held, so the near-spelling and sound indexes (which only grow) get each once. */
  private readonly known = new Set<string>();
  private readonly sorted: string[] = [];
  private readonly reversed: Reversed[] = [];
  private readonly postings = new Map<string, Entry[]>();
  private readonly sounds = new Map<string, string[]>();
  /** Names and words: an edit-distance index. Codes need none: their few one-edit variants are looked up. */
  private readonly typos?: PassjoinIndex<string>;
  private bulk = false;

  /** `ordered` indexes (the primary fields) keep their values in order, for ranges. */
  constructor(
    private readonly kind: FuzzyKind,
    private readonly ordered: boolean,
  ) {
    if (kind !== 'code') this.typos = new PassjoinIndex<string>(distance, MAX_TYPOS[kind]);
  }

  /** While loading many customers, values are appended and sorted once at `endBulk`. */
  startBulk() {
    this.bulk = true;
  }

  endBulk() {
    for (const _ of this.endingBulk());
  }

  /** endBulk in steps, so a large tenant's index can be finished between other requests. */
  *endingBulk(): Generator<void> {
    this.bulk = false;
    if (this.ordered) {
      yield* sortInSteps(this.sorted, (a, b) => (a < b ? -1 : a > b ? 1 : 0));
      yield* sortInSteps(this.reversed, (a, b) => (a.backwards < b.backwards ? -1 : a.backwards > b.backwards ? 1 : 0));
    }
    // Counted in entries, not lists: a value most customers share (a country) has a list as long as the tenant.
    let entries = 0;
    for (const list of this.postings.values()) {
      if (list.length > 4096) yield* sortInSteps(list, compareEntries);
      else if (list.length > 1) list.sort(compareEntries);
      entries += list.length;
      if (entries >= 20_000) {
        entries = 0;
        yield;
      }
    }
  }

  /** Counts one more holder of `value`; answers the list parties holding only this value can share. */
  add(value: string, entry?: Entry): readonly string[] {
    let held = this.held.get(value);
    if (held) held.count++;
    else {
      this.held.set(value, (held = { count: 1, alone: Object.freeze([value]) }));
      this.firstHolder(value);
    }
    if (entry) this.addEntry(value, entry);
    return held.alone;
  }

  private addEntry(value: string, entry: Entry) {
    const list = this.postings.get(value);
    // Most values have one holder: a one-entry list literal takes no spare room.
    if (!list) this.postings.set(value, [entry]);
    else if (this.bulk) list.push(entry);
    else insertSorted(list, entry, byKey);
  }

  remove(value: string, entry?: Entry) {
    const held = this.held.get(value);
    if (!held || held.count <= 1) {
      this.held.delete(value);
      if (this.ordered) {
        removeSorted(this.sorted, value, itself);
        removeSorted(this.reversed, reverse(value), backwardsOf);
      }
    } else held.count--;
    if (!entry) return;
    const list = this.postings.get(value);
    if (!list) return;
    removeSorted(list, entry.key, byKey);
    if (list.length === 0) this.postings.delete(value);
  }

  private firstHolder(value: string) {
    if (this.ordered) {
      const reversed = { backwards: reverse(value), value };
      if (this.bulk) {
        this.sorted.push(value);
        this.reversed.push(reversed);
      } else {
        insertSorted(this.sorted, value, itself);
        insertSorted(this.reversed, reversed, backwardsOf);
      }
    }
    if (!this.typos || this.known.has(value)) return;
    this.known.add(value);
    if (value.length > MAX_TYPOS[this.kind]) this.typos.add(value);
    if (this.kind !== 'name') return;
    for (const code of phoneticCodes(value)) {
      const bucket = this.sounds.get(code);
      if (bucket) bucket.push(value);
      else this.sounds.set(code, [value]);
    }
  }

  has(value: string): boolean {
    return this.held.has(value);
  }

  /** How many entries the value holds. */
  count(value: string): number {
    return this.postings.get(value)?.length ?? 0;
  }

  /** The values held now that are `text` itself, sound the same or are a small misspelling away. */
  near(text: string): Set<string> {
    const found = new Set<string>();
    if (this.held.has(text)) found.add(text);
    const consider = (v: string) => {
      if (this.held.has(v) && isClose(this.kind, text, v)) found.add(v);
    };
    if (typoTolerance(this.kind, text.length) > 0) {
      if (!this.typos) oneEditAway(text).forEach(consider);
      else if (text.length > MAX_TYPOS[this.kind]) for (const v of this.typos.search(text)) consider(v);
    }
    if (this.kind === 'name') for (const code of phoneticCodes(text)) for (const v of this.sounds.get(code) ?? []) consider(v);
    return found;
  }

  /** The values held now that a resolved criterion accepts, in order (ordered indexes only). */
  matchingValues(r: ValueCriterion): string[] {
    switch (r.mode) {
      case 'in':
        return [...r.values].filter((v) => this.held.has(v)).sort();
      case 'prefix':
        return this.sorted.slice(lowerBound(this.sorted, r.text, itself), lowerBound(this.sorted, r.text + END, itself));
      case 'suffix': {
        const tail = reverse(r.text);
        const from = lowerBound(this.reversed, tail, backwardsOf);
        const to = lowerBound(this.reversed, tail + END, backwardsOf);
        const values: string[] = [];
        for (let i = from; i < to; i++) values.push(this.reversed[i].value);
        return values.sort();
      }
      case 'contains':
        return this.sorted.filter((v) => v.includes(r.text));
    }
  }

  /** Every value that has entries, with them. */
  lists(): IterableIterator<[string, readonly Entry[]]> {
    return this.postings.entries();
  }

  /** The entries under a value, in answer order. */
  entriesOf(value: string): readonly Entry[] {
    return this.postings.get(value) ?? [];
  }

  /**
   * How many entries the criterion's values hold: what walking them would cost. Counting stops
   * past `cap`, so a wide range (two letters of a name) costs little to rule out.
   */
  cost(r: ValueCriterion, cap: number): number {
    let n = 0;
    const add = (v: string) => (n += this.postings.get(v)?.length ?? 0) > cap;
    switch (r.mode) {
      case 'in':
        for (const v of r.values) if (add(v)) break;
        return n;
      case 'prefix':
        for (let i = lowerBound(this.sorted, r.text, itself); i < this.sorted.length && this.sorted[i].startsWith(r.text); i++) if (add(this.sorted[i])) break;
        return n;
      case 'suffix': {
        const tail = reverse(r.text);
        for (let i = lowerBound(this.reversed, tail, backwardsOf); i < this.reversed.length && this.reversed[i].backwards.startsWith(tail); i++) {
          if (add(this.reversed[i].value)) break;
        }
        return n;
      }
      case 'contains':
        for (const v of this.sorted) if (v.includes(r.text) && add(v)) break;
        return n;
    }
  }
}
