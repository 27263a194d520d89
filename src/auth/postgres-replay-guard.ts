// The request ids of signed requests, kept in PostgreSQL (sandbox_request_ids) so that a signed
// request replayed to any instance over the database is refused, whichever instance saw it first.
// One statement decides: the id is inserted, or it takes over a row whose window has passed, or
// nothing comes back (it is in use). The primary key serializes two instances admitting the same
// id at once: the second waits for the first to commit, then finds its row still in the window.
// Expired rows are deleted now and then (once a minute of the caller's clock), not on every request.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { ApiError } from '../http/errors.js';
import type { Logger } from '../logger.js';
import { pgDriver } from '../store/pg-driver.js';
import type { SeenRequestIds } from './replay-guard.js';
import { SIGNATURE_WINDOW_MS } from './request-signature.js';

/** $3 is now, $4 the end of the window (epoch milliseconds); a row comes back only if the id is admitted. */
const ADMIT = `
  INSERT INTO sandbox_request_ids AS seen (apikey, request_id, expires_at)
  VALUES ($1, $2, to_timestamp($4::float8 / 1000))
  ON CONFLICT (apikey, request_id) DO UPDATE SET expires_at = EXCLUDED.expires_at
  WHERE seen.expires_at <= to_timestamp($3::float8 / 1000)
  RETURNING 1`;

const FORGET_EXPIRED = 'DELETE FROM sandbox_request_ids WHERE expires_at <= to_timestamp($1::float8 / 1000)';

/** How often, in the caller's clock, the expired rows are deleted. */
const SWEEP_EVERY_MS = 60_000;
/** Longer ids are kept by their SHA-256 (the header is checked against the contract only after access control, and an index entry has a size limit). */
const LONGEST_ID = 200;

export interface PostgresReplayGuardOptions {
  databaseUrl: string;
  logger: Logger;
  /** Connections it opens at most (default 4): one short statement per signed request. */
  poolSize?: number;
}

export class PostgresReplayGuard implements SeenRequestIds {
  private readonly pool: pg.Pool;
  private nextSweep = 0;
  private sweeping?: Promise<void>;
  private closed?: Promise<void>;

  constructor(private readonly options: PostgresReplayGuardOptions) {
    const { logger } = options;
    // Its own small pool: a signed request's check never queues behind a tenant's load or import.
    // allowExitOnIdle: idle connections alone do not keep a process (or a test) running.
    this.pool = new (pgDriver().Pool)({ connectionString: options.databaseUrl, max: options.poolSize ?? 4, connectionTimeoutMillis: 5000, allowExitOnIdle: true });
    // As the store's pool: a dropped connection, idle or in use, must not end the process.
    this.pool.on('error', (err) => logger.warn({ reason: err.message }, 'an idle database connection failed'));
    this.pool.on('connect', (client) => client.on('error', (err) => logger.warn({ reason: err.message }, 'a database connection failed')));
  }

  async admit(apikey: string, requestId: string, nowMs: number, untilMs = nowMs + SIGNATURE_WINDOW_MS): Promise<boolean> {
    let admitted: boolean;
    try {
      const { rowCount } = await this.pool.query(ADMIT, [apikey, keyOf(requestId), nowMs, untilMs]);
      admitted = rowCount === 1;
    } catch (err) {
      const reason = (err as Error).message || (err as { code?: string }).code || String(err);
      this.options.logger.error({ reason }, 'the database failed');
      throw new ApiError('TENANT_UNAVAILABLE', `the request ids of signed requests cannot be checked: the database cannot be used (${reason}); the request was not run`);
    }
    this.sweepNowAndThen(nowMs);
    return admitted;
  }

  /** Waits for a deletion under way, then closes the connections; once, however often it is called. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      await this.sweeping;
      await this.pool.end();
    })();
    return this.closed;
  }

  /** Deletes the expired rows, at most once a minute, without holding up the request. */
  private sweepNowAndThen(nowMs: number) {
    if (nowMs < this.nextSweep || this.sweeping) return;
    this.nextSweep = nowMs + SWEEP_EVERY_MS;
    this.sweeping = this.pool
      .query(FORGET_EXPIRED, [nowMs])
      .then(
        () => undefined,
        (err: Error) => this.options.logger.warn({ reason: err.message }, 'expired request ids could not be deleted'),
      )
      .finally(() => (this.sweeping = undefined));
  }
}

function keyOf(requestId: string): string {
  return requestId.length <= LONGEST_ID ? requestId : `sha256:${createHash('sha256').update(requestId).digest('hex')}`;
}
