// A tenant's snapshot, the lowdb adapter: one JSON document laid out one record per line, so it
// is written in pieces and read as a stream, line by line, without ever holding the file as one
// string (Node cannot make a string of more than about 500 MB). A JSON file laid out any other
// way, as older or hand-made snapshots may be, is still read whole; `legacy` then says so, and
// the store rewrites it in the line layout.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { setImmediate as turn } from 'node:timers/promises';
import { writeFileDurably } from './durable-file.js';

const PIECE_CHARS = 1 << 20;
/** How long reading may hold the process before other requests are served: a large tenant's load takes seconds. */
const SLICE_MS = 5;
/** Lines parsed between two looks at the clock. */
const LINES_PER_LOOK = 100;

/** Raised when the file is JSON in a layout the line reader does not follow. */
class NotLineLayout extends Error {}

/** A lowdb adapter (read/write) for a JSON object file. */
export class SnapshotFile<T extends object> {
  /** Size of the file as last read or written. */
  bytes = 0;
  /** True when the last read found a layout other than one record per line. */
  legacy = false;

  constructor(
    readonly file: string,
    private readonly fsync: boolean,
  ) {}

  /** The parsed file, or null when there is none; a file that is not JSON throws. */
  async read(): Promise<T | null> {
    try {
      this.bytes = (await stat(this.file)).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    try {
      this.legacy = false;
      return (await readLines(this.file)) as T;
    } catch (err) {
      if (!(err instanceof NotLineLayout)) throw err;
    }
    this.legacy = true;
    return JSON.parse(await readFile(this.file, 'utf8')) as T;
  }

  async write(data: T): Promise<void> {
    this.bytes = await writeFileDurably(this.file, pieces(data), this.fsync);
    this.legacy = false;
  }
}

/** Follows the layout `pieces` writes; anything else is NotLineLayout, so the caller can parse the whole file. */
async function readLines(file: string): Promise<unknown> {
  const result: Record<string, unknown> = {};
  let table: unknown[] | undefined;
  let state = 'start' as 'start' | 'fields' | 'end';
  let lines = 0;
  let since = performance.now();
  const take = (line: string) => {
    if (state === 'start') {
      if (line !== '{') throw new NotLineLayout();
      state = 'fields';
      return;
    }
    if (state === 'end') {
      if (line !== '') throw new NotLineLayout();
      return;
    }
    if (table) {
      if (line === '  ]' || line === '  ],') {
        table = undefined;
        return;
      }
      if (!line.startsWith('    ')) throw new NotLineLayout();
      table.push(parse(line.endsWith(',') ? line.slice(4, -1) : line.slice(4)));
      return;
    }
    if (line === '}') {
      state = 'end';
      return;
    }
    if (!line.startsWith('  "')) throw new NotLineLayout();
    if (line.endsWith(': [')) {
      const key = parse(line.slice(2, -3));
      if (typeof key !== 'string') throw new NotLineLayout();
      result[key] = table = [];
      return;
    }
    const field = parse(`{${line.endsWith(',') ? line.slice(0, -1) : line}}`) as Record<string, unknown>;
    Object.assign(result, field);
  };

  let carry: Buffer | undefined;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const bytes = carry ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    for (let end = bytes.indexOf(10, start); end !== -1; start = end + 1, end = bytes.indexOf(10, start)) {
      take(bytes.toString('utf8', start, end));
      if (++lines % LINES_PER_LOOK === 0 && performance.now() - since >= SLICE_MS) {
        await turn();
        since = performance.now();
      }
    }
    carry = start < bytes.length ? bytes.subarray(start) : undefined;
  }
  if (carry) take(carry.toString('utf8'));
  if (state !== 'end') throw new NotLineLayout();
  return result;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new NotLineLayout();
  }
}

function* pieces(data: object): Generator<string> {
  const fields = Object.entries(data).filter(([, value]) => value !== undefined);
  let piece = '{\n';
  for (const [i, [key, value]] of fields.entries()) {
    const end = i === fields.length - 1 ? '\n' : ',\n';
    if (!Array.isArray(value) || value.length === 0) {
      piece += `  ${JSON.stringify(key)}: ${JSON.stringify(value)}${end}`;
      continue;
    }
    piece += `  ${JSON.stringify(key)}: [\n`;
    for (const [j, row] of value.entries()) {
      piece += `    ${JSON.stringify(row)}${j === value.length - 1 ? '\n' : ',\n'}`;
      if (piece.length >= PIECE_CHARS) {
        yield piece;
        piece = '';
      }
    }
    piece += `  ]${end}`;
  }
  yield piece + '}\n';
}
