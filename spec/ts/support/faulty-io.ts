// The real file system with faults a test can turn on: short writes, a full disk after so many bytes, a
// truncate that fails; and counts of the writes and stats made.
import * as fs from 'node:fs';
import type { FileIo } from '../../../ts/appendfile';

/** The real file system, with writes that take at most `chunk` bytes, or fail with ENOSPC after `room` bytes. */
export function faultyIo(): FileIo & { chunk: number; room: number; truncates: boolean; writes: number; stats: number } {
  const io = {
    ...fs,
    chunk: Infinity,
    room: Infinity,
    truncates: true,
    writes: 0,
    stats: 0,
    writeSync(fd: number, buffer: Buffer, offset: number, length: number): number {
      io.writes++;
      if (io.room <= 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      const n = Math.min(length, io.chunk, io.room);
      io.room -= n;
      return fs.writeSync(fd, buffer, offset, n);
    },
    statSync: ((path: string, options?: fs.StatSyncOptions) => {
      io.stats++;
      return fs.statSync(path, options);
    }) as typeof fs.statSync,
    ftruncateSync(fd: number, len?: number): void {
      if (!io.truncates) throw Object.assign(new Error('EIO: i/o error, ftruncate'), { code: 'EIO' });
      fs.ftruncateSync(fd, len);
    },
  };
  return io as typeof io & FileIo;
}
