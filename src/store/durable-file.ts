// Whole-file writes that are atomic and durable: write a temporary file, fsync it, rename it over
// the old one, fsync the directory. A crash at any instant leaves the old file or the new one.
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Makes renames and new files in `dir` survive a power cut. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes the pieces in order; between pieces other work may run, so a large file does not stall the process. */
export async function writeFileDurably(file: string, pieces: Iterable<string>, fsync: boolean): Promise<number> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
  const handle = await open(temp, 'w');
  let bytes = 0;
  try {
    for (const piece of pieces) {
      const buffer = Buffer.from(piece);
      await handle.writeFile(buffer);
      bytes += buffer.length;
    }
    if (fsync) await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(temp, { force: true });
    throw err;
  }
  await handle.close();
  await rename(temp, file);
  if (fsync) await syncDirectory(path.dirname(file));
  return bytes;
}
