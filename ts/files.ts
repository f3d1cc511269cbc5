// Small facts about processes and files that several parts rely on, each stated once.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The temporary file writeFileAtomic writes beside `.<name>`: what a crash in the middle leaves behind. */
export const ATOMIC_TEMP_FILE = /^\..+\.(\d+)\.tmp$/;

/**
 * Writes a temporary file beside `file`, then renames it: a reader sees the old text or the new, never half.
 * A write that fails (a full disk) removes its temporary file before it throws.
 */
export function writeFileAtomic(file: string, text: string, mode: number): void {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, text, { mode });
    renameSync(temp, file);
  } catch (err) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // a read-only file system keeps it; the error that matters is the write's
    }
    throw err;
  }
}
