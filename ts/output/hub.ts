// The live fan-out of run output: the runner's sink for each line (stored by the store, kept in the run's live
// window) and the streams that follow a run. Each follower has a position in the run's output; it is sent what
// comes after it, from the stored file while it is behind the window, then from the window, a chunk at a time
// and only while its socket takes it (so the run's write path does the same work however many follow). A
// follower is cut off only when its position is neither in the window nor in the stored file any more, or when
// its socket takes nothing for OUTPUT_LIMITS.followerStallMs: no follower slows the run, the others or the
// service. A follower of a finished run catches up from the store.
import type { Logger } from '../log';
import type { RunRecord } from '../core/records';
import { encodeLine, finishedEvent, finishedLine, NOTE, outputEvent, type RunEnd, type RunLinks } from './format';
import { OUTPUT_LIMITS } from './limits';
import type { OutputStore, StoredOutput } from './store';
import { createWindow, type Window } from './window';

export interface OutputSink {
  write(line: string): void;
  /** the run ended (or never started): the stored file is complete when this returns */
  close(): void;
}

/** What the hub uses of a follower's answer (node:http's ServerResponse has it all). */
export interface FollowerResponse {
  readonly destroyed: boolean;
  readonly writableLength: number;
  readonly socket: { readonly remoteAddress?: string; destroySoon(): void; destroy(): void } | null;
  write(chunk: Buffer | string): boolean;
  end(chunk?: string): unknown;
  once(event: 'close' | 'drain', listener: () => void): unknown;
  off(event: 'close' | 'drain', listener: () => void): unknown;
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
  stream(res: FollowerResponse, watch: Watch): Promise<void>;
  /** ends every stream with a line saying the service stops; the runs go on */
  shutdown(): void;
}

export interface HubOptions {
  store: OutputStore;
  /** output_window_bytes: what a running run keeps of its latest output for its followers */
  windowBytes: number;
  /** how a finished run ended (runner.ts's outcomeOfRecord): its last line says so */
  outcome: (record: RunRecord) => RunEnd;
  /** where a follower that is cut off or stopped reads the rest */
  links: RunLinks;
  log: Logger;
  /** how long a follower's socket may take nothing (default OUTPUT_LIMITS.followerStallMs) */
  stallMs?: number;
}

/** A running run (or one that ended while some followers still catch up): its window, its file, who follows. */
interface Live {
  window: Window;
  file: StoredOutput;
  followers: Set<Follower>;
  closed: boolean;
  /** a send to every follower is due (one per turn of the event loop, however many lines came) */
  scheduled: boolean;
}

interface Follower {
  res: FollowerResponse;
  id: string;
  events: boolean;
  /** the run it follows live (else the stored file is what it reads once the run ends) */
  live?: Live;
  /** its position in the run's output: the next line it is sent, and that line's byte offset */
  line: number;
  byte: number;
  /** reading the stored file, or waiting for its socket to drain: it is sent nothing else meanwhile */
  busy: boolean;
  /** stops waiting for the drain and goes on (set while it waits): the follower ended */
  unwait?: () => void;
  /** the run's finished record, once known */
  record?: RunRecord;
  ended: boolean;
  resolve: () => void;
}

/** A piece of the window, encoded once for every follower at the same place in the same encoding. */
interface Piece {
  chunk: Buffer;
  lines: number;
  bytes: number;
}

const plainText = (lines: string[]): string => `${lines.join('\n')}\n`;
const eventsText = (lines: string[]): string => lines.map(outputEvent).join('');
/** Whole plain lines as output events. */
const asEvents = (text: string): string => eventsText(text.slice(0, -1).split('\n'));

export function createOutputHub(options: HubOptions): OutputHub {
  const { store, windowBytes, outcome, links, log, stallMs = OUTPUT_LIMITS.followerStallMs } = options;
  const lives = new Map<string, Live>();
  /** followers of runs not started yet (queued, splaying), by run id */
  const waiting = new Map<string, Set<Follower>>();
  const followers = new Set<Follower>();
  /** followers waiting for a run's end, by run id: one wait per run, however many watch it */
  const endings = new Map<string, Set<Follower>>();

  function end(w: Follower, note?: string): void {
    if (w.ended) return;
    w.ended = true;
    w.unwait?.();
    followers.delete(w);
    w.live?.followers.delete(w);
    waiting.get(w.id)?.delete(w);
    endings.get(w.id)?.delete(w);
    if (!w.res.destroyed) w.res.end(note === undefined ? undefined : encodeLine(note, w.events));
    w.resolve();
  }

  /** Ends the response and, whether the client reads the rest or not, its connection soon after. */
  function endAndClose(w: Follower, note: string): void {
    const socket = w.res.socket;
    end(w, note);
    if (socket === null) return;
    socket.destroySoon();
    setTimeout(() => socket.destroy(), OUTPUT_LIMITS.closeGraceMs).unref();
  }

  const where = (w: Follower) => `${w.res.socket?.remoteAddress ?? '-'} output stream of run ${w.id} cut off`;

  /**
   * Calls `then` once the follower's socket drained, or it ended; one that takes nothing for the stall budget is
   * cut off.
   */
  function waitDrain(w: Follower, then: () => void): void {
    w.busy = true;
    const stop = () => {
      clearTimeout(timer);
      w.res.off('drain', drained);
      w.unwait = undefined;
      w.busy = false;
      then();
    };
    const drained = () => stop();
    const timer = setTimeout(() => {
      log.info(`${where(w)}: the client read nothing for ${stallMs / 1000} s`);
      endAndClose(w, NOTE.stalled(w.id, links, stallMs / 1000));
    }, stallMs);
    timer.unref();
    w.unwait = stop;
    w.res.once('drain', drained);
  }

  /** Neither the window nor the stored file has the follower's next line any more. */
  function lost(w: Follower, live: Live): boolean {
    if (w.line >= live.window.first) return false;
    if (w.byte >= live.file.stored) live.file.flush();
    return w.byte >= live.file.stored;
  }

  function cutOff(w: Follower, live: Live): void {
    const missed = { lines: live.window.first - w.line, bytes: live.window.start - w.byte, stored: live.file.stored };
    log.info(`${where(w)}: the client read too slowly (it missed ${missed.lines} lines, ${missed.bytes} bytes, more than output_window_bytes behind)`);
    endAndClose(w, NOTE.cutOff(w.id, links, missed));
  }

  function piece(w: Follower, window: Window, cache?: Map<string, Piece>): Piece {
    const key = `${w.events ? 'e' : 'p'}${w.line}`;
    let got = cache?.get(key);
    if (got === undefined) {
      const { lines, bytes } = window.slice(w.line, OUTPUT_LIMITS.storeChunkBytes);
      got = { chunk: Buffer.from(w.events ? eventsText(lines) : plainText(lines)), lines: lines.length, bytes };
      cache?.set(key, got);
    }
    return got;
  }

  /** Sends a live follower what comes after its position, as far as its socket takes it. */
  function pump(w: Follower, live: Live, cache?: Map<string, Piece>): void {
    while (!w.ended) {
      if (w.res.destroyed) return end(w);
      if (w.busy) {
        if (lost(w, live)) cutOff(w, live);
        return;
      }
      if (w.line >= live.window.next) {
        if (live.closed && w.record !== undefined) finish(w, w.record);
        return;
      }
      if (w.res.writableLength >= OUTPUT_LIMITS.followerBufferBytes) return waitDrain(w, () => pump(w, live));
      if (w.line >= live.window.first) {
        const got = piece(w, live.window, cache);
        w.res.write(got.chunk);
        w.line += got.lines;
        w.byte += got.bytes;
        continue;
      }
      if (lost(w, live)) return cutOff(w, live);
      return readStored(w, live);
    }
  }

  /** The next chunk of the stored file for a follower behind the window. */
  function readStored(w: Follower, live: Live): void {
    w.busy = true;
    store.readLines(w.id, w.byte, live.file.stored).then(
      (got) => {
        w.busy = false;
        if (w.ended) return;
        if (got.bytes === 0) return cutOff(w, live);
        w.res.write(w.events ? asEvents(got.text) : got.text);
        w.line += got.lines;
        w.byte += got.bytes;
        pump(w, live);
      },
      () => {
        w.busy = false;
        if (!w.ended) cutOff(w, live);
      },
    );
  }

  function pumpAll(live: Live): void {
    live.scheduled = false;
    const cache = new Map<string, Piece>();
    for (const w of [...live.followers]) pump(w, live, cache);
  }

  function schedule(live: Live): void {
    if (live.scheduled || live.followers.size === 0) return;
    live.scheduled = true;
    setImmediate(pumpAll, live);
  }

  function follow(w: Follower, live: Live): void {
    w.live = live;
    live.followers.add(w);
    pump(w, live);
  }

  function open(id: string): OutputSink {
    const live: Live = { window: createWindow(windowBytes), file: store.open(id), followers: new Set(), closed: false, scheduled: false };
    lives.set(id, live);
    for (const w of waiting.get(id) ?? []) follow(w, live);
    waiting.delete(id);
    return {
      write(line) {
        const bytes = Buffer.byteLength(line) + 1;
        live.window.push(line, bytes);
        live.file.write(line, bytes);
        schedule(live);
      },
      close() {
        live.file.close();
        live.closed = true;
        lives.delete(id);
        schedule(live);
      },
    };
  }

  /** A finished run's stored output, read with the client's pace. */
  async function catchUp(w: Follower, record: RunRecord): Promise<void> {
    if (record.started_at === null) return; // never ran: nothing printed
    try {
      for await (const chunk of store.read(record.id, w.events)) {
        if (w.ended) return;
        if (w.res.destroyed) return end(w);
        w.res.write(chunk);
        if (w.res.writableLength > OUTPUT_LIMITS.followerBufferBytes / 2) await new Promise<void>((resolve) => waitDrain(w, resolve));
      }
    } catch {
      if (!w.ended && !w.res.destroyed) w.res.write(encodeLine(NOTE.notKept(record.id), w.events));
    }
  }

  async function stream(res: FollowerResponse, watch: Watch): Promise<void> {
    if (res.destroyed) return;
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    const w: Follower = { res, id: watch.id, events: watch.events, line: 0, byte: 0, busy: false, ended: false, resolve };
    followers.add(w);
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
      const waiters = new Set<Follower>();
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

  function finish(w: Follower, record: RunRecord): void {
    if (w.events) {
      if (!w.res.destroyed) w.res.write(finishedEvent(record));
      end(w);
    } else end(w, finishedLine(record, outcome(record)));
  }

  async function complete(w: Follower, record: RunRecord | undefined): Promise<void> {
    if (w.ended) return;
    if (record?.state !== 'finished') return endAndClose(w, NOTE.shutdown(w.id, links));
    if (w.live !== undefined) {
      // it ends once it has had every line (the run closed its output before its record was finished)
      w.record = record;
      return pump(w, w.live);
    }
    await catchUp(w, record);
    if (!w.ended) finish(w, record);
  }

  return {
    open,
    stream,
    shutdown() {
      for (const live of lives.values()) pumpAll(live); // what was printed up to now, first
      for (const w of [...followers]) endAndClose(w, NOTE.shutdown(w.id, links));
    },
  };
}
