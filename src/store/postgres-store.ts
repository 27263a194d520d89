// The shared adapter: PostgreSQL is the system of record, so several sandbox instances serve the
// same tenants. Each instance keeps a replica of the tenants it serves (a TenantState, with its
// search index, so answers are exactly those of the embedded store) and brings it up to date
// before every request with one round trip: the tenant's epoch and head, and the changes after
// the replica's. A commit is checked against the sequence its request read (optimistic
// concurrency): stale, it stores nothing and throws StaleTenantError, and the HTTP layer runs the
// request again (src/http/retry-stale.ts). An answer is sent only once its change is committed.
import type { TenantData } from '../domain/model.js';
import { DATA_VERSION } from '../domain/tenant-data.js';
import type { Logger } from '../logger.js';
import { loadStarted } from './tenant-loads.js';
import { migrateTenantData, MIGRATIONS, type Migration } from './migrations.js';
import { TenantTables } from './postgres-tables.js';
import { TenantDataError, type ChangeSet, type Seeder, type Store, type TenantStore } from './store.js';
import { TenantReads } from './tenant-reads.js';
import { TenantState } from './tenant-state.js';

export interface PostgresStoreOptions {
  databaseUrl: string;
  seeder: Seeder;
  logger: Logger;
  /** A replica unused this long leaves memory (default 10 minutes; 0 never); the database keeps the tenant. */
  idleMs?: number;
  /** At most this many replicas stay in memory; beyond it the least recently used leave (default 100). */
  maxOpenTenants?: number;
  migrations?: Readonly<Record<number, Migration>>;
  /** Connections the instance opens at most (default 10). */
  poolSize?: number;
}

/** One tenant as this instance last read it: `seq` is the last change of `epoch` it holds. */
interface Replica {
  readonly epoch: number;
  seq: number;
  readonly state: TenantState;
  lastUsed: number;
}

/** Reloads one request may need before it gives up: each means the tenant was replaced meanwhile. */
const MAX_RELOADS = 5;

/** What one request sees: the replica's reads, and commits checked against the sequence it was based on. */
class ReplicaView extends TenantReads implements TenantStore {
  constructor(
    private readonly replica: Replica,
    private baseSeq: number,
    private readonly tables: TenantTables,
    private readonly tenantId: string,
  ) {
    super();
  }

  protected get state() {
    return this.replica.state;
  }

  /** Database first, then memory: the replica applies the change once it is committed, unless a catch-up already brought it in. */
  async commit(change: ChangeSet): Promise<void> {
    const seq = await this.tables.commit(this.tenantId, this.replica.epoch, this.baseSeq, change);
    if (this.replica.seq === this.baseSeq) {
      this.replica.state.apply(change);
      this.replica.seq = seq;
    }
    this.baseSeq = seq;
  }
}

export class PostgresStore implements Store {
  private readonly tables: TenantTables;
  /** Replicas in memory, least recently used first. */
  private readonly replicas = new Map<string, Replica>();
  private readonly loading = new Map<string, Promise<Replica>>();
  private readonly sweeper?: NodeJS.Timeout;
  private readonly maxOpen: number;

  constructor(private readonly options: PostgresStoreOptions) {
    this.tables = new TenantTables(options.databaseUrl, options.logger, options.poolSize);
    this.maxOpen = options.maxOpenTenants ?? 100;
    const idleMs = options.idleMs ?? 10 * 60_000;
    if (idleMs > 0) {
      this.sweeper = setInterval(() => this.dropIdle(idleMs), Math.max(50, Math.min(idleMs / 2, 60_000)));
      this.sweeper.unref();
    }
  }

  readonly sharedWithOtherProcesses = true;

  get openTenants(): number {
    return this.replicas.size;
  }

  async tenant(tenantId: string): Promise<TenantStore> {
    const replica = await this.upToDate(tenantId);
    replica.lastUsed = performance.now();
    return this.viewOf(tenantId, replica);
  }

  async reset(tenantId: string): Promise<TenantStore> {
    return this.replaceWith(tenantId, await this.options.seeder(tenantId));
  }

  replace(tenantId: string, data: TenantData): Promise<TenantStore> {
    return this.replaceWith(tenantId, structuredClone(data));
  }

  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    await Promise.allSettled(this.loading.values());
    this.replicas.clear();
    await this.tables.end();
  }

  private viewOf(tenantId: string, replica: Replica): TenantStore {
    return new ReplicaView(replica, replica.seq, this.tables, tenantId);
  }

  /** The tenant's replica, loaded (or seeded) if this instance holds none, then caught up with the database. */
  private async upToDate(tenantId: string): Promise<Replica> {
    for (let attempt = 1; ; attempt++) {
      // Only a tenant reset or imported again and again while this request waits gets this far.
      if (attempt > MAX_RELOADS) throw new TenantDataError('the tenant kept being replaced while this request read it; send it again');
      const replica = this.replicas.get(tenantId) ?? (await this.load(tenantId));
      const head = await this.tables.head(tenantId, replica.epoch, replica.seq);
      // Replaced by a reset or import of this instance while the query ran: catch up the new one.
      if (this.replicas.has(tenantId) && this.replicas.get(tenantId) !== replica) continue;
      // Applied in order; a change a concurrent catch-up or commit already applied is passed over.
      const changes = head?.changes.filter((c) => c.seq > replica.seq) ?? [];
      const gap = changes.length > 0 && changes[0].seq !== replica.seq + 1;
      // Gone from the database, reset or imported elsewhere, or further behind than the change log reaches.
      if (!head || head.epoch !== replica.epoch || gap) {
        if (this.replicas.get(tenantId) === replica) this.replicas.delete(tenantId);
        continue;
      }
      for (const c of changes) {
        replica.state.apply(c.change);
        replica.seq = c.seq;
      }
      // Short of the head with nothing more to apply: the log no longer holds what it lacks.
      if (replica.seq < head.seq) {
        if (this.replicas.get(tenantId) === replica) this.replicas.delete(tenantId);
        continue;
      }
      // Set again so the map stays in least recently used order.
      this.replicas.delete(tenantId);
      this.replicas.set(tenantId, replica);
      this.makeRoom();
      return replica;
    }
  }

  /** One load per tenant at a time; the replica it builds is kept unless a newer epoch arrived meanwhile. */
  private load(tenantId: string): Promise<Replica> {
    let loading = this.loading.get(tenantId);
    if (!loading) {
      const release = loadStarted();
      loading = this.loadNow(tenantId).then((replica) => {
        const current = this.replicas.get(tenantId);
        if (current && current.epoch >= replica.epoch) return current;
        this.replicas.set(tenantId, replica);
        return replica;
      });
      this.loading.set(tenantId, loading);
      void loading
        .catch(() => undefined)
        .finally(() => {
          this.loading.delete(tenantId);
          release();
        });
    }
    return loading;
  }

  private async loadNow(tenantId: string): Promise<Replica> {
    const stored = await this.tables.read(tenantId);
    if (stored) {
      if (stored.data.dataVersion === DATA_VERSION) return replicaOf(stored.data, stored.epoch, stored.seq);
      return this.migrated(tenantId, stored.data);
    }
    const seeded = await this.options.seeder(tenantId);
    if (await this.tables.insertIfAbsent(tenantId, seeded)) return replicaOf(seeded, 1, 0);
    // Another instance seeded it first: serve its copy.
    const winner = await this.tables.read(tenantId);
    if (!winner) throw new TenantDataError('the tenant was removed from the database while it was being seeded; send the request again');
    return replicaOf(winner.data, winner.epoch, winner.seq);
  }

  /** Stored data of an older data version, brought up to date and stored back as a new epoch. */
  private async migrated(tenantId: string, data: TenantData): Promise<Replica> {
    const result = migrateTenantData(data as unknown as Record<string, unknown>, this.options.migrations ?? MIGRATIONS);
    if ('refused' in result) {
      this.options.logger.error({ tenant: tenantId, problem: result.refused }, 'tenant data in the database cannot be used');
      throw new TenantDataError(`the tenant's data in the database ${result.refused}; POST /sandbox/import a tenant export of the current data version, or POST /sandbox/reset`);
    }
    this.options.logger.info({ tenant: tenantId, from: data.dataVersion, to: DATA_VERSION }, 'tenant data migrated');
    return replicaOf(result.data, await this.tables.replaceWhole(tenantId, result.data), 0);
  }

  private async replaceWith(tenantId: string, data: TenantData): Promise<TenantStore> {
    const replica = await replicaOf(data, await this.tables.replaceWhole(tenantId, data), 0);
    const current = this.replicas.get(tenantId);
    if (!current || current.epoch < replica.epoch) this.replicas.set(tenantId, replica);
    return this.viewOf(tenantId, replica);
  }

  /** Beyond the limit, the least recently used replicas leave memory; the database keeps them. */
  private makeRoom() {
    for (const [id] of this.replicas) {
      if (this.replicas.size <= this.maxOpen) break;
      this.replicas.delete(id);
    }
  }

  private dropIdle(idleMs: number) {
    const now = performance.now();
    for (const [id, replica] of this.replicas) if (now - replica.lastUsed >= idleMs) this.replicas.delete(id);
  }
}

async function replicaOf(data: TenantData, epoch: number, seq: number): Promise<Replica> {
  return { epoch, seq, state: await TenantState.load(data), lastUsed: performance.now() };
}
