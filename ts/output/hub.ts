// The live fan-out of run output: the runner's sink for each line (stored by the store, handed to every follower)
// and the streams that follow a run. Each line is encoded once per encoding and handed to every follower's socket
// without waiting: a follower with more than OUTPUT_LIMITS.followerBufferBytes unsent is cut off, so no follower
// slows the run, other followers or the service. A follower of a finished run catches up from the store.
import type { Logger } from '../log';
import type { RunRecord } from '../core/records';
import { encodeLine, finishedEvent, finishedLine, NOTE, outputEvent, plainChunk, type RunEnd, type RunLinks } from './format';
import { OUTPUT_LIMITS } from './limits';
import { createCap, type Cap, type OutputStore } from './store';

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
  /** how a finished run ended (runner.ts's outcomeOfRecord): its last line says so */
  outcome: (record: RunRecord) => RunEnd;
  /** where a follower that is cut off or stopped reads the rest */
  links: RunLinks;
  log: Logger;
}

interface Follower {
  res: FollowerResponse;
  id: string;
  events: boolean;
  /** got the run's lines live (else the stored file is what it reads once the run ends) */
  live: boolean;
  /** how far behind it may fall: the bound, plus what it was sent at once when it came (a running run's start) */
  allowance: number;
  ended: boolean;
  resolve: () => void;
}

/** A running run: what late followers get of its start, and who follows it. */
interface Live {
  replay: string[];
  replayCap: Cap;
  followers: Set<Follower>;
}

export function createOutputHub(options: HubOptions): OutputHub {
  const { store, outcome, links, log } = options;
  const lives = new Map<string, Live>();
  /** followers of runs not started yet (queued, splaying), by run id */
  const waiting = new Map<string, Set<Follower>>();
  const followers = new Set<Follower>();
  /** followers waiting for a run's end, by run id: one wait per run, however many watch it */
  const endings = new Map<string, Set<Follower>>();
  const replayBytes = Math.max(store.maxBytes, OUTPUT_LIMITS.replayMinBytes);

  function end(w: Follower, note?: string): void {
    if (w.ended) return;
    w.ended = true;
    followers.delete(w);
    lives.get(w.id)?.followers.delete(w);
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

  /** Hands `chunk` to the follower's socket, unless it is too far behind: then it is cut off. */
  function send(w: Follower, chunk: Buffer | string): boolean {
    if (w.ended) return false;
    if (w.res.destroyed) {
      end(w);
      return false;
    }
    if (w.res.writableLength > w.allowance) {
      log.info(`${w.res.socket?.remoteAddress ?? '-'} output stream of run ${w.id} cut off: the client read too slowly (over ${w.allowance} bytes unsent)`);
      endAndClose(w, NOTE.cutOff(w.id, links));
      return false;
    }
    w.res.write(chunk);
    return true;
  }

  function follow(w: Follower, live: Live): void {
    w.live = true;
    live.followers.add(w);
    if (live.replay.length > 0) {
      const start = live.replay.map((line) => encodeLine(line, w.events)).join('');
      w.allowance += Buffer.byteLength(start);
      send(w, start);
    }
    if (live.replayCap.full) send(w, encodeLine(NOTE.skipped(replayBytes), w.events));
  }

  function open(id: string): OutputSink {
    const live: Live = { replay: [], replayCap: createCap(replayBytes), followers: new Set() };
    lives.set(id, live);
    for (const w of waiting.get(id) ?? []) follow(w, live);
    waiting.delete(id);
    const file = store.open(id);
    return {
      write(line) {
        const plain = plainChunk(line);
        const bytes = Buffer.byteLength(plain);
        if (live.replayCap.take(bytes) === 'keep') live.replay.push(line);
        file.write(line, bytes);
        if (live.followers.size === 0) return;
        const chunks: { plain?: Buffer; events?: Buffer } = {};
        for (const w of live.followers) {
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

  /** A finished run's stored output, read with the client's pace (and cut off when it stops reading). */
  async function catchUp(w: Follower, record: RunRecord): Promise<void> {
    if (record.started_at === null) return; // never ran: nothing printed
    try {
      for await (const chunk of store.read(record.id, w.events)) {
        if (!send(w, chunk)) return;
        if (w.res.writableLength > OUTPUT_LIMITS.followerBufferBytes / 2) await drained(w);
      }
    } catch {
      send(w, encodeLine(NOTE.notKept(record.id), w.events));
    }
  }

  const drained = (w: Follower) =>
    new Promise<void>((resolve) => {
      const done = () => {
        w.res.off('drain', done);
        w.res.off('close', done);
        resolve();
      };
      w.res.once('drain', done);
      w.res.once('close', done);
    });

  async function stream(res: FollowerResponse, watch: Watch): Promise<void> {
    if (res.destroyed) return;
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    const w: Follower = { res, id: watch.id, events: watch.events, live: false, allowance: OUTPUT_LIMITS.followerBufferBytes, ended: false, resolve };
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

  async function complete(w: Follower, record: RunRecord | undefined): Promise<void> {
    if (w.ended) return;
    if (record?.state !== 'finished') return endAndClose(w, NOTE.shutdown(w.id, links));
    if (!w.live) await catchUp(w, record);
    if (w.ended) return;
    if (w.events) {
      send(w, finishedEvent(record));
      end(w);
    } else end(w, finishedLine(record, outcome(record)));
  }

  return {
    open,
    stream,
    shutdown() {
      for (const w of [...followers]) endAndClose(w, NOTE.shutdown(w.id, links));
    },
  };
}
