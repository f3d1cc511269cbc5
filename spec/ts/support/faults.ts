// Real faults for the state directory: a small tmpfs mounted over it (full disk), made read-only, or removed.
// Needs root (mount); the fault suite (spec/ts/faults/) runs as root in CI.
import { execFileSync } from 'node:child_process';
import { mkdirSync, openSync, closeSync, writeSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const isRoot = (): boolean => process.getuid?.() === 0;

/** Skips the suite unless it runs as root (mount and chmod faults need it). */
export function requireRoot(ctx: Mocha.Context): void {
  if (!isRoot()) ctx.skip();
}

/** Mounts a tmpfs of `bytes` at `dir` (created if missing), owned `mode`; returns a function that unmounts it. */
export function mountTmpfs(dir: string, bytes: number, mode = 0o750): () => void {
  mkdirSync(dir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=${mode.toString(8)}`, 'tmpfs', dir]);
  let mounted = true;
  return () => {
    if (!mounted) return;
    mounted = false;
    execFileSync('umount', ['-l', dir]);
  };
}

/** Fills the filesystem holding `dir` until a write fails with ENOSPC; returns the filler's path (remove it to free space). */
export function fill(dir: string, name = '.filler'): string {
  const path = join(dir, name);
  const fd = openSync(path, 'a');
  const chunk = Buffer.alloc(4096, 0x78);
  try {
    for (;;) {
      try {
        writeSync(fd, chunk);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
        // the last partial block
        for (let n = 2048; n >= 1; n >>= 1) {
          try {
            writeSync(fd, chunk.subarray(0, n));
            n <<= 1;
          } catch {
            // smaller next
          }
        }
        return path;
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** Frees what `fill` took. */
export function unfill(path: string): void {
  rmSync(path, { force: true });
}

/** Remounts the tmpfs at `dir` read-only (`true`) or read-write (`false`): root's writes fail too, unlike chmod. */
export function setReadOnly(dir: string, readOnly: boolean): void {
  execFileSync('mount', ['-o', `remount,${readOnly ? 'ro' : 'rw'}`, dir]);
}
