// The live fan-out of run output: the runner's sink for each line (stored by the store, kept in the run's live
// window) and the streams that follow a run: those of a running run are paced by follower.ts; a follower of a
// finished run catches up from the store. No follower slows the run, the others or the service.
import type { Logger } from '../log';
import type { RunRecord } from '../core/records';
import { createPacer, type Follower, type FollowerResponse, type Live } from './follower';
import { encodeLine, finishedEvent, finishedLine, NOTE, type RunEnd, type RunLinks } from './format';
import { OUTPUT_LIMITS } from './limits';
import type { OutputStore } from './store';
import { createWindow } from './window';

export type { FollowerResponse } from './follower';

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

export function createOutputHub(options: HubOptions): OutputHub {
  const { store, windowBytes, outcome, links, log, stallMs = OUTPUT_LIMITS.followerStallMs } = options;
  const lives = new Map<string, Live>();
  /** followers of runs not started yet (queued, splaying), by run id */
  const waiting = new Map<string, Set<Follower>>();
  const followers = new Set<Follower>();
  /** followers waiting for a run's end, by run id: one wait per run, however many watch it */
  const endings = new Map<string, Set<Follower>>();
  const { pump, schedule, pumpAll, waitDrain } = createPacer({ store, links, log, stallMs, end, endAndClose, finish });

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
