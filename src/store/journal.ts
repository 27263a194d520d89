// A tenant's append-only journal: one JSON line per committed change set, beside its snapshot.
// Concurrent appends share one write and one fsync (group commit); an append resolves only once
// its line is on disk, so an answer sent after it survives a kill or, with fsync, a power cut.
import { open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import { syncDirectory } from './durable-file.js';

/** One journal line: change `seq` of the snapshot line `id`, holding whatever the store committed. */
export interface JournalEntry<T = unknown> {
  id: string;
  seq: number;
  set: T;
}

export interface JournalContents<T> {
  entries: JournalEntry<T>[];
  /** Byte offset where each entry's line starts. */
  starts: number[];
  /** Bytes up to the end of the last complete line. */
  validBytes: number;
  /** Bytes after it: a line cut off by a crash, never acknowledged. */
  tornBytes: number;
}

/** Raised for a journal whose damage is more than a cut-off last line. */
export class JournalDamage extends Error {}

/** Reads a journal; a missing file is an empty one. */
export async function readJournal<T>(file: string): Promise<JournalContents<T>> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], starts: [], validBytes: 0, tornBytes: 0 };
    throw err;
  }
  const entries: JournalEntry<T>[] = [];
  const starts: number[] = [];
  let start = 0;
  let line = 0;
  for (let end = bytes.indexOf(10, start); end !== -1; start = end + 1, end = bytes.indexOf(10, start)) {
    line++;
    let entry: JournalEntry<T>;
    try {
      entry = JSON.parse(bytes.toString('utf8', start, end));
    } catch {
      throw new JournalDamage(`line ${line} is not JSON`);
    }
    if (!entry || typeof entry.id !== 'string' || !Number.isSafeInteger(entry.seq) || typeof entry.set !== 'object' || entry.set === null) {
      throw new JournalDamage(`line ${line} is not a journal entry`);
    }
    const previous = entries.at(-1);
    if (previous && (entry.id !== previous.id || entry.seq !== previous.seq + 1)) {
      throw new JournalDamage(`line ${line} does not follow line ${line - 1} (change ${entry.seq} after ${previous.seq})`);
    }
    entries.push(entry);
    starts.push(start);
    // A journal as large as its snapshot holds many lines: parse them without holding the process.
    if (line % 2000 === 0) await turn();
  }
  return { entries, starts, validBytes: start, tornBytes: bytes.length - start };
}

interface Pending {
  bytes: Buffer;
  resolve(endOffset: number): void;
  reject(err: Error): void;
}

export class Journal {
  private pending: Pending[] = [];
  private flushScheduled = false;
  /** Every file operation runs in this chain, one at a time. */
  private lane: Promise<void> = Promise.resolve();
  private failure?: Error;

  private constructor(
    readonly file: string,
    private handle: FileHandle,
    /** Bytes in the file, counting only completed writes. */
    private bytes: number,
    private readonly fsync: boolean,
    private readonly onSync?: (seconds: number) => void,
  ) {}

  /**
   * Opens for appending, keeping only bytes [from, to): what lies before `from` a snapshot already
   * holds, what lies after `to` is a torn last line.
   */
  static async open(file: string, keep: { from: number; to: number }, fsync: boolean, onSync?: (seconds: number) => void): Promise<Journal> {
    const handle = await open(file, 'a+');
    try {
      const { size } = await handle.stat();
      if (keep.from > 0) {
        const journal = new Journal(file, handle, keep.to, fsync, onSync);
        await journal.dropBefore(keep.from);
        return journal;
      }
      if (size > keep.to) {
        await handle.truncate(keep.to);
        if (fsync) await handle.sync();
      }
      if (fsync) await syncDirectory(path.dirname(file));
    } catch (err) {
      await handle.close();
      throw err;
    }
    return new Journal(file, handle, keep.to, fsync, onSync);
  }

  get size(): number {
    return this.bytes;
  }

  /** Resolves with the file size after this line once it is on disk; fails, and keeps failing, after a write error. */
  append(line: string): Promise<number> {
    if (this.failure) return Promise.reject(this.failure);
    const done = new Promise<number>((resolve, reject) => this.pending.push({ bytes: Buffer.from(line), resolve, reject }));
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      void this.inLane(() => this.flush());
    }
    return done;
  }

  /** Drops the bytes before `offset` (changes a snapshot now holds), keeping everything after it. */
  dropBefore(offset: number): Promise<void> {
    return this.inLane(async () => {
      if (this.failure) throw this.failure;
      const kept = this.bytes - offset;
      const rest = Buffer.alloc(kept);
      if (kept > 0) await this.handle.read(rest, 0, kept, offset);
      const temp = `${this.file}.tmp`;
      const copy = await open(temp, 'w');
      try {
        await copy.writeFile(rest);
        if (this.fsync) await copy.sync();
      } finally {
        await copy.close();
      }
      await rename(temp, this.file);
      if (this.fsync) await syncDirectory(path.dirname(this.file));
      await this.handle.close();
      this.handle = await open(this.file, 'a+');
      this.bytes = kept;
    });
  }

  /** Waits for every queued line, then closes the file. */
  close(): Promise<void> {
    return this.inLane(async () => {
      await this.handle.close();
      this.failure ??= new Error(`the journal ${path.basename(this.file)} is closed`);
    });
  }

  /** Empties the journal file, for data replaced as a whole (its lines belong to the data before). */
  static async discard(file: string, fsync: boolean): Promise<void> {
    await rm(file, { force: true });
    if (fsync) await syncDirectory(path.dirname(file));
  }

  private inLane(op: () => Promise<void>): Promise<void> {
    const run = this.lane.then(op);
    this.lane = run.catch(() => undefined);
    return run;
  }

  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    try {
      if (this.failure) throw this.failure;
      const bytes = Buffer.concat(batch.map((p) => p.bytes));
      for (let written = 0; written < bytes.length; ) {
        written += (await this.handle.write(bytes, written, bytes.length - written, null)).bytesWritten;
      }
      if (this.fsync) {
        const started = performance.now();
        await this.handle.datasync();
        this.onSync?.((performance.now() - started) / 1000);
      }
    } catch (err) {
      // Nothing after a failed write may be written: the file must stay a prefix of what was committed.
      this.failure ??= err as Error;
      for (const p of [...batch, ...this.pending.splice(0)]) p.reject(this.failure);
      return;
    }
    for (const p of batch) p.resolve((this.bytes += p.bytes.length));
  }
}
