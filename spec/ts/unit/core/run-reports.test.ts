import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { trySymlink } from '../fs-by-platform';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../../../ts/log';
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
});
