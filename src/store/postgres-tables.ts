// Every statement the PostgreSQL store runs, over one connection pool: a tenant read whole from one
// snapshot, stored whole (seed, reset, import) in one transaction, caught up with in one round
// trip, and a change committed only if the tenant is still where its request read it. Failures of
// the database come out as TenantDataError (503 SBX503T); a stale commit as StaleTenantError.
import type pg from 'pg';
import type { TenantData } from '../domain/model.js';
import type { Logger } from '../logger.js';
import { pgDriver } from './pg-driver.js';
import { rowsOfChange, rowsOfData, tenantColumns, tenantDataOf, type RecordKind, type TenantRow } from './postgres-rows.js';
import { StaleTenantError, TenantDataError, type ChangeSet } from './store.js';

/** A tenant as stored: its data, its epoch and the last change of the epoch that data includes. */
export interface StoredTenant {
  data: TenantData;
  epoch: number;
  seq: number;
}

/** Where a tenant stands and the changes a replica at (epoch, seq) lacks; none when the epoch is another. */
export interface TenantHead {
  epoch: number;
  seq: number;
  changes: { seq: number; change: ChangeSet }[];
}

/** Records written per statement when a whole tenant is stored, so no parameter grows without bound. */
const BATCH = 2000;
/** Records read per round trip when a tenant is loaded. */
export const READ_BATCH = 5000;
/** The change log keeps this many changes behind the head; a replica further behind reloads whole. */
const KEEP_CHANGES = 1000;
/** How often (in commits) the log is trimmed. */
const TRIM_EVERY = 200;

const INSERT_RECORDS = `
  INSERT INTO sandbox_records (tenant_id, kind, number, record)
  SELECT $1, e.row->>'kind', e.row->>'number', e.row->'record'
  FROM json_array_elements($2::json) WITH ORDINALITY AS e(row, i)
  ORDER BY e.i
  ON CONFLICT (tenant_id, kind, number) DO UPDATE SET record = EXCLUDED.record`;

const INSERT_TENANT = 'INSERT INTO sandbox_tenants (tenant_id, data_version, meta, counters, clock) VALUES ($1, $2, $3, $4, $5)';

/** In one statement, so it reads one snapshot: the tenant's head and the changes after `seq` of the same epoch. */
const CATCH_UP = `
  SELECT t.epoch, t.head_seq, c.seq, c.change
  FROM sandbox_tenants t
  LEFT JOIN sandbox_changes c ON c.tenant_id = t.tenant_id AND t.epoch = $3 AND c.seq > $2
  WHERE t.tenant_id = $1
  ORDER BY c.seq`;

/**
 * The compare-and-set of a commit, and its lock on the tenant: moves the head on only if it is
 * still where the request read it. Under READ COMMITTED a concurrent commit's update is waited for
 * and the condition checked again on its result, so of two commits from the same head exactly one
 * matches (one statement where SELECT … FOR UPDATE and an UPDATE would take two round trips).
 */
const ADVANCE_HEAD = `
  UPDATE sandbox_tenants
  SET head_seq = head_seq + 1, counters = counters || $4::jsonb, clock = CASE WHEN $5 THEN $6 ELSE clock END
  WHERE tenant_id = $1 AND epoch = $2 AND head_seq = $3
  RETURNING head_seq`;

export class TenantTables {
  private readonly pool: pg.Pool;

  constructor(
    databaseUrl: string,
    private readonly logger: Logger,
    poolSize = 10,
  ) {
    this.pool = new (pgDriver().Pool)({ connectionString: databaseUrl, max: poolSize, connectionTimeoutMillis: 5000 });
    // A connection the server dropped must not end the process, idle (the pool's 'error') or in use
    // (the client's own, which the pool does not listen to while it is out, nor after a first error).
    // The query that was running fails on its own; the pool replaces the connection.
    this.pool.on('error', (err) => this.logger.warn({ reason: err.message }, 'an idle database connection failed'));
    this.pool.on('connect', (client) => client.on('error', (err) => this.logger.warn({ reason: err.message }, 'a database connection failed')));
  }

  /** The tenant as stored, from one snapshot; undefined when the database has no such tenant. */
  read(tenantId: string): Promise<StoredTenant | undefined> {
    return this.guard(() =>
      this.transaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (client) => {
        const { rows: [row] } = await client.query<TenantRow>('SELECT data_version, epoch, head_seq, meta, counters, clock FROM sandbox_tenants WHERE tenant_id = $1', [tenantId]);
        if (!row) return undefined;
        // Through a cursor, a batch at a time: the whole result at once would sit in memory next to
        // the records made of it, and a large tenant's load would peak well above what it keeps.
        const { data, add } = tenantDataOf(row);
        await client.query('DECLARE tenant_records NO SCROLL CURSOR FOR SELECT kind, record FROM sandbox_records WHERE tenant_id = $1 ORDER BY position', [tenantId]);
        for (;;) {
          const { rows } = await client.query<{ kind: RecordKind; record: unknown }>(`FETCH ${READ_BATCH} FROM tenant_records`);
          for (const r of rows) add(r.kind, r.record);
          if (rows.length < READ_BATCH) break;
        }
        return { data, epoch: row.epoch, seq: Number(row.head_seq) };
      }),
    );
  }

  /** Stores a seeded tenant unless one is there: of two instances seeding at once, the first insert wins and the other stores nothing. */
  insertIfAbsent(tenantId: string, data: TenantData): Promise<boolean> {
    return this.guard(() =>
      this.transaction('BEGIN', async (client) => {
        const { rowCount } = await client.query(`${INSERT_TENANT} ON CONFLICT (tenant_id) DO NOTHING`, [tenantId, ...tenantColumns(data)]);
        if (rowCount === 0) return false;
        await this.insertAll(client, tenantId, data);
        return true;
      }),
    );
  }

  /** Rewrites the tenant's rows as a new epoch, its change log emptied (every replica of the old one reloads); answers the epoch. */
  replaceWhole(tenantId: string, data: TenantData): Promise<number> {
    return this.guard(() =>
      this.transaction('BEGIN', async (client) => {
        const { rows } = await client.query<{ epoch: number }>(
          `${INSERT_TENANT}
           ON CONFLICT (tenant_id) DO UPDATE SET epoch = sandbox_tenants.epoch + 1, head_seq = 0,
             data_version = EXCLUDED.data_version, meta = EXCLUDED.meta, counters = EXCLUDED.counters, clock = EXCLUDED.clock
           RETURNING epoch`,
          [tenantId, ...tenantColumns(data)],
        );
        await client.query('DELETE FROM sandbox_records WHERE tenant_id = $1', [tenantId]);
        await client.query('DELETE FROM sandbox_changes WHERE tenant_id = $1', [tenantId]);
        await this.insertAll(client, tenantId, data);
        return rows[0].epoch;
      }),
    );
  }

  /** Where the tenant stands, and the changes after `seq` when it is still at `epoch`; undefined when the tenant is not stored. */
  async head(tenantId: string, epoch: number, seq: number): Promise<TenantHead | undefined> {
    const { rows } = await this.guard(() => this.pool.query<{ epoch: number; head_seq: string; seq: string | null; change: ChangeSet | null }>(CATCH_UP, [tenantId, seq, epoch]));
    if (rows.length === 0) return undefined;
    return {
      epoch: rows[0].epoch,
      seq: Number(rows[0].head_seq),
      changes: rows.filter((r) => r.seq !== null).map((r) => ({ seq: Number(r.seq), change: r.change! })),
    };
  }

  /** Stores the change if the tenant is still at (epoch, baseSeq), else throws StaleTenantError; answers its sequence. */
  commit(tenantId: string, epoch: number, baseSeq: number, change: ChangeSet): Promise<number> {
    const { clock, counters, ...records } = change;
    const rows = rowsOfChange(records);
    return this.guard(() =>
      this.transaction('BEGIN', async (client) => {
        const advanced = await client.query<{ head_seq: string }>(ADVANCE_HEAD, [tenantId, epoch, baseSeq, JSON.stringify(counters ?? {}), clock !== undefined, clock ?? null]);
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
  }

  end(): Promise<void> {
    return this.pool.end();
  }

  private async insertAll(client: pg.PoolClient, tenantId: string, data: TenantData) {
    const rows = rowsOfData(data);
    for (let i = 0; i < rows.length; i += BATCH) await client.query(INSERT_RECORDS, [tenantId, JSON.stringify(rows.slice(i, i + BATCH))]);
  }

  /** Runs `work` in a transaction begun with `begin`: committed whole, or rolled back (a connection lost half-way commits nothing). */
  private async transaction<T>(begin: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query(begin);
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

  /** Database failures become TenantDataError; a stale commit passes as it is. */
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
}
