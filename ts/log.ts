// Logs go to stdout (the journal under systemd). Lines are batched per tick: one write per burst, not per request.
export interface Logger {
  info(message: string): void;
  error(message: string): void;
  flush(): void;
}

export function createLogger(write: (text: string) => void, now: () => Date = () => new Date()): Logger {
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
    pending.push(`${now().toISOString()} ${level} ${message}\n`);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
  return { info: (m) => add('INFO', m), error: (m) => add('ERROR', m), flush };
}
