// The cases every storage adapter must pass, whatever keeps the data: one suite, called once per
// adapter by test/store-contract-<adapter>.test.ts. What it proves is that the operations cannot
// tell the adapters apart.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { criterionOf, type CustomerQuery } from '../src/domain/customer-search.js';
import type { Customer, Reservation, TenantData } from '../src/domain/model.js';
import { DEFAULT_SEED } from '../src/config.js';
import { buildTenantData } from '../src/seed/build-tenant.js';
import { retryStale } from '../src/http/retry-stale.js';
import { StaleTenantError, type ChangeSet, type Store } from '../src/store/store.js';
import { loadOrganizations } from '../src/tenants.js';

/** Storage of the adapter's own, empty when the case starts. */
export interface ContractStorage {
  /** A store over this storage; called again, it reads what the earlier stores left. */
  open(): Store;
  /** Leaves a change cut off half-way, as a process killed while writing it would (adapters that can be torn); a shared adapter loses its connections. */
  tearLastWrite?(tenantId: string): Promise<void>;
  cleanUp(): Promise<void>;
}

const TODAY = '2026-11-24';
const organizations = loadOrganizations();
const seedData = buildTenantData(DEFAULT_SEED, organizations, TODAY);
/** Every adapter seeds from this, so answers can be compared with the data itself. */
export const contractSeeder = (): TenantData => structuredClone(seedData);

const TENANT = 'contract-tenant';
const OTHER = 'contract-other';

function newCustomer(customerNumber: string, lastName: string): Customer {
  const { coOwner: _coOwner, ...template } = structuredClone(seedData.customers[0]);
  return { ...template, customerNumber, owner: { ...template.owner, lastName, firstName: 'ADA' }, priorAddresses: [], source: 'A' };
}

const lastNameQuery = (lastName: string, organization: number): CustomerQuery => ({
  search: { primary: { lastName: criterionOf('lastName', 0, lastName) }, primaryAll: true, optional: {}, optionalAll: true, organizations: [organization] },
  within: [],
  limit: 50,
  direction: 'first',
});

export interface ContractOptions {
  /** The adapter keeps data beyond the process, so a store opened next reads it. */
  durable: boolean;
  /**
   * Several writers share the adapter's data (other instances), so a commit on data that changed
   * since its request read it is refused with StaleTenantError and the HTTP layer runs the request
   * again. A single writer's commits always land.
   */
  sharedWriters?: boolean;
}

/** A commit as a request makes it: on a view of the tenant as it is now, run again when found stale (as the dispatcher does). */
const commitAsRequest = (store: Store, tenantId: string, change: ChangeSet) => retryStale(tenantId, async () => (await store.tenant(tenantId)).commit(change));

export function storeContract(adapter: string, storage: () => Promise<ContractStorage>, options: ContractOptions) {
  describe(`store contract: ${adapter}`, () => {
    const withStorage = (run: (s: ContractStorage) => Promise<void>) => async () => {
      const s = await storage();
      try {
        await run(s);
      } finally {
        await s.cleanUp();
      }
    };
    /** A store opened again over the same storage: the next start for a durable adapter, the same one otherwise. */
    const reopen = async (s: ContractStorage, store: Store) => {
      if (!options.durable) return store;
      await store.close();
      return s.open();
    };
    const customer = seedData.customers[0];
    const org = customer.organizationNumber;

    it('when a tenant is used for the first time, then it holds the seeder\'s data', withStorage(async (s) => {
      const store = s.open();
      const tenant = await store.tenant(TENANT);
      assert.deepEqual(tenant.counts(), { customers: seedData.customers.length, accounts: seedData.accounts.length, cards: seedData.cards.length, relationships: seedData.relationships.length });
      assert.deepEqual(tenant.customer(customer.customerNumber), customer);
      assert.deepEqual(tenant.fixtures(), seedData.fixtures);
      assert.deepEqual(tenant.counters(), seedData.counters);
      assert.equal(tenant.customer('4597999999999999999'), undefined);
      await store.close();
    }));

    it('when a caller writes into a read answer, then the stored record is not changed', withStorage(async (s) => {
      const store = s.open();
      const tenant = await store.tenant(TENANT);
      // Reads answer the stored records, read-only: under node:test they are frozen, so the write fails loudly.
      const refused = (write: () => void) => assert.throws(write, TypeError);
      const read = tenant.customer(customer.customerNumber)!;
      refused(() => (read.owner.lastName = 'CHANGED BY CALLER'));
      refused(() => tenant.accountsOf(customer.customerNumber).forEach((a) => (a.holders = [])));
      // An export is the caller's own copy.
      tenant.exportData().customers.length = 0;
      assert.equal(tenant.customer(customer.customerNumber)!.owner.lastName, customer.owner.lastName);
      assert.deepEqual(tenant.accountsOf(customer.customerNumber), seedData.accounts.filter((a) => a.holders.some((h) => h.customerNumber === customer.customerNumber)).sort((a, b) => a.organizationNumber - b.organizationNumber || a.accountNumber.localeCompare(b.accountNumber)));
      assert.equal(tenant.counts().customers, seedData.customers.length);
      await store.close();
    }));

    it('when a change is committed, then every later read sees it, after a restart too', withStorage(async (s) => {
      let store = s.open();
      const tenant = await store.tenant(TENANT);
      const changed = { ...structuredClone(customer), owner: { ...customer.owner, lastName: 'COMMITTED' } };
      await tenant.commit({ customers: [changed], counters: { 'contract:customer': 7 }, clock: '2030-01-02' });
      assert.equal(tenant.customer(customer.customerNumber)!.owner.lastName, 'COMMITTED');
      store = await reopen(s, store);
      const again = await store.tenant(TENANT);
      assert.equal(again.customer(customer.customerNumber)!.owner.lastName, 'COMMITTED');
      assert.equal(again.counters()['contract:customer'], 7);
      // A change carries only the counters it moved: the others keep theirs.
      assert.deepEqual(again.counters(), { ...seedData.counters, 'contract:customer': 7 });
      assert.equal(again.clock(), '2030-01-02');
      await again.commit({ clock: null });
      assert.equal(again.clock(), undefined);
      await store.close();
    }));

    it('when many requests commit at once, then none is lost', withStorage(async (s) => {
      let store = s.open();
      const numbers = Array.from({ length: 40 }, (_, i) => `45970000009${String(i).padStart(8, '0')}`);
      await Promise.all(numbers.map((n, i) => commitAsRequest(store, TENANT, { customers: [newCustomer(n, `CONCURRENT ${i}`)] })));
      store = await reopen(s, store);
      const again = await store.tenant(TENANT);
      assert.deepEqual(numbers.filter((n) => !again.customer(n)), []);
      assert.equal(again.counts().customers, seedData.customers.length + numbers.length);
      await store.close();
    }));

    const stale = options.sharedWriters
      ? 'when a request commits on data another commit changed after it read it, then its commit is refused with StaleTenantError, stores nothing, and succeeds when run again'
      : 'when two requests read the tenant and both commit, then both commits land (a single writer is never stale)';
    it(stale, withStorage(async (s) => {
      let store = s.open();
      const first = await store.tenant(TENANT);
      const second = await store.tenant(TENANT);
      await first.commit({ customers: [newCustomer('4597000000900000011', 'FIRST WRITER')], counters: { 'contract:stale': 1 } });
      const late = { customers: [newCustomer('4597000000900000012', 'SECOND WRITER')], counters: { 'contract:stale': 2 } };
      if (options.sharedWriters) {
        await assert.rejects(second.commit(late), StaleTenantError);
        const now = await store.tenant(TENANT);
        assert.equal(now.customer('4597000000900000012'), undefined, 'the refused commit stored nothing');
        assert.equal(now.counters()['contract:stale'], 1);
        await commitAsRequest(store, TENANT, late);
      } else {
        await second.commit(late);
      }
      store = await reopen(s, store);
      const again = await store.tenant(TENANT);
      assert.ok(again.customer('4597000000900000011') && again.customer('4597000000900000012'));
      assert.equal(again.counters()['contract:stale'], 2);
      await store.close();
    }));

    it('when numbers are reserved and counters move, then they are taken and stay taken', withStorage(async (s) => {
      let store = s.open();
      const tenant = await store.tenant(TENANT);
      const reservation: Reservation = { kind: 'account', number: '4597000000000099991', organizationNumber: org, state: 'generation', reservedOn: TODAY };
      assert.equal(tenant.isTaken('account', reservation.number), false);
      await tenant.commit({ reservations: [reservation], counters: { 'contract:account': 99991 } });
      store = await reopen(s, store);
      const again = await store.tenant(TENANT);
      assert.equal(again.isTaken('account', reservation.number), true);
      assert.equal(again.isTaken('card', reservation.number), false);
      assert.deepEqual(again.reservation('account', reservation.number), reservation);
      assert.equal(again.counters()['contract:account'], 99991);
      assert.equal(again.isTaken('customer', customer.customerNumber), true);
      await store.close();
    }));

    it('when customers are looked up by last name, then added and changed ones are found as they are now', withStorage(async (s) => {
      let store = s.open();
      const tenant = await store.tenant(TENANT);
      const before = (await tenant.searchCustomers(lastNameQuery(customer.owner.lastName!, org))).items.map((i) => i.customerNumber);
      assert.ok(before.includes(customer.customerNumber));
      await tenant.commit({ customers: [newCustomer('4597000000900000001', 'QUIXOTESQUE'), { ...structuredClone(customer), owner: { ...customer.owner, lastName: 'QUIXOTESQUE' } }] });
      store = await reopen(s, store);
      const again = await store.tenant(TENANT);
      const found = (await again.searchCustomers(lastNameQuery('QUIXOTESQUE', org))).items.map((i) => i.customerNumber).sort();
      assert.deepEqual(found, [customer.customerNumber, '4597000000900000001'].sort());
      assert.ok(!(await again.searchCustomers(lastNameQuery(customer.owner.lastName!, org))).items.some((i) => i.customerNumber === customer.customerNumber));
      assert.deepEqual(again.findCustomers((c) => c.owner.lastName === 'QUIXOTESQUE').map((c) => c.customerNumber).sort(), found);
      await store.close();
    }));

    it('when accounts, cards and relationships are read by their owner, then they come in the documented order', withStorage(async (s) => {
      const store = s.open();
      const tenant = await store.tenant(TENANT);
      const holder = seedData.accounts.find((a) => a.holders.length > 0)!.holders[0].customerNumber;
      const accounts = tenant.accountsOf(holder);
      assert.ok(accounts.length > 0);
      const sorted = [...accounts].sort((a, b) => a.organizationNumber - b.organizationNumber || a.accountNumber.length - b.accountNumber.length || a.accountNumber.localeCompare(b.accountNumber));
      assert.deepEqual(accounts, sorted);
      for (const account of accounts) {
        assert.deepEqual(tenant.cardsOf(account.accountNumber).map((c) => c.sequence), seedData.cards.filter((c) => c.accountNumber === account.accountNumber).map((c) => c.sequence).sort((a, b) => a - b));
      }
      for (const r of seedData.relationships.slice(0, 3)) {
        assert.deepEqual(tenant.relationship(r.relationshipNumber), r);
        assert.ok(tenant.relationshipsOf(r.customerNumber).some((x) => x.relationshipNumber === r.relationshipNumber));
        assert.deepEqual(tenant.accountsUnder(r.relationshipNumber).map((a) => a.accountNumber).sort(), seedData.accounts.filter((a) => a.relationshipNumber === r.relationshipNumber).map((a) => a.accountNumber).sort());
      }
      await store.close();
    }));

    it('when a tenant is reset, then it holds its seed again and other tenants keep their changes', withStorage(async (s) => {
      let store = s.open();
      const tenant = await store.tenant(TENANT);
      const other = await store.tenant(OTHER);
      await tenant.commit({ customers: [newCustomer('4597000000900000002', 'BEFORE RESET')] });
      await other.commit({ customers: [newCustomer('4597000000900000003', 'OTHER TENANT')] });
      assert.equal(tenant.customer('4597000000900000003'), undefined);
      const fresh = await store.reset(TENANT);
      assert.equal(fresh.customer('4597000000900000002'), undefined);
      await assert.rejects(tenant.commit({ clock: '2030-01-01' }), /send it again/);
      store = await reopen(s, store);
      assert.equal((await store.tenant(TENANT)).counts().customers, seedData.customers.length);
      assert.ok((await store.tenant(OTHER)).customer('4597000000900000003'));
      await store.close();
    }));

    it('when an export is imported, then the tenant is exactly as exported, after a restart too', withStorage(async (s) => {
      let store = s.open();
      const tenant = await store.tenant(TENANT);
      await tenant.commit({ customers: [newCustomer('4597000000900000004', 'EXPORTED')] });
      const exported = tenant.exportData();
      await tenant.commit({ customers: [newCustomer('4597000000900000005', 'AFTER EXPORT')] });
      await store.replace(TENANT, exported);
      store = await reopen(s, store);
      const again = await store.tenant(TENANT);
      assert.deepEqual(again.exportData(), exported);
      assert.equal(again.customer('4597000000900000005'), undefined);
      await store.close();
    }));

    const crash = options.durable ? {} : { skip: `the ${adapter} adapter keeps nothing beyond the process` };
    it('when the process dies without closing the store, then every acknowledged commit is there at the next start', crash, withStorage(async (s) => {
      const store = s.open();
      const tenant = await store.tenant(TENANT);
      assert.equal(tenant.counts().customers, seedData.customers.length);
      await Promise.all(Array.from({ length: 10 }, (_, i) => commitAsRequest(store, TENANT, { customers: [newCustomer(`45970000008${String(i).padStart(8, '0')}`, `UNCLOSED ${i}`)] })));
      await s.tearLastWrite?.(TENANT);
      // No close: the next store reads what the first one left on its way down.
      const nextStore = s.open();
      const next = await nextStore.tenant(TENANT);
      assert.equal(next.counts().customers, seedData.customers.length + 10);
      await next.commit({ customers: [newCustomer('4597000000900000006', 'AFTER THE CRASH')] });
      assert.ok(next.customer('4597000000900000006'));
      await nextStore.close();
    }));
  });
}
