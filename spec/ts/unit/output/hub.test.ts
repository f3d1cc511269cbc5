import { strict as assert } from 'node:assert';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../../../ts/log';
import { finishedEvent, finishedLine, NOTE, outputEvent, plainChunk } from '../../../../ts/output/format';
import { createOutputHub, type FollowerResponse, type OutputHub } from '../../../../ts/output/hub';
import { OUTPUT_LIMITS } from '../../../../ts/output/limits';
import { createOutputStore } from '../../../../ts/output/store';
import { newRecord, type RunRecord } from '../../../../ts/core/records';
import { outcomeOfRecord } from '../../../../ts/core/runner';

const links = { record: (id: string) => `/puppet/runs/${id}`, output: (id: string) => `/puppet/runs/${id}/output` };

/** A follower's answer: a fast one sends every chunk at once; a slow one reads nothing, so its unsent bytes grow. */
function follower(speed: 'fast' | 'slow') {
  const emitter = new EventEmitter();
  const state = { chunks: [] as string[], ended: false, socketClosing: false };
  const res = Object.assign(emitter, {
    destroyed: false,
    writableLength: 0,
    socket: { remoteAddress: '192.0.2.7', destroySoon: () => void (state.socketClosing = true), destroy: () => undefined },
    write(chunk: Buffer | string) {
      state.chunks.push(String(chunk));
      if (speed === 'slow') res.writableLength += Buffer.byteLength(chunk);
      return speed === 'fast';
    },
    end(chunk?: string) {
      if (chunk !== undefined) state.chunks.push(chunk);
      state.ended = true;
    },
  });
  const typed: FollowerResponse = res;
  return { res: typed, state, text: () => state.chunks.join('') };
}

function logger(): Logger & { infos: string[] } {
  const infos: string[] = [];
  return { infos, info: (m) => infos.push(m), error: () => undefined, flush: () => undefined };
}

/** A run under way, and the way to finish it. */
function run(state: RunRecord['state'] = 'running') {
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

describe('output hub: the live fan-out of a run', () => {
  let dir: string;
  let log: ReturnType<typeof logger>;
  let hub: OutputHub;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'twitch-hub-'));
    log = logger();
    hub = createOutputHub({ store: createOutputStore({ dir, maxBytes: 1024 * 1024, log }), outcome: outcomeOfRecord, links, log });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('cuts off a slow follower with its last line, while a fast one gets every line and how the run ended', async () => {
    const r = run();
    const sink = hub.open(r.record.id);
    const fast = follower('fast');
    const slow = follower('slow');
    const fastDone = hub.stream(fast.res, { id: r.record.id, events: false, record: r.record, finished: r.finished });
    const slowDone = hub.stream(slow.res, { id: r.record.id, events: false, record: r.record, finished: r.finished });
    const lines = Array.from({ length: 400 }, (_, i) => `Notice: line ${i} ${'x'.repeat(1000)}`);
    for (const line of lines) sink.write(line);
    // cut off as soon as it had more than its bound unsent, and told why in its last line
    await slowDone;
    assert.equal(slow.state.ended, true);
    assert.equal(slow.state.socketClosing, true, 'its connection is closed too');
    const slowLines = slow.text().split('\n').slice(0, -1);
    assert.equal(slowLines.at(-1), NOTE.cutOff(r.record.id, links));
    assert.deepEqual(slowLines.slice(0, -1), lines.slice(0, slowLines.length - 1));
    assert.ok(slowLines.length - 1 < lines.length);
    assert.ok(slow.res.writableLength > OUTPUT_LIMITS.followerBufferBytes);
    assert.match(log.infos.join('\n'), new RegExp(`192\\.0\\.2\\.7 output stream of run ${r.record.id} cut off: the client read too slowly`));
    // the fast one is still following
    assert.equal(fast.state.ended, false);
    sink.close();
    const end = r.done();
    await fastDone;
    assert.equal(fast.text(), [...lines, finishedLine(end, outcomeOfRecord(end))].map(plainChunk).join(''));
  });

  it('gives a follower that comes late what the run printed so far, then follows it (as events)', async () => {
    const r = run();
    const sink = hub.open(r.record.id);
    sink.write('Notice: before');
    const late = follower('fast');
    const done = hub.stream(late.res, { id: r.record.id, events: true, record: r.record, finished: r.finished });
    sink.write('Notice: after');
    sink.close();
    const end = r.done();
    await done;
    assert.equal(late.text(), outputEvent('Notice: before') + outputEvent('Notice: after') + finishedEvent(end));
  });

  it('follows a run that has not started yet from its first line', async () => {
    const r = run('queued');
    const early = follower('fast');
    const done = hub.stream(early.res, { id: r.record.id, events: false, record: r.record, finished: r.finished });
    const sink = hub.open(r.record.id);
    sink.write('Notice: first');
    sink.close();
    const end = r.done();
    await done;
    assert.equal(early.text(), plainChunk('Notice: first') + plainChunk(finishedLine(end, outcomeOfRecord(end))));
  });

  it('catches a follower of a finished run up from the store, or says the output is not kept', async () => {
    const r = run();
    const sink = hub.open(r.record.id);
    sink.write('Notice: stored');
    sink.close();
    const end = r.done();
    const after = follower('fast');
    await hub.stream(after.res, { id: r.record.id, events: false, record: end, finished: r.finished });
    assert.equal(after.text(), plainChunk('Notice: stored') + plainChunk(finishedLine(end, outcomeOfRecord(end))));

    const gone = run();
    const goneEnd = gone.done();
    const unkept = follower('fast');
    await hub.stream(unkept.res, { id: gone.record.id, events: true, record: goneEnd, finished: gone.finished });
    assert.equal(unkept.text(), outputEvent(NOTE.notKept(gone.record.id)) + finishedEvent(goneEnd));
  });

  it('ends every stream with a line saying the service stops; the run goes on', async () => {
    const r = run();
    const sink = hub.open(r.record.id);
    const f = follower('fast');
    const done = hub.stream(f.res, { id: r.record.id, events: false, record: r.record, finished: r.finished });
    sink.write('Notice: one');
    hub.shutdown();
    await done;
    assert.equal(f.text(), plainChunk('Notice: one') + plainChunk(NOTE.shutdown(r.record.id, links)));
    assert.equal(f.state.socketClosing, true);
    sink.write('Notice: two'); // the run still prints: nobody follows it
    sink.close();
    r.stop();
  });
});
