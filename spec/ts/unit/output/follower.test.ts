import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finishedEvent, finishedLine, NOTE, outputEvent, plainChunk } from '../../../../ts/output/format';
import { createOutputHub, type OutputHub } from '../../../../ts/output/hub';
import { OUTPUT_LIMITS } from '../../../../ts/output/limits';
import { createOutputStore } from '../../../../ts/output/store';
import { outcomeOfRecord } from '../../../../ts/core/runner';
import { follower, links, logger, print, run, settle, turn } from './fakes';

// The pacing of follower.ts, seen through the hub that uses it.
describe('output followers: each at its own place in a running run', () => {
  let dir: string;
  let log: ReturnType<typeof logger>;
  let hub: OutputHub;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'twitch-hub-'));
    log = logger();
    hub = hubWith(1024 * 1024, 4 * 1024 * 1024);
  });
  /** A hub that stores `maxBytes` of each run and keeps a window of `windowBytes`. */
  const hubWith = (maxBytes: number, windowBytes: number) =>
    createOutputHub({ store: createOutputStore({ dir, maxBytes, log }), windowBytes, outcome: outcomeOfRecord, links, log });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('cuts off a follower that falls behind the window and the store, saying what it missed, while a fast one gets every line', async () => {
    hub = hubWith(8 * 1024, 64 * 1024);
    const r = run();
    const sink = hub.open(r.record.id);
    const fast = follower('fast');
    const slow = follower('slow');
    const fastDone = hub.stream(fast.res, { id: r.record.id, events: false, record: r.record, finished: r.finished });
    const slowDone = hub.stream(slow.res, { id: r.record.id, events: false, record: r.record, finished: r.finished });
    const lines = Array.from({ length: 400 }, (_, i) => `Notice: line ${String(i).padStart(3, '0')} ${'x'.repeat(1000)}`);
    await print(sink, lines);
    // cut off once its next line was neither in the window nor stored, and told what it missed in its last line
    await slowDone;
    assert.equal(slow.state.ended, true);
    assert.equal(slow.state.socketClosing, true, 'its connection is closed too');
    const slowLines = slow.text().split('\n').slice(0, -1);
    const got = slowLines.length - 1;
    const note = /^puppet-twitch: output cut off: this client read too slowly and missed (\d+) lines \((\d+) bytes\) of run (\S+), more than output_window_bytes behind; GET (\S+) has its first (\d+) bytes, GET (\S+) its result$/.exec(slowLines.at(-1) ?? '');
    assert.ok(note, slowLines.at(-1));
    assert.equal(slowLines.at(-1), NOTE.cutOff(r.record.id, links, { lines: Number(note[1]), bytes: Number(note[2]), stored: Number(note[5]) }));
    assert.deepEqual(slowLines.slice(0, -1), lines.slice(0, got));
    assert.ok(Number(note[1]) > 0 && got + Number(note[1]) <= lines.length);
    assert.equal(Number(note[2]), Number(note[1]) * (lines[0].length + 1));
    assert.ok(Number(note[5]) <= 8 * 1024);
    assert.ok(slow.res.writableLength >= OUTPUT_LIMITS.followerBufferBytes, 'it was sent nothing more once it had its bound unsent');
    assert.match(log.infos.join('\n'), new RegExp(`192\\.0\\.2\\.7 output stream of run ${r.record.id} cut off: the client read too slowly \\(it missed ${note[1]} lines`));
    // the fast one is still following
    assert.equal(fast.state.ended, false);
    sink.close();
    const end = r.done();
    await fastDone;
    assert.equal(fast.text(), [...lines, finishedLine(end, outcomeOfRecord(end))].map(plainChunk).join(''));
  });

  it('tells a follower cut off from a run whose output is not stored (output_max_bytes 0) that none is, not "its first 0 bytes"', async () => {
    hub = hubWith(0, 64 * 1024);
    const r = run();
    const sink = hub.open(r.record.id);
    const slow = follower('slow');
    const slowDone = hub.stream(slow.res, { id: r.record.id, events: false, record: r.record, finished: r.finished });
    await print(sink, Array.from({ length: 400 }, (_, i) => `Notice: line ${i} ${'x'.repeat(1000)}`));
    await slowDone;
    const last = slow.text().trimEnd().split('\n').pop() ?? '';
    assert.match(last, new RegExp(`none of its output is stored \\(output_max_bytes is 0, or its first line was not stored\\), GET ${links.record(r.record.id)} has its result$`));
    assert.doesNotMatch(last, /first 0 bytes/);
    sink.close();
    r.done();
  });

  it('keeps a follower that falls behind within the window: once it reads, it gets every line', async () => {
    hub = hubWith(0, 1024 * 1024);
    const r = run();
    const sink = hub.open(r.record.id);
    const paced = follower('paced');
    const done = hub.stream(paced.res, { id: r.record.id, events: true, record: r.record, finished: r.finished });
    const lines = Array.from({ length: 600 }, (_, i) => `Notice: line ${i} ${'y'.repeat(1000)}`);
    await print(sink, lines);
    assert.ok(paced.res.writableLength >= OUTPUT_LIMITS.followerBufferBytes, 'it fell behind');
    assert.ok(paced.res.writableLength < OUTPUT_LIMITS.followerBufferBytes + OUTPUT_LIMITS.storeChunkBytes * 2, 'and was sent no more');
    sink.close();
    const end = r.done();
    while (!paced.state.ended) {
      paced.read();
      await turn();
    }
    await done;
    assert.equal(paced.text(), lines.map(outputEvent).join('') + finishedEvent(end));
  });

  it('cuts off a follower whose socket takes nothing for the stall budget, even within the window, after the run too', async () => {
    hub = createOutputHub({ store: createOutputStore({ dir, maxBytes: 1024 * 1024, log }), windowBytes: 4 * 1024 * 1024, outcome: outcomeOfRecord, links, log, stallMs: 50 });
    const r = run();
    const sink = hub.open(r.record.id);
    const stuck = follower('slow');
    const done = hub.stream(stuck.res, { id: r.record.id, events: false, record: r.record, finished: r.finished });
    await print(sink, Array.from({ length: 300 }, (_, i) => `Notice: line ${i} ${'s'.repeat(1000)}`));
    sink.close();
    r.done();
    assert.equal(stuck.state.ended, false, 'not cut off for falling behind: the window has its next line');
    await done;
    assert.equal(stuck.text().trimEnd().split('\n').pop(), NOTE.stalled(r.record.id, links, 0.05));
    assert.equal(stuck.state.socketClosing, true);
    assert.match(log.infos.join('\n'), new RegExp(`output stream of run ${r.record.id} cut off: the client read nothing for 0.05 s`));
  });

  it('a follower that comes late reads the run from the stored file, then from the window, without a gap', async () => {
    hub = hubWith(64 * 1024, 64 * 1024);
    const r = run();
    const sink = hub.open(r.record.id);
    const lines = Array.from({ length: 100 }, (_, i) => `Notice: line ${i} ${'z'.repeat(1000)}`);
    await print(sink, lines);
    // the window holds the last 64 KiB, the store the first: together all of it
    const late = follower('paced');
    const done = hub.stream(late.res, { id: r.record.id, events: false, record: r.record, finished: r.finished });
    const more = Array.from({ length: 20 }, (_, i) => `Notice: more ${i}`);
    for (;;) {
      late.read();
      await settle();
      if (late.text().split('\n').length > lines.length) break;
    }
    await print(sink, more);
    sink.close();
    const end = r.done();
    while (!late.state.ended) {
      late.read();
      await settle();
    }
    await done;
    assert.equal(late.text(), [...lines, ...more, finishedLine(end, outcomeOfRecord(end))].map(plainChunk).join(''));
    assert.equal(log.infos.length, 0, 'nobody was cut off');
  });

  it('a follower that comes late to a run past output_max_bytes gets every line from the window (as events too)', async () => {
    hub = hubWith(1024, 1024 * 1024);
    const r = run();
    const sink = hub.open(r.record.id);
    const lines = Array.from({ length: 2000 }, (_, i) => `Notice: line ${i}`);
    await print(sink, lines, 500);
    const [plain, events] = [follower('fast'), follower('fast')];
    const both = [
      hub.stream(plain.res, { id: r.record.id, events: false, record: r.record, finished: r.finished }),
      hub.stream(events.res, { id: r.record.id, events: true, record: r.record, finished: r.finished }),
    ];
    sink.write('Notice: last');
    sink.close();
    const end = r.done();
    await Promise.all(both);
    assert.equal(plain.text(), [...lines, 'Notice: last', finishedLine(end, outcomeOfRecord(end))].map(plainChunk).join(''));
    assert.equal(events.text(), [...lines, 'Notice: last'].map(outputEvent).join('') + finishedEvent(end));
  });
});
