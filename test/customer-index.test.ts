// The customer search index against a plain scan of the same customers: whatever was added or
// changed, every search and every page must answer exactly what testing each customer answers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Faker, es } from '@faker-js/faker';
import {
  criterionOf,
  entryOfKey,
  FIELD_RULES,
  positionOf,
  resolveSearch,
  searchable,
  searchableOnDemand,
  type CustomerQuery,
  type SearchableCustomer,
  type SearchCriteria,
  type TextField,
  type Vocabulary,
} from '../src/domain/customer-search.js';
import { isClose, phoneticCodes, type FuzzyKind } from '../src/domain/fuzzy-text.js';
import { pageByKey } from '../src/domain/keyset-page.js';
import { decodeLookupToken, encodeLookupToken } from '../src/domain/lookup-token.js';
import type { Customer } from '../src/domain/model.js';
import { DEFAULT_SEED } from '../src/config.js';
import { buildTenantData } from '../src/seed/build-tenant.js';
import { scanningSearch } from '../src/domain/customer-scan.js';
import { CustomerIndex } from '../src/store/customer-index.js';
import { ValueIndex } from '../src/store/value-index.js';
import { loadOrganizations } from '../src/tenants.js';

const ORGS = [970, 807];
const data = buildTenantData(DEFAULT_SEED, loadOrganizations(), '2026-11-24');

/** What the customers hold, found by testing every value and every word. */
function scanVocabulary(all: SearchableCustomer[]): Vocabulary {
  const parties = all.flatMap((s) => (s.coOwner ? [s.owner, s.coOwner] : [s.owner]));
  const close = (kind: FuzzyKind, text: string, values: Iterable<string>) => new Set([...values].filter((v) => v === text || isClose(kind, text, v)));
  return {
    has: (field, value) => parties.some((p) => p[field].includes(value)),
    near: (field, text) => close(FIELD_RULES[field].kind, text, parties.flatMap((p) => p[field])),
    nearWords: (field, word) => close('name', word, parties.flatMap((p) => p.words[field])),
  };
}

/** The oracle: every customer tested, the matches sorted, one page cut. */
function scan(all: SearchableCustomer[], q: CustomerQuery): string[] {
  const vocabulary = scanVocabulary(all);
  const rq = { search: resolveSearch(q.search, vocabulary), within: q.within.map((w) => resolveSearch(w, vocabulary)) };
  const found = all
    .map((s) => ({ s, key: positionOf(s, rq)?.key }))
    .filter((r): r is { s: SearchableCustomer; key: string } => r.key !== undefined)
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  const from = q.from && 'key' in q.from ? q.from.key : undefined;
  return pageByKey(found, q.limit, q.direction, from === undefined ? undefined : (r) => (r.key < from ? -1 : r.key > from ? 1 : 0)).items.map(
    (r) => r.s.customer.customerNumber,
  );
}

/** The page scanningSearch answers, its steps run through. */
function scanned(all: SearchableCustomer[], q: CustomerQuery) {
  const steps = scanningSearch(all, q);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

const criteria = (c: Partial<SearchCriteria>): SearchCriteria => ({ primary: {}, primaryAll: true, optional: {}, optionalAll: true, organizations: ORGS, ...c });

/** Searches drawn from a customer's own values, of every kind the lookup makes. */
function searchesFor(faker: Faker, c: Customer): SearchCriteria[] {
  const p = c.coOwner && faker.datatype.boolean() ? c.coOwner : c.owner;
  const key = (field: TextField, v?: string) => (v ? FIELD_RULES[field].key(v) : '');
  const last = key('lastName', p.lastName);
  const typo = last.slice(0, 2) + (last[2] === 'A' ? 'E' : 'A') + last.slice(3);
  const phone = key('phone', p.mobilePhoneNumber ?? p.homePhoneNumber);
  const out: SearchCriteria[] = [
    criteria({ primary: { lastName: { mode: 'equals', text: last } } }),
    criteria({ primary: { lastName: { mode: 'equals', text: typo } } }),
    criteria({ primary: { lastName: { mode: 'prefix', text: last.slice(0, 2) } }, optional: { firstName: { mode: 'equals', text: key('firstName', p.firstName) } } }),
    criteria({ primary: { lastName: { mode: 'suffix', text: last.slice(-3) } }, organizations: [c.organizationNumber] }),
    criteria({ primary: { postal: { mode: 'prefix', text: key('postal', p.postalCode).slice(0, 2) } }, optional: { dateOfBirth: { mode: 'equals', text: p.dateOfBirth ?? '' } } }),
    criteria({
      primary: { lastName: { mode: 'prefix', text: last.slice(0, 1) }, identifier: { mode: 'equals', text: key('identifier', p.identificationNumber) } },
      primaryAll: false,
    }),
  ];
  if (phone) out.push(criteria({ primary: { phone: { mode: 'suffix', text: phone.slice(-4) } } }));
  // Switch 0 by words: the whole surname, one word of it, the words with one misspelt, and a word with a first name that must match too.
  const words = p.lastName ? p.lastName.split(' ') : [];
  if (words.length > 1) {
    const misspelt = (w: string) => w.slice(0, 2) + (w[2] === 'A' ? 'E' : 'A') + w.slice(3);
    out.push(
      criteria({ primary: { lastName: criterionOf('lastName', 0, p.lastName!) } }),
      criteria({ primary: { lastName: criterionOf('lastName', 0, faker.helpers.arrayElement(words)) } }),
      criteria({ primary: { lastName: criterionOf('lastName', 0, [misspelt(words[0]), ...words.slice(1)].join(' ')) } }),
      criteria({
        primary: { lastName: criterionOf('lastName', 0, words.at(-1)!) },
        optional: { firstName: criterionOf('firstName', 0, p.firstName ?? 'NADIE') },
        organizations: [c.organizationNumber],
      }),
    );
  }
  return out;
}

/** An index over a copy of the seed's customers, the copy by number, and a faker of its own seed to change them with. */
function indexedBook(seed: number) {
  const faker = new Faker({ locale: [es] });
  faker.seed(seed);
  const customers = structuredClone(data.customers);
  return { faker, index: new CustomerIndex(customers), stored: new Map(customers.map((c) => [c.customerNumber, c])) };
}

describe('CustomerIndex', () => {
  it('when customers are added and renamed, then every search and every page answers what a scan answers', () => {
    const { faker, index, stored } = indexedBook(7);

    for (let step = 0; step < 40; step++) {
      // Change the book: a rename (which also moves the customer in the order) or a new customer.
      const victim = faker.helpers.arrayElement([...stored.values()]);
      const next = structuredClone(victim);
      if (step % 3 === 0) {
        next.customerNumber = String(4597000000000090000 + step);
        next.owner.firstName = faker.person.firstName().toUpperCase();
      } else {
        next.owner.lastName = faker.person.lastName().toUpperCase();
        next.owner.homePhoneNumber = faker.string.numeric(10);
      }
      index.put(stored.get(next.customerNumber), next);
      stored.set(next.customerNumber, next);
      const book = [...stored.values()];
      const all = book.map(searchable);
      const onDemand = book.map(searchableOnDemand);

      for (const search of searchesFor(faker, faker.helpers.arrayElement(book))) {
        const first: CustomerQuery = { search, within: [], limit: 3, direction: 'first' };
        assert.deepEqual(index.search(first).items.map((i) => i.customerNumber), scan(all, first), JSON.stringify(search));
        // Scroll on and back from the first page's ends.
        const page = index.search(first);
        if (page.items.length === 0) continue;
        for (const q of [
          first,
          { ...first, direction: 'next' as const, from: { key: page.items.at(-1)!.key } },
          { ...first, direction: 'prev' as const, from: { key: page.items.at(-1)!.key } },
          { ...first, direction: 'next' as const, from: { customerNumber: page.items[0].customerNumber } },
          { ...first, within: [criteria({ primary: { lastName: { mode: 'prefix', text: entryOfKey(page.items[0].key).slice(0, 1) } } })] },
        ]) {
          // (The oracle starts pages at issued positions only.)
          if (!q.from || 'key' in q.from) assert.deepEqual(index.search(q).items.map((i) => i.customerNumber), scan(all, q), JSON.stringify(q));
          // The store's own scan, which answers while a large tenant's index is built: the same page,
          // whole, over the index's readings of the customers and over keys worked out as read.
          assert.deepEqual(scanned(all, q), index.search(q), `scanningSearch ${JSON.stringify(q)}`);
          assert.deepEqual(scanned(onDemand, q), index.search(q), `scanningSearch on demand ${JSON.stringify(q)}`);
        }
      }
    }
    // The surnames the fixtures name are counted as the book now stands, each customer once.
    const held = new Map<string, number>();
    for (const s of [...stored.values()].filter((c) => c.organizationNumber === 970).map(searchable)) {
      for (const w of new Set([...s.owner.words.lastName, ...(s.coOwner?.words.lastName ?? [])])) if (w.length >= 4) held.set(w, (held.get(w) ?? 0) + 1);
    }
    const commonest = [...held].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3);
    assert.deepEqual(index.surnameExamples(970, 3).common, commonest.map(([word, customers]) => ({ word, customers })));
  });

  it('when many customers are added and renamed between two searches, then every search answers what a scan answers', () => {
    // Adds place their values and entries only when a search next reads them: here dozens at once,
    // in no order, into lists the seed already fills (shared first names, surname words, cities).
    const { faker, index, stored } = indexedBook(11);
    for (let round = 0; round < 3; round++) {
      const added: Customer[] = [];
      for (let i = 0; i < 60; i++) {
        const next = structuredClone(faker.helpers.arrayElement([...stored.values()]));
        if (i % 4 !== 0) next.customerNumber = String(4597000000000080000 + round * 100 + i);
        next.owner.lastName = `${faker.helpers.arrayElement([...stored.values()]).owner.lastName ?? 'SOLO'} ${faker.person.lastName().toUpperCase()}`;
        index.put(stored.get(next.customerNumber), next);
        stored.set(next.customerNumber, next);
        added.push(next);
      }
      const book = [...stored.values()];
      const all = book.map(searchable);
      for (const c of [...faker.helpers.arrayElements(added, 6), ...faker.helpers.arrayElements(book, 4)]) {
        for (const search of searchesFor(faker, c)) {
          const first: CustomerQuery = { search, within: [], limit: 5, direction: 'first' };
          assert.deepEqual(index.search(first).items.map((i) => i.customerNumber), scan(all, first), JSON.stringify(search));
        }
      }
    }
  });

  it('when a one-word search is paged across its ranks, then N and P visit what a scan lists, each customer once', () => {
    // Three seeded customers hold MENA as a word, MESA and PEÑA are a letter off; one more holds MENA whole.
    const book = structuredClone(data.customers);
    const whole = structuredClone(book[10]);
    whole.customerNumber = '4597000000000099999';
    whole.owner.lastName = 'MENA';
    book.push(whole);
    const index = new CustomerIndex(book);
    const all = book.map(searchable);
    for (const typed of ['MENA', 'MESA']) {
      const search = criteria({ primary: { lastName: criterionOf('lastName', 0, typed) } });
      const everyone = scan(all, { search, within: [], limit: 1000, direction: 'first' });
      const ranks = new Set(index.search({ search, within: [], limit: 1000, direction: 'first' }).items.map((i) => i.key[0]));
      assert.ok(ranks.size > 1 && everyone.length > 4, `${typed}: ${everyone.length} customers over ranks ${[...ranks]}`);
      const forward: string[] = [];
      let page = index.search({ search, within: [], limit: 2, direction: 'first' });
      forward.push(...page.items.map((i) => i.customerNumber));
      while (page.more) {
        page = index.search({ search, within: [], limit: 2, direction: 'next', from: { key: page.items.at(-1)!.key } });
        forward.push(...page.items.map((i) => i.customerNumber));
      }
      assert.deepEqual(forward, everyone, typed);
      // From the last page back to the first: everything before the last page, in order.
      const lastPage = page.items.length;
      const backward: string[] = [];
      while (page.hasPrevious) {
        page = index.search({ search, within: [], limit: 2, direction: 'prev', from: { key: page.items[0].key } });
        backward.unshift(...page.items.map((i) => i.customerNumber));
      }
      assert.deepEqual(backward, everyone.slice(0, everyone.length - lastPage), `${typed} backwards`);
    }
  });

  it('when a page is asked for, then more and hasPrevious say whether matches lie beyond each end', () => {
    const index = new CustomerIndex(data.customers);
    const search = criteria({ primary: { lastName: { mode: 'prefix', text: 'M' } } });
    const all = index.search({ search, within: [], limit: 50, direction: 'first' }).items;
    assert.ok(all.length > 6);
    const middle = index.search({ search, within: [], limit: 2, direction: 'next', from: { key: all[1].key } });
    assert.deepEqual(middle.items.map((i) => i.key), [all[2].key, all[3].key]);
    assert.deepEqual([middle.more, middle.hasPrevious], [true, true]);
    const start = index.search({ search, within: [], limit: 2, direction: 'prev', from: { key: all[2].key } });
    assert.deepEqual(start.items.map((i) => i.key), [all[0].key, all[1].key]);
    assert.deepEqual([start.more, start.hasPrevious], [true, false]);
  });
});

describe('ValueIndex before its tolerant parts are built', () => {
  it('when near-spellings and endings are asked before the indexes for them exist, then the answers are the ones the indexes give', () => {
    const faker = new Faker({ locale: [es] });
    faker.seed(11);
    const names = new ValueIndex('name', true);
    const values = data.customers.flatMap((c) => [c.owner.lastName, c.owner.firstName]).filter((v): v is string => !!v).map((v) => FIELD_RULES.lastName.key(v));
    for (const v of values) names.add(v);
    const typo = (v: string) => (v.length < 3 ? v : v.slice(0, 2) + (v[2] === 'A' ? 'E' : 'A') + v.slice(3));
    const texts = [...faker.helpers.arrayElements(values, 40).flatMap((v) => [v, typo(v), v.slice(1)]), 'GARSIA', 'LOPES', 'XQZ'];
    const endings = faker.helpers.arrayElements(values, 20).flatMap((v) => [v.slice(-3), v.slice(-1)]);
    const ask = () => ({
      near: texts.map((t) => [...names.near(t)].sort()),
      endings: endings.map((e) => names.matchingValues({ mode: 'suffix', text: e })),
      costs: endings.map((e) => names.cost({ mode: 'suffix', text: e }, 50)),
    });
    const before = ask();
    assert.ok(before.near.some((found) => found.length > 1), 'some texts have near spellings');
    for (const _ of names.buildingFuzzy());
    for (const _ of names.buildingReversed());
    assert.deepEqual(ask(), before);
  });
});

describe('ValueIndex after adds', () => {
  it('when values are added after the ends-with order is built, then beginnings, endings and contents find every value held', () => {
    const faker = new Faker({ locale: [es] });
    faker.seed(5);
    const names = new ValueIndex('name', true);
    const values = [...new Set(data.customers.flatMap((c) => [c.owner.lastName, c.owner.firstName]).filter((v): v is string => !!v).map((v) => FIELD_RULES.lastName.key(v)))];
    const [early, late] = [values.filter((_, i) => i % 3 === 0), values.filter((_, i) => i % 3 !== 0)];
    for (const v of early) names.add(v);
    for (const _ of names.buildingReversed());
    // Added in no order, after both orders exist: placed when a search next reads them.
    for (const v of faker.helpers.shuffle(late)) names.add(v);
    const probes = faker.helpers.arrayElements(late, 30);
    for (const [mode, texts, holds] of [
      ['prefix', probes.map((v) => v.slice(0, 2)), (v: string, t: string) => v.startsWith(t)],
      ['suffix', probes.map((v) => v.slice(-2)), (v: string, t: string) => v.endsWith(t)],
      ['contains', probes.map((v) => v.slice(1, 3)), (v: string, t: string) => v.includes(t)],
    ] as const) {
      for (const text of texts) {
        const expected = values.filter((v) => holds(v, text)).sort();
        assert.deepEqual(names.matchingValues({ mode, text }), expected, `${mode} ${text}`);
      }
    }
  });
});

describe('fuzzy-text', () => {
  it('when names differ by a letter, sound the same, or are short, then closeness follows the name length', () => {
    assert.equal(isClose('name', 'GONZALES', 'GONZALEZ'), true);
    assert.equal(isClose('name', 'GONSALES', 'GONZALEZ'), true, 'two letters off, same sound');
    assert.equal(isClose('name', 'CASTIYO', 'CASTILLO'), true, 'LL and Y sound alike');
    assert.equal(isClose('name', 'CASTRO', 'CASTILLO'), false);
    assert.equal(isClose('name', 'LIN', 'LI'), false, 'names under four letters must be exact');
    assert.equal(isClose('code', '12345678', '12345679'), true);
    assert.equal(isClose('code', '12345678', '12345699'), false);
    assert.equal(isClose('code', '12345', '12346'), false, 'numbers under six digits must be exact');
    assert.deepEqual(phoneticCodes('JIMENEZ'), ['JMNS', 'AMNS']);
  });
});

describe('lookup tokens', () => {
  it('when a token is encoded and read back, then position and searches come back; a tampered one is refused', () => {
    const search = criteria({
      primary: { lastName: { mode: 'equals', text: 'GARCIALOPEZ', words: ['GARCIA', 'LOPEZ'] } },
      nameFirst: { mode: 'equals', text: 'JUAN' },
      optional: { dateOfBirth: { mode: 'equals', text: '1980-01-02' } },
    });
    const token = { position: '1\0GARCIA\0GARCIA\0JUAN\u00004597000000000000001\u00000', search, within: [search] };
    assert.deepEqual(decodeLookupToken(encodeLookupToken(token)), token);
    const forged = 'L3.' + Buffer.from(JSON.stringify(['x', { p: { lastName: 'xGA' }, o: {}, g: [970] }, []])).toString('base64url');
    assert.equal(decodeLookupToken(forged), undefined, 'an unknown mode letter');
    assert.equal(decodeLookupToken('string'), undefined);
    assert.equal(decodeLookupToken('L2.!!!'), undefined);
  });
});
