// What a watcher of a run's output reads, as text: the notes the service adds to Puppet's lines, the two
// encodings (plain lines, server-sent events) and the byte cap of the stored output. Pure.
import { runOutputPath, runPath } from '../api';
import type { RunRecord } from '../core/records';
import { outcomeOfRecord } from '../core/runner';

export const PLAIN_TYPE = 'text/plain; charset=utf-8';
export const SSE_TYPE = 'text/event-stream; charset=utf-8';

/** Whether the Accept header asks for server-sent events. */
export const wantsEvents = (accept: string | string[] | undefined): boolean => /\btext\/event-stream\b/i.test(String(accept ?? ''));

/** The last line of a run's output: how it ended. */
export function finishedLine(record: RunRecord): string {
  const outcome = outcomeOfRecord(record);
  const how = outcome.code === null ? `${outcome.name} (${record.error ?? outcome.meaning})` : `exit code ${outcome.code} (${outcome.meaning})`;
  return `puppet-twitch: run ${record.id} finished: ${how}`;
}

export const NOTE = {
  cutOff: (id: string) => `puppet-twitch: output cut off: this client read too slowly (GET ${runOutputPath(id)} has the whole output)`,
  truncated: (max: number) => `puppet-twitch: output truncated at ${max} bytes (output_max_bytes)`,
  /** a watcher that joined after the first `max` bytes of a run that prints more */
  skipped: (max: number) => `puppet-twitch: output skipped after the first ${max} bytes; following the run from here`,
  notKept: (id: string) => `puppet-twitch: the output of run ${id} is not kept (output_max_bytes is 0, or the file is gone)`,
  shutdown: (id: string) =>
    `puppet-twitch: the service is shutting down; run ${id} goes on (GET ${runPath(id)} has its result once the service is back)`,
} as const;

/** One output line as a plain-text chunk. */
export const plainChunk = (line: string): string => `${line}\n`;

/** One output line as a server-sent event (lines never hold \r or \n: the launcher made them plain). */
export const outputEvent = (line: string): string => `event: output\ndata: ${line}\n\n`;

/** The finished event: the run record as JSON (JSON.stringify never emits a line break). */
export const finishedEvent = (record: RunRecord): string => `event: finished\ndata: ${JSON.stringify(record)}\n\n`;

/** A line in the watcher's encoding. */
export const encodeLine = (line: string, events: boolean): string => (events ? outputEvent(line) : plainChunk(line));

/**
 * The byte budget of a stored output: each line is kept whole or not at all, and the first line that does not
 * fit ends the output with the truncation note (written once). `max` 0 keeps nothing and writes no note.
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
