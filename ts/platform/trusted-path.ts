// A path root runs or reads because its config says so, resolved once the way the kernel would, hop by hop:
// every directory it passes through (as written, and each one a symbolic link leads to) and every symbolic
// link on the way must be root's and not writable by group or others. Then nobody but root can change what
// the path leads to between the check and its use (README, "The sudo boundary").
import { lstatSync, readlinkSync, type Stats } from 'node:fs';
import { posix } from 'node:path';

// POSIX paths whatever the host: only the sudo side walks them, and its tests run under Windows too
const { isAbsolute, join } = posix;

/** What a file is, in words for an error. */
export function kind(st: Stats): string {
  if (st.isFile()) return 'a regular file';
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'a device';
}

export type TrustedType = 'file' | 'directory';

/** What the walk needs of the file system; tests give a table instead. */
export interface PathFs {
  lstat(path: string): Pick<Stats, 'uid' | 'mode' | 'isFile' | 'isDirectory' | 'isSymbolicLink' | 'isFIFO' | 'isSocket'>;
  readlink(path: string): string;
}

export interface TrustedPath {
  /** as the config gives it */
  given: string;
  /**
   * The path to use: every directory on it resolved, the last name kept as given, so a program that looks at
   * its own name still sees it (Puppet's AIO `/opt/puppetlabs/bin/puppet` links to a wrapper that runs the
   * program named like the link). If that name is a symbolic link, each hop of it was checked like the rest.
   */
  path: string;
  /** the file itself, every symbolic link resolved */
  real: string;
}

const nodeFs: PathFs = { lstat: (path) => lstatSync(path), readlink: (path) => readlinkSync(path) };

// As Linux does (MAXSYMLINKS): a chain longer than this is a loop.
const MAX_LINKS = 40;

/** Only root may change it: owned by uid 0 and not writable by group or others (a sticky /tmp is writable by all). */
function rootOnly(path: string, st: { uid: number; mode: number }, what: string): void {
  if (st.uid !== 0 || (st.mode & 0o022) !== 0) {
    throw new Error(
      `${what} ${path} must be owned by root and not writable by group or others ` +
        `(it is uid ${st.uid}, mode ${(st.mode & 0o7777).toString(8)}): fix its owner and mode`,
    );
  }
}

function parts(path: string): string[] {
  return path.split('/').filter((part) => part !== '' && part !== '.');
}

function parent(dir: string): string {
  return dir === '/' ? '/' : dir.slice(0, dir.lastIndexOf('/')) || '/';
}

function expected(types: readonly TrustedType[]): string {
  return types.map((t) => (t === 'file' ? 'a regular file' : 'a directory')).join(' or ');
}

/**
 * Resolves `given` (absolute) and checks every step of the way; throws an error naming the first directory,
 * link or file that is not root's alone. `what` names the path in messages ("The puppet binary").
 */
export function resolveTrusted(given: string, what: string, types: readonly TrustedType[] = ['file'], fs: PathFs = nodeFs): TrustedPath {
  if (!isAbsolute(given)) throw new Error(`${what} ${given} must be an absolute path`);
  const stat = (path: string) => {
    try {
      return fs.lstat(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new Error(`${what} ${given} does not exist (${path} is missing)`);
      throw new Error(`Cannot check ${what.toLowerCase()} ${given}: ${(err as Error).message}`);
    }
  };
  rootOnly('/', stat('/'), 'The directory');
  // Each name still to walk, and whether it is the last name of `given` itself (its path is the one to use).
  const pending = parts(given).map((name, i, all) => ({ name, named: i === all.length - 1 }));
  let dir = '/';
  let named = '/';
  let links = 0;
  for (let step = pending.shift(); step !== undefined; step = pending.shift()) {
    // `dir` was reached by walking down from / through checked directories, so its parent is checked too.
    const path = step.name === '..' ? parent(dir) : join(dir, step.name);
    if (step.named) named = path;
    if (step.name === '..') {
      dir = path;
      continue;
    }
    const st = stat(path);
    if (st.isSymbolicLink()) {
      if (++links > MAX_LINKS) throw new Error(`${what} ${given}: too many levels of symbolic links`);
      if (st.uid !== 0) {
        throw new Error(`The symbolic link ${path} (on the way to ${what.toLowerCase()} ${given}) must be owned by root (it is uid ${st.uid}): fix its owner`);
      }
      const target = fs.readlink(path);
      pending.unshift(...parts(target).map((name) => ({ name, named: false })));
      if (isAbsolute(target)) dir = '/';
      continue;
    }
    if (pending.length > 0) {
      if (!st.isDirectory()) throw new Error(`${what} ${given}: ${path} is ${kind(st as Stats)}, not a directory`);
      rootOnly(path, st, 'The directory');
      dir = path;
      continue;
    }
    const ok = (st.isFile() && types.includes('file')) || (st.isDirectory() && types.includes('directory'));
    if (!ok) throw new Error(`${what} ${given} is ${kind(st as Stats)}; expected ${expected(types)}`);
    rootOnly(path, st, what);
    return { given, path: named, real: path };
  }
  // `given` ends at a directory reached by `..` or is / itself
  const st = stat(dir);
  if (!types.includes('directory')) throw new Error(`${what} ${given} is a directory; expected ${expected(types)}`);
  rootOnly(dir, st, what);
  return { given, path: dir, real: dir };
}
