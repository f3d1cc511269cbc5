import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../../../ts/log';
import { RUN_ID } from '../../../../ts/puppet/protocol';
import { addTail, newRecord, newRunId, openRecordStore } from '../../../../ts/core/records';
import { trySymlink } from '../fs-by-platform';
import { turnsDuring } from '../../support/turns';

const windows = process.platform === 'win32';
/** Windows has no POSIX modes: Node reports 0666 for a directory there, and its ACL decides who may write. */
const STATE_DIR_MODE = windows ? 0o666 : 0o750;

function collect(): Logger & { errors: string[]; infos: string[] } {
  const errors: string[] = [];
  const infos: string[] = [];
  return { errors, infos, info: (m) => infos.push(m), error: (m) => errors.push(m), flush: () => undefined };
}

const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, i));
const fresh = (i = 0) => newRecord({ source: 'http', client: null, identity: null, options: {} }, at(i));

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
  it('saves atomically, reads back after a reopen, newest first', async () => {
    const store = openRecordStore(dir, 10, collect());
    const first = newRecord({ source: 'http', client: '127.0.0.1', identity: null, options: {} }, new Date('2026-01-01T00:00:00Z'));
    const second = newRecord({ source: 'http', client: '127.0.0.1', identity: null, options: { noop: true } }, new Date('2026-01-01T00:00:01Z'));
    store.save(first);
    store.save(second);
    assert.deepEqual(readdirSync(dir).sort(), [`${first.id}.json`, `${second.id}.json`]);
    const again = openRecordStore(dir, 10, collect());
    assert.deepEqual((await again.list()).map((r) => r.id), [second.id, first.id]);
    assert.deepEqual(again.get(second.id)?.options, { noop: true });
  });
  it('keeps the newest `history` finished runs', async () => {
    const store = openRecordStore(dir, 3, collect());
    const ids = [];
    for (let i = 0; i < 5; i++) {
      const r = { ...newRecord({ source: 'http', client: null, identity: null, options: {} }, new Date(Date.UTC(2026, 0, 1, 0, 0, i))), state: 'finished' as const };
      store.save(r);
      ids.push(r.id);
    }
    assert.deepEqual((await store.list()).map((r) => r.id), ids.slice(2).reverse());
    assert.equal(readdirSync(dir).length, 3);
  });
  it("removes a pruned run's stored output and report with its record", () => {
    const store = openRecordStore(dir, 1, collect());
    const old = { ...newRecord({ source: 'http', client: null, identity: null, options: {} }, new Date(Date.UTC(2026, 0, 1))), state: 'finished' as const };
    store.save(old);
    writeFileSync(join(dir, `${old.id}.log`), 'Notice: output\n');
    writeFileSync(join(dir, `${old.id}.report.json`), '{}\n');
    const next = newRecord({ source: 'http', client: null, identity: null, options: {} }, new Date(Date.UTC(2026, 0, 2)));
    store.save(next);
    assert.deepEqual(readdirSync(dir), [`${next.id}.json`]);
  });
  it('skips a truncated or foreign file with a warning and keeps the rest', async () => {
    const store = openRecordStore(dir, 10, collect());
    const good = newRecord({ source: 'http', client: null, identity: null, options: {} });
    store.save(good);
    const broken = newRunId();
    writeFileSync(join(dir, `${broken}.json`), readFileSync(join(dir, `${good.id}.json`), 'utf8').slice(0, 20));
    writeFileSync(join(dir, 'notes.txt'), 'not a record');
    const log = collect();
    const again = openRecordStore(dir, 10, log);
    assert.deepEqual((await again.list()).map((r) => r.id), [good.id]);
    assert.equal(log.errors.length, 1);
    assert.match(log.errors[0], new RegExp(`skipping run record .*${broken}\\.json`));
  });
  it('skips a record not valid JSON without quoting it', () => {
    const id = newRunId();
    writeFileSync(join(dir, `${id}.json`), 'root:$6$secret-hash:19000:0:99999:7:::\n');
    const log = collect();
    openRecordStore(dir, 10, log);
    assert.deepEqual(log.errors, [`skipping run record ${join(dir, `${id}.json`)}: not valid JSON`]);
  });

  it('never follows a symbolic link named like a record, reads no file over 1 MiB, waits on no FIFO', async () => {
    const secret = join(dir, 'secret');
    writeFileSync(secret, 'root:$6$secret-hash:19000\n', { mode: 0o600 });
    const [link, big, fifo] = [newRunId(at(1)), newRunId(at(2)), newRunId(at(3))];
    const linked = trySymlink(secret, join(dir, `${link}.json`));
    writeFileSync(join(dir, `${big}.json`), `{"junk":"${'x'.repeat(2 * 1024 * 1024)}"}`);
    // Windows has no FIFO in a directory: a directory named like a record is what is not a regular file there
    if (windows) mkdirSync(join(dir, `${fifo}.json`));
    else execFileSync('mkfifo', [join(dir, `${fifo}.json`)]);
    const good = fresh(0);
    openRecordStore(dir, 10, collect()).save(good);
    const log = collect();
    const store = openRecordStore(dir, 10, log);
    assert.deepEqual((await store.list()).map((r) => r.id), [good.id]);
    assert.deepEqual(log.errors.sort(), [
      `skipping run record ${join(dir, `${big}.json`)}: it is larger than 1048576 bytes (not read)`,
      `skipping run record ${join(dir, `${fifo}.json`)}: it is not a regular file`,
      ...(linked ? [`skipping run record ${join(dir, `${link}.json`)}: it is a symbolic link (not followed)`] : []),
    ].sort());
    assert.ok(linked || windows, 'Linux makes the link');
    assert.ok(!log.errors.join('\n').includes('secret-hash'));
  });

  it('removes the temporary files interrupted writes left', () => {
    const good = fresh();
    openRecordStore(dir, 10, collect()).save(good);
    writeFileSync(join(dir, `.${good.id}.json.4242.tmp`), '');
    writeFileSync(join(dir, '.deliveries.json.77.tmp'), '{"half');
    const log = collect();
    openRecordStore(dir, 10, log);
    assert.deepEqual(readdirSync(dir), [`${good.id}.json`]);
    assert.deepEqual(log.infos, [`removed 2 temporary file(s) left in ${dir} by interrupted writes`]);
  });

  it('at start, removes the report files whose record is not there, and nothing else', () => {
    const id = newRunId(at(1));
    const other = newRunId(at(2));
    writeFileSync(join(dir, `${id}.json`), '{}');
    writeFileSync(join(dir, `${id}.report.json`), '{}');
    writeFileSync(join(dir, `${other}.report.json`), '{}');
    writeFileSync(join(dir, `${other}.log`), 'output\n');
    writeFileSync(join(dir, 'audit.log'), '');
    const log = collect();
    openRecordStore(dir, 10, log);
    assert.deepEqual(readdirSync(dir).sort(), [`${id}.json`, `${id}.report.json`, `${other}.log`, 'audit.log'].sort());
    assert.deepEqual(log.infos, [`removed 1 report file without a record from ${dir}`]);
    openRecordStore(dir, 10, log);
    assert.equal(log.infos.length, 1, 'no line when there is none');
  });

  it('reads only the newest `history` records at start and removes the older ones unread after it', async () => {
    const store = openRecordStore(dir, 100, collect());
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = { ...fresh(10 + i), state: 'finished' as const };
      store.save(r);
      ids.push(r.id);
    }
    // older than all of them: would be skipped with a line if it were read
    writeFileSync(join(dir, `${newRunId(at(1))}.json`), 'x'.repeat(2 * 1024 * 1024));
    writeFileSync(join(dir, `${ids[0]}.log`), 'Notice: output\n');
    writeFileSync(join(dir, `${ids[1]}.report.json`), '{}\n');
    const log = collect();
    const again = openRecordStore(dir, 3, log);
    assert.deepEqual((await again.list()).map((r) => r.id), ids.slice(3).reverse());
    assert.deepEqual(log.errors, [], 'the older files were not read');
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(readdirSync(dir).sort(), ids.slice(3).map((id) => `${id}.json`));
    assert.deepEqual(log.infos, [`removed 4 run record(s) older than history allows from ${dir}, unread`]);
  });

  it('reads the newest two with history=1: a run going and one queued behind it', async () => {
    const store = openRecordStore(dir, 1, collect());
    const running = { ...fresh(1), state: 'running' as const };
    const queued = fresh(2);
    store.save(running);
    store.save(queued);
    assert.deepEqual((await openRecordStore(dir, 1, collect()).list(Infinity)).map((r) => r.id), [queued.id, running.id]);
  });

  it('creates a missing state_dir 0750, and refuses to open one it cannot write', () => {
    const sub = join(dir, 'a', 'state');
    openRecordStore(sub, 10, collect());
    assert.equal(statSync(sub).mode & 0o777, STATE_DIR_MODE);
    assert.deepEqual(readdirSync(sub), [], 'the probe file is gone');
    writeFileSync(join(dir, 'file'), '');
    assert.throws(() => openRecordStore(join(dir, 'file', 'state'), 10, collect()), /ENOTDIR/);
  });

  it('create() writes before it keeps: a record state_dir refuses is not kept, and the error names state_dir', () => {
    const sub = join(dir, 'state');
    const kinds: string[] = [];
    const store = openRecordStore(sub, 10, collect(), { onWriteError: (kind) => kinds.push(kind) });
    rmSync(sub, { recursive: true });
    // every write now fails with ENOTDIR; Windows says ENOENT, and making state_dir again then EEXIST
    writeFileSync(sub, 'a file where state_dir was');
    const code = windows ? 'EEXIST' : 'ENOTDIR';
    const r = fresh();
    assert.throws(() => store.create(r), (err: Error & { code?: string }) => err.message.startsWith(`state_dir ${sub}: ${code}`) && err.code === code);
    assert.equal(store.get(r.id), undefined);
    assert.deepEqual(kinds, [code]);
    assert.equal(store.health().writable, false);
  });

  it('save() keeps a record whose write failed, serves it, and writes it once state_dir takes writes again', async () => {
    const sub = join(dir, 'state');
    const timers: (() => void)[] = [];
    const log = collect();
    const store = openRecordStore(sub, 10, log, { later: (run) => timers.push(run) });
    const r = fresh();
    store.create(r);
    rmSync(sub, { recursive: true });
    writeFileSync(sub, '');
    Object.assign(r, { state: 'finished', exit_code: 2, outcome: 'changes' });
    store.save(r);
    assert.equal(store.get(r.id)?.exit_code, 2);
    assert.deepEqual((await store.list()).map((x) => x.id), [r.id]);
    assert.equal(store.health().writable, false);
    rmSync(sub);
    timers.shift()?.();
    assert.equal(JSON.parse(readFileSync(join(sub, `${r.id}.json`), 'utf8')).exit_code, 2);
    assert.equal(store.health().writable, true);
    assert.match(log.errors.join('\n'), /was missing: made again/);
  });

  it('makes a removed state_dir again for the next write', () => {
    const sub = join(dir, 'state');
    const store = openRecordStore(sub, 10, collect());
    rmSync(sub, { recursive: true });
    const r = fresh();
    store.create(r);
    assert.deepEqual(readdirSync(sub), [`${r.id}.json`]);
    assert.equal(statSync(sub).mode & 0o777, STATE_DIR_MODE);
  });

  it('discard() forgets a record, file and output', () => {
    const store = openRecordStore(dir, 10, collect());
    const r = fresh();
    store.create(r);
    writeFileSync(join(dir, `${r.id}.log`), 'Notice: x\n');
    store.discard(r.id);
    assert.equal(store.get(r.id), undefined);
    assert.deepEqual(readdirSync(dir), []);
  });

  describe('memory that does not grow with history', () => {
    const finished = (i: number) => ({ ...fresh(i), state: 'finished' as const });

    it('holds the newest `cached` finished records and reads older ones from their files when asked for', async () => {
      const store = openRecordStore(dir, 10, collect(), { cached: 3 });
      const records = Array.from({ length: 8 }, (_, i) => finished(i));
      for (const r of records) store.save(r);
      const ids = records.map((r) => r.id);
      assert.deepEqual(store.recent().map((r) => r.id), ids.slice(5).reverse(), 'only the newest three held');
      assert.deepEqual((await store.list()).map((r) => r.id), [...ids].reverse(), 'the list still has all eight');
      assert.equal((await store.list(2)).length, 2);
      // the file is what an older record is read from
      const old = JSON.parse(readFileSync(join(dir, `${ids[0]}.json`), 'utf8'));
      writeFileSync(join(dir, `${ids[0]}.json`), JSON.stringify({ ...old, outcome: 'changes' }));
      assert.equal(store.get(ids[0])?.outcome, 'changes');
      assert.equal(store.get(ids[7]), records[7], 'a held record is the object the runner holds');
      assert.ok(store.has(ids[0]) && store.has(ids[7]));
      assert.equal(store.has(newRunId(at(99))), false);
    });

    it('at start reads only the newest `cached` records; an older file that is no record is named when first asked for, once', async () => {
      const seed = openRecordStore(dir, 10, collect(), { cached: 10 });
      const records = Array.from({ length: 6 }, (_, i) => finished(10 + i));
      for (const r of records) seed.save(r);
      const junk = newRunId(at(11));
      writeFileSync(join(dir, `${junk}.json`), 'root:$6$secret-hash:19000\n');
      const log = collect();
      const store = openRecordStore(dir, 10, log, { cached: 2 });
      assert.deepEqual(log.errors, [], 'the older files were not read at start');
      assert.equal(store.find(() => true)?.id, records[5].id);
      assert.deepEqual(log.errors, [], 'find reads no further back than it must');
      assert.deepEqual((await store.list()).map((r) => r.id), records.map((r) => r.id).reverse());
      assert.deepEqual(log.errors, [`skipping run record ${join(dir, `${junk}.json`)}: not valid JSON`]);
      await store.list();
      assert.equal(log.errors.length, 1, 'named once: it left the index');
      assert.equal(store.get(junk), undefined);
    });

    it('lets other work in while it reads a long history from files', async () => {
      const store = openRecordStore(dir, 1000, collect(), { cached: 2 });
      for (let i = 0; i < 450; i++) store.save(finished(i));
      const { value: records, turns } = await turnsDuring(() => store.list());
      assert.equal(records.length, 450);
      assert.ok(turns >= 2, `other work ran ${turns} times while 448 files were read`);
    });

    it('prunes records it does not hold, oldest first, files and all', async () => {
      const store = openRecordStore(dir, 4, collect(), { cached: 2 });
      const records = Array.from({ length: 7 }, (_, i) => finished(i));
      for (const r of records) store.save(r);
      writeFileSync(join(dir, `${records[3].id}.log`), 'Notice: output\n');
      const last = finished(20);
      store.save(last);
      const kept = [...records.slice(4), last].map((r) => r.id);
      assert.deepEqual((await store.list()).map((r) => r.id), [...kept].reverse());
      assert.deepEqual(readdirSync(dir).sort(), kept.map((id) => `${id}.json`), "record 3 and its output are gone");
      assert.equal(store.has(records[3].id), false);
    });

    it('keeps holding records whose writes wait, whatever the cache\'s size, and lets go of them once written', async () => {
      const sub = join(dir, 'state');
      const timers: (() => void)[] = [];
      const store = openRecordStore(sub, 10, collect(), { cached: 2, later: (run) => timers.push(run) });
      rmSync(sub, { recursive: true });
      writeFileSync(sub, 'a file where state_dir was: every write fails');
      const waiting = Array.from({ length: 5 }, (_, i) => finished(i));
      for (const r of waiting) store.save(r);
      assert.equal(store.recent().length, 5, 'all held: they are on no disk');
      assert.equal(store.get(waiting[0].id), waiting[0]);
      rmSync(sub);
      timers.shift()?.();
      assert.equal(readdirSync(sub).length, 5);
      store.save(finished(9));
      assert.equal(store.recent().length, 2, 'written, then let go of');
      assert.equal((await store.list()).length, 6);
      assert.equal(store.get(waiting[0].id)?.id, waiting[0].id);
    });
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
