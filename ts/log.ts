// Logs go to stdout (the journal under systemd). Lines are batched: one write every FLUSH_MS at most, not one per
// request (a write is a system call; under load it would cost more than the request). flush() at shutdown.
import { isoTime } from './clock';

/** How long a log line may wait to be written with the ones after it. */
export const FLUSH_MS = 20;

export interface Logger {
  info(message: string): void;
  error(message: string): void;
  flush(): void;
}

export function createLogger(write: (text: string) => void): Logger {
  let pending: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    write(text);
  };
  const add = (level: string, message: string) => {
    pending.push(`${isoTime()} ${level} ${message}\n`);
    if (!scheduled) {
      scheduled = true;
      setTimeout(flush, FLUSH_MS);
    }
  };
  return { info: (m) => add('INFO', m), error: (m) => add('ERROR', m), flush };
}
