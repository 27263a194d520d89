// What a storage adapter does for the tenant cache: store a tenant whole, reopen it, and keep each
// committed change. The cache holds the tenant in memory; the adapter only makes it last.
import type { TenantData } from '../domain/model.js';
import type { ChangeSet, TenantDataError } from './store.js';
import type { TenantState } from './tenant-state.js';

/** Where one tenant's changes go once they are applied in memory. */
export interface TenantLog {
  /**
   * Stores a change the state already holds. Called in commit order, synchronously after the
   * change was applied; resolves once it is durable, or rejects with a TenantDataError.
   */
  append(change: ChangeSet): Promise<void>;
  /** Waits for pending writes; with `compact`, leaves the stored form as small as it can be. */
  close(options: { compact: boolean }): Promise<void>;
}

export interface OpenTenant {
  state: TenantState;
  log: TenantLog;
}

/** A tenant found in storage, possibly of an older data version. */
export interface StoredTenant extends OpenTenant {
  dataVersion: number;
  /** Keeps the stored original aside before a migration replaces it; answers where it went. */
  keepOriginal(): Promise<string>;
  /** The error callers see for stored data that cannot be used, logged with the way back. */
  unusable(problem: string, recovery: string): TenantDataError;
}

export interface Persistence {
  /** Whether data outlives the process; only then may a tenant leave memory. */
  readonly durable: boolean;
  /** The tenant as stored, replayed up to its last change; undefined when nothing is stored. */
  open(tenantId: string): Promise<StoredTenant | undefined>;
  /** Stores `data` as the tenant's whole data (its commit point) and opens it. */
  create(tenantId: string, data: TenantData, why: string): Promise<OpenTenant>;
}
