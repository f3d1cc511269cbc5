// Counting events per key in a sliding window, in bounded memory: the limits of triggers per minute and of
// failed authentications.
export interface Window {
  /** Counts an event for `key`; when that makes more than `limit` in the window, the seconds until one expires. */
  hit(key: string, now?: number): number | undefined;
  /** Seconds until `key` is below its limit again; undefined when it is now. */
  over(key: string, now?: number): number | undefined;
}

/** One key's events in the order counted: the live ones are `times[head..]` (dropping one only moves `head`). */
interface Events {
  key: string;
  times: number[];
  head: number;
  /** the latest of the times (a clock set back makes it other than the last one) */
  latest: number;
  /** its place in `order`; -1 once the key is forgotten */
  at: number;
}

/**
 * Every operation takes constant time, amortized. Besides the Map, `order` holds the keys in the order of their
 * latest counted event: a key counting one is put at the back (its older place is left behind, and skipped), so
 * the key whose events all expired first is at the front. Each hit drops expired keys from the front, and with
 * `maxKeys` live keys the one idle the longest makes room for a new one. `order` is compacted (its live places
 * copied) once it holds more than twice as many places as there are keys: at most as many copies as places
 * dropped or left behind. A key's expired events are dropped from the front of its list likewise.
 */
export function slidingWindow(limit: number, windowMs: number, maxKeys = 50_000): Window {
  const keys = new Map<string, Events>();
  let order: Events[] = [];
  let front = 0;
  const expired = (time: number, now: number) => time <= now - windowMs;

  const forget = (events: Events) => {
    keys.delete(events.key);
    events.at = -1;
  };

  /** The key's live events, dropping the expired ones (and the key once none is left). */
  const live = (key: string, now: number): Events | undefined => {
    const events = keys.get(key);
    if (events === undefined) return undefined;
    const { times } = events;
    while (events.head < times.length && expired(times[events.head], now)) events.head++;
    if (events.head === times.length) {
      forget(events);
      return undefined;
    }
    if (events.head >= 16 && events.head * 2 >= times.length) {
      events.times = times.slice(events.head);
      events.head = 0;
    }
    return events;
  };
  const count = (events: Events | undefined) => (events === undefined ? 0 : events.times.length - events.head);
  const retryAfter = (events: Events, now: number) =>
    Math.max(1, Math.ceil((events.times[events.times.length - limit] + windowMs - now) / 1000));

  /** Drops the places left behind and the keys whose latest event has expired, from the front. */
  const dropExpiredKeys = (now: number) => {
    for (; front < order.length; front++) {
      const events = order[front];
      if (events.at !== front) continue;
      if (!expired(events.latest, now)) return;
      forget(events);
    }
  };
  /** Forgets the key idle the longest: the first one still in its place. */
  const forgetIdlest = () => {
    for (; front < order.length; front++) {
      const events = order[front];
      if (events.at === front) {
        forget(events);
        front++;
        return;
      }
    }
  };
  const toBack = (events: Events) => {
    events.at = order.length;
    order.push(events);
    if (order.length > 2 * keys.size + 32) {
      const kept: Events[] = [];
      for (let i = front; i < order.length; i++) {
        if (order[i].at !== i) continue;
        order[i].at = kept.length;
        kept.push(order[i]);
      }
      order = kept;
      front = 0;
    }
  };

  return {
    hit(key, now = Date.now()) {
      let events = live(key, now);
      if (events !== undefined && count(events) >= limit) return retryAfter(events, now);
      dropExpiredKeys(now);
      if (events === undefined) {
        if (keys.size >= maxKeys) forgetIdlest();
        events = { key, times: [], head: 0, latest: now, at: -1 };
        keys.set(key, events);
      }
      events.times.push(now);
      events.latest = Math.max(events.latest, now);
      toBack(events);
      return undefined;
    },
    over(key, now = Date.now()) {
      const events = live(key, now);
      return events !== undefined && count(events) >= limit ? retryAfter(events, now) : undefined;
    },
  };
}

/**
 * Counting events per key in a window of whole seconds, in memory bounded by the window's length, whatever the
 * limit: for counts that may be high (refused triggers, ten times triggers_per_minute), where slidingWindow would
 * keep a time for each event. A key's events are counted per second; an event leaves the window with its second.
 */
export function countingWindow(limit: number, windowMs: number, maxKeys = 50_000): Window {
  const seconds = Math.max(1, Math.ceil(windowMs / 1000));
  /** a key's counts by second, `counts[s % seconds]` for second s, and their sum, up to second `last` */
  interface Counts {
    counts: number[];
    total: number;
    last: number;
  }
  const keys = new Map<string, Counts>();
  const second = (now: number) => Math.floor(now / 1000);

  /** Drops the seconds that left the window by `now`. */
  const advance = (c: Counts, now: number): void => {
    const s = second(now);
    if (s <= c.last) return;
    if (s - c.last >= seconds) {
      c.counts.fill(0);
      c.total = 0;
    } else {
      for (let t = c.last + 1; t <= s; t++) {
        c.total -= c.counts[t % seconds];
        c.counts[t % seconds] = 0;
      }
    }
    c.last = s;
  };

  /** Seconds until the key's count is below the limit again, as its oldest seconds leave the window. */
  const wait = (c: Counts): number => {
    let total = c.total;
    for (let t = c.last - seconds + 1; t <= c.last; t++) {
      total -= c.counts[((t % seconds) + seconds) % seconds];
      if (total < limit) return Math.max(1, t + seconds - c.last);
    }
    return seconds;
  };

  const live = (key: string, now: number): Counts | undefined => {
    const c = keys.get(key);
    if (c === undefined) return undefined;
    advance(c, now);
    if (c.total === 0) {
      keys.delete(key);
      return undefined;
    }
    return c;
  };

  return {
    hit(key, now = Date.now()) {
      let c = live(key, now);
      if (c === undefined) {
        if (keys.size >= maxKeys) keys.delete(keys.keys().next().value as string); // the key counted first makes room
        c = { counts: new Array<number>(seconds).fill(0), total: 0, last: second(now) };
        keys.set(key, c);
      }
      c.counts[c.last % seconds] += 1;
      c.total += 1;
      return c.total > limit ? wait(c) : undefined;
    },
    over(key, now = Date.now()) {
      const c = live(key, now);
      return c === undefined || c.total < limit ? undefined : wait(c);
    },
  };
}
