import { strict as assert } from 'node:assert';
import { exitStatus, isFailure, recordOutcome, summarize, type NodeResult } from '../../../../ts/fleet/outcomes';
import { fleetDocument, progressLine, summaryLine, table } from '../../../../ts/fleet/report';

const result = (node: string, fields: Partial<NodeResult> = {}): NodeResult => ({
  node, address: node, url: `http://${node}:2023`, outcome: 'ok', run_id: null, exit_code: 0, resources: { changed: 0, failed: 0, total: 9 },
  started_at: null, finished_at: null, duration_seconds: 1.25, attempts: 1, http_status: 200, error: null, batch: 1, drift: null, report_error: null, ...fields,
});

const progress = { total: 0, done: 0, running: 0, failed: 0, counts: summarize([]), batch: null, batches: 1, elapsedSeconds: 0 };

const doc = (results: NodeResult[]) => fleetDocument({
  started_at: '2026-12-03T10:00:00.000Z', finished_at: '2026-12-03T10:00:42.000Z', duration_seconds: 42, selection: { nodes: ['x'] },
  puppetdb_query_seconds: null, concurrency: 10, max_failures: null, busy_timeout: 0, options: {},
  order: 'name', seed: null, canary: null, batch_size: null, batch_sleep: 0, max_failures_given: null, batches: 1, stopped: null, drift: null, exit_status: 0,
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
    assert.equal(progressLine({ ...progress, total: 100, done: 40, running: 10, failed: 2, elapsedSeconds: 12.4 }), 'fleet: 40/100 done, 10 running, 2 failed, 12 s');
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
});
