// Logs go to stdout (the journal under systemd), batched by a line writer (linewriter.ts): one write every
// FLUSH_MS at most, not one per request. flush() at shutdown. Every message is one line that starts with the time
// and the level, whatever it carries.
import { isoTime } from './clock';
import { createLineWriter } from './linewriter';
import { oneLine } from './text';

export interface Logger {
  info(message: string): void;
  error(message: string): void;
  flush(): void;
}

export function createLogger(write: (text: string) => void): Logger {
  const lines = createLineWriter({ write: (batch) => write(batch.toString('utf8')) });
  return {
    info: (m) => lines.add(`${isoTime()} INFO ${oneLine(m)}`),
    error: (m) => lines.add(`${isoTime()} ERROR ${oneLine(m)}`),
    flush: lines.flush,
  };
}
