// Opening files whose content decides what root does: never a hang, never a file someone else can swap in.
import { closeSync, fstatSync, lstatSync, openSync, readFileSync, realpathSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { currentPlatform } from './platform';

function kind(st: Stats): string {
  if (st.isFile()) return 'a regular file';
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'a device';
}

/**
 * The text of a regular file. The open never waits (a FIFO fails the type check instead of waiting for a
 * writer); with `followSymlinks: false`, a symbolic link is refused rather than followed.
 * Returns undefined when the file does not exist.
 */
export function readRegularFile(file: string, opts: { followSymlinks: boolean }): string | undefined {
  const flags = currentPlatform().trustedOpenFlags(opts.followSymlinks);
  let fd: number;
  try {
    fd = openSync(file, flags);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') throw new Error(`${file} is a symbolic link; give the path of the file itself`);
    throw new Error(`cannot open ${file}: ${(err as Error).message}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new Error(`${file} is ${kind(st)}, not a regular file`);
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/** Only root may change it: owned by uid 0 and not writable by group or others. */
function rootOnly(path: string, st: Stats, what: string): void {
  if (st.uid !== 0 || (st.mode & 0o022) !== 0) {
    throw new Error(
      `${what} ${path} must be owned by root and not writable by group or others ` +
        `(it is uid ${st.uid}, mode ${(st.mode & 0o7777).toString(8)}): fix its owner and mode`,
    );
  }
}

/** Every directory from `path`'s parent up to `/` is root's alone, so nobody else can rename or replace what is below. */
export function checkRootOnlyParents(path: string): void {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    rootOnly(dir, lstatSync(dir), 'The directory');
    if (dir === '/') return;
  }
}

/**
 * A file root will run or read, as it is on disk (symbolic links resolved, as exec would): it and every
 * directory above it belong to root alone. `types` says which kinds of file are acceptable.
 */
export function checkRootOnlyPath(path: string, what: string, types: Array<'file' | 'directory'> = ['file']): void {
  const real = realpathSync(path);
  const st = lstatSync(real);
  const ok = (st.isFile() && types.includes('file')) || (st.isDirectory() && types.includes('directory'));
  if (!ok) throw new Error(`${what} ${path} is ${kind(st)}; expected ${types.map((t) => `a ${t === 'file' ? 'regular file' : t}`).join(' or ')}`);
  rootOnly(real, st, what);
  checkRootOnlyParents(real);
}
