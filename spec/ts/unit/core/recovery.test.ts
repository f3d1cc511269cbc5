import { strict as assert } from 'node:assert';
import { newRecord, type RunRecord } from '../../../../ts/core/records';
import { adoptedEnd, endNotRecorded, mayBePuppet, outcomeOfSummary, summaryBelongs } from '../../../../ts/core/recovery';
import type { Summary } from '../../../../ts/puppet/summary';

const T = Date.UTC(2026, 11, 6, 10, 0, 0); // a whole second
const summary = (lastRunMs: number, fields: Partial<Summary> = {}): Summary => ({
  last_run: Math.floor(lastRunMs / 1000),
  total_time: 3,
  config_retrieval: 1,
  config_version: '1',
  environment: 'production',
  resources: { failed: 0 },
  events: { failure: 0 },
  changes: 0,
  ...fields,
});
const run = (startMs: number, fields: Partial<RunRecord> = {}): RunRecord => ({
  ...newRecord({ source: 'http', client: null, identity: null, options: {} }, new Date(startMs - 5)),
  state: 'running',
  started_at: new Date(startMs).toISOString(),
  pid: 42,
  ...fields,
});
const now = new Date(T + 3_600_000);

describe('recovery: finishing a run whose end was not seen', () => {
  it("takes a summary whose last_run lies between the run's start and now", () => {
    const r = run(T + 500);
    assert.equal(summaryBelongs(summary(T + 40_000), r, [r], now), true);
    assert.equal(summaryBelongs(summary(T + 500), r, [r], now), true, 'last_run is whole seconds: the start second counts');
    assert.equal(summaryBelongs(summary(T - 1000), r, [r], now), false, 'before the run started');
    assert.equal(summaryBelongs(summary(now.getTime() + 1000), r, [r], now), false, 'in the future');
    assert.equal(summaryBelongs(null, r, [r], now), false);
    assert.equal(summaryBelongs(summary(T + 40_000, { last_run: null }), r, [r], now), false);
    assert.equal(summaryBelongs(summary(T + 40_000), { ...r, started_at: null }, [r], now), false);
  });

  it('never takes a summary a later run of this service may have written', () => {
    const r = run(T);
    const later = run(T + 60_500, { state: 'finished' });
    assert.equal(summaryBelongs(summary(T + 70_000), r, [r, later], now), false, 'after the later run started');
    assert.equal(summaryBelongs(summary(T + 60_000), r, [r, later], now), false, 'in the second the later run started');
    assert.equal(summaryBelongs(summary(T + 59_000), r, [r, later], now), true, 'before the later run started');
    assert.equal(summaryBelongs(summary(T + 70_000), r, [r, run(T + 60_500, { started_at: null, state: 'finished' })], now), true, 'a later run that never started wrote nothing');
  });

  it('says what a summary tells of its run', () => {
    assert.equal(outcomeOfSummary(summary(T)), 'no_changes');
    assert.equal(outcomeOfSummary(summary(T, { changes: 2 })), 'changes');
    assert.equal(outcomeOfSummary(summary(T, { resources: { failed: 1 } })), 'failures');
    assert.equal(outcomeOfSummary(summary(T, { changes: 1, events: { failure: 1 } })), 'changes_and_failures');
    const drift = { resources: { failed: 0, changed: 0, out_of_sync: 2 }, events: { failure: 0, noop: 2 } };
    assert.equal(outcomeOfSummary(summary(T, drift)), 'noop_changes', 'noop events: drift');
    assert.equal(outcomeOfSummary(summary(T, { ...drift, events: { failure: 0 } })), 'no_changes', 'not noop: not drift');
    assert.equal(outcomeOfSummary(summary(T, { ...drift, events: { failure: 0 } }), true), 'noop_changes', 'the run was noop');
  });

  it('a run whose PID was gone: unknown, its end from the summary only when the summary is its own', () => {
    const r = run(T);
    const own = endNotRecorded(r, summary(T + 40_000, { changes: 3 }), [r], now);
    assert.equal(own.outcome, 'unknown');
    assert.equal(own.finished_at, new Date(T + 40_000).toISOString());
    assert.equal(own.summary?.changes, 3);
    assert.match(own.error ?? '', /^the end of this run was not recorded/);
    const foreign = endNotRecorded(r, summary(T - 40_000), [r], now);
    assert.deepEqual([foreign.outcome, foreign.summary, foreign.finished_at], ['unknown', null, null]);
  });

  it('a run followed after a restart: outcome and end from its own summary, else unknown', () => {
    const r = run(T);
    const own = adoptedEnd(r, summary(T + 40_000, { changes: 3 }), [r], now);
    assert.equal(own.outcome, 'changes');
    assert.equal(own.finished_at, new Date(T + 40_000).toISOString());
    const foreign = adoptedEnd(r, summary(T - 40_000), [r], now);
    assert.equal(foreign.outcome, 'unknown');
    assert.equal(foreign.summary, null);
    assert.equal(foreign.finished_at, undefined, 'the time it was seen to end');
  });
  it('follows a PID only while its command line may be puppet: a PID given to another process is not the run', () => {
    assert.equal(mayBePuppet(['/opt/puppetlabs/puppet/bin/ruby', '/opt/puppetlabs/puppet/bin/puppet', 'agent', '--onetime']), true);
    assert.equal(mayBePuppet(['/usr/bin/puppet', 'apply', '/etc/puppet/site.pp']), true);
    assert.equal(mayBePuppet(undefined), true, 'unknown (Windows, or /proc hidden): it may be');
    assert.equal(mayBePuppet(['sleep', '60']), false);
    assert.equal(mayBePuppet([]), false, 'a zombie or kernel thread has an empty command line');
  });
});
