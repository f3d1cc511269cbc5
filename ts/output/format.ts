// What a follower of a run's output reads, as text: the notes the service adds to Puppet's lines, the two
// encodings (plain lines, server-sent events). Pure.
import type { RunRecord } from '../core/records';

export const PLAIN_TYPE = 'text/plain; charset=utf-8';
export const SSE_TYPE = 'text/event-stream; charset=utf-8';

/** Whether the Accept header asks for server-sent events. */
export const wantsEvents = (accept: string | string[] | undefined): boolean => /\btext\/event-stream\b/i.test(String(accept ?? ''));

/** How a finished run ended, as the runner tells it (runner.ts's outcomeOfRecord gives one): output does not decide. */
export interface RunEnd {
  name: string;
  /** the exit code; null when the run has none (a timeout, a run that never started, one seen after a restart) */
  code: number | null;
  meaning: string;
}

/** Where a run's record and its whole output are read (the HTTP API's paths, given by the caller). */
export interface RunLinks {
  record(id: string): string;
  output(id: string): string;
}

/** What a follower that was cut off missed: lines and bytes no longer kept, and how much the stored output has. */
export interface Missed {
  lines: number;
  bytes: number;
  stored: number;
}

/** The last line of a run's output: how it ended. */
export function finishedLine(record: RunRecord, outcome: RunEnd): string {
  const how = outcome.code === null ? `${outcome.name} (${record.error ?? outcome.meaning})` : `exit code ${outcome.code} (${outcome.meaning})`;
  return `puppet-twitch: run ${record.id} finished: ${how}`;
}

export const NOTE = {
  /** a follower that fell behind both the live window and the stored output: what it missed, where the rest is */
  cutOff: (id: string, links: RunLinks, missed: Missed) =>
    `puppet-twitch: output cut off: this client read too slowly and missed ${missed.lines} lines (${missed.bytes} bytes) of run ${id}, ` +
    `more than output_window_bytes behind; ` +
    (missed.stored === 0
      ? `none of its output is stored (output_max_bytes is 0, or its first line was not stored), GET ${links.record(id)} has its result`
      : `GET ${links.output(id)} has its first ${missed.stored} bytes, GET ${links.record(id)} its result`),
  /** a follower whose socket took nothing for that long; `kept`: output_max_bytes is not 0 */
  stalled: (id: string, links: RunLinks, seconds: number, kept = true) =>
    `puppet-twitch: output cut off: this client read nothing for ${seconds} s; ` +
    (kept
      ? `GET ${links.output(id)} has the stored output of run ${id}, GET ${links.record(id)} its result`
      : `none of the output of run ${id} is stored (output_max_bytes is 0), GET ${links.record(id)} has its result`),
  truncated: (max: number) => `puppet-twitch: output truncated at ${max} bytes (output_max_bytes)`,
  /** the stored output ends early: a write failed (`cause`: the error's code and text) */
  incomplete: (file: string, bytes: number, cause: string) =>
    `puppet-twitch: output incomplete: writing ${file} failed after ${bytes} bytes (${cause}); the rest was not stored`,
  notKept: (id: string) => `puppet-twitch: the output of run ${id} is not kept (output_max_bytes is 0, or the file is gone)`,
  shutdown: (id: string, links: RunLinks) =>
    `puppet-twitch: the service is shutting down; run ${id} goes on (GET ${links.record(id)} has its result once the service is back)`,
} as const;

/** One output line as a plain-text chunk. */
export const plainChunk = (line: string): string => `${line}\n`;

/** One output line as a server-sent event (lines never hold \r or \n: the launcher made them plain). */
export const outputEvent = (line: string): string => `event: output\ndata: ${line}\n\n`;

/** The finished event: the run record as JSON (JSON.stringify never emits a line break). */
export const finishedEvent = (record: RunRecord): string => `event: finished\ndata: ${JSON.stringify(record)}\n\n`;

/** A line in the follower's encoding. */
export const encodeLine = (line: string, events: boolean): string => (events ? outputEvent(line) : plainChunk(line));
