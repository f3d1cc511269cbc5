// Counting events per key in a sliding window, in bounded memory: the limits of triggers per minute and of
// failed authentications.
export interface Window {
  /** Counts an event for `key`; when that makes more than `limit` in the window, the seconds until one expires. */
  hit(key: string, now?: number): number | undefined;
  /** Seconds until `key` is below its limit again; undefined when it is now. */
  over(key: string, now?: number): number | undefined;
}

export function slidingWindow(limit: number, windowMs: number, maxKeys = 50_000): Window {
  const events = new Map<string, number[]>();
  const live = (key: string, now: number): number[] => {
    const list = events.get(key);
    if (list === undefined) return [];
    while (list.length > 0 && list[0] <= now - windowMs) list.shift();
    if (list.length === 0) events.delete(key);
    return list;
  };
  const retryAfter = (list: number[], now: number) => Math.max(1, Math.ceil((list[list.length - limit] + windowMs - now) / 1000));
  return {
    hit(key, now = Date.now()) {
      const list = live(key, now);
      if (list.length >= limit) return retryAfter(list, now);
      if (!events.has(key)) {
        if (events.size >= maxKeys) {
          for (const k of events.keys()) {
            live(k, now);
            if (events.size < maxKeys) break;
          }
          if (events.size >= maxKeys) events.delete(events.keys().next().value as string);
        }
        events.set(key, list);
      }
      list.push(now);
      return undefined;
    },
    over(key, now = Date.now()) {
      const list = live(key, now);
      return list.length >= limit ? retryAfter(list, now) : undefined;
    },
  };
}
