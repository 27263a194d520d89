// The shared adapter: PostgreSQL is the system of record, so several sandbox instances serve the
// same tenants. Each instance keeps a replica of the tenants it serves (a TenantState, with its
// search index, so answers are exactly those of the embedded store) and brings it up to date
// before every request with one round trip: the tenant's epoch and head, and the changes after
// the replica's. A commit is checked against the sequence its request read (optimistic
// concurrency): stale, it stores nothing and throws StaleTenantError, and the HTTP layer runs the
// request again (src/http/retry-stale.ts). An answer is sent only once its change is committed.
import pg from 'pg';
import type { TenantData } from '../domain/model.js';
import { DATA_VERSION } from '../domain/tenant-data.js';
import type { Logger } from '../logger.js';
import { migrateTenantData, MIGRATIONS, type Migration } from './migrations.js';
import { rowsOfChange, rowsOfData, tenantColumns, tenantDataOf, type RecordKind, type RecordRow, type TenantRow } from './postgres-rows.js';
import { StaleTenantError, TenantDataError, type ChangeSet, type Seeder, type Store, type TenantStore } from './store.js';
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
  epoch: number;
  seq: number;
  state: TenantState;
  lastUsed: number;
}

/** Records written per statement when a whole tenant is stored, so no parameter grows without bound. */
const BATCH = 2000;
/** The change log keeps this many changes behind the head; a replica further behind reloads whole. */
const KEEP_CHANGES = 1000;
/** How often (in commits) the log is trimmed. */
const TRIM_EVERY = 200;
/** Reloads one request may need before it gives up: each means the tenant was replaced meanwhile. */
const MAX_RELOADS = 5;

const INSERT_RECORDS = `
  INSERT INTO sandbox_records (tenant_id, kind, number, record)
  SELECT $1, e.row->>'kind', e.row->>'number', e.row->'record'
  FROM json_array_elements($2::json) WITH ORDINALITY AS e(row, i)
  ORDER BY e.i
  ON CONFLICT (tenant_id, kind, number) DO UPDATE SET record = EXCLUDED.record`;

/** The replica's catch-up, in one statement so it reads one snapshot: the tenant's head and the changes after `seq` of the same epoch. */
const CATCH_UP = `
  SELECT t.epoch, t.head_seq, c.seq, c.change
  FROM sandbox_tenants t
  LEFT JOIN sandbox_changes c ON c.tenant_id = t.tenant_id AND t.epoch = $3 AND c.seq > $2
  WHERE t.tenant_id = $1
  ORDER BY c.seq`;

/**
 * The compare-and-set of a commit: moves the head on only if it is still where the request read
 * it. Under READ COMMITTED a concurrent commit's update is waited for and the condition checked
 * again on its result, so of two commits from the same head exactly one matches.
 */
const ADVANCE_HEAD = `
  UPDATE sandbox_tenants
  SET head_seq = head_seq + 1, counters = counters || $4::jsonb, clock = CASE WHEN $5 THEN $6 ELSE clock END
  WHERE tenant_id = $1 AND epoch = $2 AND head_seq = $3
  RETURNING head_seq`;

/** What one request sees: the replica's reads, and commits checked against the sequence it was based on. */
class ReplicaView extends TenantReads implements TenantStore {
  constructor(
    private readonly replica: Replica,
    private baseSeq: number,
    private readonly store: PostgresStore,
    private readonly tenantId: string,
  ) {
    super();
  }

  protected get state() {
    return this.replica.state;
  }

  async commit(change: ChangeSet): Promise<void> {
    this.baseSeq = await this.store.commitFrom(this.tenantId, this.replica, this.baseSeq, change);
  }
}

export class PostgresStore implements Store {
  private readonly pool: pg.Pool;
  private readonly replicas = new Map<string, Replica>();
  private readonly loading = new Map<string, Promise<Replica>>();
  private readonly sweeper?: NodeJS.Timeout;
  private readonly maxOpen: number;
  private readonly logger: Logger;

  constructor(private readonly options: PostgresStoreOptions) {
    this.logger = options.logger;
    this.maxOpen = options.maxOpenTenants ?? 100;
    this.pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10, connectionTimeoutMillis: 5000 });
    // A connection the server dropped must not end the process, idle (the pool's 'error') or in use
    // (the client's own, which the pool does not listen to while it is out, nor after a first error).
    // The query that was running fails on its own; the pool replaces the connection.
    this.pool.on('error', (err) => this.logger.warn({ reason: err.message }, 'an idle database connection failed'));
    this.pool.on('connect', (client) => client.on('error', (err) => this.logger.warn({ reason: err.message }, 'a database connection failed')));
    const idleMs = options.idleMs ?? 10 * 60_000;
    if (idleMs > 0) {
      this.sweeper = setInterval(() => this.dropIdle(idleMs), Math.max(50, Math.min(idleMs / 2, 60_000)));
      this.sweeper.unref();
    }
  }

  get openTenants(): number {
    return this.replicas.size;
  }

  async tenant(tenantId: string): Promise<TenantStore> {
    const replica = await this.upToDate(tenantId);
    replica.lastUsed = performance.now();
    return new ReplicaView(replica, replica.seq, this, tenantId);
  }

  reset(tenantId: string): Promise<TenantStore> {
    return this.guard(async () => this.replaceNow(tenantId, await this.options.seeder(tenantId)));
  }

  replace(tenantId: string, data: TenantData): Promise<TenantStore> {
    return this.guard(() => this.replaceNow(tenantId, structuredClone(data)));
  }

  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    await Promise.allSettled(this.loading.values());
    this.replicas.clear();
    await this.pool.end();
  }

  /** Stores the change if the tenant is still at `baseSeq`, then applies it to the replica; answers the new sequence. */
  async commitFrom(tenantId: string, replica: Replica, baseSeq: number, change: ChangeSet): Promise<number> {
    const { clock, counters, ...records } = change;
    const rows = rowsOfChange(records);
    const seq = await this.guard(() =>
      this.transaction(async (client) => {
        const advanced = await client.query<{ head_seq: string }>(ADVANCE_HEAD, [tenantId, replica.epoch, baseSeq, JSON.stringify(counters ?? {}), clock !== undefined, clock ?? null]);
        if (advanced.rowCount === 0) {
          throw new StaleTenantError('the tenant changed while this request ran (another request or instance committed first); send it again');
        }
        const seq = Number(advanced.rows[0].head_seq);
        if (rows.length > 0) await client.query(INSERT_RECORDS, [tenantId, JSON.stringify(rows)]);
        await client.query('INSERT INTO sandbox_changes (tenant_id, seq, change) VALUES ($1, $2, $3)', [tenantId, seq, JSON.stringify(change)]);
        if (seq % TRIM_EVERY === 0) await client.query('DELETE FROM sandbox_changes WHERE tenant_id = $1 AND seq <= $2', [tenantId, seq - KEEP_CHANGES]);
        return seq;
      }),
    );
    // Committed: memory follows, unless a catch-up already brought this change in.
    if (replica.seq === baseSeq) {
      replica.state.apply(change);
      replica.seq = seq;
    }
    return seq;
  }

  /** The tenant's replica, loaded (or seeded) if this instance holds none, then caught up with the database. */
  private async upToDate(tenantId: string): Promise<Replica> {
    for (let attempt = 1; ; attempt++) {
      // Only a tenant reset or imported again and again while this request waits gets this far.
      if (attempt > MAX_RELOADS) throw new TenantDataError('the tenant kept being replaced while this request read it; send it again');
      const replica = this.replicas.get(tenantId) ?? (await this.load(tenantId));
      const { rows } = await this.guard(() => this.pool.query<{ epoch: number; head_seq: string; seq: string | null; change: ChangeSet | null }>(CATCH_UP, [tenantId, replica.seq, replica.epoch]));
      // Replaced by a reset or import of this instance while the query ran: catch up the new one.
      if (this.replicas.get(tenantId) !== replica && this.replicas.has(tenantId)) continue;
      const head = rows[0];
      const reload = () => {
        if (this.replicas.get(tenantId) === replica) this.replicas.delete(tenantId);
      };
      // Gone from the database, reset or imported elsewhere, or further behind than the log reaches.
      if (!head || head.epoch !== replica.epoch) {
        reload();
        continue;
      }
      const changes = rows.filter((r) => r.seq !== null && Number(r.seq) > replica.seq);
      if (changes.length > 0 && Number(changes[0].seq) !== replica.seq + 1) {
        reload();
        continue;
      }
      for (const c of changes) {
        replica.state.apply(c.change!);
        replica.seq = Number(c.seq);
      }
      if (replica.seq < Number(head.head_seq)) {
        reload();
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
      loading = this.guard(() => this.loadNow(tenantId)).then((replica) => {
        const current = this.replicas.get(tenantId);
        if (current && current.epoch >= replica.epoch) return current;
        this.replicas.set(tenantId, replica);
        return replica;
      });
      this.loading.set(tenantId, loading);
      void loading.catch(() => undefined).finally(() => this.loading.delete(tenantId));
    }
    return loading;
  }

  private async loadNow(tenantId: string): Promise<Replica> {
    const stored = await this.read(tenantId);
    if (stored) {
      if (stored.data.dataVersion === DATA_VERSION) return this.replicaOf(stored.data, stored.epoch, stored.seq);
      return this.migrated(tenantId, stored.data);
    }
    const seeded = await this.options.seeder(tenantId);
    // Two instances seeding at once: the first insert wins, the other stores nothing and reads it.
    const inserted = await this.transaction(async (client) => {
      const { rowCount } = await client.query(
        'INSERT INTO sandbox_tenants (tenant_id, data_version, meta, counters, clock) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id) DO NOTHING',
        [tenantId, ...tenantColumns(seeded)],
      );
      if (rowCount === 0) return false;
      await this.insertAll(client, tenantId, seeded);
      return true;
    });
    if (inserted) return this.replicaOf(seeded, 1, 0);
    const winner = await this.read(tenantId);
    if (!winner) throw new TenantDataError('the tenant was removed from the database while it was being seeded; send the request again');
    return this.replicaOf(winner.data, winner.epoch, winner.seq);
  }

  /** The tenant as stored, from one snapshot; undefined when the database has no such tenant. */
  private async read(tenantId: string): Promise<{ data: TenantData; epoch: number; seq: number } | undefined> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const tenant = await client.query<TenantRow>('SELECT data_version, epoch, head_seq, meta, counters, clock FROM sandbox_tenants WHERE tenant_id = $1', [tenantId]);
      const records = tenant.rows[0] ? await client.query<{ kind: RecordKind; record: unknown }>('SELECT kind, record FROM sandbox_records WHERE tenant_id = $1 ORDER BY position', [tenantId]) : undefined;
      await client.query('COMMIT');
      const row = tenant.rows[0];
      return row && { data: tenantDataOf(row, records!.rows), epoch: row.epoch, seq: Number(row.head_seq) };
    } catch (err) {
      broken = err as Error;
      throw err;
    } finally {
      client.release(broken);
    }
  }

  /** Stored data of an older data version, brought up to date and stored back as a new epoch. */
  private async migrated(tenantId: string, data: TenantData): Promise<Replica> {
    const result = migrateTenantData(data as unknown as Record<string, unknown>, this.options.migrations ?? MIGRATIONS);
    if ('refused' in result) {
      this.logger.error({ tenant: tenantId, problem: result.refused }, 'tenant data in the database cannot be used');
      throw new TenantDataError(`the tenant's data in the database ${result.refused}; POST /sandbox/import a tenant export of the current data version, or POST /sandbox/reset`);
    }
    this.logger.info({ tenant: tenantId, from: data.dataVersion, to: DATA_VERSION }, 'tenant data migrated');
    return this.storeWhole(tenantId, result.data);
  }

  private async replaceNow(tenantId: string, data: TenantData): Promise<TenantStore> {
    const replica = await this.storeWhole(tenantId, data);
    const current = this.replicas.get(tenantId);
    if (!current || current.epoch < replica.epoch) this.replicas.set(tenantId, replica);
    return new ReplicaView(replica, replica.seq, this, tenantId);
  }

  /** Rewrites the tenant's rows in one transaction as a new epoch, its change log emptied: every replica of the old one reloads. */
  private async storeWhole(tenantId: string, data: TenantData): Promise<Replica> {
    const epoch = await this.transaction(async (client) => {
      const { rows } = await client.query<{ epoch: number }>(
        `INSERT INTO sandbox_tenants (tenant_id, data_version, meta, counters, clock) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (tenant_id) DO UPDATE SET epoch = sandbox_tenants.epoch + 1, head_seq = 0,
           data_version = EXCLUDED.data_version, meta = EXCLUDED.meta, counters = EXCLUDED.counters, clock = EXCLUDED.clock
         RETURNING epoch`,
        [tenantId, ...tenantColumns(data)],
      );
      await client.query('DELETE FROM sandbox_records WHERE tenant_id = $1', [tenantId]);
      await client.query('DELETE FROM sandbox_changes WHERE tenant_id = $1', [tenantId]);
      await this.insertAll(client, tenantId, data);
      return rows[0].epoch;
    });
    return this.replicaOf(data, epoch, 0);
  }

  private async insertAll(client: pg.PoolClient, tenantId: string, data: TenantData) {
    const rows: RecordRow[] = rowsOfData(data);
    for (let i = 0; i < rows.length; i += BATCH) await client.query(INSERT_RECORDS, [tenantId, JSON.stringify(rows.slice(i, i + BATCH))]);
  }

  private async replicaOf(data: TenantData, epoch: number, seq: number): Promise<Replica> {
    return { epoch, seq, state: await TenantState.load(data), lastUsed: performance.now() };
  }

  /** Runs `work` in a transaction: committed whole, or rolled back (a connection lost half-way commits nothing). */
  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
      throw err;
    } finally {
      // A connection that failed is closed rather than handed to the next request.
      client.release(broken);
    }
  }

  /** Database failures become TenantDataError (503 SBX503T); a stale commit and the adapter's own errors pass as they are. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof TenantDataError) throw err;
      const reason = (err as Error).message || (err as { code?: string }).code || String(err);
      this.logger.error({ reason }, 'the database failed');
      throw new TenantDataError(`the database cannot be used (${reason}); nothing was changed`);
    }
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
