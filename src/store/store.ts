// The narrow storage interface the operations see. Reads answer the stored records, which callers
// must treat as read-only (a change is a new record in a change set); a change set is applied whole
// or not at all.
import type { CustomerPage, CustomerQuery, SurnameExamples } from '../domain/customer-search.js';
import type { Account, Card, Customer, Digits, Fixture, NumberKind, Relationship, Reservation, TenantData } from '../domain/model.js';

/**
 * Records to insert or replace, keyed by their number; everything in one set lands together. The
 * store keeps the records as they are given, so the caller leaves them alone afterwards.
 */
export interface ChangeSet {
  customers?: Customer[];
  accounts?: Account[];
  cards?: Card[];
  relationships?: Relationship[];
  reservations?: Reservation[];
  /** The counters the change moved; every other counter keeps its value. */
  counters?: Record<string, number>;
  /** The test clock: a date sets it, null clears it. */
  clock?: string | null;
}

export interface TenantCounts {
  customers: number;
  accounts: number;
  cards: number;
  relationships: number;
}

export interface TenantStore {
  customer(customerNumber: Digits): Customer | undefined;
  account(accountNumber: Digits): Account | undefined;
  card(cardNumber: Digits): Card | undefined;
  relationship(relationshipNumber: Digits): Relationship | undefined;
  /** The customer's accounts ordered by organization, then account number. */
  accountsOf(customerNumber: Digits): Account[];
  /** The account's cards ordered by issue sequence. */
  cardsOf(accountNumber: Digits): Card[];
  /** The customer's relationships ordered by organization, then relationship number. */
  relationshipsOf(customerNumber: Digits): Relationship[];
  accountsUnder(relationshipNumber: Digits): Account[];
  /** The customers for which `test` holds, read-only like every read; `test` must not change them either. */
  findCustomers(test: (c: Readonly<Customer>) => boolean): Customer[];
  /** One page of a customer lookup, read from the tenant's search index (a large tenant's, while it is being built, from a scan in slices). */
  searchCustomers(query: CustomerQuery): Promise<CustomerPage>;
  /** Resolves once the search index is built (a large tenant builds it after loading its records); searches before then build it at once. */
  whenSearchable(): Promise<void>;
  /** Surnames the organization's customers hold now (common words of compound names, and a whole one), from the search index. */
  surnameExamples(organizationNumber: number, words: number): SurnameExamples;
  reservation(kind: NumberKind, number: Digits): Reservation | undefined;
  /** True when any record or reservation of this kind holds the number. */
  isTaken(kind: NumberKind, number: Digits): boolean;
  counters(): Record<string, number>;
  /** The test clock's date (YYYY-MM-DD), when the tenant set one. */
  clock(): string | undefined;
  fixtures(): Fixture[];
  counts(): TenantCounts;
  /** A copy of everything the tenant holds, for export. */
  exportData(): TenantData;
  /** Applies the set in memory at once (so later reads see it) and resolves when it is stored. */
  commit(change: ChangeSet): Promise<void>;
}

export interface Store {
  /** The tenant's data, loaded (or seeded, on first use) and kept until it leaves memory. */
  tenant(tenantId: string): Promise<TenantStore>;
  /** Replaces the tenant's data with its seed. */
  reset(tenantId: string): Promise<TenantStore>;
  /** Replaces the tenant's data with `data`, whole and durably, or leaves it as it was. */
  replace(tenantId: string, data: TenantData, why?: string): Promise<TenantStore>;
  /** Waits for pending writes and leaves the stored data complete. */
  close(): Promise<void>;
  /** Tenants held in memory now, for GET /metrics (a store that keeps none elsewhere may leave it out). */
  readonly openTenants?: number;
  /** Tenants being loaded into memory now (a large one takes seconds); tenant-loads.ts counts every store's loads and index builds. */
  readonly tenantsLoading?: number;
  /**
   * True when other processes write the same tenants (a shared database): a commit may then find the
   * tenant changed since the request read it (StaleTenantError), and writes do best taking turns.
   */
  readonly sharedWithOtherProcesses?: boolean;
}

/** Builds a tenant's starting data; injected, so the store knows nothing of how seeds are made. May load its builders on first use. */
export type Seeder = (tenantId: string) => TenantData | Promise<TenantData>;

/** Raised when a tenant's stored data cannot be used; other tenants keep working. */
export class TenantDataError extends Error {}

/**
 * Raised by a commit when the tenant changed after the request read it (another instance, or
 * another request, committed first): nothing was stored, and the request may be run again on data
 * brought up to date. Only adapters shared by several writers raise it; the embedded ones never do.
 * A TenantDataError, so a request that still meets it after its re-runs is answered 503.
 */
export class StaleTenantError extends TenantDataError {}
