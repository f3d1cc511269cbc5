// limits.triggers_per_minute: how many triggers of one identity (one address when anonymous) may start or
// queue a run in a minute. The core asks before a trigger and counts one that was accepted.
import type { Identity } from './identity';
import { plainAddress } from './addresses';
import { tooMany } from './gate';
import { slidingWindow } from './limiter';

const MINUTE = 60_000;

export interface TriggerRate {
  /** 429 once this caller's triggers started or queued `limit` runs in the last minute */
  check(identity: Identity | null, peer: string): void;
  /** counts a trigger that started or queued a run; refused triggers (409, 423, 4xx) do not count */
  count(identity: Identity | null, peer: string): void;
}

const triggerKey = (identity: Identity | null, peer: string) => identity?.name ?? `address:${plainAddress(peer)}`;

export function triggerRate(limit: number, now: () => number = Date.now): TriggerRate {
  const triggers = slidingWindow(limit, MINUTE);
  return {
    check(identity, peer) {
      const key = triggerKey(identity, peer);
      const wait = triggers.over(key, now());
      if (wait !== undefined) {
        throw tooMany(wait, `Too many triggers: ${limit} a minute for ${key} (limits.triggers_per_minute); try again in ${wait} s.`);
      }
    },
    count(identity, peer) {
      triggers.hit(triggerKey(identity, peer), now());
    },
  };
}
