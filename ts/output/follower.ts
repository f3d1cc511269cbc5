// A follower's way through a running run's output: it has a place in the output and is sent what comes after
// it, from the stored file while it is behind the window, then from the window, a chunk at a time and only
// while its socket takes it (so the run's write path does the same work however many follow). It is cut off
// only when its place is neither in the window nor in the stored file any more, or when its socket takes
// nothing for the stall budget.
import type { Logger } from '../log';
import type { RunRecord } from '../core/records';
import { NOTE, outputEvent, type RunLinks } from './format';
import { OUTPUT_LIMITS } from './limits';
import type { OutputStore, StoredOutput } from './store';
import type { Window } from './window';

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

/** A running run (or one that ended while some followers still catch up): its window, its file, who follows. */
export interface Live {
  window: Window;
  file: StoredOutput;
  followers: Set<Follower>;
  closed: boolean;
  /** a send to every follower is due (one per turn of the event loop, however many lines came) */
  scheduled: boolean;
}

export interface Follower {
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

export interface PacerOptions {
  store: Pick<OutputStore, 'readLines' | 'maxBytes'>;
  links: RunLinks;
  log: Logger;
  /** how long a follower's socket may take nothing */
  stallMs: number;
  /** the hub's ends of a stream: plain, with a note and the connection closed, with the finished line */
  end(w: Follower, note?: string): void;
  endAndClose(w: Follower, note: string): void;
  finish(w: Follower, record: RunRecord): void;
}

export interface Pacer {
  /** sends a live follower what comes after its place, as far as its socket takes it */
  pump(w: Follower, live: Live): void;
  /** a pump of every follower of `live` is due (once per turn of the event loop) */
  schedule(live: Live): void;
  /** sends every follower of `live` what is due now */
  pumpAll(live: Live): void;
  /** calls `then` once the follower's socket drained, or it ended */
  waitDrain(w: Follower, then: () => void): void;
}

export function createPacer(options: PacerOptions): Pacer {
  const { store, links, log, stallMs, end, endAndClose, finish } = options;

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
      endAndClose(w, NOTE.stalled(w.id, links, stallMs / 1000, store.maxBytes > 0));
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

  return { pump, schedule, pumpAll, waitDrain };
}
