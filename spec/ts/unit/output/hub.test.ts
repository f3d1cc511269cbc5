import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finishedEvent, finishedLine, NOTE, outputEvent, plainChunk } from '../../../../ts/output/format';
import { createOutputHub, type OutputHub } from '../../../../ts/output/hub';
import { createOutputStore } from '../../../../ts/output/store';
import { outcomeOfRecord } from '../../../../ts/core/runner';
import { follower, links, logger, run } from './fakes';

describe('output hub: the live fan-out of a run', () => {
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
