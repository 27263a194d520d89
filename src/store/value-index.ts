// One search field's index (or the index of the words of a name field): its distinct values in
// order (begins-with and ends-with become ranges), the entries under each value in answer order,
// and the sounds and near-spellings of the values for the tolerant match. Values are counted, so
// one held by several customers is kept once. The ends-with order and the tolerant parts are made
// when first needed (or by a build in steps after a load), as a load must answer first.
import { distance } from 'fastest-levenshtein';
import type { PassjoinIndex as PassjoinIndexClass } from 'mnemonist';
import { createRequire } from 'node:module';
import type { Resolved } from '../domain/customer-search.js';

// The one structure used, required alone: mnemonist's index module loads all of its structures,
// which costs the start about 80 ms.
const PassjoinIndex = createRequire(import.meta.url)('mnemonist/passjoin-index.js') as typeof PassjoinIndexClass;
type PassjoinIndex<T> = PassjoinIndexClass<T>;

/** The criteria a field's own values answer (a name's ranked criterion is put together from several indexes). */
type ValueCriterion = Exclude<Resolved, { mode: 'ranked' }>;
import { isClose, MAX_TYPOS, oneEditAway, phoneticCodes, typoTolerance, type FuzzyKind } from '../domain/fuzzy-text.js';
import { lowerBound, mergeSorted, placeBy, removeSorted } from '../domain/sorted-array.js';
import { bulkComparer, entryComparer, type Entry } from './index-entry.js';

export type { Entry } from './index-entry.js';

const reverse = (s: string) => [...s].reverse().join('');
const itself = (v: string) => v;
export const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A value several customers hold: how many, the one-value list the parties holding only it
 * share, and its entries in answer order (one entry is kept alone, not in a list).
 */
class Held {
  /** Entries added since the list was last read, in no order (see ValueIndex.settleEntries). */
  pending: Entry[] | undefined = undefined;
  constructor(
    public count: number,
    public alone: readonly string[] | undefined,
    public entries: Entry | Entry[] | undefined,
  ) {}
}

/**
 * What the index keeps under a value. Most values have one holder (a phone, an identifier): then
 * only its entry, or 1 where the field lists no entries, which saves an object per value.
 */
type Slot = Held | Entry | 1;

const entriesIn = (slot: Slot | undefined): Entry | Entry[] | undefined => (slot === undefined || slot === 1 ? undefined : slot instanceof Held ? slot.entries : slot);

/** The near-spelling and sound indexes of the values, built after the rest (see CustomerIndex.completing). */
interface Fuzzy {
  /** Every value put in them, as they only grow. */
  known: Set<string>;
  typos: PassjoinIndex<string>;
  sounds: Map<string, string[]>;
}

/** Values put in the near-spelling and sound indexes between two pauses of a build in the background. */
const FUZZY_SLICE = 200;

/**
 * A stable sort that stops every ten thousand comparisons: sorted runs, then merged
 * pairwise. Sorting the values of 100 000 customers at once would hold the process too long.
 */
function isSorted(items: readonly string[]): boolean {
  for (let i = 1; i < items.length; i++) if (items[i - 1] > items[i]) return false;
  return true;
}

export function* sortInSteps<T>(items: T[], compare: (a: T, b: T) => number): Generator<void> {
  const RUN = 4096;
  // Strings in code-unit order are what the built-in sort does without a comparer, and quicker.
  const builtIn = compare === (compareStrings as unknown);
  for (let i = 0; i < items.length; i += RUN) {
    const run = builtIn ? items.slice(i, i + RUN).sort() : items.slice(i, i + RUN).sort(compare);
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
  private readonly held = new Map<string, Slot>();
  private readonly sorted: string[] = [];
  /**
   * Values first held since `sorted` was last read, in no order. Adds put their new values and
   * entries aside and the next read that needs the order places them all at once: placing each
   * as it came moved half of a long list per add (the values of a field many customers spell
   * differently, the entries of a city or first name most of them share): some 85 µs an add once
   * 20 000 customers had been added. `reversed` never holds these either.
   */
  private pendingValues: string[] = [];
  /** The values spelled backwards, in order, for ends-with ranges: built after the rest, like the fuzzy part. */
  private reversed?: string[];
  private reversedBuild?: Generator<void>;
  /** Counts values coming and going, so a build in steps knows whether it missed one. */
  private changes = 0;
  private fuzzy?: Fuzzy;
  private fuzzyBuild?: Generator<void>;
  private bulk = false;
  /** Entries in answer order: compared under the list's value, or each under its own (`entryValue`). */
  private readonly compare: (a: Entry, b: Entry) => number;
  private readonly bulkCompare: (a: Entry, b: Entry) => number;

  /**
   * `ordered` indexes (the primary fields) keep their values in order, for ranges. The entries of
   * a word's list stand at their whole name's place: `entryValue` says what that is.
   */
  constructor(
    private readonly kind: FuzzyKind,
    private readonly ordered: boolean,
    readonly entryValue?: (e: Entry) => string,
  ) {
    this.compare = entryComparer(entryValue);
    this.bulkCompare = bulkComparer(entryValue);
  }

  /** While loading many customers, values are appended and sorted once at `endBulk`. */
  startBulk() {
    this.bulk = true;
    this.reversed = undefined;
  }

  endBulk() {
    for (const _ of this.endingBulk());
  }

  /** endBulk in steps, so a large tenant's index can be finished between other requests. */
  *endingBulk(): Generator<void> {
    this.bulk = false;
    // Parties come in their order, so the values of the last name come in order already.
    if (this.ordered && !isSorted(this.sorted)) yield* sortInSteps(this.sorted, compareStrings);
    // Counted in entries, not lists: a value most customers share (a country) has a list as long as the tenant.
    let entries = 0;
    for (const slot of this.held.values()) {
      const list = entriesIn(slot);
      if (!Array.isArray(list)) continue;
      // Parties are usually added in their order already, and the list then needs no sorting.
      if (!this.inOrder(list)) {
        if (list.length > 4096) yield* sortInSteps(list, this.bulkCompare);
        else list.sort(this.bulkCompare);
      }
      entries += list.length;
      if (entries >= 20_000) {
        entries = 0;
        yield;
      }
    }
  }

  private inOrder(list: readonly Entry[]): boolean {
    for (let i = 1; i < list.length; i++) if (this.bulkCompare(list[i - 1], list[i]) > 0) return false;
    return true;
  }

  /**
   * Counts one more holder of `value`; answers the list parties holding only this value can
   * share, or undefined for its first holder (which keeps its own). `own`, the holder's list
   * when it holds only this value, becomes the shared one if there is none yet (it must never
   * be changed).
   */
  add(value: string, entry?: Entry, own?: readonly string[]): readonly string[] | undefined {
    const slot = this.held.get(value);
    if (slot === undefined) {
      this.held.set(value, entry ?? 1);
      this.firstHolder(value);
      return undefined;
    }
    let held: Held;
    if (slot instanceof Held) held = slot;
    // The second holder: the value gets its object (set again, it keeps its place in the map's order).
    else this.held.set(value, (held = new Held(1, undefined, slot === 1 ? undefined : slot)));
    held.count++;
    held.alone ??= own?.length === 1 && own[0] === value ? own : Object.freeze([value]);
    if (entry) this.addEntry(held, entry);
    return held.alone;
  }

  private addEntry(held: Held, entry: Entry) {
    const list = held.entries;
    if (!list) held.entries = entry;
    else if (!Array.isArray(list)) {
      held.entries = this.bulk || this.compare(list, entry) < 0 ? [list, entry] : [entry, list];
    } else if (this.bulk) list.push(entry);
    else (held.pending ??= []).push(entry);
  }

  /** Places the entries added to a value since its list was last read. */
  private settleEntries(held: Held) {
    const pending = held.pending;
    if (!pending) return;
    held.pending = undefined;
    mergeSorted(held.entries as Entry[], pending.sort(this.compare), this.compare);
  }

  /** Places the values first held since `sorted` was last read (and in `reversed`, once built). */
  private settleValues() {
    if (this.pendingValues.length === 0) return;
    const values = this.pendingValues.sort();
    this.pendingValues = [];
    mergeSorted(this.sorted, values, compareStrings);
    if (this.reversed) mergeSorted(this.reversed, values.map(reverse).sort(), compareStrings);
  }

  /** Counts one holder less; `entry` (the same party as added, or one with the same place) leaves the value's list. */
  remove(value: string, entry?: Entry) {
    const held = this.held.get(value);
    if (held === undefined) return;
    if (!(held instanceof Held)) {
      this.dropValue(value);
      return;
    }
    if (entry && held.entries) {
      this.settleEntries(held);
      const list = held.entries;
      if (!Array.isArray(list)) {
        if (this.compare(list, entry) === 0) held.entries = undefined;
      } else {
        const i = placeBy(list, entry, this.compare);
        if (i < list.length && this.compare(list[i], entry) === 0) list.splice(i, 1);
        if (list.length === 1) held.entries = list[0];
      }
    }
    if (held.count > 1) {
      held.count--;
      return;
    }
    this.dropValue(value);
  }

  private dropValue(value: string) {
    this.held.delete(value);
    this.changes++;
    if (this.ordered) {
      this.settleValues();
      removeSorted(this.sorted, value, itself);
      if (this.reversed) removeSorted(this.reversed, reverse(value), itself);
    }
  }

  private firstHolder(value: string) {
    this.changes++;
    if (this.ordered) {
      if (this.bulk) this.sorted.push(value);
      else this.pendingValues.push(value);
    }
    if (this.fuzzy) this.addFuzzy(this.fuzzy, value);
  }

  private addFuzzy(fuzzy: Fuzzy, value: string) {
    if (fuzzy.known.has(value)) return;
    fuzzy.known.add(value);
    if (value.length > MAX_TYPOS[this.kind]) fuzzy.typos.add(value);
    if (this.kind !== 'name') return;
    for (const code of phoneticCodes(value)) {
      const bucket = fuzzy.sounds.get(code);
      if (bucket) bucket.push(value);
      else fuzzy.sounds.set(code, [value]);
    }
  }

  /**
   * Builds the near-spelling and sound indexes of the values held (codes need none), a slice at a
   * time: a load leaves them for later, as only a tolerant search reads them.
   */
  *buildingFuzzy(): Generator<void> {
    if (this.fuzzy || this.kind === 'code') return;
    this.fuzzyBuild ??= this.fuzzySteps();
    // Shared: a tolerant search that cannot wait finishes the very build running in the background.
    for (let step = this.fuzzyBuild.next(); !step.done; step = this.fuzzyBuild.next()) yield;
  }

  private *fuzzySteps(): Generator<void> {
    // (this.fuzzyBuild is left in place once done: next() on it then answers done at once.)
    const fuzzy: Fuzzy = { known: new Set(), typos: new PassjoinIndex<string>(distance, MAX_TYPOS[this.kind]), sounds: new Map() };
    let n = 0;
    // A Map's iteration also visits the values added while it pauses.
    for (const value of this.held.keys()) {
      this.addFuzzy(fuzzy, value);
      if (++n % FUZZY_SLICE === 0) yield;
    }
    this.fuzzy = fuzzy;
  }

  /** Builds the ends-with order of the values, a slice at a time (ordered indexes only). */
  *buildingReversed(): Generator<void> {
    if (!this.ordered || this.reversed) return;
    this.reversedBuild ??= this.reversedSteps();
    for (let step = this.reversedBuild.next(); !step.done; step = this.reversedBuild.next()) yield;
  }

  private *reversedSteps(): Generator<void> {
    // Values waiting now are placed first: a search placing them midway would shift what the steps read.
    this.settleValues();
    const from = this.changes;
    let list: string[] = [];
    for (let i = 0; i < this.sorted.length; i++) {
      list.push(reverse(this.sorted[i]));
      if (i % 2000 === 1999) yield;
    }
    yield* sortInSteps(list, compareStrings);
    // A value came or went between two steps: made again at once (rare: a write during the build).
    if (this.changes !== from) list = this.sorted.map(reverse).sort();
    this.reversed = list;
    this.reversedBuild = undefined;
  }

  has(value: string): boolean {
    return this.held.has(value);
  }

  /** How many entries the value holds. */
  count(value: string): number {
    const slot = this.held.get(value);
    const list = entriesIn(slot);
    const pending = slot instanceof Held ? (slot.pending?.length ?? 0) : 0;
    return !list ? 0 : Array.isArray(list) ? list.length + pending : 1;
  }

  /** The values held now that are `text` itself, sound the same or are a small misspelling away. */
  near(text: string): Set<string> {
    const found = new Set<string>();
    if (this.held.has(text)) found.add(text);
    const consider = (v: string) => {
      if (this.held.has(v) && isClose(this.kind, text, v)) found.add(v);
    };
    if (this.kind !== 'code' && !this.fuzzy) {
      // Not built yet (a large tenant builds it after loading): every value is tested instead, in
      // tens of milliseconds at 100 000 customers, where building it would hold the process for
      // seconds. It finds the same values: the indexes only pick which ones isClose tests.
      for (const v of this.held.keys()) if (isClose(this.kind, text, v)) found.add(v);
      return found;
    }
    const fuzzy = this.fuzzy;
    if (typoTolerance(this.kind, text.length) > 0) {
      if (!fuzzy) oneEditAway(text).forEach(consider);
      else if (text.length > MAX_TYPOS[this.kind]) for (const v of fuzzy.typos.search(text)) consider(v);
    }
    if (this.kind === 'name') for (const code of phoneticCodes(text)) for (const v of fuzzy!.sounds.get(code) ?? []) consider(v);
    return found;
  }

  /** The values held now that a resolved criterion accepts, in order (ordered indexes only). */
  matchingValues(r: ValueCriterion): string[] {
    this.settleValues();
    switch (r.mode) {
      case 'in':
        return [...r.values].filter((v) => this.held.has(v)).sort();
      case 'prefix':
        return this.sorted.slice(lowerBound(this.sorted, r.text, itself), lowerBound(this.sorted, r.text + END, itself));
      case 'suffix': {
        // Until the ends-with order is built, the values are tested one by one (milliseconds).
        if (!this.reversed) return this.sorted.filter((v) => v.endsWith(r.text));
        const tail = reverse(r.text);
        const reversed = this.reversed;
        const from = lowerBound(reversed, tail, itself);
        const to = lowerBound(reversed, tail + END, itself);
        const values: string[] = [];
        for (let i = from; i < to; i++) values.push(reverse(reversed[i]));
        return values.sort();
      }
      case 'contains':
        return this.sorted.filter((v) => v.includes(r.text));
    }
  }

  /** The entries under a value, in answer order. */
  entriesOf(value: string): readonly Entry[] {
    const slot = this.held.get(value);
    if (slot instanceof Held) this.settleEntries(slot);
    const list = entriesIn(slot);
    return !list ? [] : Array.isArray(list) ? list : [list];
  }

  /**
   * How many entries the criterion's values hold: what walking them would cost. Counting stops
   * past `cap`, so a wide range (two letters of a name) costs little to rule out.
   */
  cost(r: ValueCriterion, cap: number): number {
    this.settleValues();
    let n = 0;
    const add = (v: string) => (n += this.count(v)) > cap;
    switch (r.mode) {
      case 'in':
        for (const v of r.values) if (add(v)) break;
        return n;
      case 'prefix':
        for (let i = lowerBound(this.sorted, r.text, itself); i < this.sorted.length && this.sorted[i].startsWith(r.text); i++) if (add(this.sorted[i])) break;
        return n;
      case 'suffix': {
        if (!this.reversed) {
          for (const v of this.sorted) if (v.endsWith(r.text) && add(v)) break;
          return n;
        }
        const tail = reverse(r.text);
        const reversed = this.reversed;
        for (let i = lowerBound(reversed, tail, itself); i < reversed.length && reversed[i].startsWith(tail); i++) {
          if (add(reverse(reversed[i]))) break;
        }
        return n;
      }
      case 'contains':
        for (const v of this.sorted) if (v.includes(r.text) && add(v)) break;
        return n;
    }
  }
}
