import { strict as assert } from 'node:assert';
import type { Launch } from '../../../../ts/puppet/launch';
import type { PuppetStatus } from '../../../../ts/puppet/protocol';
import type { RecordStore, RunRecord } from '../../../../ts/core/records';
import type { Runner } from '../../../../ts/core/runner';
import { cachedPuppetStatus, currentRunStart, runAgeSeconds, statusDocument } from '../../../../ts/core/status';
import { newRecord } from '../../../../ts/core/records';

const STATUS: PuppetStatus = { applying: false, pid: null, enabled: true, disabled_message: null, disabled_since: null, server: null, summary: null };

describe('status: Puppet state through the helper', () => {
  it('runs one helper for any number of simultaneous requests, then serves the cache for 2 s', async () => {
    let clock = 0;
    let launches = 0;
    let answer!: () => void;
    const launch: Launch = () => {
      launches += 1;
      return { first: new Promise((resolve) => (answer = () => resolve({ event: 'status', ...STATUS }))), done: new Promise(() => undefined) };
    };
    const status = cachedPuppetStatus(launch, 2000, () => clock);
    const pending = Array.from({ length: 200 }, () => status());
    answer();
    assert.deepEqual(await Promise.all(pending), Array(200).fill(STATUS));
    assert.equal(launches, 1);
    clock = 1999;
    await status();
    assert.equal(launches, 1);
    clock = 2000;
    const later = status();
    answer();
    await later;
    assert.equal(launches, 2);
  });
  it('passes on the helper error, keeps it for 2 s like an answer, then tries again', async () => {
    let clock = 0;
    let launches = 0;
    const launch: Launch = () => {
      launches += 1;
      return { first: Promise.resolve({ event: 'error', message: 'sudo: a password is required' }), done: new Promise(() => undefined) };
    };
    const status = cachedPuppetStatus(launch, 2000, () => clock);
    await assert.rejects(status(), /a password is required/);
    clock = 1999;
    await assert.rejects(status(), /a password is required/);
    assert.equal(launches, 1);
    clock = 2000;
    await assert.rejects(status(), /a password is required/);
    assert.equal(launches, 2);
  });
  it('says whether state_dir takes writes, and the last write that failed', async () => {
    const lastError = { time: '2026-12-06T10:00:00.000Z', message: 'ENOSPC: no space left on device' };
    const store = { find: () => undefined, health: () => ({ writable: false, lastError }) } as unknown as RecordStore;
    const runner = { state: () => 'idle', current: () => undefined, queued: () => undefined } as unknown as Runner;
    const doc = await statusDocument(async () => STATUS, runner, store, { puppet: { mode: 'agent' } } as never, null, 0, 1000);
    assert.equal(doc.state_dir_writable, false);
    assert.deepEqual(doc.state_write_error, lastError);
  });
  it("shows when this service's disable ends, and null for anyone else's", async () => {
    const store = { find: () => undefined, health: () => ({ writable: true, lastError: null }) } as unknown as RecordStore;
    const runner = { state: () => 'idle', current: () => undefined, queued: () => undefined } as unknown as Runner;
    const until = (message: string | null) => (message === 'ours' ? '2026-12-06T10:10:00.000Z' : null);
    const disabled = (message: string) => async () => ({ ...STATUS, enabled: false, disabled_message: message });
    const config = { puppet: { mode: 'agent' } } as never;
    assert.equal((await statusDocument(disabled('ours'), runner, store, config, null, 0, 1000, until)).disabled_until, '2026-12-06T10:10:00.000Z');
    assert.equal((await statusDocument(disabled('theirs'), runner, store, config, null, 0, 1000, until)).disabled_until, null);
    assert.equal((await statusDocument(async () => STATUS, runner, store, config, null, 0, 1000, until)).disabled_until, null);
  });
  it('never takes a disable or enable record for the last run', async () => {
    const run = { id: 'r1', state: 'finished', outcome: 'success', summary: null };
    const disable = { id: 'r2', state: 'finished', kind: 'disable', outcome: null };
    const store = { find: (match: (r: RunRecord) => boolean) => ([disable, run] as unknown as RunRecord[]).find(match), health: () => ({ writable: true, lastError: null }) } as unknown as RecordStore;
    const runner = { state: () => 'idle', current: () => undefined, queued: () => undefined } as unknown as Runner;
    const doc = await statusDocument(async () => STATUS, runner, store, { puppet: { mode: 'agent' } } as never, null, 0, 1000);
    assert.equal(doc.last_run?.id, 'r1');
  });
  it('shows how long the run in progress has been going, so that a stuck run shows', async () => {
    const store = { find: () => undefined, health: () => ({ writable: true, lastError: null }) } as unknown as RecordStore;
    const record = { ...newRecord({ source: 'http', client: null, identity: null, options: {} }), state: 'running' as const, started_at: '2026-12-06T10:00:00.000Z' };
    const running = { state: () => 'running', current: () => record, queued: () => undefined } as unknown as Runner;
    const now = Date.parse('2026-12-06T11:00:00.400Z');
    const doc = await statusDocument(async () => STATUS, running, store, { puppet: { mode: 'agent' } } as never, null, 0, now);
    assert.deepEqual([doc.current_run_started_at, doc.current_run_age_seconds], ['2026-12-06T10:00:00.000Z', 3600]);
    const idle = { state: () => 'idle', current: () => undefined, queued: () => undefined } as unknown as Runner;
    const none = await statusDocument(async () => STATUS, idle, store, { puppet: { mode: 'agent' } } as never, null, 0, now);
    assert.deepEqual([none.current_run_started_at, none.current_run_age_seconds], [null, null]);
    const other = { ...STATUS, applying: true, pid: 7, applying_since: Date.parse('2026-12-06T10:30:00.000Z') / 1000 };
    const locked = await statusDocument(async () => other, idle, store, { puppet: { mode: 'agent' } } as never, null, 0, now);
    assert.deepEqual([locked.current_run_started_at, locked.current_run_age_seconds], ['2026-12-06T10:30:00.000Z', 1800], "another process's run, from Puppet's lock");
  });
  it('has no start for a run still splaying, and an age of 0 without a start', () => {
    const splaying = newRecord({ source: 'http', client: null, identity: null, options: {} });
    assert.equal(currentRunStart(splaying, { applying: true, applying_since: 5 }), null);
    assert.equal(currentRunStart(undefined, { applying: false, applying_since: 5 }), null);
    assert.equal(currentRunStart(undefined, null), null);
    assert.equal(runAgeSeconds(null, 1e12), 0);
    assert.equal(runAgeSeconds(2000, 1000), 0, 'never negative');
  });
});
