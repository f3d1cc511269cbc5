// One budget for every answer that is held open while something happens: async=false triggers, stream=true
// triggers, GET /puppet/runs/<id>?wait=, output followers and their SSE. A held answer protects its connection
// from eviction at the connection cap, so the budget keeps the rest of the cap for new clients: past it, a
// request that would wait is answered at once.
import { DEFAULTS } from '../config';
import { twitchError } from '../errors';

export interface HeldBudget {
  /** the most answers held at once */
  readonly max: number;
  /** a slot, or a 429 naming the limit; the returned release may be called more than once */
  take(): () => void;
  /** answers held now */
  held(): number;
}

/** Retry-After of a request refused for want of a slot: held answers end when runs do. */
export const HELD_RETRY_SECONDS = 5;

/**
 * limits.max_held for a connection cap: as configured (a quarter of the cap when not), and never more than half the
 * cap, so that held answers cannot take the room new clients need.
 */
export function heldLimit(configured: number | null, cap: number): number {
  return Math.max(1, Math.min(configured ?? Math.floor(cap * DEFAULTS.limits.max_held_share), Math.floor(cap / 2)));
}

export function heldBudget(max: number): HeldBudget {
  let held = 0;
  return {
    max,
    take() {
      if (held >= max) {
        throw twitchError(
          'TOO_MANY_REQUESTS',
          `Too many answers are held open (${max}, limits.max_held): ask without waiting (async=true, no wait= or stream=true) ` +
            `and poll the run's record, or try again in ${HELD_RETRY_SECONDS} s.`,
          { 'Retry-After': String(HELD_RETRY_SECONDS) },
        );
      }
      held += 1;
      let released = false;
      return () => {
        if (!released) held -= 1;
        released = true;
      };
    },
    held: () => held,
  };
}
