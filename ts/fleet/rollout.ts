// The rollout: at most `concurrency` nodes' runs at once, a slot held from trigger until the run has finished.
// A busy node gives its slot back and is tried again after its Retry-After, if that is within --busy-timeout. After
// --max-failures failed nodes no new run starts; the nodes not started are `skipped`.
import { emptyResult, type Attempt, type NodeState } from './node-run';
import { isFailure, NODE_OUTCOMES, type NodeOutcome, type NodeResult } from './outcomes';
import type { Target } from './targets';

export interface RolloutOptions {
  concurrency: number;
  maxFailures: number | null;
  busyTimeout: number;
}

export interface Progress {
  total: number;
  done: number;
  running: number;
  failed: number;
  /** nodes ended so far, by outcome */
  counts: Record<NodeOutcome, number>;
  /** the batch going on (0: the canary), null before the first starts */
  batch: number | null;
  /** batches in the plan, the canary included */
  batches: number;
  elapsedSeconds: number;
}

export type Attempter = (target: Target, state: NodeState) => Promise<Attempt>;

interface Pending {
  target: Target;
  state: NodeState;
  /** when the node first answered busy (ms), for --busy-timeout */
  busySince?: number;
  last?: NodeResult;
}

export function rollout(
  targets: readonly Target[],
  options: RolloutOptions,
  attempt: Attempter,
  onProgress: (p: Progress) => void = () => undefined,
  now: () => number = Date.now,
): Promise<NodeResult[]> {
  const queue: Pending[] = targets.map((target) => ({ target, state: { attempts: 0 } }));
  const waiting = new Set<{ pending: Pending; timer: NodeJS.Timeout }>();
  const results: NodeResult[] = [];
  let running = 0;
  let failures = 0;

  return new Promise((resolve) => {
    const stopped = () => options.maxFailures !== null && failures >= options.maxFailures;
    const started = now();
    const progress = () => {
      const counts = Object.fromEntries(NODE_OUTCOMES.map((o) => [o, 0])) as Record<NodeOutcome, number>;
      for (const r of results) counts[r.outcome]++;
      onProgress({ total: targets.length, done: results.length, running, failed: failures, counts, batch: 1, batches: 1, elapsedSeconds: (now() - started) / 1000 });
    };
    const skip = (pending: Pending) => {
      const reason = `not started: --max-failures ${options.maxFailures} reached`;
      const base = pending.last ?? emptyResult(pending.target, null);
      results.push({ ...base, outcome: 'skipped', error: pending.last === undefined ? reason : `${reason} (it was busy: ${pending.last.error})` });
    };
    const finish = (result: NodeResult) => {
      results.push(result);
      if (isFailure(result.outcome)) failures++;
    };
    const pump = () => {
      if (stopped()) {
        for (const pending of queue.splice(0)) skip(pending);
        for (const w of waiting) {
          clearTimeout(w.timer);
          skip(w.pending);
        }
        waiting.clear();
      }
      while (running < options.concurrency && queue.length > 0) start(queue.shift() as Pending);
      progress();
      if (running === 0 && queue.length === 0 && waiting.size === 0) resolve(results);
    };
    const start = (pending: Pending) => {
      running++;
      attempt(pending.target, pending.state).then(
        (outcome) => settle(pending, outcome),
        (err: Error) => settle(pending, { kind: 'done', result: { ...emptyResult(pending.target, null), error: err.message } }),
      );
    };
    const settle = (pending: Pending, outcome: Attempt) => {
      running--;
      if (outcome.kind === 'busy') {
        pending.busySince ??= now();
        pending.last = outcome.result;
        const left = options.busyTimeout - (now() - pending.busySince) / 1000;
        // never sooner than the node asked: a Retry-After past --busy-timeout ends the node as busy now
        if (outcome.retryAfterSeconds <= left && !stopped()) {
          const delay = outcome.retryAfterSeconds * 1000;
          const entry = {
            pending,
            timer: setTimeout(() => {
              waiting.delete(entry);
              queue.push(pending);
              pump();
            }, delay),
          };
          waiting.add(entry);
        } else finish(outcome.result);
      } else finish(outcome.result);
      pump();
    };
    pump();
  });
}
