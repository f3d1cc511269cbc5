import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../../../ts/log';
import { RUN_ID } from '../../../../ts/puppet/protocol';
import { addTail, newRecord, newRunId, openRecordStore } from '../../../../ts/core/records';

function collect(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return { errors, info: () => undefined, error: (m) => errors.push(m), flush: () => undefined };
}

describe('records: one JSON file per run', () => {
  let dir = '';
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'twitch-records-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('makes ids that sort by time and do not repeat', () => {
    const a = newRunId(new Date('2026-11-25T06:00:00.001Z'));
    const b = newRunId(new Date('2026-11-25T06:00:00.002Z'));
    assert.match(a, RUN_ID);
    assert.ok(a < b);
    assert.notEqual(newRunId(new Date(0)), newRunId(new Date(0)));
  });
  it('saves atomically, reads back after a reopen, newest first', () => {
    const store = openRecordStore(dir, 10, collect());
    const first = newRecord({ source: 'http', client: '127.0.0.1', identity: null, options: {} }, new Date('2026-01-01T00:00:00Z'));
    const second = newRecord({ source: 'http', client: '127.0.0.1', identity: null, options: { noop: true } }, new Date('2026-01-01T00:00:01Z'));
    store.save(first);
    store.save(second);
    assert.deepEqual(readdirSync(dir).sort(), [`${first.id}.json`, `${second.id}.json`]);
    const again = openRecordStore(dir, 10, collect());
    assert.deepEqual(again.list().map((r) => r.id), [second.id, first.id]);
    assert.deepEqual(again.get(second.id)?.options, { noop: true });
  });
  it('keeps the newest `history` finished runs', () => {
    const store = openRecordStore(dir, 3, collect());
    const ids = [];
    for (let i = 0; i < 5; i++) {
      const r = { ...newRecord({ source: 'http', client: null, identity: null, options: {} }, new Date(Date.UTC(2026, 0, 1, 0, 0, i))), state: 'finished' as const };
      store.save(r);
      ids.push(r.id);
    }
    assert.deepEqual(store.list().map((r) => r.id), ids.slice(2).reverse());
    assert.equal(readdirSync(dir).length, 3);
  });
  it("removes a pruned run's stored output with its record", () => {
    const store = openRecordStore(dir, 1, collect());
    const old = { ...newRecord({ source: 'http', client: null, identity: null, options: {} }, new Date(Date.UTC(2026, 0, 1))), state: 'finished' as const };
    store.save(old);
    writeFileSync(join(dir, `${old.id}.log`), 'Notice: output\n');
    const next = newRecord({ source: 'http', client: null, identity: null, options: {} }, new Date(Date.UTC(2026, 0, 2)));
    store.save(next);
    assert.deepEqual(readdirSync(dir), [`${next.id}.json`]);
  });
  it('skips a truncated or foreign file with a warning and keeps the rest', () => {
    const store = openRecordStore(dir, 10, collect());
    const good = newRecord({ source: 'http', client: null, identity: null, options: {} });
    store.save(good);
    const broken = newRunId();
    writeFileSync(join(dir, `${broken}.json`), readFileSync(join(dir, `${good.id}.json`), 'utf8').slice(0, 20));
    writeFileSync(join(dir, 'notes.txt'), 'not a record');
    const log = collect();
    const again = openRecordStore(dir, 10, log);
    assert.deepEqual(again.list().map((r) => r.id), [good.id]);
    assert.equal(log.errors.length, 1);
    assert.match(log.errors[0], new RegExp(`skipping run record .*${broken}\\.json`));
  });
  it('keeps the last 50 output lines, each clipped', () => {
    const tail: string[] = [];
    for (let i = 0; i < 60; i++) addTail(tail, `line ${i}`);
    addTail(tail, 'x'.repeat(5000));
    assert.equal(tail.length, 50);
    assert.equal(tail[0], 'line 11');
    assert.equal(tail[49].length, 1003);
  });
});
