import { strict as assert } from 'node:assert';
import { emptyResult, type Attempt } from '../../../../ts/fleet/node-run';
import type { NodeOutcome } from '../../../../ts/fleet/outcomes';
import { rollout } from '../../../../ts/fleet/rollout';

const targets = (n: number) => Array.from({ length: n }, (_, i) => ({ node: `n${i}`, address: `n${i}` }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('fleet/rollout', () => {
  it('runs at most `concurrency` nodes at once and every node once', async () => {
    let running = 0;
    let peak = 0;
    const seen: string[] = [];
    const results = await rollout(targets(20), { concurrency: 4, maxFailures: null, busyTimeout: 0 }, async (t, state) => {
      state.attempts++;
      seen.push(t.node);
      peak = Math.max(peak, ++running);
      await sleep(5);
      running--;
      return { kind: 'done', result: { ...emptyResult(t, null), outcome: 'ok' } };
    });
    assert.equal(peak, 4);
    assert.equal(results.length, 20);
    assert.deepEqual([...seen].sort(), targets(20).map((t) => t.node).sort());
  });
  it('gives a busy node\'s slot back and tries it again until --busy-timeout', async () => {
    const tries = new Map<string, number>();
    const results = await rollout(targets(2), { concurrency: 1, maxFailures: null, busyTimeout: 1 }, async (t, state) => {
      state.attempts++;
      const n = (tries.get(t.node) ?? 0) + 1;
      tries.set(t.node, n);
      const base = emptyResult(t, null);
      if (t.node === 'n0' && n < 3) return { kind: 'busy', retryAfterSeconds: 0.05, result: { ...base, outcome: 'busy' } } as Attempt;
      return { kind: 'done', result: { ...base, outcome: 'ok', attempts: state.attempts } };
    });
    assert.deepEqual(Object.fromEntries(results.map((r) => [r.node, [r.outcome, r.attempts]])), { n0: ['ok', 3], n1: ['ok', 1] });
  });
  it('reports a node busy after --busy-timeout, and busy at once with the default of 0', async () => {
    const busy = async (t: { node: string; address: string | null }, state: { attempts: number }): Promise<Attempt> => {
      state.attempts++;
      return { kind: 'busy', retryAfterSeconds: 0.05, result: { ...emptyResult(t, null), outcome: 'busy', attempts: state.attempts, error: 'Puppet already running' } };
    };
    const [late] = await rollout(targets(1), { concurrency: 1, maxFailures: null, busyTimeout: 0.2 }, busy);
    assert.equal(late.outcome, 'busy');
    assert.ok(late.attempts >= 3, String(late.attempts));
    const [now] = await rollout(targets(1), { concurrency: 1, maxFailures: null, busyTimeout: 0 }, busy);
    assert.deepEqual([now.outcome, now.attempts], ['busy', 1]);
    // a Retry-After beyond --busy-timeout is honoured: no early last try
    const t0 = Date.now();
    const [early] = await rollout(targets(1), { concurrency: 1, maxFailures: null, busyTimeout: 0.04 }, busy);
    assert.deepEqual([early.outcome, early.attempts], ['busy', 1]);
    assert.ok(Date.now() - t0 < 40, 'reported at once');
  });
  it('starts nothing new after --max-failures and skips the rest', async () => {
    let started = 0;
    const results = await rollout(targets(10), { concurrency: 2, maxFailures: 3, busyTimeout: 0 }, async (t) => {
      started++;
      await sleep(2);
      const outcome: NodeOutcome = 'failed';
      return { kind: 'done', result: { ...emptyResult(t, null), outcome } };
    });
    const count = (o: string) => results.filter((r) => r.outcome === o).length;
    assert.equal(results.length, 10);
    assert.ok(started <= 4, `started ${started}`);
    assert.equal(count('failed'), started);
    assert.equal(count('skipped'), 10 - started);
    assert.match(String(results.find((r) => r.outcome === 'skipped')?.error), /--max-failures 3 reached/);
  });
});
