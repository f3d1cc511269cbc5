import { strict as assert } from 'node:assert';
import type { Launch } from '../../../../ts/puppet/launch';
import type { PuppetStatus } from '../../../../ts/puppet/protocol';
import type { RecordStore } from '../../../../ts/core/records';
import type { Runner } from '../../../../ts/core/runner';
import { cachedPuppetStatus, statusDocument } from '../../../../ts/core/status';

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
    const store = { list: () => [], health: () => ({ writable: false, lastError }) } as unknown as RecordStore;
    const runner = { state: () => 'idle', current: () => undefined, queued: () => undefined } as unknown as Runner;
    const doc = await statusDocument(async () => STATUS, runner, store, { puppet: { mode: 'agent' } } as never, null, 0, 1000);
    assert.equal(doc.state_dir_writable, false);
    assert.deepEqual(doc.state_write_error, lastError);
  });
  it("shows when this service's disable ends, and null for anyone else's", async () => {
    const store = { list: () => [], health: () => ({ writable: true, lastError: null }) } as unknown as RecordStore;
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
    const store = { list: () => [disable, run], health: () => ({ writable: true, lastError: null }) } as unknown as RecordStore;
    const runner = { state: () => 'idle', current: () => undefined, queued: () => undefined } as unknown as Runner;
    const doc = await statusDocument(async () => STATUS, runner, store, { puppet: { mode: 'agent' } } as never, null, 0, 1000);
    assert.equal(doc.last_run?.id, 'r1');
  });
});
