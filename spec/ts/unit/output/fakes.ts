// Fakes for the output tests: a follower's answer at three speeds, a run and its end, a logger, and a run's
// printing a few lines per turn of the event loop.
import { EventEmitter } from 'node:events';
import type { Logger } from '../../../../ts/log';
import type { FollowerResponse, OutputSink } from '../../../../ts/output/hub';
import { newRecord, type RunRecord } from '../../../../ts/core/records';

export const links = { record: (id: string) => `/puppet/runs/${id}`, output: (id: string) => `/puppet/runs/${id}/output` };

/**
 * A follower's answer: a fast one sends every chunk at once; a slow one reads nothing, so its unsent bytes grow;
 * a paced one reads when told to (`read()` empties its buffer and drains).
 */
export function follower(speed: 'fast' | 'slow' | 'paced') {
  const emitter = new EventEmitter();
  const state = { chunks: [] as string[], ended: false, socketClosing: false };
  const res = Object.assign(emitter, {
    destroyed: false,
    writableLength: 0,
    socket: { remoteAddress: '192.0.2.7', destroySoon: () => void (state.socketClosing = true), destroy: () => undefined },
    write(chunk: Buffer | string) {
      state.chunks.push(String(chunk));
      if (speed !== 'fast') res.writableLength += Buffer.byteLength(chunk);
      return speed === 'fast';
    },
    end(chunk?: string) {
      if (chunk !== undefined) state.chunks.push(chunk);
      state.ended = true;
    },
  });
  const typed: FollowerResponse = res;
  const read = () => {
    res.writableLength = 0;
    res.emit('drain');
  };
  return { res: typed, state, read, text: () => state.chunks.join('') };
}

/** Lets the hub send what is due (it sends once per turn of the event loop). */
export const turn = () => new Promise((resolve) => setImmediate(resolve));
/** Lets the hub read the stored file too. */
export const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 1));
};

/** Prints `lines` as a process does: a few at a time, a turn of the event loop apart. */
export async function print(sink: OutputSink, lines: string[], perTurn = 16): Promise<void> {
  for (let i = 0; i < lines.length; i += perTurn) {
    for (const line of lines.slice(i, i + perTurn)) sink.write(line);
    await turn();
  }
}

export function logger(): Logger & { infos: string[] } {
  const infos: string[] = [];
  return { infos, info: (m) => infos.push(m), error: () => undefined, flush: () => undefined };
}

/** A run under way, and the way to finish it. */
export function run(state: RunRecord['state'] = 'running') {
  const record: RunRecord = { ...newRecord({ source: 'http', client: null, identity: null, options: {} }), state, started_at: new Date().toISOString() };
  let finish!: (record: RunRecord | undefined) => void;
  const finished = new Promise<RunRecord | undefined>((resolve) => (finish = resolve));
  const done = (): RunRecord => {
    const end: RunRecord = { ...record, state: 'finished', exit_code: 0, outcome: 'no_changes', finished_at: new Date().toISOString() };
    finish(end);
    return end;
  };
  return { record, finished: () => finished, done, stop: () => finish(undefined) };
}

