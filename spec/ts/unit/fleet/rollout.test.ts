import { strict as assert } from 'node:assert';
import { emptyResult, type Attempt } from '../../../../ts/fleet/node-run';
import type { NodeOutcome, NodeResult } from '../../../../ts/fleet/outcomes';
import { rollout, type Attempter, type Progress, type RolloutOptions } from '../../../../ts/fleet/rollout';
import type { Target } from '../../../../ts/fleet/targets';

const targets = (n: number) => Array.from({ length: n }, (_, i) => ({ node: `n${i}`, address: `n${i}` }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
type Given = Pick<RolloutOptions, 'concurrency' | 'maxFailures' | 'busyTimeout'> & Partial<RolloutOptions>;
/** One batch, no canary: the rollout as it was before batches. */
const runAll = async (list: Target[], options: Given, attempt: Attempter) =>
  (await rollout([{ index: 1, targets: list }], { maxFailuresGiven: null, batchSleep: 0, ...options }, attempt).done).results;

describe('fleet/rollout', () => {
  it('runs at most `concurrency` nodes at once and every node once', async () => {
    let running = 0;
    let peak = 0;
    const seen: string[] = [];
    const results = await runAll(targets(20), { concurrency: 4, maxFailures: null, busyTimeout: 0 }, async (t, state) => {
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
    const results = await runAll(targets(2), { concurrency: 1, maxFailures: null, busyTimeout: 1 }, async (t, state) => {
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
    const [late] = await runAll(targets(1), { concurrency: 1, maxFailures: null, busyTimeout: 0.2 }, busy);
    assert.equal(late.outcome, 'busy');
    assert.ok(late.attempts >= 3, String(late.attempts));
    const [now] = await runAll(targets(1), { concurrency: 1, maxFailures: null, busyTimeout: 0 }, busy);
    assert.deepEqual([now.outcome, now.attempts], ['busy', 1]);
    // a Retry-After beyond --busy-timeout is honoured: no early last try (one attempt, not a second at 40 ms)
    const [early] = await runAll(targets(1), { concurrency: 1, maxFailures: null, busyTimeout: 0.04 }, busy);
    assert.deepEqual([early.outcome, early.attempts], ['busy', 1]);
  });
  it('starts nothing new after --max-failures and skips the rest', async () => {
    let started = 0;
    const results = await runAll(targets(10), { concurrency: 2, maxFailures: 3, busyTimeout: 0 }, async (t) => {
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

describe('fleet/rollout: canary, batches, stops and Ctrl-C', () => {
  const ok = (t: Target): Attempt => ({ kind: 'done', result: { ...emptyResult(t, null), outcome: 'ok' } });
  const options = (o: Partial<RolloutOptions> = {}): RolloutOptions => ({ concurrency: 2, maxFailures: null, maxFailuresGiven: null, busyTimeout: 0, batchSleep: 0, ...o });
  const batchesOf = (list: Target[], ...sizes: number[]) => {
    let at = 0;
    return sizes.map((size, index) => ({ index, targets: list.slice(at, (at += size)) }));
  };

  it('stops after a canary that did not end well: every node not started is skipped, naming the first bad one', async () => {
    let started = 0;
    const seen: NodeResult[] = [];
    const { done } = rollout(batchesOf(targets(8), 3, 5), options({ concurrency: 3 }), async (t) => {
      started++;
      await sleep(5);
      return t.node === 'n1' || t.node === 'n2' ? { kind: 'done', result: { ...emptyResult(t, null), outcome: 'failed' } } : ok(t);
    }, { onResult: (r) => seen.push(r) });
    const { results, stopped } = await done;
    assert.equal(started, 3);
    assert.deepEqual(stopped, { reason: 'canary', message: 'the canary failed (n1: failed)' });
    const skipped = results.filter((r) => r.outcome === 'skipped');
    assert.deepEqual(skipped.map((r) => r.node), ['n3', 'n4', 'n5', 'n6', 'n7']);
    for (const r of skipped) assert.deepEqual([r.error, r.batch], ['not started: the canary failed (n1: failed)', null]);
    assert.deepEqual(results.filter((r) => r.batch === 0).map((r) => r.node).sort(), ['n0', 'n1', 'n2']);
    assert.equal(seen.length, 8, 'every node reported once as it ended');
  });

  it('goes on after a canary that ended well, and sets each node\'s batch', async () => {
    const { results, stopped } = await rollout(batchesOf(targets(5), 1, 2, 2), options(), async (t) => ok(t)).done;
    assert.equal(stopped, null);
    assert.deepEqual(Object.fromEntries(results.map((r) => [r.node, r.batch])), { n0: 0, n1: 1, n2: 1, n3: 2, n4: 2 });
  });

  it('starts a batch only when the one before has ended (busy retries included), --batch-sleep after it, at most `concurrency` at once', async () => {
    const t0 = Date.now();
    const times = new Map<string, { start: number; end: number }>();
    const busyOnce = new Set(['n4']);
    let running = 0;
    const peaks = new Map<number, number>();
    const list = targets(9);
    const plan = batchesOf(list, 1, 4, 4);
    const batchOf = (node: string) => plan.find((b) => b.targets.some((t) => t.node === node))?.index as number;
    const { results } = await rollout(plan, options({ concurrency: 2, busyTimeout: 1, batchSleep: 0.06 }), async (t) => {
      const start = Date.now() - t0;
      running++;
      peaks.set(batchOf(t.node), Math.max(peaks.get(batchOf(t.node)) ?? 0, running));
      await sleep(10);
      running--;
      const end = Date.now() - t0;
      times.set(t.node, { start: times.get(t.node)?.start ?? start, end });
      if (busyOnce.delete(t.node)) return { kind: 'busy', retryAfterSeconds: 0.04, result: { ...emptyResult(t, null), outcome: 'busy' } };
      return ok(t);
    }).done;
    assert.ok(results.every((r) => r.outcome === 'ok'));
    const span = (index: number) => {
      const ts = plan[index].targets.map((t) => times.get(t.node) as { start: number; end: number });
      return { first: Math.min(...ts.map((x) => x.start)), last: Math.max(...ts.map((x) => x.end)) };
    };
    for (const index of [1, 2]) {
      const gap = span(index).first - span(index - 1).last;
      assert.ok(gap >= 55, `batch ${index} started ${gap} ms after batch ${index - 1} ended, not --batch-sleep 60 ms after`);
    }
    // n4's retry (40 ms after its busy answer) ended batch 1 late, and batch 2 waited for it
    assert.ok(span(2).first - (times.get('n4') as { end: number }).end >= 55);
    assert.deepEqual([peaks.get(0), peaks.get(1), peaks.get(2)], [1, 2, 2]);
  });

  it('stops at --max-failures given as a percentage: no new run, the rest skipped with the text given', async () => {
    let started = 0;
    const { results, stopped } = await rollout(batchesOf(targets(10), 10), options({ concurrency: 1, maxFailures: 3, maxFailuresGiven: '25%' }), async (t) => {
      started++;
      await sleep(1);
      return { kind: 'done', result: { ...emptyResult(t, null), outcome: 'unreachable' } };
    }).done;
    assert.equal(started, 3);
    assert.deepEqual(stopped, { reason: 'max_failures', message: '--max-failures 25% reached' });
    assert.equal(results.filter((r) => r.error === 'not started: --max-failures 25% reached').length, 7);
  });

  it('counts --max-failures across batches: the batches after it are skipped', async () => {
    const { results, stopped } = await rollout(batchesOf(targets(6), 2, 2, 2), options({ maxFailures: 2, maxFailuresGiven: '2' }), async (t) =>
      t.node === 'n2' || t.node === 'n3' ? { kind: 'done', result: { ...emptyResult(t, null), outcome: 'failed' } } : ok(t),
    ).done;
    assert.deepEqual(stopped, { reason: 'max_failures', message: '--max-failures 2 reached' });
    assert.deepEqual(results.filter((r) => r.outcome === 'skipped').map((r) => r.node), ['n4', 'n5']);
  });

  it('on a first interrupt starts nothing new, lets the runs in flight end, and says it was interrupted', async () => {
    const r = rollout(batchesOf(targets(6), 1, 5), options({ concurrency: 2, batchSleep: 0 }), async (t) => {
      await sleep(40);
      return ok(t);
    });
    await sleep(60); // the canary has ended, two of batch 1 are running
    assert.equal(r.interrupt(), 2);
    const { results, stopped } = await r.done;
    assert.deepEqual(stopped, { reason: 'interrupted', message: 'interrupted' });
    assert.deepEqual(results.filter((x) => x.outcome === 'ok').map((x) => x.node).sort(), ['n0', 'n1', 'n2']);
    const skipped = results.filter((x) => x.outcome === 'skipped');
    assert.deepEqual(skipped.map((x) => [x.node, x.error]), ['n3', 'n4', 'n5'].map((n) => [n, 'not started: interrupted']));
  });

  it('on a second interrupt stops waiting at once: the runs in flight are unknown', async () => {
    const seen: NodeResult[] = [];
    const r = rollout(batchesOf(targets(4), 4), options({ concurrency: 2 }), async (t, state) => {
      state.attempts++;
      state.runId = `run-${t.node}`;
      await sleep(300);
      return ok(t);
    }, { onResult: (x) => seen.push(x) });
    await sleep(10);
    const t0 = Date.now();
    assert.equal(r.interrupt(), 2);
    assert.equal(r.interrupt(), 2);
    const { results, stopped } = await r.done;
    assert.ok(Date.now() - t0 < 250, 'at once, not when the runs end');
    assert.equal(stopped?.reason, 'interrupted');
    assert.deepEqual(results.map((x) => [x.node, x.outcome, x.error, x.batch, x.attempts, x.run_id]).sort(), [
      ['n0', 'unknown', 'not waited for: interrupted', 0, 1, 'run-n0'],
      ['n1', 'unknown', 'not waited for: interrupted', 0, 1, 'run-n1'],
      ['n2', 'skipped', 'not started: interrupted', null, 0, null],
      ['n3', 'skipped', 'not started: interrupted', null, 0, null],
    ]);
    await sleep(320); // the runs not waited for end later: nothing changes
    assert.equal(results.length, 4);
    assert.equal(seen.length, 4);
  });

  it('ends a --batch-sleep at an interrupt', async () => {
    const r = rollout(batchesOf(targets(3), 1, 2), options({ batchSleep: 60 }), async (t) => ok(t));
    await sleep(20);
    assert.equal(r.interrupt(), 0);
    const { results, stopped } = await r.done;
    assert.equal(stopped?.reason, 'interrupted');
    assert.deepEqual(results.map((x) => x.outcome), ['ok', 'skipped', 'skipped']);
  });

  it('reports progress: counts by outcome, the batch going on, the batches of the plan', async () => {
    const seen: Progress[] = [];
    await rollout(batchesOf(targets(3), 1, 2), options(), async (t) => ok(t), { onProgress: (p) => seen.push(p) }).done;
    const last = seen[seen.length - 1];
    // batches after the canary: the last batch is 1 of 1, not 1 of 2
    assert.deepEqual([last.total, last.done, last.running, last.counts.ok, last.batch, last.batches], [3, 3, 0, 3, 1, 1]);
    assert.ok(seen.some((p) => p.batch === 0));
    assert.ok(seen.every((p) => p.elapsedSeconds >= 0));
  });
});
