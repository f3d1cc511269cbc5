import { strict as assert } from 'node:assert';
import { slidingWindow, type Window } from '../../../../ts/auth/limiter';

/**
 * The plain model of a sliding window: every event of every key; at `maxKeys` keys with a live event, the one
 * whose latest counted event is the oldest is forgotten (the Map is kept in that order by moving a key to its end).
 */
function model(limit: number, windowMs: number, maxKeys = Infinity): Window {
  const events = new Map<string, number[]>();
  const live = (key: string, now: number) => (events.get(key) ?? []).filter((t) => t > now - windowMs);
  const retryAfter = (list: number[], now: number) => Math.max(1, Math.ceil((list[list.length - limit] + windowMs - now) / 1000));
  return {
    hit(key, now = Date.now()) {
      const list = live(key, now);
      if (list.length >= limit) return retryAfter(list, now);
      events.delete(key);
      for (const [k] of events) if (live(k, now).length === 0) events.delete(k);
      if (events.size >= maxKeys) events.delete(events.keys().next().value as string);
      events.set(key, [...list, now]);
      return undefined;
    },
    over(key, now = Date.now()) {
      const list = live(key, now);
      return list.length >= limit ? retryAfter(list, now) : undefined;
    },
  };
}

describe('auth/limiter', () => {
  it('answers as the plain model does over a long run of hits and questions', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (const [limit, windowMs, maxKeys] of [[1, 60_000, 50_000], [3, 10_000, 50_000], [10, 60_000, 50_000], [50, 5_000, 50_000], [2, 10_000, 8], [5, 60_000, 25]]) {
      const window = slidingWindow(limit, windowMs, maxKeys);
      const plain = model(limit, windowMs, maxKeys);
      let now = 0;
      for (let i = 0; i < 20_000; i++) {
        now += random(4) === 0 ? random(windowMs) : random(200);
        const key = `k${random(40)}`;
        const op = random(3) === 0 ? 'over' : 'hit';
        assert.equal(window[op](key, now), plain[op](key, now), `${op}(${key}, ${now}) with limit ${limit}, window ${windowMs} ms, ${maxKeys} keys, step ${i}`);
      }
    }
  });

  it('forgets keys whose events have all expired before it makes room by forgetting a live one', () => {
    const w = slidingWindow(1, 1000, 2);
    assert.equal(w.hit('a', 0), undefined);
    assert.equal(w.hit('b', 500), undefined);
    assert.equal(w.hit('c', 1200), undefined, 'a has expired: c takes its place');
    assert.equal(w.hit('b', 1300), 1, 'b is still counted');
    assert.equal(w.hit('c', 1300), 1, 'c is counted');
  });

  it('holds at most maxKeys live keys, forgetting the one idle the longest', () => {
    const w = slidingWindow(1, 60_000, 3);
    for (const [i, key] of ['a', 'b', 'c'].entries()) assert.equal(w.hit(key, i), undefined);
    assert.equal(w.hit('a', 3), 60, 'a is counted: a refused hit does not make it the latest');
    assert.equal(w.hit('d', 4), undefined);
    assert.equal(w.over('a', 5), undefined, 'a, idle the longest, made room for d');
    assert.deepEqual(['b', 'c', 'd'].map((key) => w.over(key, 5)), [60, 60, 60]);
  });

  it('keeps a key while its latest event is live, also when the clock was set back after it', () => {
    const w = slidingWindow(2, 1000, 2);
    assert.equal(w.hit('a', 5000), undefined);
    assert.equal(w.hit('a', 100), undefined);
    assert.equal(w.hit('b', 1500), undefined, 'a is not forgotten for b: its event at 5000 is live');
    assert.equal(w.over('a', 1500), 5);
  });
});
