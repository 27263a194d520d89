// A tenant's snapshot: the lowdb JSON file, read whole and written atomically and durably. Large
// arrays are written one record per line in pieces of about a megabyte, so compacting a tenant of
// 100 000 customers never holds the process for long nor builds one giant string.
import { readFile } from 'node:fs/promises';
import { writeFileDurably } from './durable-file.js';

const PIECE_CHARS = 1 << 20;

/** A lowdb adapter (read/write) for a JSON object file. */
export class SnapshotFile<T extends object> {
  /** Size of the file as last read or written. */
  bytes = 0;

  constructor(
    readonly file: string,
    private readonly fsync: boolean,
  ) {}

  /** The parsed file, or null when there is none; a file that is not JSON throws. */
  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    this.bytes = Buffer.byteLength(text);
    return JSON.parse(text) as T;
  }

  async write(data: T): Promise<void> {
    this.bytes = await writeFileDurably(this.file, pieces(data), this.fsync);
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
