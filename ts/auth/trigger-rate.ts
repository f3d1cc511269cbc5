// limits.triggers_per_minute: how many triggers of one identity (one address when anonymous) may start or
// queue a run in a minute; limits.refused_triggers_per_minute: how many of its triggers may be refused (busy,
// disabled, a queue conflict, a helper that failed) in a minute, each of which cost the root side a look. The
// core asks before a trigger and counts each one by how it ended.
import type { Identity } from './identity';
import { plainAddress } from './addresses';
import { tooMany } from './gate';
import { countingWindow, slidingWindow } from './limiter';

const MINUTE = 60_000;

export interface TriggerRate {
  /** 429 once this caller's triggers started or queued `accepted` runs, or were refused `refused` times, in the last minute */
  check(identity: Identity | null, peer: string): void;
  /** counts a trigger that started or queued a run */
  count(identity: Identity | null, peer: string): void;
  /** counts a trigger that was refused */
  refused(identity: Identity | null, peer: string): void;
}

export interface TriggerLimits {
  /** limits.triggers_per_minute */
  accepted: number;
  /** limits.refused_triggers_per_minute */
  refused: number;
}

export function triggerRate(limits: TriggerLimits, now: () => number = Date.now): TriggerRate {
  const accepted = slidingWindow(limits.accepted, MINUTE);
  // refusals may be many (ten times the accepted ones by default): counted per second, not kept one by one
  const refused = countingWindow(limits.refused, MINUTE);
  // An anonymous caller's key, kept for the address it was built for: a trigger looks its key up two or three
  // times, and one client usually sends many, so the same string (its hash computed once) serves them all.
  let lastPeer: string | undefined;
  let lastKey = '';
  const triggerKey = (identity: Identity | null, peer: string): string => {
    if (identity !== null) return identity.name;
    if (peer !== lastPeer) {
      lastKey = `address:${plainAddress(peer)}`;
      lastPeer = peer;
    }
    return lastKey;
  };
  return {
    check(identity, peer) {
      const key = triggerKey(identity, peer);
      const wait = accepted.over(key, now());
      if (wait !== undefined) {
        throw tooMany(wait, `Too many triggers: ${limits.accepted} a minute for ${key} (limits.triggers_per_minute); try again in ${wait} s.`);
      }
      const refusedWait = refused.over(key, now());
      if (refusedWait !== undefined) {
        throw tooMany(
          refusedWait,
          `Too many refused triggers: ${limits.refused} a minute for ${key} (limits.refused_triggers_per_minute); ` +
            `try again in ${refusedWait} s, once the run in progress has ended or the agent is enabled.`,
        );
      }
    },
    count(identity, peer) {
      accepted.hit(triggerKey(identity, peer), now());
    },
    refused(identity, peer) {
      refused.hit(triggerKey(identity, peer), now());
    },
  };
}
