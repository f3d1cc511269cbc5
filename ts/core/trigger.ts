// The trigger use case, the same for every caller that asks for a run: the caller's rate
// (limits.triggers_per_minute), what its scopes allow (trigger_noop: noop runs only), the minimum interval
// between runs (limits.min_run_interval), then the runner's single flight and busy policy. Knows no HTTP.
import type { Identity } from '../auth/identity';
import type { TriggerRate } from '../auth/trigger-rate';
import type { LimitsConfig } from '../config';
import { twitchError } from '../errors';
import type { RecordStore, RunRecord } from './records';
import type { Runner, RunRequest, TriggerResult } from './runner';

export interface TriggerCall {
  request: RunRequest;
  identity: Identity | null;
  /** the caller's address */
  peer: string;
  /**
   * Takes what the answer will hold for as long as the run (a stream slot) once every check passed, before the
   * run starts; returns its release, called at once when the run is not started.
   */
  hold?: () => () => void;
}

export type Trigger = (call: TriggerCall) => Promise<TriggerResult>;

export interface TriggerDeps {
  runner: Pick<Runner, 'trigger' | 'refusal'>;
  store: Pick<RecordStore, 'find'>;
  limits: Pick<LimitsConfig, 'min_run_interval'>;
  /** the caller's trigger rates: accepted and refused triggers a minute */
  rate: TriggerRate;
  now?: () => number;
}

/** When the newest run started (or began its splay), in ms; undefined when none has. */
function lastStart(store: Pick<RecordStore, 'find'>): number | undefined {
  const startOf = (record: RunRecord) => record.started_at ?? (record.state === 'splaying' ? record.requested_at : null);
  const last = store.find((record) => startOf(record) !== null);
  return last === undefined ? undefined : Date.parse(startOf(last) as string);
}

const REFUSED: ReadonlySet<TriggerResult['kind']> = new Set(['busy', 'disabled', 'queue_conflict', 'error']);

export function createTrigger(deps: TriggerDeps): Trigger {
  const { runner, store, limits, rate } = deps;
  const now = deps.now ?? Date.now;
  return async ({ request, identity, peer, hold }) => {
    rate.check(identity, peer);
    const scopes = identity?.scopes;
    if (scopes !== undefined && !scopes.has('trigger') && request.options.noop !== true) {
      throw twitchError('FORBIDDEN', `Forbidden: ${identity?.name} may only trigger noop runs (scope 'trigger_noop'): add noop=true.`);
    }
    const interval = limits.min_run_interval * 1000;
    const last = interval === 0 ? undefined : lastStart(store);
    if (last !== undefined && now() - last < interval) {
      const wait = Math.max(1, Math.ceil((last + interval - now()) / 1000));
      throw twitchError(
        'TOO_MANY_REQUESTS',
        `The last puppet run started less than ${limits.min_run_interval} s ago (limits.min_run_interval): try again in ${wait} s.`,
        { 'Retry-After': String(wait) },
      );
    }
    // the busy answer, the one a flood gets, without a held slot or a second promise
    const refused = runner.refusal(request);
    if (refused !== undefined) {
      rate.refused(identity, peer);
      return refused;
    }
    const release = hold?.();
    let result: TriggerResult;
    try {
      result = await runner.trigger(request, () => rate.count(identity, peer));
    } catch (err) {
      release?.();
      throw err;
    }
    if (REFUSED.has(result.kind)) rate.refused(identity, peer);
    return result;
  };
}
