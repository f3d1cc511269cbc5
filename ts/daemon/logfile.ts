// The daemonised service's log: a file it writes itself, reopened on SIGHUP so that logrotate can move it.
// It holds Puppet's output, so it is not for everyone to read: created 0640, and an older one's mode narrowed.
// A batch of lines the disk refuses part way is cut back (appendfile.ts): whole lines or none.
import { closeSync, fchmodSync, fstatSync, openSync } from 'node:fs';
import { appendWhole } from '../appendfile';

/** The environment variable `start` sets for the service it runs: the log file's path. */
export const LOG_FILE_ENV = 'PUPPET_TWITCH_LOG_FILE';

export const LOG_FILE_MODE = 0o640;

export interface LogFile {
  write(text: string): void;
  reopen(): void;
}

/** Opens `path` to append, creating it 0640; an older regular file that others may read loses that (a device is left alone). */
export function openLogFd(path: string): number {
  const fd = openSync(path, 'a', LOG_FILE_MODE);
  try {
    const st = fstatSync(fd);
    if (st.isFile() && (st.mode & 0o007) !== 0) fchmodSync(fd, st.mode & 0o7770);
  } catch {
    // not ours to change: it stays as its owner made it
  }
  return fd;
}

export function openLogFile(path: string): LogFile {
  let fd = openLogFd(path);
  return {
    write(text) {
      try {
        appendWhole(fd, Buffer.from(text));
      } catch {
        // a full disk must not take the service down
      }
    },
    reopen() {
      const next = openLogFd(path);
      const old = fd;
      fd = next;
      closeSync(old);
    },
  };
}
