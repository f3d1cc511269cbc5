// Opening files whose content decides what root does: never a hang, never a file someone else can swap in.
import { closeSync, fstatSync, readFileSync } from 'node:fs';
import { currentPlatform } from './platform';
import { kind } from './platform/trusted-path';


/**
 * The text of a regular file. The open never waits (a FIFO fails the type check instead of waiting for a
 * writer); with `followSymlinks: false`, a symbolic link is refused rather than followed.
 * Returns undefined when the file does not exist.
 */
export function readRegularFile(file: string, opts: { followSymlinks: boolean }): string | undefined {
  let fd: number;
  try {
    fd = currentPlatform().openTrusted(file, opts.followSymlinks);
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
