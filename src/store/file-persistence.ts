// The embedded adapter: per tenant, a lowdb JSON snapshot under DATA_DIR plus an append-only
// journal of the change sets committed since (see journal.ts). A change is durable once its
// journal line is on disk; the snapshot is rewritten only when the journal has grown as large as
// it, so a write costs the same whatever the tenant's size. The only module that imports lowdb.
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import { Low } from 'lowdb';
import type { TenantData } from '../domain/model.js';
import { DATA_VERSION } from '../domain/tenant-data.js';
import { isClockDate } from '../domain/test-clock.js';
import type { Logger } from '../logger.js';
import { Journal, JournalDamage, readJournal, type JournalContents } from './journal.js';
import type { OpenTenant, Persistence, StoredTenant as OpenedFromDisk, TenantLog } from './persistence.js';
import { SnapshotFile } from './snapshot-file.js';
import { TenantState } from './tenant-state.js';
import { TenantDataError, type ChangeSet } from './store.js';

export interface FilePersistenceOptions {
  dataDir: string;
  logger: Logger;
  /** fsync journal lines and snapshots (default true); without it a write survives a killed process but not a power cut. */
  fsync?: boolean;
  /** The journal is compacted into the snapshot once it is this many times the snapshot's size (default 1)… */
  compactRatio?: number;
  /** …and at least this large (default 4 MB). */
  compactMinBytes?: number;
  /** Told how long each journal fsync took, in seconds (the metrics' histogram). */
  onJournalSync?: (seconds: number) => void;
}

/** What the lowdb file holds: the tenant's data and the last journal change it includes. */
type SnapshotData = TenantData & { journal?: { id: string; seq: number } };

interface TenantFiles {
  snapshot: string;
  journal: string;
}

/** Journal changes replayed between two turns of the event loop. */
const REPLAY_SLICE = 500;

const tenantFields = (stored: SnapshotData): TenantData => {
  const { journal: _journal, ...data } = stored;
  return data;
};

/** One tenant's snapshot and journal, open for appending. */
class FileLog implements TenantLog {
  private compaction?: Promise<void>;
  private failed?: TenantDataError;

  constructor(
    private readonly state: TenantState,
    private readonly snapshot: SnapshotFile<SnapshotData>,
    private readonly journal: Journal,
    /** Identifies this snapshot line: journal entries of another id belong to data since replaced. */
    private readonly id: string,
    /** The last change the snapshot holds, and the last one committed. */
    private snapshotSeq: number,
    private seq: number,
    private readonly compactAt: (snapshotBytes: number) => number,
    private readonly logger: Logger,
    private readonly tenantId: string,
  ) {}

  async append(change: ChangeSet): Promise<void> {
    if (this.failed) throw this.failed;
    // Numbered and serialised now, in commit order: the journal is the order of changes.
    const line = `${JSON.stringify({ id: this.id, seq: ++this.seq, set: change })}\n`;
    let journalBytes: number;
    try {
      journalBytes = await this.journal.append(line);
    } catch (err) {
      this.failed ??= new TenantDataError(`the journal ${path.basename(this.journal.file)} cannot be written (${(err as Error).message})`);
      this.logger.error({ tenant: this.tenantId, file: this.journal.file, reason: this.failed.message }, 'tenant journal write failed; the tenant reloads from disk on its next request');
      throw this.failed;
    }
    if (!this.compaction && !this.failed && journalBytes >= this.compactAt(this.snapshot.bytes)) {
      this.compaction = this.compact()
        .catch((err) =>
          this.logger.error({ tenant: this.tenantId, file: this.snapshot.file, reason: String(err) }, 'compaction failed; the journal still holds every change, and the next one tries again'),
        )
        .finally(() => (this.compaction = undefined));
    }
  }

  /** Writes the tenant as it is now into the snapshot and drops the journal lines it covers; `always` even when nothing changed. */
  async compact(always = false): Promise<void> {
    if (this.seq === this.snapshotSeq && !always) return;
    const seq = this.seq;
    const view = this.frozenView(seq);
    // Everything up to `seq` is on disk first, so the journal never ends before the snapshot.
    const cut = await this.journal.append('');
    await new Low<SnapshotData>(this.snapshot, view).write();
    this.snapshotSeq = seq;
    await this.journal.dropBefore(cut);
  }

  async close(options: { compact: boolean }): Promise<void> {
    await this.compaction;
    try {
      if (options.compact && !this.failed) await this.compact();
    } finally {
      await this.journal.close();
    }
  }

  /** Records are replaced, never changed in place, so copying the arrays freezes the tenant at this change. */
  private frozenView(seq: number): SnapshotData {
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(this.state.data)) {
      copy[key] = Array.isArray(value) ? value.slice() : value && typeof value === 'object' ? { ...value } : value;
    }
    return { ...(copy as unknown as TenantData), journal: { id: this.id, seq } };
  }
}

export class FilePersistence implements Persistence {
  readonly durable = true;
  private readonly fsync: boolean;

  constructor(private readonly options: FilePersistenceOptions) {
    this.fsync = options.fsync ?? true;
  }

  private filesOf(tenantId: string): TenantFiles {
    const name = tenantId.replace(/[^A-Za-z0-9_-]/g, '_');
    return { snapshot: path.join(this.options.dataDir, `${name}.json`), journal: path.join(this.options.dataDir, `${name}.journal.jsonl`) };
  }

  async open(tenantId: string): Promise<OpenedFromDisk | undefined> {
    const files = this.filesOf(tenantId);
    const unusable = (file: string, problem: string, recovery: string) => this.unusable(tenantId, file, problem, recovery);
    const snapshot = new SnapshotFile<SnapshotData>(files.snapshot, this.fsync);
    // lowdb leaves data at this default when there is no file yet.
    const db = new Low<SnapshotData>(snapshot, null as unknown as SnapshotData);
    try {
      await db.read();
    } catch (err) {
      throw unusable(files.snapshot, `cannot be read (${(err as Error).message})`, snapshotRecovery(files));
    }
    const stored: SnapshotData | null = db.data;
    if (!stored) {
      // lowdb reads a file holding null, false or 0 as no file; it is a damaged one.
      if ((await sizeOf(files.snapshot)) > 0) throw unusable(files.snapshot, 'is not a tenant data file (not a JSON object)', snapshotRecovery(files));
      if ((await sizeOf(files.journal)) > 0) {
        throw unusable(files.journal, 'has no snapshot beside it', `restore ${files.snapshot} from a backup, or POST /sandbox/reset to start the tenant again from its seed`);
      }
      return undefined;
    }
    const shapeProblem = problemOfShape(stored);
    if (shapeProblem) throw unusable(files.snapshot, shapeProblem, snapshotRecovery(files));
    if (stored.dataVersion > DATA_VERSION) {
      throw unusable(
        files.snapshot,
        `was written by a newer sandbox (data version ${stored.dataVersion}; this one reads up to ${DATA_VERSION})`,
        'run the sandbox version that wrote it, or POST /sandbox/reset to start the tenant again from its seed',
      );
    }

    let journal: JournalContents<ChangeSet>;
    try {
      journal = await readJournal<ChangeSet>(files.journal);
    } catch (err) {
      if (!(err instanceof JournalDamage)) throw err;
      throw unusable(files.journal, `is damaged: ${err.message}`, journalRecovery(files));
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
      throw unusable(
        files.journal,
        `is missing changes ${base.seq + 1} to ${entries[0].seq - 1} (the snapshot ends at change ${base.seq}, the journal starts at ${entries[0].seq})`,
        `restore the snapshot ${files.snapshot} that belongs to this journal, or POST /sandbox/reset to start the tenant again from its seed`,
      );
    }
    if (journal.tornBytes > 0) {
      this.options.logger.warn({ tenant: tenantId, file: files.journal, bytes: journal.tornBytes }, 'dropped a journal line cut off by a crash; it was never acknowledged');
    }

    const state = await TenantState.load(tenantFields(stored));
    const firstNew = entries.findIndex((e) => e.seq > base.seq);
    const replay = firstNew === -1 ? [] : entries.slice(firstNew);
    for (const [i, entry] of replay.entries()) {
      try {
        state.apply(entry.set);
      } catch (err) {
        throw unusable(files.journal, `is damaged: change ${entry.seq} cannot be applied (${(err as Error).message})`, journalRecovery(files));
      }
      // A long journal is replayed in slices too, so other requests keep being answered.
      if (i % REPLAY_SLICE === REPLAY_SLICE - 1) await turn();
    }
    const seq = replay.at(-1)?.seq ?? base.seq;
    // Lines the snapshot already holds (a compaction cut off before it trimmed them) are dropped now.
    const keepFrom = firstNew === -1 ? journal.validBytes : journal.starts[firstNew];
    const appender = await Journal.open(files.journal, { from: keepFrom, to: journal.validBytes }, this.fsync, this.options.onJournalSync);
    const log = this.logOf(tenantId, state, snapshot, appender, base.id, base.seq, seq);
    if (snapshot.legacy && stored.dataVersion === DATA_VERSION) {
      // Read whole, it is bound by the longest string Node can make; one record per line, it is not.
      await log.compact(true);
      this.options.logger.info({ tenant: tenantId, file: files.snapshot }, 'snapshot rewritten one record per line');
    }
    return {
      state,
      log,
      dataVersion: stored.dataVersion,
      keepOriginal: async () => {
        const backup = `${files.snapshot.replace(/\.json$/, '')}.v${stored.dataVersion}.json`;
        await copyFile(files.snapshot, backup);
        return backup;
      },
      unusable: (problem, recovery) => unusable(files.snapshot, problem, recovery),
    };
  }

  /** Writes `data` as the tenant's new snapshot (the commit point), then empties its journal. */
  async create(tenantId: string, data: TenantData, why: string): Promise<OpenTenant> {
    const files = this.filesOf(tenantId);
    await mkdir(path.dirname(files.snapshot), { recursive: true });
    const snapshot = new SnapshotFile<SnapshotData>(files.snapshot, this.fsync);
    const id = randomUUID().slice(0, 8);
    await new Low<SnapshotData>(snapshot, { ...data, journal: { id, seq: 0 } }).write();
    await Journal.discard(files.journal, this.fsync);
    const journal = await Journal.open(files.journal, { from: 0, to: 0 }, this.fsync, this.options.onJournalSync);
    this.options.logger.info({ tenant: tenantId, file: files.snapshot }, `tenant ${why}`);
    const state = await TenantState.load(data);
    return { state, log: this.logOf(tenantId, state, snapshot, journal, id, 0, 0) };
  }

  private logOf(tenantId: string, state: TenantState, snapshot: SnapshotFile<SnapshotData>, journal: Journal, id: string, snapshotSeq: number, seq: number): FileLog {
    const ratio = this.options.compactRatio ?? 1;
    const minBytes = this.options.compactMinBytes ?? 4 * 1024 * 1024;
    return new FileLog(state, snapshot, journal, id, snapshotSeq, seq, (bytes) => Math.max(minBytes, ratio * bytes), this.options.logger, tenantId);
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

function problemOfShape(stored: SnapshotData): string | undefined {
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
