// The output of the current (or last) run, in run_dir/last-run.log, for operators who have no journal at hand.
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from './log';

export interface RunLog {
  write(line: string): void;
  close(): void;
}

export function runLogOpener(runDir: string | undefined, log: Logger): (id: string) => RunLog {
  let warned = false;
  return (id) => {
    if (runDir === undefined) return { write: () => undefined, close: () => undefined };
    const file = join(runDir, 'last-run.log');
    const stream: WriteStream = createWriteStream(file, { flags: 'w', mode: 0o640 });
    stream.on('error', (err) => {
      if (!warned) log.error(`cannot write ${file}: ${err.message} (run output stays in this log only)`);
      warned = true;
    });
    stream.write(`puppet run ${id} started ${new Date().toISOString()}\n`);
    return { write: (line) => stream.write(`${line}\n`), close: () => stream.end() };
  };
}
