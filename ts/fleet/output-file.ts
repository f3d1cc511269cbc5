// --output FILE: a streamed format (jsonl) is appended to it line by line as nodes end (whole lines or nothing,
// appendfile.ts); the others replace it atomically at the end. A line that could not be appended is kept, tried
// again with the next one and at the end, and reported: nothing is dropped silently.
import { accessSync, constants } from 'node:fs';
import { dirname } from 'node:path';
import { openAppendFile, type AppendFile } from '../appendfile';
import { twitchError } from '../errors';
import { writeFileAtomic } from '../files';

export const OUTPUT_MODE = 0o644;

export interface OutputFile {
  /** a streamed format's line; a failed write is kept for the next try. False: some text is still unwritten */
  append(text: string): boolean;
  /** the end: the last text appended (streamed) or the whole text written; the trouble met, or null */
  finish(text: string): string | null;
}

const why = (err: unknown) => (err as NodeJS.ErrnoException).code ?? (err as Error).message;

/** Checks (or, streamed, creates) the file before any node is started: what cannot be written is not started. */
export function openOutput(file: string, streamed: boolean): OutputFile {
  const refuse = (err: unknown): never => {
    throw twitchError('USAGE', `fleet: cannot write --output ${file}: ${why(err)}. Give a file in a directory this user may write.`);
  };
  if (!streamed) {
    try {
      accessSync(dirname(file), constants.W_OK);
    } catch (err) {
      refuse(err);
    }
    return {
      append: () => true,
      finish(text) {
        try {
          writeFileAtomic(file, text, OUTPUT_MODE);
          return null;
        } catch (err) {
          return `cannot write --output ${file}: ${why(err)}`;
        }
      },
    };
  }
  const appender = ((): AppendFile => {
    try {
      // an older file is replaced by an empty one of this mode, then appended to
      writeFileAtomic(file, '', OUTPUT_MODE);
      return openAppendFile(file, { mode: OUTPUT_MODE, dirMode: 0o755 });
    } catch (err) {
      return refuse(err);
    }
  })();
  let pending = Buffer.alloc(0);
  let failures = 0;
  let lastError = '';
  const flush = () => {
    if (pending.length === 0) return;
    try {
      appender.append(pending);
      pending = Buffer.alloc(0);
    } catch (err) {
      failures++;
      lastError = why(err);
    }
  };
  return {
    append(text) {
      pending = Buffer.concat([pending, Buffer.from(text)]);
      flush();
      return pending.length === 0;
    },
    finish(text) {
      pending = Buffer.concat([pending, Buffer.from(text)]);
      flush();
      appender.close();
      if (pending.length === 0) return null;
      const lines = pending.toString().split('\n').length - 1;
      return `cannot write --output ${file}: ${lastError} (${failures} failed writes; the last ${lines} lines are missing)`;
    },
  };
}
