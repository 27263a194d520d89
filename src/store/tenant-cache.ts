// The Store the operations see: tenants held in memory, loaded (or seeded) on first use through a
// storage adapter, least recently used first out beyond a limit, and out when idle. Loads, resets,
// imports and evictions of one tenant run one after the other; other tenants are not held up.
import type { TenantData } from '../domain/model.js';
import { DATA_VERSION } from '../domain/tenant-data.js';
import type { Logger } from '../logger.js';
import { loadStarted } from './tenant-loads.js';
import { migrateTenantData, MIGRATIONS, type Migration } from './migrations.js';
import type { OpenTenant, Persistence } from './persistence.js';
import { TenantDataError, type ChangeSet, type Seeder, type Store, type TenantStore } from './store.js';
import { TenantReads } from './tenant-reads.js';

export interface TenantCacheOptions {
  persistence: Persistence;
  seeder: Seeder;
  logger: Logger;
  /** A tenant unused this long leaves memory, its stored form compacted first (default 10 minutes; 0 never). */
  idleMs?: number;
  /** At most this many tenants stay in memory; beyond it the least recently used leave (default 100). */
  maxOpenTenants?: number;
  migrations?: Readonly<Record<number, Migration>>;
}

/** A tenant used this recently is never evicted for room, so a request holding it can still commit. */
const IN_USE_MS = 250;

class CachedTenant extends TenantReads implements TenantStore {
  lastUsed = performance.now();
  /** Why commits are refused: the tenant left memory or its storage failed. */
  private closedBecause?: string;

  constructor(
    private readonly open: OpenTenant,
    private readonly onStorageFailure: (tenant: CachedTenant) => void,
  ) {
    super();
  }

  protected get state() {
    return this.open.state;
  }

  async commit(change: ChangeSet): Promise<void> {
    if (this.closedBecause) throw new TenantDataError(this.closedBecause);
    this.state.apply(change);
    try {
      await this.open.log.append(change);
    } catch (err) {
      // Memory now holds a change storage does not: drop it so the next request reloads what is stored.
      if (!this.closedBecause) {
        this.closedBecause = (err as Error).message;
        this.onStorageFailure(this);
      }
      throw err instanceof TenantDataError ? err : new TenantDataError((err as Error).message);
    }
  }

  /** Commits end here; later ones are refused (a request that still holds the tenant gets 503). */
  close(options: { compact: boolean; because: string }): Promise<void> {
    this.closedBecause ??= options.because;
    return this.open.log.close({ compact: options.compact });
  }
}

export class TenantCache implements Store {
  /** Tenants in memory, least recently used first. */
  private readonly open = new Map<string, CachedTenant>();
  private readonly loading = new Map<string, Promise<CachedTenant>>();
  private readonly lanes = new Map<string, Promise<unknown>>();
  private readonly sweeper?: NodeJS.Timeout;
  private readonly maxOpen: number;
  private readonly persistence: Persistence;
  private readonly logger: Logger;

  constructor(private readonly options: TenantCacheOptions) {
    this.persistence = options.persistence;
    this.logger = options.logger;
    this.maxOpen = options.maxOpenTenants ?? 100;
    const idleMs = options.idleMs ?? 10 * 60_000;
    // A tenant kept nowhere else must never leave memory.
    if (this.persistence.durable && idleMs > 0) {
      this.sweeper = setInterval(() => this.evictIdle(idleMs), Math.max(50, Math.min(idleMs / 2, 60_000)));
      this.sweeper.unref();
    }
  }

  get openTenants(): number {
    return this.open.size;
  }

  get tenantsLoading(): number {
    return this.loading.size;
  }

  tenant(tenantId: string): Promise<TenantStore> {
    const open = this.open.get(tenantId);
    if (open) {
      this.touch(tenantId, open);
      return Promise.resolve(open);
    }
    let loading = this.loading.get(tenantId);
    if (!loading) {
      const release = loadStarted();
      loading = this.inLane(tenantId, () => this.load(tenantId));
      this.loading.set(tenantId, loading);
      // A tenant that failed to load is tried again on its next request.
      loading
        .then(() => this.makeRoom(), () => undefined)
        .finally(() => {
          this.loading.delete(tenantId);
          release();
        });
    }
    return loading;
  }

  /** The seed is built in the tenant's lane, as building it may first load the seeder's builders. */
  reset(tenantId: string): Promise<TenantStore> {
    return this.inLane(tenantId, async () => this.replaceNow(tenantId, await this.options.seeder(tenantId), 'reset to its seed'));
  }

  /** Replaces the tenant's data as a whole: durable once it resolves; on failure nothing changed. */
  replace(tenantId: string, data: TenantData, why = 'replaced by an import'): Promise<TenantStore> {
    return this.inLane(tenantId, () => this.replaceNow(tenantId, data, why));
  }

  /** replace() once it is this tenant's turn in its lane. */
  private async replaceNow(tenantId: string, data: TenantData, why: string): Promise<CachedTenant> {
    const current = this.open.get(tenantId);
    if (current) {
      this.open.delete(tenantId);
      await current.close({ compact: false, because: `the tenant was ${why} while this request ran; send it again` });
    }
    return this.adopt(tenantId, await this.persistence.create(tenantId, data, why));
  }

  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    await Promise.allSettled(this.loading.values());
    const closing = [...this.open.keys()].map((id) => this.inLane(id, () => this.evict(id, true, 'the sandbox stopped')));
    for (const result of await Promise.allSettled(closing)) {
      if (result.status === 'rejected') {
        this.logger.error({ reason: String(result.reason) }, 'a tenant could not be compacted while closing; its journal still holds every change');
      }
    }
  }

  private touch(tenantId: string, tenant: CachedTenant) {
    tenant.lastUsed = performance.now();
    this.open.delete(tenantId);
    this.open.set(tenantId, tenant);
  }

  private inLane<T>(tenantId: string, op: () => Promise<T>): Promise<T> {
    const run = (this.lanes.get(tenantId) ?? Promise.resolve()).then(op);
    const settled = run.catch(() => undefined);
    this.lanes.set(tenantId, settled);
    void settled.then(() => this.lanes.get(tenantId) === settled && this.lanes.delete(tenantId));
    return run;
  }

  private async load(tenantId: string): Promise<CachedTenant> {
    // A reset or import that ran first in this tenant's lane already put it in memory.
    const already = this.open.get(tenantId);
    if (already) return already;
    const stored = await this.persistence.open(tenantId);
    if (!stored) return this.adopt(tenantId, await this.persistence.create(tenantId, await this.options.seeder(tenantId), 'seeded'));
    if (stored.dataVersion >= DATA_VERSION) return this.adopt(tenantId, stored);

    const from = stored.dataVersion;
    await stored.log.close({ compact: false });
    const result = migrateTenantData(stored.state.data as unknown as Record<string, unknown>, this.options.migrations ?? MIGRATIONS);
    if ('refused' in result) {
      throw stored.unusable(result.refused, 'POST /sandbox/import a tenant export of the current data version, or POST /sandbox/reset to start the tenant again from its seed');
    }
    const backup = await stored.keepOriginal();
    this.logger.info({ tenant: tenantId, from, to: DATA_VERSION, backup }, 'tenant data migrated');
    return this.adopt(tenantId, await this.persistence.create(tenantId, result.data, `migrated from data version ${from}`));
  }

  private adopt(tenantId: string, open: OpenTenant): CachedTenant {
    const tenant = new CachedTenant(open, (failed) => {
      if (this.open.get(tenantId) === failed) this.open.delete(tenantId);
      void failed.close({ compact: false, because: 'its storage failed' }).catch(() => undefined);
    });
    this.open.set(tenantId, tenant);
    return tenant;
  }

  /** Beyond the limit, the least recently used tenants leave memory, each in its own turn of the event loop. */
  private makeRoom() {
    if (!this.persistence.durable || this.open.size <= this.maxOpen) return;
    const decided = performance.now();
    let excess = this.open.size - this.maxOpen;
    for (const [id, tenant] of this.open) {
      if (excess <= 0) break;
      if (decided - tenant.lastUsed < IN_USE_MS) continue;
      excess--;
      setImmediate(() => {
        if (this.open.get(id) !== tenant || tenant.lastUsed > decided) return;
        void this.inLane(id, () => this.evict(id, false, 'the tenant left memory')).catch((err) => this.logEvictionFailure(id, err));
      });
    }
  }

  private evictIdle(idleMs: number) {
    const now = performance.now();
    for (const [id, tenant] of this.open) {
      if (now - tenant.lastUsed < idleMs) continue;
      void this.inLane(id, async () => {
        if (this.open.get(id) !== tenant || performance.now() - tenant.lastUsed < idleMs) return;
        await this.evict(id, true, 'the tenant left memory');
      }).catch((err) => this.logEvictionFailure(id, err));
    }
  }

  private async evict(tenantId: string, compact: boolean, because: string): Promise<void> {
    const tenant = this.open.get(tenantId);
    if (!tenant) return;
    this.open.delete(tenantId);
    await tenant.close({ compact, because: `${because} while this request ran; send it again` });
  }

  private logEvictionFailure(tenantId: string, err: unknown) {
    this.logger.error({ tenant: tenantId, reason: String(err) }, 'a tenant could not be compacted as it left memory; its journal still holds every change');
  }
}
