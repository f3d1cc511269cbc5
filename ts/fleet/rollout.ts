// The rollout: the plan's batches one after the other (the canary first), --batch-sleep seconds between them, at
// most `concurrency` nodes' runs at once inside a batch, a slot held from trigger until the run has finished. A
// busy node gives its slot back and is tried again after its Retry-After, if that is within --busy-timeout; its
// batch ends only when it has. It stops itself when the canary did not end well or --max-failures nodes have
// failed, and on interrupt(): then no new run starts and the nodes not started are `skipped`.
import { emptyResult, type Attempt, type NodeState } from './node-run';
import { isFailure, NODE_OUTCOMES, SUCCESS, type NodeOutcome, type NodeResult, type Stopped } from './outcomes';
import type { Batch } from './plan';
import type { Target } from './targets';

export interface RolloutOptions {
  concurrency: number;
  /** the count resolved from --max-failures */
  maxFailures: number | null;
  /** --max-failures as given (N or N%), for the message */
  maxFailuresGiven: string | null;
  busyTimeout: number;
  batchSleep: number;
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
  /** batches in the plan after the canary (batch 0), which the progress line counts as 1 of N to N of N */
  batches: number;
  elapsedSeconds: number;
}

export type Attempter = (target: Target, state: NodeState) => Promise<Attempt>;

export interface RolloutHooks {
  onProgress?: (p: Progress) => void;
  /** each node's result, once, as it ends: skipped and unknown ones too */
  onResult?: (result: NodeResult) => void;
  now?: () => number;
}

export interface RolloutEnd {
  results: NodeResult[];
  stopped: Stopped | null;
}

export interface Rollout {
  done: Promise<RolloutEnd>;
  /**
   * The first call starts nothing new (the rest `skipped`) and lets the runs in flight end; the next one stops
   * waiting for them (they are `unknown`) and ends the rollout at once. Returns how many runs are in flight.
   */
  interrupt(): number;
}

interface Pending {
  target: Target;
  batch: number;
  state: NodeState;
  /** when the node first answered busy (ms), for --busy-timeout */
  busySince?: number;
  last?: NodeResult;
  result?: NodeResult;
}

const INTERRUPTED = 'interrupted';
const notStarted = (stopped: Stopped) => `not started: ${stopped.message}`;

export function rollout(batches: readonly Batch[], options: RolloutOptions, attempt: Attempter, hooks: RolloutHooks = {}): Rollout {
  const now = hooks.now ?? Date.now;
  const started = now();
  const total = batches.reduce((n, b) => n + b.targets.length, 0);
  const afterCanary = batches.filter((b) => b.index > 0).length;
  const results: NodeResult[] = [];
  /** the results by outcome, kept as they come: the progress hook is told after every event */
  const counts = Object.fromEntries(NODE_OUTCOMES.map((o) => [o, 0])) as Record<NodeOutcome, number>;
  let current: Pending[] = [];
  let queue: Pending[] = [];
  const inFlight = new Set<Pending>();
  const waiting = new Map<Pending, NodeJS.Timeout>();
  let batchPos = -1;
  let phase: 'running' | 'sleeping' | 'done' = 'running';
  let sleepTimer: NodeJS.Timeout | undefined;
  let failures = 0;
  let stopped: Stopped | null = null;
  let interrupts = 0;
  let resolveDone: (end: RolloutEnd) => void = () => undefined;
  const done = new Promise<RolloutEnd>((resolve) => (resolveDone = resolve));

  const progress = () => {
    if (hooks.onProgress === undefined) return;
    const batch = batchPos < 0 ? null : batches[Math.min(batchPos, batches.length - 1)].index;
    hooks.onProgress({ total, done: results.length, running: inFlight.size, failed: failures, batch, batches: afterCanary, elapsedSeconds: (now() - started) / 1000, counts: { ...counts } });
  };
  const stop = (reason: Stopped['reason'], message: string) => {
    stopped ??= { reason, message };
  };
  const record = (pending: Pending, result: NodeResult) => {
    pending.result = result;
    results.push(result);
    counts[result.outcome]++;
    if (isFailure(result.outcome)) failures++;
    if (options.maxFailures !== null && failures >= options.maxFailures) stop('max_failures', `--max-failures ${options.maxFailuresGiven ?? options.maxFailures} reached`);
    hooks.onResult?.(result);
  };
  const skip = (pending: Pending) => {
    const reason = notStarted(stopped as Stopped);
    const base = pending.last ?? emptyResult(pending.target, null);
    const error = pending.last === undefined ? reason : `${reason} (it was busy: ${pending.last.error})`;
    record(pending, { ...base, outcome: 'skipped', error, batch: pending.last === undefined ? null : pending.batch });
  };
  const pendingOf = (batch: Batch): Pending[] => batch.targets.map((target) => ({ target, batch: batch.index, state: { attempts: 0 } }));
  const skipRest = () => {
    for (const pending of queue.splice(0)) skip(pending);
    for (const [pending, timer] of waiting) {
      clearTimeout(timer);
      skip(pending);
    }
    waiting.clear();
    clearTimeout(sleepTimer);
    while (batchPos < batches.length - 1) for (const pending of pendingOf(batches[++batchPos])) skip(pending);
  };
  const finish = () => {
    phase = 'done';
    progress();
    resolveDone({ results, stopped });
  };
  const startNext = () => {
    current = pendingOf(batches[++batchPos]);
    queue = [...current];
    phase = 'running';
    pump();
  };
  const batchEnded = () => {
    if (stopped === null && batches[batchPos].index === 0) {
      const bad = current.find((p) => p.result !== undefined && !SUCCESS.has(p.result.outcome));
      if (bad !== undefined) stop('canary', `the canary failed (${bad.target.node}: ${bad.result?.outcome})`);
    }
    if (stopped !== null) skipRest();
    if (stopped !== null || batchPos >= batches.length - 1) return finish();
    if (options.batchSleep <= 0) return startNext();
    phase = 'sleeping';
    sleepTimer = setTimeout(startNext, options.batchSleep * 1000);
    progress();
  };
  const pump = () => {
    if (phase === 'done') return;
    if (stopped !== null) skipRest();
    if (phase === 'sleeping') {
      if (stopped !== null) finish();
      return;
    }
    while (stopped === null && inFlight.size < options.concurrency && queue.length > 0) start(queue.shift() as Pending);
    if (inFlight.size === 0 && queue.length === 0 && waiting.size === 0) return batchEnded();
    progress();
  };
  const start = (pending: Pending) => {
    inFlight.add(pending);
    new Promise<Attempt>((resolve) => resolve(attempt(pending.target, pending.state))).then(
      (outcome) => settle(pending, outcome),
      (err: Error) => settle(pending, { kind: 'done', result: { ...emptyResult(pending.target, null), error: err.message } }),
    );
  };
  const settle = (pending: Pending, outcome: Attempt) => {
    if (phase === 'done') return; // not waited for: its node is unknown already
    inFlight.delete(pending);
    const result = { ...outcome.result, batch: pending.batch };
    if (outcome.kind === 'busy') {
      pending.busySince ??= now();
      pending.last = result;
      const left = options.busyTimeout - (now() - pending.busySince) / 1000;
      // never sooner than the node asked: a Retry-After past --busy-timeout ends the node as busy now
      if (outcome.retryAfterSeconds <= left && stopped === null) {
        const timer = setTimeout(() => {
          waiting.delete(pending);
          queue.push(pending);
          pump();
        }, outcome.retryAfterSeconds * 1000);
        waiting.set(pending, timer);
      } else record(pending, result);
    } else record(pending, result);
    pump();
  };
  const interrupt = (): number => {
    const running = inFlight.size;
    if (phase === 'done') return running;
    interrupts++;
    if (interrupts === 1) {
      stopped = { reason: 'interrupted', message: stopped === null ? INTERRUPTED : `${INTERRUPTED}, after ${stopped.message}` };
      pump();
      return running;
    }
    for (const pending of inFlight) {
      const base = pending.last ?? emptyResult(pending.target, null);
      record(pending, { ...base, outcome: 'unknown', run_id: pending.state.runId ?? base.run_id, attempts: pending.state.attempts, error: `not waited for: ${INTERRUPTED}`, batch: pending.batch });
    }
    inFlight.clear();
    finish();
    return running;
  };

  if (batches.length === 0) finish();
  else startNext();
  return { done, interrupt };
}
