// A file that is only appended to, a batch of whole lines at a time, and takes a batch whole or not at all: a
// short write is completed, a write that fails part way (a full disk) is cut back to where the batch began, so a
// reader never finds half a line, nor the next batch glued to one. Before each batch the path is looked at (one
// stat, not one per line): a file deleted or replaced behind the writer's back is reopened, its directory made
// again if it is gone, instead of writing on into a file nobody can read.
import { closeSync, fstatSync, ftruncateSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** The calls made on the file system; the tests give failing ones. */
export type FileIo = Pick<typeof import('node:fs'), 'openSync' | 'closeSync' | 'writeSync' | 'fstatSync' | 'statSync' | 'ftruncateSync' | 'mkdirSync' | 'renameSync'>;

// named imports, not `* as fs`: a namespace import makes the bundle copy all of node:fs's exports at start
const fs: FileIo = { openSync, closeSync, writeSync, fstatSync, statSync, ftruncateSync, mkdirSync, renameSync };

export interface AppendFileOptions {
  /** the mode a new file gets */
  mode: number;
  /** the mode of a directory made again when it has gone */
  dirMode: number;
  io?: FileIo;
  /** told when the file was found deleted or replaced and a new one opened at the path (`dirMade`: its directory too) */
  onReopen?: (dirMade: boolean) => void;
}

export interface AppendFile {
  /** Appends `bytes` whole, or throws having left the file as it was before the batch. */
  append(bytes: Buffer): void;
  /** the file's size, as it was after the last batch */
  readonly size: number;
  /** Moves the file to `to` (replacing what is there) and starts a new one at the path. */
  rotate(to: string): void;
  close(): void;
}

/** A failed `appendWhole` that left `torn` bytes of its batch at the end of the file: they could not be cut off. */
export interface TornWrite extends Error {
  torn: number;
}

/**
 * Writes all of `bytes` at the end of `fd` (opened to append), completing short writes. When a write fails part
 * way, the file is cut back to where the batch began and the error thrown (a TornWrite if it could not be cut).
 */
export function appendWhole(fd: number, bytes: Buffer, io: Pick<FileIo, 'writeSync' | 'fstatSync' | 'ftruncateSync'> = fs): void {
  let done = 0;
  try {
    while (done < bytes.length) {
      const n = io.writeSync(fd, bytes, done, bytes.length - done);
      if (n <= 0) throw Object.assign(new Error('the file took no bytes'), { code: 'EIO' });
      done += n;
    }
  } catch (err) {
    if (done > 0 && !cutBack(fd, done, io) && err instanceof Error) Object.assign(err, { torn: done });
    throw err;
  }
}

/** Cuts the last `bytes` bytes off the file; false when it cannot. */
function cutBack(fd: number, bytes: number, io: Pick<FileIo, 'fstatSync' | 'ftruncateSync'>): boolean {
  try {
    io.ftruncateSync(fd, Math.max(0, io.fstatSync(fd).size - bytes));
    return true;
  } catch {
    return false;
  }
}

/** Opens `path` to append (created when missing; its directory must exist). Throws when it cannot. */
export function openAppendFile(path: string, options: AppendFileOptions): AppendFile {
  const io = options.io ?? fs;
  let fd: number | undefined;
  let ino = 0;
  let dev = 0;
  let size = 0;
  /** bytes at the end of the file that a failed batch left there and could not yet be cut off */
  let torn = 0;

  /** true when the directory had to be made */
  const open = (makeDir: boolean): boolean => {
    const made = makeDir && io.mkdirSync(dirname(path), { recursive: true, mode: options.dirMode }) !== undefined;
    const next = io.openSync(path, 'a', options.mode);
    try {
      ({ ino, dev, size } = io.fstatSync(next));
    } catch (err) {
      io.closeSync(next);
      throw err;
    }
    fd = next;
    torn = 0;
    return made;
  };
  const close = () => {
    if (fd === undefined) return;
    const old = fd;
    fd = undefined;
    try {
      io.closeSync(old);
    } catch {
      // nothing more can be done with it
    }
  };
  /** whether the path no longer names the open file (deleted, moved away, or another file put there) */
  const replaced = (): boolean => {
    const st = io.statSync(path, { throwIfNoEntry: false });
    return st === undefined || st.ino !== ino || st.dev !== dev;
  };

  open(false);
  return {
    append(bytes) {
      if (fd === undefined || replaced()) {
        const wasOpen = fd !== undefined;
        close();
        const dirMade = open(true);
        if (wasOpen) options.onReopen?.(dirMade);
      }
      const current = fd as number;
      if (torn > 0) {
        if (!cutBack(current, torn, io)) throw new Error('the end of an earlier batch that failed could not be cut off');
        torn = 0;
      }
      try {
        appendWhole(current, bytes, io);
      } catch (err) {
        torn = (err as Partial<TornWrite>).torn ?? 0;
        throw err;
      }
      size += bytes.length;
    },
    get size() {
      return size;
    },
    rotate(to) {
      close();
      try {
        io.renameSync(path, to);
      } catch (err) {
        // gone already: the new file starts all the same
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      open(true);
    },
    close,
  };
}
