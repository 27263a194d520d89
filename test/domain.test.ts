// Unit tests of the pure modules: no app, no store.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { directionOf, pageByKey } from '../src/domain/keyset-page.js';
import { isLuhnValid, luhnCheckDigit } from '../src/domain/luhn.js';
import {
  accountNumberFor,
  cardNumberFor,
  customerNumberFor,
  relationshipNumberFor,
  movedCounters,
  takeNextNumber,
} from '../src/domain/number-series.js';
import { criterionOf, RANK, rankOf, type Resolved } from '../src/domain/customer-search.js';
import { checkLookupRequest, type LookupRequest } from '../src/domain/lookup-request.js';
import { encodeLookupToken } from '../src/domain/lookup-token.js';
import { foldText, matches, modeFor, nameKey, nameWords } from '../src/domain/text-match.js';
import { mergeSorted } from '../src/domain/sorted-array.js';
import { digitsOf, isCalendarDate } from '../src/domain/values.js';
import { parseLosslessJson } from '../src/http/json-body.js';
import { loadOrganizations } from '../src/tenants.js';

describe('luhn', () => {
  it('when well-known valid card numbers are checked, then they pass', () => {
    for (const pan of ['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117', '79927398713']) {
      assert.equal(isLuhnValid(pan), true, pan);
    }
  });

  it('when a digit is changed or two digits swapped, then the number fails', () => {
    for (const pan of ['4111111111111112', '4111111111111121', '5555555555554445', '79927398710', '3782822463100005']) {
      assert.equal(isLuhnValid(pan), false, pan);
    }
  });

  it('when the text is not 2 to 19 digits, then it fails', () => {
    for (const text of ['', '0', '4111 1111 1111 1111', '411111111111111a', '41111111111111111111', '-4111111111111111']) {
      assert.equal(isLuhnValid(text), false, JSON.stringify(text));
    }
  });

  it('when a check digit is computed, then appending it makes a valid number', () => {
    assert.equal(luhnCheckDigit('411111111111111'), '1');
    assert.equal(luhnCheckDigit('7992739871'), '3');
    for (const payload of ['451307000000001', '53328400000004', '0', '999999999999999999']) {
      assert.equal(isLuhnValid(payload + luhnCheckDigit(payload)), true, payload);
    }
  });
});

describe('keyset-page', () => {
  const list = [10, 20, 30, 40, 50];
  const at = (key: number) => (item: number) => item - key;

  it('when the first page is asked for, then it holds the first items, more when others follow, no previous', () => {
    assert.deepEqual(pageByKey(list, 2, 'first'), { items: [10, 20], more: true, hasPrevious: false });
    assert.deepEqual(pageByKey(list, 5, 'first'), { items: list, more: false, hasPrevious: false });
    assert.deepEqual(pageByKey(list, 9, 'first'), { items: list, more: false, hasPrevious: false });
  });

  it('when the next page is asked for from a key, then it starts after the key', () => {
    assert.deepEqual(pageByKey(list, 2, 'next', at(20)), { items: [30, 40], more: true, hasPrevious: true });
    assert.deepEqual(pageByKey(list, 2, 'next', at(40)), { items: [50], more: false, hasPrevious: true });
    assert.deepEqual(pageByKey(list, 2, 'next', at(50)), { items: [], more: false, hasPrevious: true });
    assert.deepEqual(pageByKey(list, 2, 'next', at(5)), { items: [10, 20], more: true, hasPrevious: false });
  });

  it('when the previous page is asked for from a key, then it ends before the key', () => {
    assert.deepEqual(pageByKey(list, 2, 'prev', at(30)), { items: [10, 20], more: true, hasPrevious: false });
    assert.deepEqual(pageByKey(list, 2, 'prev', at(50)), { items: [30, 40], more: true, hasPrevious: true });
    assert.deepEqual(pageByKey(list, 2, 'prev', at(10)), { items: [], more: true, hasPrevious: false });
    assert.deepEqual(pageByKey(list, 2, 'prev', at(99)), { items: [40, 50], more: false, hasPrevious: true });
  });

  it('when the key lies between two items (its record is gone), then next and prev split there', () => {
    assert.deepEqual(pageByKey(list, 2, 'next', at(25)), { items: [30, 40], more: true, hasPrevious: true });
    assert.deepEqual(pageByKey(list, 2, 'prev', at(25)), { items: [10, 20], more: true, hasPrevious: false });
  });

  it('when the list is empty, then every page is empty with nothing around it', () => {
    for (const direction of ['first', 'next', 'prev'] as const) {
      assert.deepEqual(pageByKey([], 3, direction, at(1)), { items: [], more: false, hasPrevious: false }, direction);
    }
  });

  it('when a next or prev page has no key, then it is the first page', () => {
    assert.deepEqual(pageByKey(list, 2, 'next'), { items: [10, 20], more: true, hasPrevious: false });
    assert.deepEqual(pageByKey(list, 2, 'prev'), { items: [10, 20], more: true, hasPrevious: false });
  });

  it('when a function code is read, then N is next, P is previous and anything else the first page', () => {
    assert.equal(directionOf('N'), 'next');
    assert.equal(directionOf(' n '), 'next');
    assert.equal(directionOf('P'), 'prev');
    assert.equal(directionOf('p'), 'prev');
    for (const code of ['', ' ', 'X', 'string', 'NP']) assert.equal(directionOf(code), 'first', code);
  });
});

describe('text-match', () => {
  it('when text is folded, then case, accents and runs of spaces no longer matter', () => {
    assert.equal(foldText('  José   Ñúñez  '), 'JOSE NUNEZ');
    assert.equal(foldText('MONDRAGÓN LIMÓN'), 'MONDRAGON LIMON');
    assert.equal(foldText('ÁÉÍÓÚ áéíóú Üü Çç'), 'AEIOU AEIOU UU CC');
    assert.equal(foldText('de\tla\nCruz'), 'DE LA CRUZ');
    assert.equal(foldText('Peña'), foldText('PENA'));
  });

  it('when no * is given, then the fuzzy switch chooses: 0 equals, 1 and 2 begins with, 3 ends with', () => {
    assert.deepEqual(modeFor(0, 'SMITH'), { mode: 'equals', text: 'SMITH' });
    assert.deepEqual(modeFor(1, 'SMITH'), { mode: 'prefix', text: 'SMITH' });
    assert.deepEqual(modeFor(2, 'SMITH'), { mode: 'prefix', text: 'SMITH' });
    assert.deepEqual(modeFor(3, 'SMITH'), { mode: 'suffix', text: 'SMITH' });
  });

  it('when * stands at the end, the start or both, then it wins over the switch', () => {
    assert.deepEqual(modeFor(0, 'SMI*'), { mode: 'prefix', text: 'SMI' });
    assert.deepEqual(modeFor(3, 'SMI*'), { mode: 'prefix', text: 'SMI' });
    assert.deepEqual(modeFor(0, '*ITH'), { mode: 'suffix', text: 'ITH' });
    assert.deepEqual(modeFor(1, '*ITH'), { mode: 'suffix', text: 'ITH' });
    assert.deepEqual(modeFor(0, '*MIT*'), { mode: 'contains', text: 'MIT' });
    assert.deepEqual(modeFor(0, 'SMI**'), { mode: 'prefix', text: 'SMI' });
  });

  it('when a name is split into words, then spaces and dashes part them, other punctuation is dropped, and they join into its key', () => {
    assert.deepEqual(nameWords('  De la Peña-Núñez '), ['DE', 'LA', 'PENA', 'NUNEZ']);
    assert.deepEqual(nameWords("O'Higgins Riquelme S.R.L."), ['OHIGGINS', 'RIQUELME', 'SRL']);
    assert.deepEqual(nameWords(' - '), []);
    for (const name of ['De la Peña-Núñez', "O'Higgins S.R.L.", 'LÓPEZ  GARCÍA']) assert.equal(nameWords(name).join(''), nameKey(name));
  });

  it('when values are matched, then each mode compares as named', () => {
    assert.equal(matches('SMITH', 'SMITH', 'equals'), true);
    assert.equal(matches('SMITHS', 'SMITH', 'equals'), false);
    assert.equal(matches('SMITHS', 'SMITH', 'prefix'), true);
    assert.equal(matches('ASMITH', 'SMITH', 'prefix'), false);
    assert.equal(matches('ASMITH', 'SMITH', 'suffix'), true);
    assert.equal(matches('SMITHS', 'SMITH', 'suffix'), false);
    assert.equal(matches('ASMITHS', 'MIT', 'contains'), true);
    assert.equal(matches('ASMTHS', 'MIT', 'contains'), false);
  });
});

describe('values', () => {
  it('when an identifier is read, then its exact digits are kept, up to 19 of them', () => {
    assert.equal(digitsOf('4513074002573466600'), '4513074002573466600');
    assert.equal(digitsOf(' 4513074002573466600 '), '4513074002573466600');
    assert.equal(digitsOf(123456789), '123456789');
    assert.equal(digitsOf(0), '0');
    assert.equal(digitsOf(Number.MAX_SAFE_INTEGER), '9007199254740991');
  });

  it('when an identifier is too long, negative, fractional, unsafe or not digits, then it is refused', () => {
    for (const value of ['45130740025734666001', '-1', '12.5', '', 'abc', '12 34', '1e5', -1, 1.5, 2 ** 53, 1e21, NaN, null, undefined, {}, []]) {
      assert.equal(digitsOf(value), undefined, JSON.stringify(value) ?? String(value));
    }
  });

  it('when a date is checked, then only real calendar dates written YYYY-MM-DD pass', () => {
    for (const date of ['2024-02-29', '2023-02-28', '2000-02-29', '1999-12-31', '2026-11-24']) assert.equal(isCalendarDate(date), true, date);
    for (const date of ['2023-02-29', '1900-02-29', '2023-04-31', '2023-13-01', '2023-00-10', '2023-01-00', '2023-1-01', '20230101', '', '2023-01-01T00:00:00Z']) {
      assert.equal(isCalendarDate(date), false, date);
    }
  });
});

describe('sorted-array', () => {
  const byNumber = (a: number, b: number) => a - b;

  it('when a few items join a long list, or many join a short one, then the list holds them all in order', () => {
    for (const [long, extra] of [[400, 3], [3, 400], [0, 5], [50, 50]]) {
      const items = Array.from({ length: long }, (_, i) => i * 2);
      const added = Array.from({ length: extra }, (_, i) => i * 3 + 1);
      mergeSorted(items, added, byNumber);
      assert.deepEqual(items, [...Array.from({ length: long }, (_, i) => i * 2), ...added].sort(byNumber), `${long} + ${extra}`);
    }
  });
});

describe('number-series', () => {
  const numberOf = (seq: number) => `N${seq}`;

  it('when nothing is taken, then the counter number is handed out and the counter moves past it', () => {
    const counters: Record<string, number> = {};
    assert.equal(takeNextNumber(counters, 'k', numberOf, () => false), 'N1');
    assert.deepEqual(counters, { k: 2 });
    assert.equal(takeNextNumber(counters, 'k', numberOf, () => false), 'N2');
    assert.deepEqual(counters, { k: 3 });
  });

  it('when numbers are taken, then they are skipped and the counter moves past the one handed out', () => {
    const taken = new Set(['N5', 'N6', 'N8']);
    const counters: Record<string, number> = { k: 5, other: 1 };
    assert.equal(takeNextNumber(counters, 'k', numberOf, (n) => taken.has(n)), 'N7');
    assert.deepEqual(counters, { k: 8, other: 1 });
    assert.deepEqual(movedCounters({ k: 5, other: 1 }, counters), { k: 8 });
    assert.equal(takeNextNumber(counters, 'k', numberOf, (n) => taken.has(n)), 'N9');
    assert.equal(counters.k, 10);
  });

  it('when numbers are generated for any organization and sequence, then none starts with 0 and each has its length', () => {
    const bins = loadOrganizations().flatMap((o) => o.logos.map((l) => l.bin));
    for (const org of [1, 7, 99, 807, 970, 998]) {
      for (const seq of [1, 42, 999_999_999]) {
        const customer = customerNumberFor(org, seq);
        const account = accountNumberFor(org, 401, seq);
        const relationship = relationshipNumberFor(org, seq);
        assert.match(customer, /^[1-9]\d{18}$/, customer);
        assert.match(account, /^[1-9]\d{15}$/, account);
        assert.match(relationship, /^[1-9]\d{18}$/, relationship);
        assert.notEqual(customer, relationship, 'customer and relationship series differ');
      }
    }
    for (const bin of bins) {
      const card = cardNumberFor(bin, 1);
      assert.match(card, /^[1-9]\d{15}$/, card);
      assert.ok(card.startsWith(bin));
      assert.equal(isLuhnValid(card), true, card);
    }
  });

  it('when two sequences differ, then their numbers differ', () => {
    assert.notEqual(customerNumberFor(970, 1), customerNumberFor(970, 2));
    assert.notEqual(customerNumberFor(970, 1), customerNumberFor(807, 1));
    assert.notEqual(accountNumberFor(970, 401, 1), accountNumberFor(970, 410, 1));
    assert.notEqual(cardNumberFor('451307', 1), cardNumberFor('451307', 2));
  });
});

describe('parseLosslessJson', () => {
  it('when an integer is beyond 2^53, then it becomes its exact digit string', () => {
    const body = parseLosslessJson('{"customerNumber": 4513074002573466600, "n": [9007199254740993, -4513074002573466600]}') as Record<string, unknown>;
    assert.deepEqual(body, { customerNumber: '4513074002573466600', n: ['9007199254740993', '-4513074002573466600'] });
  });

  it('when an integer is safe, then it stays a number', () => {
    assert.deepEqual(parseLosslessJson('{"a": 970, "b": 0, "c": -12, "d": 9007199254740991}'), { a: 970, b: 0, c: -12, d: 9007199254740991 });
  });

  it('when a number has a fraction or an exponent, then it is a number', () => {
    assert.deepEqual(parseLosslessJson('{"a": 1.5, "b": -0.25, "c": 1e3, "d": 2.5E-1}'), { a: 1.5, b: -0.25, c: 1000, d: 0.25 });
  });

  it('when a fraction cannot be held exactly, then it stays text so validation refuses it instead of rounding', () => {
    assert.deepEqual(parseLosslessJson('{"x": 4513074002573466600.5}'), { x: '4513074002573466600.5' });
  });

  it('when strings, booleans and null are read, then they are as JSON.parse gives them', () => {
    const text = '{"s": "4513074002573466600", "t": true, "f": false, "z": null, "o": {"a": ["x", 1]}}';
    assert.deepEqual(parseLosslessJson(text), JSON.parse(text));
  });

  it('when the text is not JSON, then it throws', () => {
    for (const text of ['{"a": ', '{a: 1}', "{'a': 1}", '', '{"a": 1,}']) assert.throws(() => parseLosslessJson(text), JSON.stringify(text));
  });
});

describe('customer-search ranks', () => {
  const garcia: Resolved = {
    mode: 'ranked',
    text: 'GARCIA',
    words: ['GARCIA'],
    near: new Set(['GARCIA', 'GARZIA']),
    nearWords: [new Set(['GARCIA', 'GARZIA'])],
    affixes: true,
  };

  it('when a name is compared with switch 0, then the whole name ranks first, a word of it second, a near spelling third, begins or ends with last', () => {
    assert.equal(rankOf('GARCIA', ['GARCIA'], garcia), RANK.exact);
    assert.equal(rankOf('LOPEZGARCIA', ['LOPEZ', 'GARCIA'], garcia), RANK.words);
    assert.equal(rankOf('GARZIA', ['GARZIA'], garcia), RANK.tolerant);
    assert.equal(rankOf('DEGARZIA', ['DE', 'GARZIA'], garcia), RANK.tolerant);
    assert.equal(rankOf('GARCIASOTO', ['GARCIAS', 'OTO'], garcia), RANK.affix, 'begins with it, as switch 1 would find');
    assert.equal(rankOf('VILLAGARCIA', ['VILLAGARCIA'], garcia), RANK.affix, 'ends with it, as switch 3 would find');
    assert.equal(rankOf('VILLAGARCIAS', ['VILLAGARCIAS'], garcia), undefined);
    assert.equal(rankOf('GARCIASOTO', ['GARCIAS', 'OTO'], { ...garcia, affixes: false }), undefined, 'first names: whole words only');
  });

  it('when several words are typed, then they must stand in a row in that order', () => {
    const typed = criterionOf('lastName', 0, 'garcía lópez');
    assert.deepEqual(typed, { mode: 'equals', text: 'GARCIALOPEZ', words: ['GARCIA', 'LOPEZ'] });
    const r: Resolved = {
      mode: 'ranked', text: typed.text, words: typed.words!, near: new Set(), nearWords: typed.words!.map((w) => new Set([w])), affixes: false,
    };
    assert.equal(rankOf('DEGARCIALOPEZ', ['DE', 'GARCIA', 'LOPEZ'], r), RANK.words);
    assert.equal(rankOf('GARCIADELOPEZ', ['GARCIA', 'DE', 'LOPEZ'], r), undefined);
    assert.equal(rankOf('LOPEZGARCIA', ['LOPEZ', 'GARCIA'], r), undefined);
  });
});

describe('lookup-request', () => {
  const orgs = loadOrganizations();
  const check = (body: Partial<LookupRequest>) => checkLookupRequest({ numberOfRecords: 10, ...body }, orgs);
  const codeOf = (body: Partial<LookupRequest>) => {
    try {
      check(body);
      return 'none';
    } catch (e) {
      return (e as { template?: { code: string } }).template?.code ?? String(e);
    }
  };

  it('when a request is checked, then it becomes one store query: criteria, organizations, page and size', () => {
    const q = check({
      numberOfRecords: 7,
      organizationNumber: 807,
      primarySearchData: { lastBusinessName: 'García-López, Ana', identifier: '20-123' },
      requestOptionData: { lastNameOption: 1 },
      optionalSearchData: { dateOfBirth: '1980-01-02', title: '  ' },
    });
    assert.deepEqual(q, {
      search: {
        primary: { lastName: { mode: 'equals', text: 'GARCIALOPEZ', words: ['GARCIA', 'LOPEZ'] } },
        primaryAll: true,
        nameFirst: { mode: 'equals', text: 'ANA' },
        optional: { dateOfBirth: { mode: 'equals', text: '1980-01-02' } },
        optionalAll: false,
        organizations: [807],
      },
      within: [],
      limit: 7,
      direction: 'first',
    });
    assert.deepEqual(check({ primarySearchData: { lastBusinessName: 'García Ló*' } }).search.primary.lastName, { mode: 'prefix', text: 'GARCIALO' });
  });

  it('when a token comes back with switch 2 and no function code, then the query narrows within its answer; with N it scrolls from it', () => {
    const earlier = check({ primarySearchData: { lastBusinessName: 'GA' }, lastNameFuzzySwitch: 2 }).search;
    const startToken = encodeLookupToken({ position: '0\0GARCIA', search: earlier, within: [] });
    const drill = check({ primarySearchData: { lastBusinessName: 'GAR' }, lastNameFuzzySwitch: 2, startToken });
    assert.deepEqual([drill.direction, drill.within], ['first', [earlier]]);
    const next = check({ primarySearchData: { lastBusinessName: 'GA' }, serviceFunctionCode: 'n', startToken });
    assert.deepEqual([next.direction, next.from, next.within], ['next', { key: '0\0GARCIA' }, []]);
    const fresh = check({ primarySearchData: { lastBusinessName: 'GAR' }, startToken });
    assert.deepEqual([fresh.direction, fresh.within], ['first', []], 'without switch 2 the token is not narrowed within');
  });

  it('when a rule the contract cannot state is broken, then the platform code comes from this one check', () => {
    const { search } = check({ primarySearchData: { lastBusinessName: 'GA' } });
    const deep = (depth: number) => encodeLookupToken({ position: '0', search, within: Array(depth).fill(search) });
    const cases: [Partial<LookupRequest>, string][] = [
      [{ primarySearchData: { lastBusinessName: 'GA' }, serviceFunctionCode: 'P' }, 'VPL5SZL04S'],
      [{ primarySearchData: { identifier: '123456' }, requestOptionData: { phoneNumberOption: 1 } }, 'VPL5SZL07S'],
      [{ primarySearchData: { lastBusinessName: '*GA' } }, 'VPL5SZL11S'],
      [{ primarySearchData: { lastBusinessName: 'GARCIA,' } }, 'VPL5SZL12S'],
      [{ primarySearchData: { lastBusinessName: 'G-' } }, 'VPL5SZL13S'],
      [{ primarySearchData: { lastBusinessName: 'GA*CIA' } }, 'VPL5SZL14S'],
      [{ primarySearchData: { lastBusinessName: 'GARCIA,A' } }, 'VPL5SZL15S'],
      [{ primarySearchData: { lastBusinessName: 'GARCIA' }, optionalSearchData: { middleName: 'A*NA' } }, 'VPL5SZL16S'],
      [{ primarySearchData: { identifier: '12*4567' } }, 'VPL5SZL19S'],
      [{ primarySearchData: { identifier: '12-345' } }, 'VPL5SZL20S'],
      [{ primarySearchData: { phoneNumber: '12*4567' } }, 'VPL5SZL24S'],
      [{ primarySearchData: { phoneNumber: '(12) 345' } }, 'VPL5SZL25S'],
      [{ primarySearchData: { lastBusinessName: 'GA' }, serviceFunctionCode: 'N', startToken: '1'.repeat(20) }, 'VPL5SZL27S'],
      [{ primarySearchData: { lastBusinessName: 'GA' }, serviceFunctionCode: 'N', startToken: '4597*' }, 'VPL5SZL29S'],
      [{ primarySearchData: { lastBusinessName: 'GA' }, lastNameFuzzySwitch: 2, startToken: deep(8) }, 'SBX400L'],
      [{ primarySearchData: { lastBusinessName: 'GA' }, lastNameFuzzySwitch: 2, startToken: deep(7) }, 'none'],
    ];
    for (const [body, code] of cases) assert.equal(codeOf(body), code, JSON.stringify(body));
  });
});
