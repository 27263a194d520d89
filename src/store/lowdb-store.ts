// The embedded store: per tenant, a lowdb JSON snapshot under DATA_DIR plus an append-only journal
// of the change sets committed since (see journal.ts), or memory only when no directory is given
// (tests). A commit is answered once its journal line is on disk; the snapshot is rewritten only
// when the journal has grown as large as it, so a write costs the same whatever the tenant's size.
// Tenants load on first use and leave memory when idle. This is the only module that imports lowdb.
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import type { Organization, TenantData } from '../domain/model.js';
import { isClockDate } from '../domain/test-clock.js';
import { DATA_VERSION } from '../seed/data-version.js';
import type { Logger } from '../logger.js';
import { Journal, JournalDamage, readJournal, type JournalContents } from './journal.js';
import { migrateTenantData, MIGRATIONS, type Migration } from './migrations.js';
import { SnapshotFile } from './snapshot-file.js';
import { TenantState } from './tenant-state.js';
import { TenantDataError, type ChangeSet, type Store, type TenantStore } from './store.js';

export interface LowdbStoreOptions {
  /** Where tenant files live; undefined keeps every tenant in memory. */
  dataDir?: string;
  seed: number;
  organizations: Organization[];
  logger: Logger;
  today: () => string;
  /** Builds a new tenant's data (default: the seeded builder). */
  buildTenant?: (tenantId: string) => TenantData;
  /** fsync journal lines and snapshots (default true); without it a write survives a killed process but not a power cut. */
  fsync?: boolean;
  /** A tenant unused this long leaves memory, its snapshot compacted first (default 10 minutes; 0 never). */
  idleMs?: number;
  /** At most this many tenants stay in memory; beyond it the least recently used leave (default 100). */
  maxOpenTenants?: number;
  /** The journal is compacted into the snapshot once it is this many times the snapshot's size (default 1)… */
  compactRatio?: number;
  /** …and at least this large (default 4 MB). */
  compactMinBytes?: number;
  migrations?: Readonly<Record<number, Migration>>;
  /** Told how long each journal fsync took, in seconds (the metrics' histogram). */
  onJournalSync?: (seconds: number) => void;
}

/** What the lowdb file holds: the tenant's data and the last journal change it includes. */
type StoredTenant = TenantData & { journal?: { id: string; seq: number } };

interface TenantFiles {
  snapshot: string;
  journal: string;
}

/** A tenant used this recently is never evicted for room, so a request holding it can still commit. */
const IN_USE_MS = 250;

const tenantFields = (stored: StoredTenant): TenantData => {
  const { journal: _journal, ...data } = stored;
  return data;
};

class LowdbTenant implements TenantStore {
  lastUsed = performance.now();
  /** Why commits are refused: the tenant left memory or its journal failed. */
  private closedBecause?: string;
  private compaction?: Promise<void>;

  constructor(
    readonly state: TenantState,
    private readonly disk?: {
      snapshot: SnapshotFile<StoredTenant>;
      journal: Journal;
      /** Identifies this snapshot line: journal entries of another id belong to data since replaced. */
      id: string;
      /** The last change the snapshot holds, and the last one committed. */
      snapshotSeq: number;
      seq: number;
      compactAt: (snapshotBytes: number) => number;
      onFailure: (tenant: LowdbTenant, reason: string) => void;
      onCompactionFailure: (err: unknown) => void;
    },
  ) {}

  customer = (n: string) => this.state.customer(n);
  account = (n: string) => this.state.account(n);
  card = (n: string) => this.state.card(n);
  relationship = (n: string) => this.state.relationship(n);
  accountsOf = (n: string) => this.state.accountsOf(n);
  cardsOf = (n: string) => this.state.cardsOf(n);
  relationshipsOf = (n: string) => this.state.relationshipsOf(n);
  accountsUnder = (n: string) => this.state.accountsUnder(n);
  findCustomers: TenantStore['findCustomers'] = (test) => this.state.findCustomers(test);
  searchCustomers: TenantStore['searchCustomers'] = (query) => this.state.searchCustomers(query);
  surnameExamples: TenantStore['surnameExamples'] = (org, words) => this.state.surnameExamples(org, words);
  reservation: TenantStore['reservation'] = (kind, n) => this.state.reservation(kind, n);
  isTaken: TenantStore['isTaken'] = (kind, n) => this.state.isTaken(kind, n);
  counters = () => this.state.counters();
  clock = () => this.state.clock();
  fixtures = () => this.state.fixtures();
  counts = () => this.state.counts();
  exportData = (): TenantData => structuredClone(tenantFields(this.state.data as StoredTenant));

  async commit(change: ChangeSet): Promise<void> {
    if (this.closedBecause) throw new TenantDataError(this.closedBecause);
    const disk = this.disk;
    // Serialised before it is applied, and numbered in commit order: the journal is the order of changes.
    const line = disk && `${JSON.stringify({ id: disk.id, seq: disk.seq + 1, set: change })}\n`;
    this.state.apply(change);
    if (!disk || !line) return;
    disk.seq++;
    let journalBytes: number;
    try {
      journalBytes = await disk.journal.append(line);
    } catch (err) {
      const reason = `the journal ${path.basename(disk.journal.file)} cannot be written (${(err as Error).message})`;
      // Memory now holds a change the disk does not: drop it so the next request reloads what is stored.
      if (!this.closedBecause) {
        this.closedBecause = reason;
        disk.onFailure(this, reason);
      }
      throw new TenantDataError(reason);
    }
    if (!this.compaction && !this.closedBecause && journalBytes >= disk.compactAt(disk.snapshot.bytes)) {
      this.compaction = this.compact()
        .catch(disk.onCompactionFailure)
        .finally(() => (this.compaction = undefined));
    }
  }

  /** Writes the tenant as it is now into the snapshot and drops the journal lines it covers. */
  async compact(): Promise<void> {
    const disk = this.disk;
    if (!disk || disk.seq === disk.snapshotSeq) return;
    const seq = disk.seq;
    const view = this.frozenView(seq);
    // Everything up to `seq` is on disk first, so the journal never ends before the snapshot.
    const cut = await disk.journal.append('');
    await new Low<StoredTenant>(disk.snapshot, view).write();
    disk.snapshotSeq = seq;
    await disk.journal.dropBefore(cut);
  }

  /** Commits and compaction end here; later commits are refused (a request that still holds the tenant gets 503). */
  async close(options: { compact: boolean; because: string }): Promise<void> {
    this.closedBecause ??= options.because;
    await this.compaction;
    try {
      if (options.compact) await this.compact();
    } finally {
      await this.disk?.journal.close();
    }
  }

  /** Records are replaced, never changed in place, so copying the arrays freezes the tenant at this change. */
  private frozenView(seq: number): StoredTenant {
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(this.state.data)) {
      copy[key] = Array.isArray(value) ? value.slice() : value && typeof value === 'object' ? { ...value } : value;
    }
    return { ...(copy as unknown as TenantData), journal: { id: this.disk!.id, seq } };
  }
}

export class LowdbStore implements Store {
  /** Tenants in memory, least recently used first. */
  private readonly open = new Map<string, LowdbTenant>();
  private readonly loading = new Map<string, Promise<LowdbTenant>>();
  /** Loads, resets, imports and evictions of one tenant run one after the other. */
  private readonly lanes = new Map<string, Promise<unknown>>();
  private readonly sweeper?: NodeJS.Timeout;
  private readonly fsync: boolean;
  private readonly maxOpen: number;

  constructor(private readonly options: LowdbStoreOptions) {
    this.fsync = options.fsync ?? true;
    this.maxOpen = options.maxOpenTenants ?? 100;
    const idleMs = options.idleMs ?? 10 * 60_000;
    if (options.dataDir && idleMs > 0) {
      this.sweeper = setInterval(() => this.evictIdle(idleMs), Math.max(50, Math.min(idleMs / 2, 60_000)));
      this.sweeper.unref();
    }
  }

  /** Tenants in memory now. */
  get openTenants(): number {
    return this.open.size;
  }

  tenant(tenantId: string): Promise<TenantStore> {
    const open = this.open.get(tenantId);
    if (open) {
      this.touch(tenantId, open);
      return Promise.resolve(open);
    }
    let loading = this.loading.get(tenantId);
    if (!loading) {
      loading = this.inLane(tenantId, () => this.load(tenantId));
      this.loading.set(tenantId, loading);
      // A tenant that failed to load is tried again on its next request.
      loading.then(() => this.makeRoom(), () => undefined).finally(() => this.loading.delete(tenantId));
    }
    return loading;
  }

  reset(tenantId: string): Promise<TenantStore> {
    return this.inLane(tenantId, async () => this.replaceNow(tenantId, await this.build(tenantId), 'reset to its seed'));
  }

  /** Replaces the tenant's data as a whole: durable once it resolves; on failure nothing changed. */
  replace(tenantId: string, data: TenantData, why = 'replaced by an import'): Promise<TenantStore> {
    return this.inLane(tenantId, () => this.replaceNow(tenantId, data, why));
  }

  /** replace() once it is this tenant's turn in its lane. */
  private async replaceNow(tenantId: string, data: TenantData, why: string): Promise<LowdbTenant> {
    const current = this.open.get(tenantId);
    if (current) {
      this.open.delete(tenantId);
      await current.close({ compact: false, because: `the tenant was ${why} while this request ran; send it again` });
    }
    return this.create(tenantId, data, why);
  }

  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    await Promise.allSettled(this.loading.values());
    const closing = [...this.open.keys()].map((id) => this.inLane(id, () => this.evict(id, true, 'the sandbox stopped')));
    for (const result of await Promise.allSettled(closing)) {
      if (result.status === 'rejected') {
        this.options.logger.error({ reason: String(result.reason) }, 'a tenant could not be compacted while closing; its journal still holds every change');
      }
    }
  }

  private touch(tenantId: string, tenant: LowdbTenant) {
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

  private filesOf(tenantId: string): TenantFiles | undefined {
    const { dataDir } = this.options;
    if (!dataDir) return undefined;
    const name = tenantId.replace(/[^A-Za-z0-9_-]/g, '_');
    return { snapshot: path.join(dataDir, `${name}.json`), journal: path.join(dataDir, `${name}.journal.jsonl`) };
  }

  /** The seed is loaded on first use: its builders (faker) would add a tenth of a second to every start. */
  private async build(tenantId: string): Promise<TenantData> {
    const given = this.options.buildTenant?.(tenantId);
    if (given) return given;
    const { buildTenantData } = await import('../seed/build-tenant.js');
    return buildTenantData(this.options.seed, this.options.organizations, this.options.today());
  }

  private async load(tenantId: string): Promise<LowdbTenant> {
    // A reset or import that ran first in this tenant's lane already put it in memory.
    const already = this.open.get(tenantId);
    if (already) return already;
    const files = this.filesOf(tenantId);
    if (!files) return this.adopt(tenantId, new LowdbTenant(new TenantState(await this.build(tenantId))));

    const snapshot = new SnapshotFile<StoredTenant>(files.snapshot, this.fsync);
    // lowdb leaves data at this default when there is no file yet.
    const db = new Low<StoredTenant>(snapshot, null as unknown as StoredTenant);
    try {
      await db.read();
    } catch (err) {
      throw this.unusable(tenantId, files.snapshot, `cannot be read (${(err as Error).message})`, snapshotRecovery(files));
    }
    const stored: StoredTenant | null = db.data;
    if (!stored) {
      // lowdb reads a file holding null, false or 0 as no file; it is a damaged one.
      if ((await sizeOf(files.snapshot)) > 0) throw this.unusable(tenantId, files.snapshot, 'is not a tenant data file (not a JSON object)', snapshotRecovery(files));
      if ((await sizeOf(files.journal)) > 0) {
        throw this.unusable(tenantId, files.journal, 'has no snapshot beside it', `restore ${files.snapshot} from a backup, or POST /sandbox/reset to start the tenant again from its seed`);
      }
      return this.create(tenantId, await this.build(tenantId), 'seeded');
    }
    const shapeProblem = problemOfShape(stored);
    if (shapeProblem) throw this.unusable(tenantId, files.snapshot, shapeProblem, snapshotRecovery(files));
    if (stored.dataVersion > DATA_VERSION) {
      throw this.unusable(
        tenantId, files.snapshot,
        `was written by a newer sandbox (data version ${stored.dataVersion}; this one reads up to ${DATA_VERSION})`,
        'run the sandbox version that wrote it, or POST /sandbox/reset to start the tenant again from its seed',
      );
    }

    let journal: JournalContents<ChangeSet>;
    try {
      journal = await readJournal<ChangeSet>(files.journal);
    } catch (err) {
      if (!(err instanceof JournalDamage)) throw err;
      throw this.unusable(tenantId, files.journal, `is damaged: ${err.message}`, journalRecovery(files));
    }
    const base = stored.journal ?? { id: '', seq: 0 };
    if (journal.entries.length > 0 && journal.entries[0].id !== base.id) {
      // A reset or import replaced the snapshot and was cut off before it emptied the journal.
      const aside = `${files.journal}.superseded`;
      await rename(files.journal, aside);
      this.options.logger.warn({ tenant: tenantId, file: aside }, 'journal lines of data that a reset or import replaced were set aside');
      journal = { entries: [], starts: [], validBytes: 0, tornBytes: 0 };
    }
    const { entries } = journal;
    if (entries.length > 0 && entries[0].seq > base.seq + 1) {
      throw this.unusable(
        tenantId, files.journal,
        `is missing changes ${base.seq + 1} to ${entries[0].seq - 1} (the snapshot ends at change ${base.seq}, the journal starts at ${entries[0].seq})`,
        `restore the snapshot ${files.snapshot} that belongs to this journal, or POST /sandbox/reset to start the tenant again from its seed`,
      );
    }
    if (journal.tornBytes > 0) {
      this.options.logger.warn({ tenant: tenantId, file: files.journal, bytes: journal.tornBytes }, 'dropped a journal line cut off by a crash; it was never acknowledged');
    }

    const state = new TenantState(tenantFields(stored));
    const firstNew = entries.findIndex((e) => e.seq > base.seq);
    const replay = firstNew === -1 ? [] : entries.slice(firstNew);
    for (const entry of replay) {
      try {
        state.apply(entry.set);
      } catch (err) {
        throw this.unusable(tenantId, files.journal, `is damaged: change ${entry.seq} cannot be applied (${(err as Error).message})`, journalRecovery(files));
      }
    }
    const seq = replay.at(-1)?.seq ?? base.seq;
    if (stored.dataVersion < DATA_VERSION) return this.migrate(tenantId, files, state.data, seq);

    // Lines the snapshot already holds (a compaction cut off before it trimmed them) are dropped now.
    const keepFrom = firstNew === -1 ? journal.validBytes : journal.starts[firstNew];
    const appender = await Journal.open(files.journal, { from: keepFrom, to: journal.validBytes }, this.fsync, this.options.onJournalSync);
    return this.adopt(tenantId, this.diskTenant(tenantId, state, snapshot, appender, base.id, base.seq, seq));
  }

  private async migrate(tenantId: string, files: TenantFiles, data: TenantData, seq: number): Promise<LowdbTenant> {
    const result = migrateTenantData(data as unknown as Record<string, unknown>, this.options.migrations ?? MIGRATIONS);
    if ('refused' in result) {
      throw this.unusable(tenantId, files.snapshot, result.refused, 'POST /sandbox/import a tenant export of the current data version, or POST /sandbox/reset to start the tenant again from its seed');
    }
    const backup = `${files.snapshot.replace(/\.json$/, '')}.v${data.dataVersion}.json`;
    await copyFile(files.snapshot, backup);
    this.options.logger.info({ tenant: tenantId, file: files.snapshot, from: data.dataVersion, to: DATA_VERSION, backup, changesReplayed: seq }, 'tenant data migrated');
    return this.create(tenantId, result.data, `migrated from data version ${data.dataVersion}`);
  }

  /** Writes `data` as the tenant's new snapshot (the commit point), then empties its journal. */
  private async create(tenantId: string, data: TenantData, why: string): Promise<LowdbTenant> {
    const files = this.filesOf(tenantId);
    if (!files) return this.adopt(tenantId, new LowdbTenant(new TenantState(data)));
    await mkdir(path.dirname(files.snapshot), { recursive: true });
    const snapshot = new SnapshotFile<StoredTenant>(files.snapshot, this.fsync);
    const id = randomUUID().slice(0, 8);
    await new Low<StoredTenant>(snapshot, { ...data, journal: { id, seq: 0 } }).write();
    await Journal.discard(files.journal, this.fsync);
    const journal = await Journal.open(files.journal, { from: 0, to: 0 }, this.fsync, this.options.onJournalSync);
    this.options.logger.info({ tenant: tenantId, file: files.snapshot }, `tenant ${why}`);
    return this.adopt(tenantId, this.diskTenant(tenantId, new TenantState(data), snapshot, journal, id, 0, 0));
  }

  private diskTenant(
    tenantId: string, state: TenantState, snapshot: SnapshotFile<StoredTenant>, journal: Journal, id: string, snapshotSeq: number, seq: number,
  ): LowdbTenant {
    const ratio = this.options.compactRatio ?? 1;
    const minBytes = this.options.compactMinBytes ?? 4 * 1024 * 1024;
    return new LowdbTenant(state, {
      snapshot, journal, id, snapshotSeq, seq,
      compactAt: (snapshotBytes) => Math.max(minBytes, ratio * snapshotBytes),
      onFailure: (failed, reason) => {
        this.options.logger.error({ tenant: tenantId, file: journal.file, reason }, 'tenant journal write failed; the tenant reloads from disk on its next request');
        if (this.open.get(tenantId) === failed) this.open.delete(tenantId);
        void failed.close({ compact: false, because: reason }).catch(() => undefined);
      },
      onCompactionFailure: (err) =>
        this.options.logger.error({ tenant: tenantId, file: snapshot.file, reason: String(err) }, 'compaction failed; the journal still holds every change, and the next one tries again'),
    });
  }

  private adopt(tenantId: string, tenant: LowdbTenant): LowdbTenant {
    this.open.set(tenantId, tenant);
    return tenant;
  }

  /** Beyond the limit, the least recently used tenants leave memory, each in its own turn of the event loop. */
  private makeRoom() {
    if (!this.options.dataDir || this.open.size <= this.maxOpen) return;
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
    this.options.logger.error({ tenant: tenantId, reason: String(err) }, 'a tenant could not be compacted as it left memory; its journal still holds every change');
  }

  /** Logs which file is unusable and how to recover, and answers the error callers see (without the directory). */
  private unusable(tenantId: string, file: string, problem: string, recovery: string): TenantDataError {
    this.options.logger.error({ tenant: tenantId, file, problem, recovery }, 'tenant data cannot be used; other tenants are not affected');
    return new TenantDataError(`the data file ${path.basename(file)} ${problem}`.slice(0, 300));
  }
}

const snapshotRecovery = (files: TenantFiles) =>
  `restore ${files.snapshot} from a backup (the journal ${files.journal} holds the changes made after it), or POST /sandbox/reset to start the tenant again from its seed`;

const journalRecovery = (files: TenantFiles) =>
  `the snapshot ${files.snapshot} is intact: keep the journal's lines before the damaged one (or move the journal away to fall back to the snapshot) and send the request again, or POST /sandbox/reset to start the tenant again from its seed`;

const TABLES = ['customers', 'accounts', 'cards', 'relationships', 'reservations', 'fixtures'] as const;

function problemOfShape(stored: StoredTenant): string | undefined {
  if (typeof stored !== 'object' || Array.isArray(stored)) return 'is not a tenant data file (not a JSON object)';
  if (typeof stored.dataVersion !== 'number') return 'is not a tenant data file (no dataVersion)';
  const missing = TABLES.filter((t) => !Array.isArray(stored[t]));
  if (missing.length > 0 || typeof stored.counters !== 'object' || stored.counters === null) {
    return `is not a tenant data file (missing ${[...missing, ...(typeof stored.counters === 'object' ? [] : ['counters'])].join(', ')})`;
  }
  if (stored.clock !== undefined && !isClockDate(stored.clock)) return `is not a tenant data file (its clock ${JSON.stringify(stored.clock).slice(0, 40)} is not a date)`;
  return undefined;
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
}
