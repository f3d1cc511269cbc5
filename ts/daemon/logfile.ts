// The daemonised service's log: a file it writes itself, reopened on SIGHUP so that logrotate can move it.
import { closeSync, openSync, writeSync } from 'node:fs';

/** The environment variable `start` sets for the service it runs: the log file's path. */
export const LOG_FILE_ENV = 'PUPPET_TWITCH_LOG_FILE';

export interface LogFile {
  write(text: string): void;
  reopen(): void;
}

export function openLogFile(path: string): LogFile {
  let fd = openSync(path, 'a', 0o644);
  return {
    write(text) {
      try {
        writeSync(fd, text);
      } catch {
        // a full disk must not take the service down
      }
    },
    reopen() {
      const next = openSync(path, 'a', 0o644);
      const old = fd;
      fd = next;
      closeSync(old);
    },
  };
}
