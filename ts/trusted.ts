// Opening files whose content decides what root does: never a hang, never a file someone else can swap in.
import { closeSync, fstatSync, readFileSync } from 'node:fs';
import { currentPlatform } from './platform';
import { kind } from './platform/trusted-path';

/** Why a file was refused, for a caller that words it itself: a link not followed, not a regular file, too large. */
export type RefusedFile = 'ELOOP' | 'ENOTREG' | 'EFBIG';

function refused(code: RefusedFile, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/**
 * The text of a regular file. The open never waits (a FIFO fails the type check instead of waiting for a
 * writer); with `followSymlinks: false`, a symbolic link is refused rather than followed; with `maxBytes`, a
 * larger file is refused unread. Errors carry a RefusedFile code, and never any of the file's content.
 * Returns undefined when the file does not exist.
 */
export function readRegularFile(file: string, opts: { followSymlinks: boolean; maxBytes?: number }): string | undefined {
  let fd: number;
  try {
    fd = currentPlatform().openTrusted(file, opts.followSymlinks);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') throw refused('ELOOP', `${file} is a symbolic link; give the path of the file itself`);
    throw new Error(`cannot open ${file}: ${(err as Error).message}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw refused('ENOTREG', `${file} is ${kind(st)}, not a regular file`);
    if (opts.maxBytes !== undefined && st.size > opts.maxBytes) {
      throw refused('EFBIG', `${file} is ${st.size} bytes, more than ${opts.maxBytes}`);
    }
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}
