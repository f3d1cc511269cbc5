// Opening files whose content decides what root does: never a hang, never a file someone else can swap in.
import { closeSync, constants, fstatSync, openSync, readFileSync, type Stats } from 'node:fs';

export function kind(st: Stats): string {
  if (st.isFile()) return 'a regular file';
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'a device';
}

/**
 * The text of a regular file. O_NONBLOCK makes a FIFO open at once (and fail the type check) instead of
 * waiting for a writer; with `followSymlinks: false`, a symbolic link is refused rather than followed.
 * Returns undefined when the file does not exist.
 */
export function readRegularFile(file: string, opts: { followSymlinks: boolean }): string | undefined {
  const flags = constants.O_RDONLY | constants.O_NONBLOCK | (opts.followSymlinks ? 0 : constants.O_NOFOLLOW);
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
