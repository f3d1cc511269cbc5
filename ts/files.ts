// Small facts about processes and files that several parts rely on, each stated once.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A live process (one we may not signal counts too); a zombie, which still answers kill(0), does not. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc to ask: kill(0) said alive
  }
}

/** Writes a temporary file beside `file`, then renames it: a reader sees the old text or the new, never half. */
export function writeFileAtomic(file: string, text: string, mode: number): void {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  writeFileSync(temp, text, { mode });
  renameSync(temp, file);
}
