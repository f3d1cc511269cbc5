// Small facts about processes and files that several parts rely on, each stated once.
import { renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Writes a temporary file beside `file`, then renames it: a reader sees the old text or the new, never half. */
export function writeFileAtomic(file: string, text: string, mode: number): void {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  writeFileSync(temp, text, { mode });
  renameSync(temp, file);
}
