import { strict as assert } from 'node:assert';
import type { Logger } from '../../../../ts/log';
import { newRecord, type RunRecord } from '../../../../ts/core/records';
import { createRecordWriter, errorKind, remedy } from '../../../../ts/core/record-writes';

function collect(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`INFO ${m}`), error: (m) => lines.push(`ERROR ${m}`), flush: () => undefined };
}

const enospc = () => Object.assign(new Error("ENOSPC: no space left on device, open '/s/.x.json.1.tmp'"), { code: 'ENOSPC' });

/** A writer over a fake disk that refuses while `full`, with a hand-run timer. */
function setup() {
  const disk = new Map<string, string>();
  const state = { full: false };
  const timers: { run: () => void; ms: number }[] = [];
  const kinds: string[] = [];
  const log = collect();
  const writer = createRecordWriter({
    dir: '/s',
    log,
    onError: (kind) => kinds.push(kind),
    now: () => new Date('2026-12-06T10:00:00Z'),
    later: (run, ms) => timers.push({ run, ms }),
    writeFile: (record) => {
      if (state.full) throw enospc();
      disk.set(record.id, JSON.stringify(record));
    },
  });
  const fire = () => timers.shift()?.run();
  return { disk, state, timers, kinds, log, writer, fire };
}

const record = (): RunRecord => newRecord({ source: 'http', client: null, identity: null, options: {} });

describe('record-writes: run records when state_dir refuses', () => {
  it('write() counts, reports and throws a failure; nothing is kept to write again', () => {
    const { writer, state, kinds, timers } = setup();
    state.full = true;
    assert.throws(() => writer.write(record()), /ENOSPC/);
    assert.deepEqual(kinds, ['ENOSPC']);
    assert.deepEqual(writer.health(), { writable: false, lastError: { time: '2026-12-06T10:00:00.000Z', message: "ENOSPC: no space left on device, open '/s/.x.json.1.tmp'" } });
    assert.equal(writer.pending(), 0);
    assert.equal(timers.length, 0);
  });

  it('save() keeps what failed and writes it again, waiting 1 s, then twice as long each time up to 60 s', () => {
    const { writer, state, timers, fire, disk } = setup();
    const r = record();
    state.full = true;
    writer.save(r);
    assert.equal(writer.pending(), 1);
    const waits: number[] = [];
    for (let i = 0; i < 9; i++) {
      waits.push(timers[0].ms);
      fire();
    }
    assert.deepEqual(waits, [1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
    assert.equal(timers.length, 1, 'one timer at a time');
    state.full = false;
    r.state = 'finished';
    fire();
    assert.equal(writer.pending(), 0);
    assert.equal(JSON.parse(disk.get(r.id) ?? '{}').state, 'finished', 'the record as it is now is written');
    assert.equal(timers.length, 0);
  });

  it('logs one line when writes start failing and one when they work again, not one per attempt', () => {
    const { writer, state, log, fire, kinds } = setup();
    state.full = true;
    for (let i = 0; i < 5; i++) writer.save(record());
    fire();
    fire();
    assert.equal(log.lines.length, 1);
    assert.match(log.lines[0], /^ERROR cannot write run records in state_dir \/s: ENOSPC: .*free space in state_dir/);
    assert.equal(kinds.length, 7, 'every failed write is counted');
    state.full = false;
    fire();
    assert.deepEqual(log.lines.slice(1), ['INFO run records are written to state_dir /s again']);
    assert.equal(writer.health().writable, true);
    assert.notEqual(writer.health().lastError, null, 'the last error stays to be seen');
  });

  it('a write that succeeds writes what waits at once, without waiting for the timer', () => {
    const { writer, state, disk } = setup();
    const old = record();
    state.full = true;
    writer.save(old);
    state.full = false;
    writer.save(record());
    assert.equal(writer.pending(), 0);
    assert.ok(disk.has(old.id));
  });

  it('forgets a record that needs no more writing', () => {
    const { writer, state, fire, disk } = setup();
    const r = record();
    state.full = true;
    writer.save(r);
    writer.forget(r.id);
    state.full = false;
    fire();
    assert.equal(disk.size, 0);
  });

  it('labels errors by code, says what to do', () => {
    assert.equal(errorKind(enospc()), 'ENOSPC');
    assert.equal(errorKind(new Error('x')), 'other');
    assert.equal(errorKind(Object.assign(new Error('x'), { code: 'weird label' })), 'other');
    assert.match(remedy('ENOSPC'), /free space/);
    assert.match(remedy('EROFS'), /writable/);
    assert.match(remedy('EIO'), /free space.*writable/);
  });
});
