// The customer search index against a plain scan of the same customers: whatever was added or
// changed, every search and every page must answer exactly what testing each customer answers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Faker, es } from '@faker-js/faker';
import {
  FIELD_RULES,
  positionOf,
  resolveSearch,
  searchable,
  type CustomerQuery,
  type SearchableCustomer,
  type SearchCriteria,
  type TextField,
} from '../src/domain/customer-search.js';
import { isClose, phoneticCodes } from '../src/domain/fuzzy-text.js';
import { pageByKey } from '../src/domain/keyset-page.js';
import { decodeLookupToken, encodeLookupToken } from '../src/domain/lookup-token.js';
import type { Customer } from '../src/domain/model.js';
import { DEFAULT_SEED } from '../src/config.js';
import { buildTenantData } from '../src/seed/build-tenant.js';
import { CustomerIndex } from '../src/store/customer-index.js';
import { loadOrganizations } from '../src/tenants.js';

const ORGS = [970, 807];
const data = buildTenantData(DEFAULT_SEED, loadOrganizations(), '2026-11-24');

/** The oracle: every customer tested, the matches sorted, one page cut. */
function scan(all: SearchableCustomer[], q: CustomerQuery): string[] {
  const close = (field: TextField, text: string) => {
    const values = new Set(all.flatMap((s) => [s.owner, s.coOwner].flatMap((p) => (p ? [...p[field]] : []))));
    return values.has(text) ? new Set([text]) : new Set([...values].filter((v) => isClose(FIELD_RULES[field].kind, text, v)));
  };
  const rq = { search: resolveSearch(q.search, close), within: q.within.map((w) => resolveSearch(w, close)) };
  const found = all
    .map((s) => ({ s, key: positionOf(s, rq)?.key }))
    .filter((r): r is { s: SearchableCustomer; key: string } => r.key !== undefined)
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  const from = q.from && 'key' in q.from ? q.from.key : undefined;
  return pageByKey(found, q.limit, q.direction, from === undefined ? undefined : (r) => (r.key < from ? -1 : r.key > from ? 1 : 0)).items.map(
    (r) => r.s.customer.customerNumber,
  );
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
  return out;
}

describe('CustomerIndex', () => {
  it('when customers are added and renamed, then every search and every page answers what a scan answers', () => {
    const faker = new Faker({ locale: [es] });
    faker.seed(7);
    const customers = structuredClone(data.customers);
    const index = new CustomerIndex(customers);
    const stored = new Map(customers.map((c) => [c.customerNumber, c]));

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

      for (const search of searchesFor(faker, faker.helpers.arrayElement(book))) {
        const first: CustomerQuery = { search, within: [], limit: 3, direction: 'first' };
        assert.deepEqual(index.search(first).items.map((i) => i.customerNumber), scan(all, first), JSON.stringify(search));
        // Scroll on and back from the first page's ends.
        const page = index.search(first);
        if (page.items.length === 0) continue;
        for (const q of [
          { ...first, direction: 'next' as const, from: { key: page.items.at(-1)!.key } },
          { ...first, direction: 'prev' as const, from: { key: page.items.at(-1)!.key } },
          { ...first, within: [criteria({ primary: { lastName: { mode: 'prefix', text: page.items[0].key.slice(0, 1) } } })] },
        ]) {
          assert.deepEqual(index.search(q).items.map((i) => i.customerNumber), scan(all, q), JSON.stringify(q));
        }
      }
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
      primary: { lastName: { mode: 'prefix', text: 'GA' } },
      nameFirst: { mode: 'equals', text: 'JUAN' },
      optional: { dateOfBirth: { mode: 'equals', text: '1980-01-02' } },
    });
    const token = { position: 'GARCIA\0GARCIA\0JUAN\u00004597000000000000001\u00000', search, within: [search] };
    assert.deepEqual(decodeLookupToken(encodeLookupToken(token)), token);
    const forged = 'L2.' + Buffer.from(JSON.stringify(['x', { p: { lastName: 'xGA' }, o: {}, g: [970] }, []])).toString('base64url');
    assert.equal(decodeLookupToken(forged), undefined, 'an unknown mode letter');
    assert.equal(decodeLookupToken('string'), undefined);
    assert.equal(decodeLookupToken('L2.!!!'), undefined);
  });
});
