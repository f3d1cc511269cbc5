import { strict as assert } from 'node:assert';
import type { Launch } from '../../../../ts/puppet/launch';
import type { PuppetStatus } from '../../../../ts/puppet/protocol';
import { cachedPuppetStatus } from '../../../../ts/core/status';

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
});
