// The FirstVision customer search: the criteria a checked request is made of (lookup-request.ts
// checks the request), whether a customer matches them, how well, and where it stands in the
// answer. Pure: no storage, no HTTP.
import type { FuzzyKind } from './fuzzy-text.js';
import type { Customer, Party, PartyRole } from './model.js';
import { alnumOnly, digitsOnly, foldText, matches, modeFor, nameKey, nameWords, type MatchMode } from './text-match.js';

export type PrimaryField = 'lastName' | 'identifier' | 'phone' | 'postal';
export type OptionalField = 'firstName' | 'middleName' | 'dateOfBirth' | 'title' | 'suffix' | 'countryCode' | 'user14' | 'user15';
/** Every field compared as text (the date of birth is compared as a date). */
export type TextField = PrimaryField | Exclude<OptionalField, 'dateOfBirth'>;

/** Also the order of precedence when several primary fields could set the answer's order. */
export const PRIMARY_FIELDS: readonly PrimaryField[] = ['lastName', 'identifier', 'phone', 'postal'];
export const TEXT_FIELDS: readonly TextField[] = [...PRIMARY_FIELDS, 'firstName', 'middleName', 'title', 'suffix', 'countryCode', 'user14', 'user15'];
/** The fields holding names, which fuzzy switch 0 also matches word by word. */
export type NameField = 'lastName' | 'firstName' | 'middleName';
export const NAME_FIELDS: readonly NameField[] = ['lastName', 'firstName', 'middleName'];
export const isNameField = (field: string): field is NameField => (NAME_FIELDS as readonly string[]).includes(field);

/** How each field is written for comparing, and how tolerant its fuzzy match is. */
export const FIELD_RULES: Record<TextField, { key: (s: string) => string; kind: FuzzyKind }> = {
  lastName: { key: nameKey, kind: 'name' },
  identifier: { key: alnumOnly, kind: 'code' },
  phone: { key: digitsOnly, kind: 'code' },
  postal: { key: alnumOnly, kind: 'code' },
  firstName: { key: nameKey, kind: 'name' },
  middleName: { key: nameKey, kind: 'name' },
  title: { key: nameKey, kind: 'text' },
  suffix: { key: nameKey, kind: 'text' },
  countryCode: { key: nameKey, kind: 'text' },
  user14: { key: nameKey, kind: 'text' },
  user15: { key: nameKey, kind: 'text' },
};

export interface Criterion {
  /** 'equals' is the tolerant match of fuzzy switch 0; the others compare the text as named. */
  mode: MatchMode;
  /** The value as the field's key writes it. */
  text: string;
  /** Switch 0 on a name of several words: the words in order (joined, they are `text`). */
  words?: string[];
}

export interface SearchCriteria {
  /** A customer must match every one of these when `primaryAll`, otherwise any one of them. */
  primary: Partial<Record<PrimaryField, Criterion>>;
  primaryAll: boolean;
  /** First name given in the LAST,FIRST form of the name. */
  nameFirst?: Criterion;
  optional: Partial<Record<OptionalField, Criterion>>;
  optionalAll: boolean;
  organizations: number[];
}

/** The criterion a typed value makes under a fuzzy switch, `*` wildcards included. */
export function criterionOf(field: TextField, fuzzy: number, value: string): Criterion {
  const { mode, text } = modeFor(fuzzy, foldText(value));
  if (mode !== 'equals' || FIELD_RULES[field].kind !== 'name') return { mode, text: FIELD_RULES[field].key(text) };
  const words = nameWords(text);
  return words.length > 1 ? { mode, text: words.join(''), words } : { mode, text: words.join('') };
}

// ---------------------------------------------------------------------------------------------
// Matching. A tolerant ('equals') criterion is first resolved against the values and words the
// tenant holds, so checking one customer is a few set look-ups.

/**
 * How well a value meets fuzzy switch 0; answers list better ranks first. On names: the whole
 * name, then the typed words somewhere in it (GARCIA in LÓPEZ GARCÍA), then a misspelling or a
 * sound-alike; on the last name, last of all, a name that merely begins or ends with the text
 * (DELEÓN for LEON), so that switch 0 finds whatever switches 1 and 3 find. Other fields and
 * other switches match at the exact rank or not at all, except that codes typed as nobody holds
 * them find the close ones at the tolerant rank.
 */
export const RANK = { exact: 0, words: 1, tolerant: 2, affix: 3 } as const;

export type Resolved =
  | { mode: 'prefix' | 'suffix' | 'contains'; text: string }
  /** Codes, other text and dates: the values accepted (the typed one when held, else the close ones). */
  | { mode: 'in'; text: string; values: ReadonlySet<string> }
  /**
   * Names: `text` exactly, then `words` in a row, then a name close to `text` as a whole (`near`)
   * or words in a row each close to the typed one (`nearWords`, one set per typed word), then,
   * when `affixes`, a name beginning or ending with `text`.
   */
  | {
      mode: 'ranked';
      text: string;
      words: readonly string[];
      near: ReadonlySet<string>;
      nearWords: readonly ReadonlySet<string>[];
      affixes: boolean;
    };

/** What the tenant holds, as far as tolerant criteria need to know. */
export interface Vocabulary {
  has(field: TextField, value: string): boolean;
  /** The stored values of the field close to `text`, itself included when stored. */
  near(field: TextField, text: string): ReadonlySet<string>;
  /** The stored words of the name field close to `word`, itself included when stored. */
  nearWords(field: NameField, word: string): ReadonlySet<string>;
}

export interface ResolvedSearch {
  primary: [PrimaryField, Resolved][];
  primaryAll: boolean;
  nameFirst?: Resolved;
  optional: [OptionalField, Resolved][];
  optionalAll: boolean;
  organizations: ReadonlySet<number>;
  /** The primary field whose order the answer follows. */
  order: PrimaryField;
  /** True when every customer found matches the order field (so the order field's index can lead). */
  orderRequired: boolean;
}

/** The fields a search uses as its primary search, in precedence order. */
export const primaryFieldsOf = (c: SearchCriteria) => PRIMARY_FIELDS.filter((f) => c.primary[f]);

/**
 * The answer is ordered by the primary field searched (name, then first name, then customer
 * number within it); a search that accepts any of several fields is ordered by name.
 */
function orderOf(c: SearchCriteria): { order: PrimaryField; orderRequired: boolean } {
  const used = primaryFieldsOf(c);
  if (used.length === 1 || c.primaryAll) return { order: used[0], orderRequired: true };
  return { order: 'lastName', orderRequired: false };
}

export function resolveSearch(c: SearchCriteria, vocabulary: Vocabulary): ResolvedSearch {
  const resolve = (field: TextField | 'dateOfBirth', { mode, text, words }: Criterion): Resolved => {
    if (mode !== 'equals') return { mode, text };
    if (field === 'dateOfBirth') return { mode: 'in', text, values: new Set([text]) };
    if (isNameField(field)) {
      const typed = words ?? [text];
      const nearWords = typed.map((w) => vocabulary.nearWords(field, w));
      // The primary name is what switches 1 and 3 search too; switch 0 must find what they find.
      return { mode: 'ranked', text, words: typed, near: vocabulary.near(field, text), nearWords, affixes: field === 'lastName' };
    }
    return { mode: 'in', text, values: vocabulary.has(field, text) ? new Set([text]) : vocabulary.near(field, text) };
  };
  return {
    primary: primaryFieldsOf(c).map((f) => [f, resolve(f, c.primary[f]!)]),
    primaryAll: c.primaryAll,
    ...(c.nameFirst ? { nameFirst: resolve('firstName', c.nameFirst) } : {}),
    optional: (Object.entries(c.optional) as [OptionalField, Criterion][]).map(([f, crit]) => [f, resolve(f, crit)]),
    optionalAll: c.optionalAll,
    organizations: new Set(c.organizations),
    ...orderOf(c),
  };
}

/** A party's values as searches compare them, worked out once when the party is stored. */
export type PartyKeys = Record<TextField, readonly string[]> & {
  /** Each name field's words (its one value, split where the name has spaces or dashes). */
  words: Record<NameField, readonly string[]>;
  dateOfBirth?: string;
};

export interface SearchableCustomer {
  customer: Customer;
  owner: PartyKeys;
  coOwner?: PartyKeys;
}

const NONE: readonly string[] = Object.freeze([]);

/** A field's distinct keys among the party's values, in an exact-size list (one grown by push keeps room for more). */
function keysOf(field: TextField, ...raw: (string | undefined)[]): readonly string[] {
  const key = FIELD_RULES[field].key;
  if (raw.length === 1) {
    const k = raw[0] ? key(raw[0]) : '';
    return k ? [k] : NONE;
  }
  const found: string[] = [];
  for (const r of raw) {
    const k = r ? key(r) : '';
    if (k && !found.includes(k)) found.push(k);
  }
  return found.length === 0 ? NONE : found.length === 1 ? [found[0]] : found.slice();
}

/** A name's key (one value, its words joined) and its words; a one-word name's words are its key: one list serves both. */
function nameOf(name: string | undefined): { key: readonly string[]; words: readonly string[] } {
  const split = name ? nameWords(name) : [];
  if (split.length === 0) return { key: NONE, words: NONE };
  const key = [split.length === 1 ? split[0] : split.join('')];
  return { key, words: split.length === 1 ? key : split };
}

/** The keys of the fields other than names, read off a party. */
const OTHER_KEYS: Record<Exclude<TextField, NameField>, (p: Party) => readonly string[]> = {
  identifier: (p) => keysOf('identifier', p.identificationNumber),
  phone: (p) => keysOf('phone', p.homePhoneNumber, p.mobilePhoneNumber, p.employerPhoneNumber),
  postal: (p) => keysOf('postal', p.postalCode),
  title: (p) => keysOf('title', p.title),
  suffix: (p) => keysOf('suffix', p.suffix),
  countryCode: (p) => keysOf('countryCode', p.countryCode),
  user14: (p) => keysOf('user14', p.user14),
  user15: (p) => keysOf('user15', p.user15),
};

const dateOfBirthOf = (p: Party) => (p.dateOfBirth ? p.dateOfBirth : undefined);

export function partyKeys(p: Party): PartyKeys {
  const lastName = nameOf(p.lastName);
  const firstName = nameOf(p.firstName);
  const middleName = nameOf(p.middleName);
  // One literal: every party's keys then share one shape, which keeps them small and quick to read.
  return {
    lastName: lastName.key,
    identifier: OTHER_KEYS.identifier(p),
    phone: OTHER_KEYS.phone(p),
    postal: OTHER_KEYS.postal(p),
    firstName: firstName.key,
    middleName: middleName.key,
    title: OTHER_KEYS.title(p),
    suffix: OTHER_KEYS.suffix(p),
    countryCode: OTHER_KEYS.countryCode(p),
    user14: OTHER_KEYS.user14(p),
    user15: OTHER_KEYS.user15(p),
    words: { lastName: lastName.words, firstName: firstName.words, middleName: middleName.words },
    dateOfBirth: dateOfBirthOf(p),
  };
}

export const searchable = (customer: Customer): SearchableCustomer => ({
  customer,
  owner: partyKeys(customer.owner),
  ...(customer.coOwner ? { coOwner: partyKeys(customer.coOwner) } : {}),
});

/** A party's name words, through the keys that work them out when first read. */
class NameWordsOnDemand implements Record<NameField, readonly string[]> {
  constructor(private readonly keys: PartyKeysOnDemand) {}
  get lastName() {
    return this.keys.name('lastName').words;
  }
  get firstName() {
    return this.keys.name('firstName').words;
  }
  get middleName() {
    return this.keys.name('middleName').words;
  }
}

type NameKeys = ReturnType<typeof nameOf>;

/**
 * A party's keys, each field's worked out when it is first read: the same values as partyKeys,
 * for a scan, which reads only the fields its search names (a small part of what indexing costs).
 * Two objects a party until a field is read: a scan makes one for every customer of the tenant.
 */
class PartyKeysOnDemand implements PartyKeys {
  readonly words: Record<NameField, readonly string[]> = new NameWordsOnDemand(this);
  private lastNameKeys?: NameKeys;
  private firstNameKeys?: NameKeys;
  private middleNameKeys?: NameKeys;
  private others?: Partial<Record<TextField, readonly string[]>>;

  constructor(private readonly party: Party) {}

  name(field: NameField): NameKeys {
    switch (field) {
      case 'lastName':
        return (this.lastNameKeys ??= nameOf(this.party.lastName));
      case 'firstName':
        return (this.firstNameKeys ??= nameOf(this.party.firstName));
      case 'middleName':
        return (this.middleNameKeys ??= nameOf(this.party.middleName));
    }
  }

  private other(field: Exclude<TextField, NameField>) {
    const others = (this.others ??= {});
    return (others[field] ??= OTHER_KEYS[field](this.party));
  }

  get lastName() {
    return this.name('lastName').key;
  }
  get firstName() {
    return this.name('firstName').key;
  }
  get middleName() {
    return this.name('middleName').key;
  }
  get identifier() {
    return this.other('identifier');
  }
  get phone() {
    return this.other('phone');
  }
  get postal() {
    return this.other('postal');
  }
  get title() {
    return this.other('title');
  }
  get suffix() {
    return this.other('suffix');
  }
  get countryCode() {
    return this.other('countryCode');
  }
  get user14() {
    return this.other('user14');
  }
  get user15() {
    return this.other('user15');
  }
  get dateOfBirth() {
    return dateOfBirthOf(this.party);
  }
}

/** As `searchable`, each key worked out only when a search first reads it. */
export const searchableOnDemand = (customer: Customer): SearchableCustomer => ({
  customer,
  owner: new PartyKeysOnDemand(customer.owner),
  ...(customer.coOwner ? { coOwner: new PartyKeysOnDemand(customer.coOwner) } : {}),
});

/** True when `typed.length` words in a row of `words` each fit the typed word at their place. */
function holdsInARow(words: readonly string[], length: number, fits: (word: string, at: number) => boolean): boolean {
  for (let i = 0; i + length <= words.length; i++) {
    let j = 0;
    while (j < length && fits(words[i + j], j)) j++;
    if (j === length) return true;
  }
  return false;
}

/** The rank at which a stored value (with its words, for a name) meets a criterion; undefined when it does not. */
export function rankOf(value: string, words: readonly string[] | undefined, r: Resolved): number | undefined {
  switch (r.mode) {
    case 'in':
      return !r.values.has(value) ? undefined : value === r.text ? RANK.exact : RANK.tolerant;
    case 'ranked': {
      if (value === r.text) return RANK.exact;
      const own = words ?? [value];
      const n = r.words.length;
      if (holdsInARow(own, n, (w, j) => w === r.words[j])) return RANK.words;
      if (r.near.has(value) || holdsInARow(own, n, (w, j) => r.nearWords[j].has(w))) return RANK.tolerant;
      return r.affixes && (value.startsWith(r.text) || value.endsWith(r.text)) ? RANK.affix : undefined;
    }
    default:
      return matches(value, r.text, r.mode) ? RANK.exact : undefined;
  }
}

/** The best rank among the party's values of a field. */
function fieldRank(p: PartyKeys, field: TextField | 'dateOfBirth', r: Resolved): number | undefined {
  if (field === 'dateOfBirth') return p.dateOfBirth === undefined ? undefined : rankOf(p.dateOfBirth, undefined, r);
  const words = isNameField(field) ? p.words[field] : undefined;
  let best: number | undefined;
  for (const v of p[field]) {
    const rank = rankOf(v, words, r);
    if (rank !== undefined && (best === undefined || rank < best)) best = rank;
  }
  return best;
}

/**
 * The party's rank in the search, or undefined when it does not match. The rank is the order
 * field's when every match must hold it, else the best of the primary fields that match.
 */
function partyRank(p: PartyKeys, s: ResolvedSearch): number | undefined {
  let rank: number | undefined;
  for (const [f, r] of s.primary) {
    const k = fieldRank(p, f, r);
    if (k === undefined) {
      if (s.primaryAll) return undefined;
    } else if (s.primaryAll ? f === s.order : rank === undefined || k < rank) rank = k;
  }
  if (rank === undefined) return undefined;
  if (s.nameFirst && fieldRank(p, 'firstName', s.nameFirst) === undefined) return undefined;
  if (s.optional.length === 0) return rank;
  const ok = ([f, r]: [OptionalField, Resolved]) => fieldRank(p, f, r) !== undefined;
  return (s.optionalAll ? s.optional.every(ok) : s.optional.some(ok)) ? rank : undefined;
}

/** The party of the customer a search finds: the one that matches best, the owner on a tie. */
export function matchingRole(c: SearchableCustomer, s: ResolvedSearch): { role: PartyRole; rank: number } | undefined {
  if (!s.organizations.has(c.customer.organizationNumber)) return undefined;
  const owner = partyRank(c.owner, s);
  const coOwner = c.coOwner ? partyRank(c.coOwner, s) : undefined;
  if (owner !== undefined && (coOwner === undefined || owner <= coOwner)) return { role: 'owner', rank: owner };
  return coOwner === undefined ? undefined : { role: 'coOwner', rank: coOwner };
}

/** A search, plus the earlier answers it narrows within (drill down). */
export interface ResolvedQuery {
  search: ResolvedSearch;
  within: ResolvedSearch[];
}

/**
 * An entry's place in the order of a field's index: the field's value, then name, first name,
 * customer number and party. '\0' separates the parts, so comparing the strings compares them
 * part by part.
 */
export const entryKey = (value: string, p: PartyKeys, customerNumber: string, role: PartyRole) => `${value}\0${partyPlace(p, customerNumber, role)}`;

/** An entry key without its value: where the party stands among the holders of any one value. */
export const partyPlace = (p: PartyKeys, customerNumber: string, role: PartyRole) =>
  `${p.lastName[0] ?? ''}\0${p.firstName[0] ?? ''}\0${customerNumber.padStart(19, '0')}\0${role === 'owner' ? 0 : 1}`;

/** The value part of an entry key. */
export const valueOfKey = (key: string) => key.slice(0, key.indexOf('\0'));

/** A place in the answer: the rank (one digit), then the entry key within the rank. */
export const rankedKey = (rank: number, entry: string) => `${rank}\0${entry}`;
export const rankOfKey = (key: string) => Number(key[0]);
export const entryOfKey = (key: string) => key.slice(2);

export interface Position {
  key: string;
  role: PartyRole;
}

/**
 * Where a customer stands in the answer, or undefined when the answer does not hold it. A
 * customer with several values of the order field (phones) stands at the best that matches.
 */
export function positionOf(c: SearchableCustomer, q: ResolvedQuery): Position | undefined {
  const found = matchingRole(c, q.search);
  if (!found) return undefined;
  for (const w of q.within) if (!matchingRole(c, w)) return undefined;
  return { key: keyOf(c, found.role, q.search, found.rank)!, role: found.role };
}

/** The key a customer's party has in this search's order (also when it does not match, at the exact rank). */
export function keyOf(c: SearchableCustomer, role: PartyRole, s: ResolvedSearch, rank?: number): string | undefined {
  const p = role === 'owner' ? c.owner : c.coOwner;
  if (!p) return undefined;
  const values = p[s.order].length ? p[s.order] : [''];
  const at = (r: number, v: string) => rankedKey(r, entryKey(v, p, c.customer.customerNumber, role));
  if (!s.orderRequired) return at(rank ?? partyRank(p, s) ?? RANK.exact, values[0]);
  const criterion = s.primary.find(([f]) => f === s.order)![1];
  const words = isNameField(s.order) ? p.words[s.order] : undefined;
  let best: string | undefined;
  for (const v of values) {
    const r = rankOf(v, words, criterion);
    if (r === undefined) continue;
    const key = at(r, v);
    if (best === undefined || key < best) best = key;
  }
  return best ?? at(RANK.exact, values[0]);
}

// ---------------------------------------------------------------------------------------------
// What the store is asked and answers.

export type PageDirection = 'first' | 'next' | 'prev';

export interface CustomerQuery {
  search: SearchCriteria;
  /** Earlier searches whose answers this one narrows within. */
  within: SearchCriteria[];
  limit: number;
  direction: PageDirection;
  /** Where the page starts (next) or ends (prev): an issued position, or a customer number. */
  from?: { key: string } | { customerNumber: string };
}

/** What a lookup shows of the party that matched. */
export const SUMMARY_FIELDS = [
  'title', 'firstName', 'middleName', 'lastName', 'suffix', 'dateOfBirth', 'identificationNumber', 'homePhoneNumber',
  'mobilePhoneNumber', 'houseAddress1', 'city', 'state', 'postalCode', 'countryCode', 'user14', 'user15',
] as const satisfies readonly (keyof Party)[];

export type PartySummary = Pick<Party, (typeof SUMMARY_FIELDS)[number]>;

export interface FoundCustomer {
  organizationNumber: number;
  customerNumber: string;
  /** The party that matched, shown in the answer. */
  role: PartyRole;
  /** The stored party itself, to be read, not changed: the answer shows its summary fields. */
  party: Readonly<PartySummary>;
  key: string;
}

/** Surnames an organization's customers hold, for a partner to try the lookup with. */
export interface SurnameExamples {
  /** Words of last names many customers hold, the most held first, with how many customers hold each. */
  common: { word: string; customers: number }[];
  /** A whole compound surname holding the commonest word (the one most of its holders share), as one of them writes it. */
  compound?: { lastName: string; customers: number; customerNumber: string };
}

export interface CustomerPage {
  items: FoundCustomer[];
  /** Matches remain after this page. */
  more: boolean;
  /** Matches exist before this page. */
  hasPrevious: boolean;
}

/** A customer of an answer as the lookup shows it; made only for the customers of the page. */
export function foundCustomer(s: SearchableCustomer, role: PartyRole, key: string): FoundCustomer {
  const { organizationNumber, customerNumber } = s.customer;
  const party = role === 'coOwner' && s.customer.coOwner ? s.customer.coOwner : s.customer.owner;
  return { organizationNumber, customerNumber, role, party, key };
}
