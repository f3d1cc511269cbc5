import { strict as assert } from 'node:assert';
import { exitStatus, isFailure, recordOutcome, summarize, type NodeResult } from '../../../../ts/fleet/outcomes';
import { groupDrift } from '../../../../ts/fleet/drift';
import { DRIFT_LINES_SHOWN, fleetDocument, progressLine, summaryLine, table } from '../../../../ts/fleet/report';

const result = (node: string, fields: Partial<NodeResult> = {}): NodeResult => ({
  node, address: node, url: `http://${node}:2023`, outcome: 'ok', run_id: null, exit_code: 0, resources: { changed: 0, failed: 0, total: 9 },
  started_at: null, finished_at: null, duration_seconds: 1.25, attempts: 1, http_status: 200, error: null, batch: 1, drift: null, drift_partial: null, report_error: null, ...fields,
});

const progress = { total: 0, done: 0, running: 0, failed: 0, counts: summarize([]), batch: null, batches: 1, elapsedSeconds: 0 };

const doc = (results: NodeResult[], fields: Partial<Parameters<typeof fleetDocument>[0]> = {}) => fleetDocument({
  started_at: '2026-12-03T10:00:00.000Z', finished_at: '2026-12-03T10:00:42.000Z', duration_seconds: 42, selection: { nodes: ['x'] },
  puppetdb_query_seconds: null, concurrency: 10, max_failures: null, busy_timeout: 0, options: {},
  order: 'name', seed: null, canary: null, batch_size: null, batch_sleep: 0, max_failures_given: null, batches: 1, stopped: null, drift: null, exit_status: 0, ...fields,
}, results);

describe('fleet/outcomes and fleet/report', () => {
  it('maps run records and counts failures; skipped does not count against --max-failures but fails the exit status', () => {
    assert.deepEqual(['no_changes', 'changes', 'disabled', 'failures', null].map((o) => recordOutcome(o as never)), ['ok', 'changes', 'disabled', 'failed', 'failed']);
    assert.equal(recordOutcome('noop_changes'), 'drift');
    assert.equal(isFailure('drift'), false);
    assert.equal(exitStatus([result('a'), result('b', { outcome: 'drift' })], null), 0);
    assert.equal(isFailure('skipped'), false);
    assert.equal(isFailure('busy'), true);
    assert.equal(exitStatus([result('a'), result('b', { outcome: 'changes' })], null), 0);
    assert.equal(exitStatus([result('a'), result('b', { outcome: 'skipped' })], null), 1);
  });
  it('sorts by outcome then node, and sums every outcome', () => {
    const d = doc([result('web2', { outcome: 'failed', exit_code: 1 }), result('web1', { outcome: 'changes', exit_code: 2 }), result('db1')]);
    assert.deepEqual(d.nodes.map((n) => n.node), ['db1', 'web1', 'web2']);
    assert.deepEqual(d.summary, { total: 3, ok: 1, changes: 1, drift: 0, skipped: 0, unknown: 0, busy: 0, disabled: 0, refused: 0, unreachable: 0, failed: 1 });
  });
  it('prints a table whose first six columns hold no spaces, then the summary line', () => {
    const d = doc([
      result('web1.example.com', { outcome: 'changes', exit_code: 2, resources: { changed: 3, failed: 0 }, run_id: 'r1' }),
      result('db1', { outcome: 'unreachable', exit_code: null, resources: null, duration_seconds: null, address: '10.0.0.5', error: 'no connection to 10.0.0.5:2023 within 5 s' }),
      result('app1', { outcome: 'busy', attempts: 3, error: 'Puppet already running', resources: null, exit_code: null }),
    ]);
    const lines = table(d).trimEnd().split('\n');
    assert.deepEqual(lines[0].split(/\s+/), ['NODE', 'OUTCOME', 'EXIT', 'CHANGED', 'FAILED', 'SECONDS', 'DETAIL']);
    assert.deepEqual(lines[1].split(/\s+/).slice(0, 6), ['web1.example.com', 'changes', '2', '3', '0', '1.3']);
    assert.match(lines[1], /run r1$/);
    assert.deepEqual(lines[2].split(/\s+/).slice(0, 6), ['app1', 'busy', '-', '-', '-', '1.3']);
    assert.match(lines[2], /Puppet already running, after 3 tries$/);
    assert.deepEqual(lines[3].split(/\s+/).slice(0, 6), ['db1', 'unreachable', '-', '-', '-', '-']);
    assert.match(lines[3], /within 5 s, at 10\.0\.0\.5$/);
    assert.equal(lines[4], '3 nodes in 42.0 s: 1 changes, 1 busy, 1 unreachable');
  });
  it('summarizes one node in the singular and shows progress', () => {
    assert.equal(summaryLine(summarize([result('a')]), 1.04), '1 node in 1.0 s: 1 ok');
    const counts = { ...summarize([]), ok: 30, changes: 8, failed: 2 };
    assert.equal(progressLine({ ...progress, total: 100, done: 40, running: 10, failed: 2, counts, elapsedSeconds: 12.5 }), 'fleet: 40/100 done (30 ok, 8 changes, 2 failed), 10 running, 3.2 nodes/s, about 19 s left');
  });
  it('shows every value of the table and the progress line with its control characters escaped', () => {
    const hostile = '\x1b[2J\x1b]0;x\x07\r\b\0\x7f\x85\x9b1m\u2028\u202e';
    const d = doc([
      result(`web1${hostile}`, { outcome: 'failed', address: `10.0.0.1${hostile}`, error: `boom${hostile}`, exit_code: hostile as never, resources: { changed: hostile as never, failed: hostile as never } }),
      result(`web2${hostile}`, { run_id: `r${hostile}`, exit_code: { toString: () => hostile } as never }),
    ]);
    const text = table(d) + progressLine({ ...progress, total: hostile as never, done: hostile as never, running: hostile as never, failed: hostile as never, elapsedSeconds: 1 });
    assert.doesNotMatch(text, /[\0-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    assert.ok(text.includes('web1\\x1b[2J\\x1b]0;x\\x07\\x0d\\x08\\x00\\x7f\\x85\\x9b1m\\u2028\\u202e'), text);
    assert.match(text, /run r\\x1b\[2J/);
    assert.match(text, /boom\\x1b\[2J\\x1b\]0;x\\x07 \\x08/, 'white space (CR) becomes one space in the detail, as before');
    assert.match(text, /at 10\.0\.0\.1\\x1b/);
  });
  it('a node whose noop run found drift says so, with how many resources are out of sync', () => {
    const d = doc([result('web1', { outcome: 'drift', exit_code: 0, resources: { changed: 0, failed: 0, out_of_sync: 4 }, run_id: 'r1' })]);
    const lines = table(d).split('\n');
    assert.match(lines[1], /^web1\s+drift\s+0\s+0\s+0\s+1\.3\s+run r1, 4 out of sync \(noop\)$/);
    assert.match(summaryLine(d.summary, 1), /1 drift/);
  });

  it('says a drift node\'s report was partial in its detail, and how many were above and below the drift lines', () => {
    const conf = { resource: 'File[/etc/ntp.conf]', property: 'content' };
    const results = [
      result('web1', { outcome: 'drift', drift: [conf], drift_partial: 712, run_id: 'r1' }),
      result('web2', { outcome: 'drift', drift: [conf], drift_partial: 1 }),
      result('web3', { outcome: 'drift', drift: [conf] }),
    ];
    const lines = table(doc(results, { drift: groupDrift(results) })).trimEnd().split('\n');
    assert.match(lines[1], /^web1\s+drift .*run r1, .*report partial: 712 resources not listed$/);
    assert.match(lines[2], /report partial: 1 resource not listed$/);
    assert.doesNotMatch(lines[3], /partial/);
    assert.deepEqual(lines.slice(4, 7), [
      'drift (noop): 1 resource would change, at least (the reports of 2 nodes were partial)',
      '  3 nodes: File[/etc/ntp.conf] content',
      '  (2 drift nodes whose reports left resources out: their drift above is only part of it; see drift_partial)',
    ]);
    const one = table(doc(results.slice(1), { drift: groupDrift(results.slice(1)) })).trimEnd().split('\n');
    assert.equal(one[3], 'drift (noop): 1 resource would change, at least (the report of 1 node was partial)');
    assert.equal(one[5], '  (1 drift node whose report left resources out: their drift above is only part of it; see drift_partial)');
    const whole = table(doc(results.slice(2), { drift: groupDrift(results.slice(2)) }));
    assert.doesNotMatch(whole, /partial/);
  });

  it('shows the drift found with --noop after the rows, then why the rollout stopped; the summary line stays last', () => {
    const conf = { resource: 'File[/etc/ntp.conf]', property: 'content' };
    const results = [
      result('web1', { outcome: 'drift', drift: [conf, { resource: 'Service[ntp]', property: 'ensure' }] }),
      result('web2', { outcome: 'drift', drift: [conf, { resource: 'File[/etc/ntp.conf]', property: 'mode' }] }),
      result('web3', { outcome: 'drift', report_error: 'GET /puppet/runs/r1/report answered 404: No report of run r1' }),
      result('web4', { outcome: 'skipped', error: 'not started: --max-failures 1 reached' }),
    ];
    const stopped = { reason: 'max_failures' as const, message: '--max-failures 1 reached: 1 node failed\x1b' };
    const lines = table(doc(results, { drift: groupDrift(results), stopped })).trimEnd().split('\n');
    assert.deepEqual(lines.slice(5), [
      'drift (noop): 2 resources would change',
      '  2 nodes: File[/etc/ntp.conf] content',
      '  1 node: File[/etc/ntp.conf] mode',
      '  1 node: Service[ntp] ensure',
      '  (and 1 drift node whose report could not be had: see report_error)',
      'stopped: --max-failures 1 reached: 1 node failed\\x1b',
      '4 nodes in 42.0 s: 3 drift, 1 skipped',
    ]);
    assert.match(lines[3], /^web3\s+drift .*no report: GET \/puppet\/runs\/r1\/report answered 404: No report of run r1$/);
    const plain = table(doc(results)).trimEnd().split('\n');
    assert.equal(plain.length, 6, 'without --noop (drift null) and without a stop, no line of either');
    const none = table(doc([result('a')], { drift: [] })).trimEnd().split('\n');
    assert.deepEqual(none.slice(2), ['drift (noop): 0 resources would change', '1 node in 42.0 s: 1 ok']);
  });
  it('shows at most DRIFT_LINES_SHOWN drift lines and counts the rest', () => {
    const many = Array.from({ length: DRIFT_LINES_SHOWN + 5 }, (_, i) => ({ resource: `File[/f${String(i).padStart(3, '0')}]`, property: 'content' }));
    const results = [result('web1', { outcome: 'drift', drift: many })];
    const lines = table(doc(results, { drift: groupDrift(results) })).trimEnd().split('\n');
    assert.equal(lines.filter((l) => l.startsWith('  1 node: ')).length, DRIFT_LINES_SHOWN);
    assert.equal(lines[lines.length - 2], '  ... and 5 more (--format json lists them all)');
  });
  it('shows in the progress line the outcomes that occurred, the batch of several, the rate and the time left', () => {
    const counts = { ...summarize([]), ok: 380, changes: 20, failed: 12 };
    const p = { ...progress, total: 1000, done: 412, running: 40, counts, batch: 3, batches: 10, elapsedSeconds: 50.2 };
    assert.equal(progressLine(p), 'fleet: 412/1000 done (380 ok, 20 changes, 12 failed), 40 running, batch 3/10, 8.2 nodes/s, about 72 s left');
    assert.equal(progressLine({ ...p, batch: 0 }), 'fleet: 412/1000 done (380 ok, 20 changes, 12 failed), 40 running, canary, 8.2 nodes/s, about 72 s left');
    assert.equal(progressLine({ ...p, batch: 0, batches: 1 }), 'fleet: 412/1000 done (380 ok, 20 changes, 12 failed), 40 running, canary, 8.2 nodes/s, about 72 s left', 'a canary before one batch');
    assert.equal(progressLine({ ...p, batch: 1, batches: 1 }), 'fleet: 412/1000 done (380 ok, 20 changes, 12 failed), 40 running, 8.2 nodes/s, about 72 s left', 'one batch: not shown');
    assert.equal(progressLine({ ...progress, total: 1000, running: 40, batch: null, batches: 10, elapsedSeconds: 3 }), 'fleet: 0/1000 done, 40 running, - nodes/s, - s left', 'nothing done yet: no rate');
    assert.equal(progressLine({ ...progress, total: 5, done: 5, counts: { ...summarize([]), ok: 5 }, elapsedSeconds: 0 }), 'fleet: 5/5 done (5 ok), 0 running, - nodes/s, - s left', 'no time elapsed: no rate');
    assert.equal(progressLine({ ...progress, total: 4, done: 4, counts: { ...summarize([]), drift: 3, unknown: 1 }, elapsedSeconds: 2 }), 'fleet: 4/4 done (3 drift, 1 unknown), 0 running, 2.0 nodes/s, about 0 s left');
  });
});
