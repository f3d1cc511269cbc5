// The stored output of a run: `<state_dir>/<id>.log` beside its record, whole lines up to output_max_bytes,
// written in batches while the run prints and complete once closed; read back in chunks by whoever follows a
// finished run, and by a follower of a running run that is behind the live window (hub.ts).
//
// A stored output that is not the whole output says so in its last line, written when the run closes: cut by
// output_max_bytes (the truncation note) or by a failed write (what failed, after how many bytes). A batch that
// was written in part is cut back to its last whole line first. If even that line cannot be written, the store
// remembers the output is incomplete and says so whenever it is read, until the service restarts.
import { closeSync, createReadStream, ftruncateSync, openSync, writeSync } from 'node:fs';
import { nodeFsPromises } from '../lazy';
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
 * (`truncate`: the one time to say so). `max` 0 keeps nothing and says nothing.
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
  /** the bytes of the run's first lines that are in the file now: whole lines, from the run's first */
  readonly stored: number;
  /** writes the lines still queued, now */
  flush(): void;
  /** the run ended (or never started): the file is complete, with its last line saying if it is not, when this returns */
  close(): void;
}

/** Whole lines read from a stored output, as plain text. */
export interface StoredLines {
  text: string;
  bytes: number;
  lines: number;
}

export interface OutputStore {
  /** output_max_bytes: 0 stores nothing */
  readonly maxBytes: number;
  open(id: string): StoredOutput;
  /**
   * Run `id`'s stored output in chunks, as plain text or as output events (whole lines only), with a last line
   * saying it is incomplete when the file could not say so itself; fails when there is no file. Ending the
   * iteration early closes the file.
   */
  read(id: string, events: boolean): AsyncGenerator<string>;
  /** The whole lines of run `id`'s file from byte `from` up to `to` (a line boundary), about a chunk's worth. */
  readLines(id: string, from: number, to: number): Promise<StoredLines>;
}

export interface StoreOptions {
  /** state_dir: `<id>.log` beside `<id>.json` */
  dir: string;
  /** output_max_bytes */
  maxBytes: number;
  log: Logger;
  /** a write of a stored output (its lines or its last note) failed: counted in /metrics by the caller */
  onWriteError?: (err: unknown) => void;
}

const NOTHING: StoredOutput = { write: () => undefined, stored: 0, flush: () => undefined, close: () => undefined };

/** `ENOSPC: no space left on device` of node's `ENOSPC: no space left on device, write`. */
export const causeOf = (err: Error): string => err.message.replace(/, \w+(?: '.*')?$/, '');

/** What the file of a run whose incomplete note could not be written holds: this many bytes, then the note. */
interface Unsaid {
  bytes: number;
  note: string;
}

export function createOutputStore(options: StoreOptions): OutputStore {
  const { dir, maxBytes, log } = options;
  const failed = (err: unknown): void => options.onWriteError?.(err);
  /** runs whose file could not say it is incomplete, oldest first (a bounded number) */
  const unsaid = new Map<string, Unsaid>();

  function remember(id: string, entry: Unsaid): void {
    unsaid.set(id, entry);
    for (const old of unsaid.keys()) {
      if (unsaid.size <= OUTPUT_LIMITS.unsaidRemembered) break;
      unsaid.delete(old);
    }
  }

  /** Appended in batches; after a failed write nothing more is stored of that run, and it says so at the end. */
  function open(id: string): StoredOutput {
    if (maxBytes === 0) return NOTHING;
    const path = outputFile(dir, id);
    const cap = createCap(maxBytes);
    let fd: number | undefined;
    let stored = 0;
    /** the line saying the stored output is not the whole output, once it is not; `said`: the file has it */
    let note: string | undefined;
    let said = false;

    const lines = createLineWriter({
      flushMs: OUTPUT_LIMITS.storeFlushMs,
      flushBytes: OUTPUT_LIMITS.storeChunkBytes,
      write(batch) {
        if (note !== undefined) return;
        let done = 0;
        try {
          // Opened at the first line: a run that never started and printed nothing leaves no file.
          fd ??= openSync(path, 'w', 0o640);
          while (done < batch.length) done += writeSync(fd, batch, done, batch.length - done, stored + done);
          stored += done;
        } catch (err) {
          failed(err);
          const cause = causeOf(err as Error);
          // Cut back to a whole line, early enough that the note fits where this batch was written: on a full
          // disk that space is the only room there is.
          const room = Buffer.byteLength(NOTE.incomplete(path, stored + done, cause)) + 1;
          stored += done > room ? batch.lastIndexOf(0x0a, done - room - 1) + 1 : done === 0 ? 0 : batch.lastIndexOf(0x0a, done - 1) + 1;
          note = NOTE.incomplete(path, stored, cause);
          log.error(`cannot write the output of puppet run ${id} to ${path}: ${(err as Error).message} (${stored} bytes stored; all of it stays in the service log)`);
          said = writeNote(note);
        }
      },
    });

    /** Writes `line` after the stored lines, and cuts off anything past it; on failure, cuts back to the lines. */
    function writeNote(line: string): boolean {
      const bytes = Buffer.from(`${line}\n`);
      try {
        fd ??= openSync(path, 'w', 0o640);
        let done = 0;
        while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, stored + done);
        ftruncateSync(fd, stored + bytes.length);
        return true;
      } catch (err) {
        failed(err);
        try {
          if (fd !== undefined) ftruncateSync(fd, stored);
        } catch {
          // the reader reads no further than `stored` all the same (remembered below)
        }
        return false;
      }
    }

    return {
      write(line, bytes) {
        if (note === undefined && cap.take(bytes) === 'keep') lines.add(line, bytes);
      },
      get stored() {
        return stored;
      },
      flush: () => lines.flush(),
      close() {
        lines.flush();
        const failed = note !== undefined;
        if (!failed && cap.full) note = NOTE.truncated(maxBytes);
        // the note is written at close (a failed write tried it at once: this is its second chance)
        if (note !== undefined && !said && !writeNote(note)) {
          remember(id, { bytes: stored, note });
          // one error a run: a write that failed before was reported then
          const say = failed ? log.info : log.error;
          say(`cannot write to ${path} that the output of puppet run ${id} is incomplete (reading it says so until the service restarts)`);
        }
        if (fd !== undefined) closeSync(fd);
        fd = undefined;
      },
    };
  }

  async function* read(id: string, events: boolean): AsyncGenerator<string> {
    const known = unsaid.get(id);
    if (known === undefined || known.bytes > 0) yield* readFile(id, events, known?.bytes);
    if (known !== undefined) yield events ? outputEvent(known.note) : `${known.note}\n`;
  }

  /** The file, or its first `bytes` bytes. */
  async function* readFile(id: string, events: boolean, bytes?: number): AsyncGenerator<string> {
    const stream = createReadStream(outputFile(dir, id), {
      encoding: 'utf8',
      highWaterMark: OUTPUT_LIMITS.storeChunkBytes,
      ...(bytes === undefined ? {} : { end: bytes - 1 }),
    });
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
      // the file is closed when the read ends, even a read its reader stopped: Windows removes no directory
      // that holds an open file
      if (!stream.closed) await new Promise((closed) => stream.once('close', closed).destroy());
    }
  }

  async function readLines(id: string, from: number, to: number): Promise<StoredLines> {
    const file = await nodeFsPromises().open(outputFile(dir, id), 'r');
    try {
      let size = Math.min(to - from, OUTPUT_LIMITS.storeChunkBytes);
      for (;;) {
        const buffer = Buffer.allocUnsafe(size);
        const { bytesRead } = await file.read(buffer, 0, size, from);
        const whole = bytesRead === to - from ? bytesRead : buffer.lastIndexOf(0x0a, bytesRead - 1) + 1;
        if (whole > 0 || bytesRead < size) {
          const text = buffer.toString('utf8', 0, whole);
          let lines = 0;
          for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
          return { text, bytes: whole, lines };
        }
        size = Math.min(to - from, size * 2); // a line longer than a chunk
      }
    } finally {
      await file.close();
    }
  }

  return { maxBytes, open, read, readLines };
}
