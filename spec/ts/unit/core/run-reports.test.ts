import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { trySymlink } from '../fs-by-platform';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../../../ts/log';
import { newRecord, openRecordStore } from '../../../../ts/core/records';
import { recordPath } from '../../../../ts/core/record-files';
import { createReportStore, reportPath } from '../../../../ts/core/run-reports';
import { reportError, type RunReport } from '../../../../ts/puppet/report';

function collect(): Logger & { errors: string[]; infos: string[] } {
  const errors: string[] = [];
  const infos: string[] = [];
  return { errors, infos, info: (m) => infos.push(m), error: (m) => errors.push(m), flush: () => undefined };
}

const ID = '20261206T100000000Z-abcdef';
const REPORT: RunReport = { time: '2026-12-06T10:00:00+00:00', status: 'changed', noop: false, resources: [], resources_left_out: 0, error: null };

describe("run-reports: each run's report beside its record", () => {
  let dir = '';
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'twitch-reports-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes <id>.report.json and reads it back; none for a run without one', () => {
    const store = createReportStore({ dir, log: collect() });
    store.save(ID, REPORT);
    assert.deepEqual(JSON.parse(readFileSync(reportPath(dir, ID), 'utf8')), REPORT);
    assert.deepEqual(store.get(ID), { report: REPORT });
    assert.equal(store.get('20261206T100000000Z-000000'), undefined);
  });

  it('says why a file cannot be read: not JSON, a link', () => {
    const store = createReportStore({ dir, log: collect() });
    writeFileSync(reportPath(dir, ID), 'not json');
    assert.deepEqual(store.get(ID), { problem: 'its file is not valid JSON' });
    const other = '20261206T100000000Z-111111';
    if (trySymlink(reportPath(dir, ID), reportPath(dir, other))) {
      assert.match(String((store.get(other) as { problem: string }).problem), /symbolic link/);
    } else assert.equal(store.get(other), undefined, 'no link could be made (Wine): no file, no report');
  });

  it('a write that fails is counted, logged once, served from memory and written again later', () => {
    const log = collect();
    const kinds: string[] = [];
    const timers: (() => void)[] = [];
    const store = createReportStore({ dir: join(dir, 'missing', 'deeper'), log, onWriteError: (k) => kinds.push(k), later: (run) => timers.push(run) });
    const report = reportError('x');
    store.save(ID, report);
    assert.deepEqual(kinds, ['ENOENT']);
    assert.equal(log.errors.length, 1);
    assert.match(log.errors[0], /cannot write the report of run .* kept in memory and written again/);
    assert.deepEqual(store.get(ID), { report });
    timers.shift()?.();
    assert.deepEqual(kinds, ['ENOENT', 'ENOENT'], 'tried again');
    assert.equal(log.errors.length, 1, 'logged once');
    assert.equal(timers.length, 1, 'and again later');
  });

  it('drops a report waiting to be written once its record is gone, instead of writing a file that stays for ever', () => {
    const log = collect();
    const timers: (() => void)[] = [];
    const records = new Set([ID]);
    const store = createReportStore({ dir: join(dir, 'missing'), log, kept: (id) => records.has(id), later: (run) => timers.push(run) });
    store.save(ID, REPORT);
    assert.deepEqual(store.get(ID), { report: REPORT }, 'served from memory while its record is kept');
    mkdirSync(join(dir, 'missing'));
    records.delete(ID);
    assert.equal(store.get(ID), undefined, 'not served once its record is gone');
    timers.shift()?.();
    assert.equal(existsSync(reportPath(join(dir, 'missing'), ID)), false, 'not written');
    assert.equal(timers.length, 0, 'nothing left to try again');
    assert.match(log.infos.join('\n'), new RegExp(`dropped the report of run ${ID}, not yet written: its record is gone`));
  });

  it('with the record store: a report whose record history prunes while its write waits is never written', () => {
    const log = collect();
    const timers: (() => void)[] = [];
    const records = openRecordStore(dir, 1, log);
    const reports = createReportStore({ dir, log, kept: (id) => records.has(id), later: (run) => timers.push(run) });
    const first = { ...newRecord({ source: 'http', client: null, identity: null, options: {} }, new Date('2026-12-06T10:00:00Z')), state: 'finished' as const };
    records.create(first);
    // a directory where the report goes: its write fails (rename onto a directory), as on a full disk
    mkdirSync(reportPath(dir, first.id));
    reports.save(first.id, REPORT);
    assert.equal(log.errors.length, 1, log.errors.join('\n'));
    records.create(newRecord({ source: 'http', client: null, identity: null, options: {} }, new Date('2026-12-06T11:00:00Z')));
    assert.equal(existsSync(recordPath(dir, first.id)), false, 'history 1: the first record is pruned');
    rmdirSync(reportPath(dir, first.id)); // space again
    timers.shift()?.();
    assert.equal(existsSync(reportPath(dir, first.id)), false, 'no report without its record');
  });
});
