import { strict as assert } from 'node:assert';
import { planBatches, resolveAmount, seededRandom, shuffled } from '../../../../ts/fleet/plan';

const targets = (n: number) => Array.from({ length: n }, (_, i) => ({ node: `n${String(i).padStart(3, '0')}`, address: null }));
const names = (list: Array<{ node: string }>) => list.map((t) => t.node);

describe('fleet/plan', () => {
  it('resolves N% of the nodes selected, rounded up and at least 1, and N as given', () => {
    const pct = (given: string, total: number) => resolveAmount({ given, percent: Number(given.slice(0, -1)) }, total);
    assert.equal(pct('5%', 1000), 50);
    assert.equal(pct('5.1%', 1000), 51);
    assert.equal(pct('0.1%', 10), 1);
    assert.equal(pct('33.3%', 3), 1);
    assert.equal(pct('33.34%', 3), 2);
    assert.equal(pct('10%', 15), 2);
    assert.equal(pct('100%', 7), 7);
    assert.equal(pct('0.001%', 1), 1);
    assert.equal(pct('1.10%', 1000), 11);
    assert.equal(resolveAmount({ given: '5', count: 5 }, 2), 5);
  });

  it('orders by certname, or shuffles from a seed: the same seed and nodes give the same order, another seed another', () => {
    const list = targets(50);
    const reversed = [...list].reverse();
    assert.deepEqual(names(planBatches(reversed, { order: 'name', seed: null, canary: null, batchSize: null })[0].targets), names(list));
    const a = shuffled(list, 'monday');
    assert.deepEqual(names(shuffled(reversed, 'monday')), names(a), 'the order the nodes came in does not matter');
    assert.notDeepEqual(names(a), names(list));
    assert.notDeepEqual(names(shuffled(list, 'tuesday')), names(a));
    assert.deepEqual([...names(a)].sort(), names(list), 'every node once');
  });

  it('draws the same numbers from a seed on every platform (xoshiro128** over SHA-256)', () => {
    const random = seededRandom('puppet-twitch');
    const draws = Array.from({ length: 4 }, () => Math.floor(random() * 2 ** 32));
    assert.deepEqual(draws, PINNED_DRAWS);
    assert.deepEqual(names(shuffled(targets(8), 'puppet-twitch')), PINNED_ORDER);
  });

  it('cuts the canary (batch 0) and the batches after it (1, 2, ...)', () => {
    const list = targets(10);
    const plan = (canary: number | null, batchSize: { given: string; count: number } | { given: string; percent: number } | null) =>
      planBatches(list, { order: 'name', seed: null, canary, batchSize }).map((b) => [b.index, b.targets.length]);
    assert.deepEqual(plan(null, null), [[1, 10]]);
    assert.deepEqual(plan(2, null), [[0, 2], [1, 8]]);
    assert.deepEqual(plan(2, { given: '3', count: 3 }), [[0, 2], [1, 3], [2, 3], [3, 2]]);
    assert.deepEqual(plan(null, { given: '25%', percent: 25 }), [[1, 3], [2, 3], [3, 3], [4, 1]]);
    assert.deepEqual(plan(12, { given: '3', count: 3 }), [[0, 10]], 'a canary of every node leaves no batch after it');
    const [canary, first] = planBatches(list, { order: 'random', seed: 's', canary: 3, batchSize: null });
    assert.deepEqual([...names(canary.targets), ...names(first.targets)], names(shuffled(list, 's')), 'the canary is the first nodes in --order');
  });
});

// worked out apart from this code (Python: hashlib.sha256, the reference xoshiro128** steps)
const PINNED_DRAWS = [3772982659, 2464844226, 2526661168, 4234684462];
const PINNED_ORDER = ['n000', 'n002', 'n001', 'n005', 'n006', 'n003', 'n004', 'n007'];
