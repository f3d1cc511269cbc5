import { strict as assert } from 'node:assert';
import { countingWindow, slidingWindow, type Window } from '../../../../ts/auth/limiter';

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

describe('auth/limiter: countingWindow, counts per second in bounded memory', () => {
  it('refuses past the limit within the window, says when to retry, and forgets what left it', () => {
    const w = countingWindow(3, 60_000);
    assert.equal(w.hit('a', 0), undefined);
    assert.equal(w.hit('a', 10_500), undefined);
    assert.equal(w.over('a', 10_500), undefined);
    assert.equal(w.hit('a', 20_000), undefined);
    assert.equal(w.over('a', 20_000), 40, 'the event of second 0 leaves the window at second 60');
    assert.equal(w.hit('a', 30_000), 40, 'two events must leave: those of seconds 0 and 10');
    assert.equal(w.over('b', 30_000), undefined, 'another key has its own count');
    assert.equal(w.over('a', 60_000), 10, 'seconds 10, 20 and 30 are still in it: 3 events until second 70');
    assert.equal(w.over('a', 70_999), undefined, 'second 10 has left it');
    assert.equal(w.over('a', 200_000), undefined);
  });

  it('keeps a million events of one key in the memory of its seconds', () => {
    const w = countingWindow(1_000_000, 60_000);
    for (let i = 0; i < 1_000_000; i++) w.hit('flood', i / 20);
    assert.equal(w.over('flood', 50_000), 10, 'a million in the window: at the limit until second 0 leaves it');
    const heap = process.memoryUsage().heapUsed;
    for (let i = 0; i < 1_000_000; i++) w.hit('flood', 50_000 + i / 20);
    assert.ok(process.memoryUsage().heapUsed - heap < 8 * 1024 * 1024, 'no memory per event');
    // seconds 41 to 100 hold 1,180,001 events: below the limit once seconds 41 to 50 have left, at second 110
    assert.equal(w.hit('flood', 100_000), 10);
  });

  it('makes room for a new key by forgetting the one counted first', () => {
    const w = countingWindow(1, 60_000, 2);
    w.hit('a', 0);
    w.hit('b', 0);
    w.hit('c', 0);
    assert.equal(w.over('a', 0), undefined, 'forgotten');
    assert.equal(w.over('c', 0), 60);
  });
});

