// The output of runs: the runner's sink for each line (stored file, live fan-out) and the streams that read it.
// Each line is encoded once per encoding and handed to every watcher's socket without waiting: a watcher with
// more than LIMITS.streamBufferBytes unsent is cut off, so no watcher slows the run, other watchers or the service.
import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { LIMITS } from '../http/limits';
import type { Logger } from '../log';
import type { RunRecord } from '../core/records';
import { splitLines } from '../lines';
import { createCap, encodeLine, finishedEvent, finishedLine, NOTE, plainChunk, outputEvent, type Cap } from './format';

export interface OutputSink {
  write(line: string): void;
  /** the run ended (or never started): the stored file is complete when this returns */
  close(): void;
}

/** What a stream of run `id` follows. */
export interface Watch {
  id: string;
  /** server-sent events instead of plain lines */
  events: boolean;
  /** the run's record as it is now */
  record: RunRecord;
  /** the finished record once the run ends; anything else: the service stops (asked once per run followed) */
  finished: () => Promise<RunRecord | undefined>;
}

export interface OutputHub {
  /** the runner's sink for a run about to start */
  open(id: string): OutputSink;
  /** streams run `watch.id` to `res` until the run has finished (or the client leaves, or falls behind) */
  stream(res: ServerResponse, watch: Watch): Promise<void>;
  /** ends every stream with a line saying the service stops; the runs go on */
  shutdown(): void;
}

export interface HubOptions {
  /** state_dir: `<id>.log` beside `<id>.json` */
  dir: string;
  /** output_max_bytes: 0 stores nothing */
  maxBytes: number;
  log: Logger;
}

interface Watcher {
  res: ServerResponse;
  id: string;
  events: boolean;
  /** got the run's lines live (else the stored file is what it reads once the run ends) */
  live: boolean;
  /** how far behind it may fall: the bound, plus what it was sent at once when it came (a running run's start) */
  allowance: number;
  ended: boolean;
  resolve: () => void;
}

/** A running run: what late watchers get of its start, and who follows it. */
interface Live {
  replay: string[];
  replayCap: Cap;
  watchers: Set<Watcher>;
}

const FLUSH_MS = 100;
const FLUSH_BYTES = 64 * 1024;

export const outputFile = (dir: string, id: string): string => join(dir, `${id}.log`);

export function createOutputHub(options: HubOptions): OutputHub {
  const { dir, maxBytes, log } = options;
  const lives = new Map<string, Live>();
  /** watchers of runs not started yet (queued, splaying), by run id */
  const waiting = new Map<string, Set<Watcher>>();
  const watchers = new Set<Watcher>();
  /** watchers waiting for a run's end, by run id: one wait per run, however many watch it */
  const endings = new Map<string, Set<Watcher>>();
  const replayBytes = Math.max(maxBytes, LIMITS.replayMinBytes);

  function end(w: Watcher, note?: string): void {
    if (w.ended) return;
    w.ended = true;
    watchers.delete(w);
    lives.get(w.id)?.watchers.delete(w);
    waiting.get(w.id)?.delete(w);
    endings.get(w.id)?.delete(w);
    if (!w.res.destroyed) w.res.end(note === undefined ? undefined : encodeLine(note, w.events));
    w.resolve();
  }

  /** Ends the response and, whether the client reads the rest or not, its connection soon after. */
  function endAndClose(w: Watcher, note: string): void {
    const socket = w.res.socket;
    end(w, note);
    if (socket === null) return;
    socket.destroySoon();
    setTimeout(() => socket.destroy(), LIMITS.streamCloseGraceMs).unref();
  }

  /** Hands `chunk` to the watcher's socket, unless it is too far behind: then it is cut off. */
  function send(w: Watcher, chunk: Buffer | string): boolean {
    if (w.ended) return false;
    if (w.res.destroyed) {
      end(w);
      return false;
    }
    if (w.res.writableLength > w.allowance) {
      log.info(`${w.res.socket?.remoteAddress ?? '-'} output stream of run ${w.id} cut off: the client read too slowly (over ${w.allowance} bytes unsent)`);
      endAndClose(w, NOTE.cutOff(w.id));
      return false;
    }
    w.res.write(chunk);
    return true;
  }

  function follow(w: Watcher, live: Live): void {
    w.live = true;
    live.watchers.add(w);
    if (live.replay.length > 0) {
      const start = live.replay.map((line) => encodeLine(line, w.events)).join('');
      w.allowance += Buffer.byteLength(start);
      send(w, start);
    }
    if (live.replayCap.full) send(w, encodeLine(NOTE.skipped(replayBytes), w.events));
  }

  function open(id: string): OutputSink {
    const live: Live = { replay: [], replayCap: createCap(replayBytes), watchers: new Set() };
    lives.set(id, live);
    for (const w of waiting.get(id) ?? []) follow(w, live);
    waiting.delete(id);
    const file = storedFile(id);
    return {
      write(line) {
        const plain = plainChunk(line);
        const bytes = Buffer.byteLength(plain);
        if (live.replayCap.take(bytes) === 'keep') live.replay.push(line);
        file.write(plain, bytes);
        if (live.watchers.size === 0) return;
        const chunks: { plain?: Buffer; events?: Buffer } = {};
        for (const w of live.watchers) {
          const chunk = w.events ? (chunks.events ??= Buffer.from(outputEvent(line))) : (chunks.plain ??= Buffer.from(plain));
          send(w, chunk);
        }
      },
      close() {
        file.close();
        lives.delete(id);
        live.replay = [];
      },
    };
  }

  /** The stored output: appended in batches, complete once closed; a file that cannot be written is given up, once. */
  function storedFile(id: string): { write(text: string, bytes: number): void; close(): void } {
    if (maxBytes === 0) return { write: () => undefined, close: () => undefined };
    const path = outputFile(dir, id);
    const cap = createCap(maxBytes);
    let fd: number | undefined;
    let pending: string[] = [];
    let pendingBytes = 0;
    let timer: NodeJS.Timeout | undefined;
    let failed = false;
    const fail = (err: Error) => {
      log.error(`cannot write the output of puppet run ${id} to ${path}: ${err.message} (it stays in the service log)`);
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
      failed = true;
    };
    // Opened at the first line: a run that never started and printed nothing leaves no file.
    const flush = () => {
      clearTimeout(timer);
      timer = undefined;
      if (failed || pending.length === 0) return;
      try {
        fd ??= openSync(path, 'w', 0o640);
        writeSync(fd, pending.join(''));
      } catch (err) {
        fail(err as Error);
      }
      pending = [];
      pendingBytes = 0;
    };
    const add = (text: string, bytes: number) => {
      pending.push(text);
      pendingBytes += bytes;
      if (pendingBytes >= FLUSH_BYTES) flush();
      else timer ??= setTimeout(flush, FLUSH_MS);
    };
    return {
      write(text, bytes) {
        if (failed) return;
        const verdict = cap.take(bytes);
        if (verdict === 'keep') add(text, bytes);
        else if (verdict === 'truncate') add(plainChunk(NOTE.truncated(maxBytes)), 0);
      },
      close() {
        flush();
        if (fd !== undefined) closeSync(fd);
        fd = undefined;
      },
    };
  }

  /** A finished run's stored output, read with the client's pace (and cut off when it stops reading). */
  async function sendStored(w: Watcher, record: RunRecord): Promise<void> {
    if (record.started_at === null) return; // never ran: nothing printed
    const stream = createReadStream(outputFile(dir, record.id), { encoding: 'utf8', highWaterMark: FLUSH_BYTES });
    let rest = '';
    try {
      for await (const text of stream) {
        let chunk = text as string;
        if (w.events) {
          const split = splitLines(rest, chunk);
          rest = split.rest;
          chunk = split.lines.map(outputEvent).join('');
        }
        if (!send(w, chunk)) return;
        if (w.res.writableLength > LIMITS.streamBufferBytes / 2) await drained(w);
      }
      if (w.events && rest !== '') send(w, outputEvent(rest));
    } catch {
      send(w, encodeLine(NOTE.notKept(record.id), w.events));
    } finally {
      stream.destroy();
    }
  }

  const drained = (w: Watcher) =>
    new Promise<void>((resolve) => {
      const done = () => {
        w.res.off('drain', done);
        w.res.off('close', done);
        resolve();
      };
      w.res.once('drain', done);
      w.res.once('close', done);
    });

  async function stream(res: ServerResponse, watch: Watch): Promise<void> {
    if (res.destroyed) return;
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    const w: Watcher = { res, id: watch.id, events: watch.events, live: false, allowance: LIMITS.streamBufferBytes, ended: false, resolve };
    watchers.add(w);
    res.once('close', () => end(w));
    const live = lives.get(watch.id);
    if (live !== undefined) follow(w, live);
    else if (watch.record.state !== 'finished') {
      const set = waiting.get(watch.id) ?? new Set();
      set.add(w);
      waiting.set(watch.id, set);
    }
    let set = endings.get(watch.id);
    if (set === undefined) {
      const waiters = new Set<Watcher>();
      set = waiters;
      endings.set(watch.id, waiters);
      void watch.finished().then((record) => {
        endings.delete(watch.id);
        for (const waiter of waiters) void complete(waiter, record);
      });
    }
    set.add(w);
    return done;
  }

  async function complete(w: Watcher, record: RunRecord | undefined): Promise<void> {
    if (w.ended) return;
    if (record?.state !== 'finished') return endAndClose(w, NOTE.shutdown(w.id));
    if (!w.live) await sendStored(w, record);
    if (w.ended) return;
    if (w.events) {
      send(w, finishedEvent(record));
      end(w);
    } else end(w, finishedLine(record));
  }

  return {
    open,
    stream,
    shutdown() {
      for (const w of [...watchers]) endAndClose(w, NOTE.shutdown(w.id));
    },
  };
}
