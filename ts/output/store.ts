// The stored output of a run: `<state_dir>/<id>.log` beside its record, whole lines up to output_max_bytes,
// written in batches while the run prints and complete once closed; read back in chunks by whoever follows a
// finished run.
import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { splitLines } from '../lines';
import { createLineWriter } from '../linewriter';
import type { Logger } from '../log';
import { NOTE, outputEvent } from './format';
import { OUTPUT_LIMITS } from './limits';

/** Where run `id`'s output is stored. */
export const outputFile = (dir: string, id: string): string => join(dir, `${id}.log`);

/**
 * A byte budget: each line is kept whole or not at all, and the first line that does not fit ends the output
 * with the truncation note (written once). `max` 0 keeps nothing and writes no note.
 */
export interface Cap {
  /** what to do with the next chunk of `bytes` bytes */
  take(bytes: number): 'keep' | 'truncate' | 'drop';
  readonly used: number;
  /** a chunk did not fit: everything from it on was left out */
  readonly full: boolean;
}

export function createCap(max: number): Cap {
  let used = 0;
  let full = max === 0;
  let noted = max === 0;
  return {
    take(bytes) {
      if (!full && used + bytes <= max) {
        used += bytes;
        return 'keep';
      }
      full = true;
      if (noted) return 'drop';
      noted = true;
      return 'truncate';
    },
    get used() {
      return used;
    },
    get full() {
      return full && max > 0;
    },
  };
}

/** One run's stored output while the run prints. */
export interface StoredOutput {
  /** `bytes`: the line's size with its newline */
  write(line: string, bytes: number): void;
  /** the run ended (or never started): the file is complete when this returns */
  close(): void;
}

export interface OutputStore {
  /** output_max_bytes: 0 stores nothing */
  readonly maxBytes: number;
  open(id: string): StoredOutput;
  /**
   * Run `id`'s stored output in chunks, as plain text or as output events (whole lines only); fails when there is
   * no file. Ending the iteration early closes the file.
   */
  read(id: string, events: boolean): AsyncGenerator<string>;
}

export interface StoreOptions {
  /** state_dir: `<id>.log` beside `<id>.json` */
  dir: string;
  /** output_max_bytes */
  maxBytes: number;
  log: Logger;
}

const NOTHING: StoredOutput = { write: () => undefined, close: () => undefined };

export function createOutputStore(options: StoreOptions): OutputStore {
  const { dir, maxBytes, log } = options;

  /** Appended in batches; a file that cannot be written is given up, once. */
  function open(id: string): StoredOutput {
    if (maxBytes === 0) return NOTHING;
    const path = outputFile(dir, id);
    const cap = createCap(maxBytes);
    let fd: number | undefined;
    let failed = false;
    const lines = createLineWriter({
      flushMs: OUTPUT_LIMITS.storeFlushMs,
      flushBytes: OUTPUT_LIMITS.storeChunkBytes,
      write(batch) {
        if (failed) return;
        try {
          // Opened at the first line: a run that never started and printed nothing leaves no file.
          fd ??= openSync(path, 'w', 0o640);
          writeSync(fd, batch);
        } catch (err) {
          log.error(`cannot write the output of puppet run ${id} to ${path}: ${(err as Error).message} (it stays in the service log)`);
          if (fd !== undefined) closeSync(fd);
          fd = undefined;
          failed = true;
        }
      },
    });
    return {
      write(line, bytes) {
        if (failed) return;
        const verdict = cap.take(bytes);
        if (verdict === 'keep') lines.add(line, bytes);
        else if (verdict === 'truncate') lines.add(NOTE.truncated(maxBytes), 0);
      },
      close() {
        lines.flush();
        if (fd !== undefined) closeSync(fd);
        fd = undefined;
      },
    };
  }

  async function* read(id: string, events: boolean): AsyncGenerator<string> {
    const stream = createReadStream(outputFile(dir, id), { encoding: 'utf8', highWaterMark: OUTPUT_LIMITS.storeChunkBytes });
    let rest = '';
    try {
      for await (const text of stream) {
        if (!events) {
          yield text as string;
          continue;
        }
        const split = splitLines(rest, text as string);
        rest = split.rest;
        yield split.lines.map(outputEvent).join('');
      }
      if (events && rest !== '') yield outputEvent(rest);
    } finally {
      stream.destroy();
    }
  }

  return { maxBytes, open, read };
}
