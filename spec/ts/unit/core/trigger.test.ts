import { strict as assert } from 'node:assert';
import { runRequest } from '../../support/run-request';
import type { Identity } from '../../../../ts/auth/identity';
import { triggerRate } from '../../../../ts/auth/trigger-rate';
import { newRecord, type RunRecord } from '../../../../ts/core/records';
import type { Runner, RunRequest, TriggerResult } from '../../../../ts/core/runner';
import { createTrigger } from '../../../../ts/core/trigger';

const request = runRequest;

/** A runner that answers each trigger with the next result, calling `accepted` as the real one does. */
function scriptedRunner(results: TriggerResult[], refusal?: TriggerResult): Pick<Runner, 'trigger' | 'refusal'> & { calls: number } {
  const runner = {
    calls: 0,
    refusal: () => refusal,
    async trigger(_request: RunRequest, accepted?: (record: RunRecord) => void): Promise<TriggerResult> {
      runner.calls++;
      const result = results.shift() ?? { kind: 'busy' };
      if (result.kind === 'started' || result.kind === 'queued') accepted?.(result.record);
      return result;
    },
  };
  return runner;
}

const record = () => newRecord({ source: 'http', client: null, identity: null, options: {} });
const noopOnly: Identity = { kind: 'token', name: 'token:ci', scopes: new Set(['trigger_noop']) };

describe('core/trigger: the trigger use case', () => {
  it("answers the runner's refusal (busy) at once: no held slot taken, no run asked for, counted as refused", async () => {
    const runner = scriptedRunner([], { kind: 'busy', pid: 42 });
    const trigger = createTrigger({ runner, store: { find: () => undefined }, limits: { min_run_interval: 0 }, rate: triggerRate({ accepted: 100, refused: 2 }, () => 0) });
    let held = 0;
    const hold = () => {
      held++;
      return () => undefined;
    };
    assert.deepEqual(await trigger({ request: request(), identity: null, peer: '192.0.2.1', hold }), { kind: 'busy', pid: 42 });
    await trigger({ request: request(), identity: null, peer: '192.0.2.1', hold });
    await assert.rejects(trigger({ request: request(), identity: null, peer: '192.0.2.1', hold }), { code: 'TOO_MANY_REQUESTS' });
    assert.equal(runner.calls, 0);
    assert.equal(held, 0);
  });

  it('limits accepted triggers per identity, counting them when accepted', async () => {
    let now = 0;
    const runner = scriptedRunner([{ kind: 'started', record: record() }, { kind: 'started', record: record() }]);
    const trigger = createTrigger({ runner, store: { find: () => undefined }, limits: { min_run_interval: 0 }, rate: triggerRate({ accepted: 2, refused: 100 }, () => now) });
    await trigger({ request: request(), identity: null, peer: '192.0.2.1' });
    await trigger({ request: request(), identity: null, peer: '192.0.2.1' });
    await assert.rejects(trigger({ request: request(), identity: null, peer: '192.0.2.1' }), { code: 'TOO_MANY_REQUESTS', message: /limits\.triggers_per_minute/ });
    assert.equal(runner.calls, 2);
    await trigger({ request: request(), identity: null, peer: '192.0.2.2' }); // another address has its own count
    now = 60_001;
    await trigger({ request: request(), identity: null, peer: '192.0.2.1' });
  });

  it('limits refused triggers per identity with a limit of their own, then 429 before the runner is asked', async () => {
    const runner = scriptedRunner([]);
    const trigger = createTrigger({ runner, store: { find: () => undefined }, limits: { min_run_interval: 0 }, rate: triggerRate({ accepted: 3, refused: 30 }) });
    for (let i = 0; i < 30; i++) assert.equal((await trigger({ request: request(), identity: null, peer: '::1' })).kind, 'busy');
    await assert.rejects(trigger({ request: request(), identity: null, peer: '::1' }), { code: 'TOO_MANY_REQUESTS', message: /refused_triggers_per_minute/ });
    assert.equal(runner.calls, 30);
  });

  it('lets a trigger_noop identity start noop runs only', async () => {
    const runner = scriptedRunner([{ kind: 'started', record: record() }]);
    const trigger = createTrigger({ runner, store: { find: () => undefined }, limits: { min_run_interval: 0 }, rate: triggerRate({ accepted: 9, refused: 9 }) });
    await assert.rejects(trigger({ request: request(), identity: noopOnly, peer: '::1' }), { code: 'FORBIDDEN', message: /trigger_noop/ });
    assert.equal((await trigger({ request: request({ options: { noop: true } }), identity: noopOnly, peer: '::1' })).kind, 'started');
  });

  it('keeps limits.min_run_interval between run starts, and releases what it held when the runner throws', async () => {
    const started = { ...record(), started_at: new Date(10_000).toISOString() };
    const runner = { trigger: () => Promise.reject(new Error('boom')), refusal: () => undefined };
    const trigger = createTrigger({ runner, store: { find: (match) => [started].find(match) }, limits: { min_run_interval: 60 }, rate: triggerRate({ accepted: 9, refused: 9 }), now: () => 40_000 });
    await assert.rejects(trigger({ request: request(), identity: null, peer: '::1' }), { code: 'TOO_MANY_REQUESTS', message: /try again in 30 s/ });
    let released = 0;
    const later = createTrigger({ runner, store: { find: (match) => [started].find(match) }, limits: { min_run_interval: 60 }, rate: triggerRate({ accepted: 9, refused: 9 }), now: () => 71_000 });
    await assert.rejects(later({ request: request(), identity: null, peer: '::1', hold: () => () => released++ }), /boom/);
    assert.equal(released, 1);
  });
});
