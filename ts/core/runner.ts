// Single flight: the only place that knows whether this service has a run in progress, and what comes next.
// The check and the start are one synchronous step, so simultaneous triggers cannot both start a run. At most
// one run waits behind the current one (when_busy=queue). Every run accepted has a record, written before its
// helper starts: a trigger whose record cannot be written starts nothing (CANNOT_RECORD).
import { twitchError } from '../errors';
import type { Logger } from '../log';
import { sameOptions, type RunOptions } from './options';
import type { Ending, Launch } from '../puppet/launch';
import type { RunReport } from '../puppet/report';
import { outcomeOf, type Outcome, type OutcomeName } from '../puppet/outcome';
import type { PuppetStatus } from '../puppet/protocol';
import { pendingNoop } from '../puppet/summary';
import { remedy } from './record-writes';
import { adoptRuns } from './adoption';
import { addTail, newRecord, type RecordStore, type RunRecord, type RunSource } from './records';
import { finishWaiters } from './waiters';
import type { RunLog } from '../runlog';
import type { OutputSink } from '../output/hub';

/** What a caller asks for, from HTTP (trigger.ts) or the schedule (schedule.ts). */
export interface RunRequest {
  options: RunOptions;
  /** wait a random time up to this many seconds before starting puppet */
  splay: number;
  /** true: answer once the run is accepted; false: wait for its result */
  async: boolean;
  when_busy: 'reject' | 'queue';
  source: RunSource;
  client: string | null;
  /** who asked (`token:deploy`, `webhook:control-repo`, `cert:ops01.example.com`); null: anonymous or the schedule */
  identity: string | null;
}

export type TriggerResult =
  | { kind: 'started'; record: RunRecord }
  | { kind: 'queued'; record: RunRecord }
  | { kind: 'busy'; pid?: number }
  | { kind: 'queue_conflict'; queued: RunRecord }
  | { kind: 'disabled'; message: string | null }
  | { kind: 'error'; message: string }
  | { kind: 'finished'; record: RunRecord; outcome: Outcome }
  | { kind: 'shutdown' };

type State = 'idle' | 'splaying' | 'starting' | 'running';

// Allowed transitions; anything else is a bug, and failing loudly beats a second puppet.
const NEXT: Record<State, State[]> = {
  idle: ['splaying', 'starting', 'running'],
  splaying: ['starting'],
  starting: ['running', 'idle'],
  running: ['idle'],
};

export interface Runner {
  /** `accepted` is called once the run is started or queued, before an async=false caller's wait for its end */
  trigger(request: RunRequest, accepted?: (record: RunRecord) => void): Promise<TriggerResult>;
  /** What `trigger` would answer at once without starting or queueing anything (busy, a recent refusal), if so */
  refusal(request: RunRequest): TriggerResult | undefined;
  /** Drops the root side's last refusal (the agent's state was just changed through this service: core/control.ts). */
  forgetRefusal(): void;
  /** The record once the run has finished, or as it is after `ms`; undefined for an unknown id. */
  wait(id: string, ms: number): Promise<RunRecord | undefined>;
  current(): RunRecord | undefined;
  queued(): RunRecord | undefined;
  state(): State;
  /** Answers every caller still waiting for a run; the run itself goes on. */
  shutdown(): void;
}

export interface RunnerDeps {
  launch: Launch;
  log: Logger;
  store: RecordStore;
  /** Puppet's state, read as root (cached): how a run that outlived a restart ended */
  puppetStatus: () => Promise<PuppetStatus>;
  openRunLog?: (id: string) => RunLog;
  /** where each run's output goes besides the log: its stored file and live watchers (output/hub.ts) */
  openOutput?: (id: string) => OutputSink;
  now?: () => Date;
  random?: () => number;
  /** how often a run adopted after a restart is checked for its end (default 250 ms) */
  pollMs?: number;
  /** keeps a finished run's resource report beside its record (run-reports.ts) */
  saveReport?: (id: string, report: RunReport) => void;
  /** called once for every record that finishes */
  onFinished?: (record: RunRecord) => void;
  /** whether a run's puppet process lives (platform/, recovery.ts mayBePuppet): a run adopted after a restart is followed by its PID */
  isAlive: (pid: number) => boolean;
  /** how long the root side's refusal (lock held elsewhere, agent disabled) answers new triggers without a helper */
  refusalReuseMs: number;
  /** milliseconds now, for how long a refusal is reused (default Date.now) */
  clock?: () => number;
}

const NO_RUN_LOG = (): RunLog => ({ write: () => undefined, close: () => undefined });
const NO_OUTPUT = (): OutputSink => ({ write: () => undefined, close: () => undefined });

/** How long a caller refused for an unwritable state_dir waits before trying again. */
export const CANNOT_RECORD_RETRY_SECONDS = 30;

/** The answer to a trigger whose record state_dir refused: nothing was started. */
function cannotRecord(err: unknown): Error {
  const kind = (err as NodeJS.ErrnoException).code ?? 'other';
  return twitchError(
    'CANNOT_RECORD',
    `Cannot record the run: ${(err as Error).message}. Nothing was started: ${remedy(kind)}, then trigger again.`,
    { 'Retry-After': String(CANNOT_RECORD_RETRY_SECONDS) },
  );
}

export function createRunner(deps: RunnerDeps): Runner {
  const { launch, log, store, puppetStatus } = deps;
  const openRunLog = deps.openRunLog ?? NO_RUN_LOG;
  const openOutput = deps.openOutput ?? NO_OUTPUT;
  const now = deps.now ?? (() => new Date());
  const random = deps.random ?? Math.random;
  let state: State = 'idle';
  let current: RunRecord | undefined;
  let queued: { record: RunRecord; request: RunRequest } | undefined;
  const waiters = finishWaiters();
  // The root side's last refusal (another process holds Puppet's lock, the agent is disabled), answered again for
  // limits.refusal_reuse_seconds without a new root helper: a flood of triggers starts at most one helper in that time.
  let refusal: { at: number; result: TriggerResult & { kind: 'busy' | 'disabled' } } | undefined;
  const clock = deps.clock ?? Date.now;
  const recentRefusal = (): TriggerResult | undefined =>
    refusal !== undefined && clock() - refusal.at < deps.refusalReuseMs ? refusal.result : undefined;

  const move = (to: State) => {
    if (!NEXT[state].includes(to)) throw new Error(`runner: illegal transition ${state} -> ${to}`);
    state = to;
  };

  // a write that fails keeps the record in memory and is retried by the store, which reports it
  const save = (record: RunRecord) => store.save(record);

  /** A new run's record, on disk before anything starts, or the CANNOT_RECORD answer. */
  const recordNew = (request: RunRequest): RunRecord => {
    const record = newRecord({ source: request.source, client: request.client, identity: request.identity, options: recordOptions(request) }, now());
    try {
      store.create(record);
    } catch (err) {
      throw cannotRecord(err);
    }
    return record;
  };

  const untilFinished = (record: RunRecord): Promise<TriggerResult> =>
    new Promise((resolve) =>
      waiters.on(record.id, (done) =>
        resolve(done === undefined ? { kind: 'shutdown' } : { kind: 'finished', record: done, outcome: outcomeOfRecord(done) }),
      ),
    );

  const finalize = (record: RunRecord, fields: Partial<RunRecord>) => {
    Object.assign(record, { state: 'finished', finished_at: now().toISOString() }, fields);
    save(record);
    deps.onFinished?.(record);
    waiters.finished(record);
  };

  function startNext(): void {
    if (queued === undefined || state !== 'idle') return;
    const next = queued;
    queued = undefined;
    void begin(next.record, next.request, true);
  }

  /**
   * Starts puppet for `record` (after the splay). `accepted`: its caller had the answer already (a splay, the
   * queue), so a refusal by the root side ends the record; else a refusal is the caller's answer, and the record
   * of a run that never was goes.
   */
  async function begin(record: RunRecord, request: RunRequest, accepted: boolean): Promise<TriggerResult> {
    current = record;
    if (request.splay > 0) {
      move('splaying');
      record.state = 'splaying';
      save(record);
      const delay = Math.floor(random() * request.splay * 1000);
      log.info(`puppet run ${record.id} splaying for ${(delay / 1000).toFixed(1)}s`);
      // Puppet's own splay skips the lock and disabled checks (PUP-9998): here the helper makes them after the wait.
      return new Promise<void>((resolve) => setTimeout(resolve, delay)).then(() => launchRun(record, request, true));
    }
    move('starting');
    return launchRun(record, request, accepted);
  }

  async function launchRun(record: RunRecord, request: RunRequest, accepted: boolean): Promise<TriggerResult> {
    if (state === 'splaying') move('starting');
    const runLog = openRunLog(record.id);
    const output = openOutput(record.id);
    const tail: string[] = [];
    const notStarted = (result: TriggerResult & { kind: 'busy' | 'disabled' | 'error' }): TriggerResult => {
      refusal = result.kind === 'error' ? undefined : { at: clock(), result };
      runLog.close();
      output.close();
      current = undefined;
      move('idle');
      if (result.kind !== 'error' && !accepted) store.discard(record.id);
      else {
        // a helper that could not start or reported an error ends the record it had: the trigger was accepted
        const outcome: OutcomeName = result.kind === 'disabled' ? 'disabled' : 'failed';
        const error =
          result.kind === 'disabled'
            ? `the agent is disabled${result.message === null ? '' : `: ${result.message}`}`
            : result.kind === 'busy'
              ? `another puppet run held the catalog lock (pid ${result.pid})`
              : result.message;
        // the caller had its answer before this (after a splay, or in the queue): the log says how it ended
        if (result.kind !== 'error') log.info(`puppet run ${record.id} not started: ${error}`);
        finalize(record, { outcome, error });
      }
      startNext();
      return result;
    };
    let proc;
    try {
      proc = launch({ action: 'run', id: record.id, options: request.options }, (line) => {
        log.info(`puppet run ${record.id}: ${line}`);
        runLog.write(line);
        output.write(line);
        addTail(tail, line);
      });
    } catch (err) {
      return notStarted({ kind: 'error', message: `Cannot start the puppet-twitch helper: ${(err as Error).message}` });
    }
    const first = await proc.first;
    if (first.event !== 'started') {
      if (first.event === 'busy') return notStarted({ kind: 'busy', pid: first.pid });
      if (first.event === 'disabled') return notStarted({ kind: 'disabled', message: first.message });
      const message = first.event === 'error' ? first.message : `The helper reported '${first.event}' before the run started`;
      log.error(`puppet run ${record.id} not started: ${message}`);
      return notStarted({ kind: 'error', message });
    }
    refusal = undefined;
    move('running');
    Object.assign(record, { state: 'running', started_at: now().toISOString(), pid: first.pid });
    save(record);
    log.info(`puppet run ${record.id} started (pid ${first.pid})`);
    void proc.done.then(
      (end) => finish(record, end, tail, runLog, output),
      (err: Error) => finish(record, { code: null, signal: null, timed_out: false, summary: null }, tail, runLog, output, err.message),
    );
    return { kind: 'started', record };
  }

  function finish(record: RunRecord, end: Ending, tail: string[], runLog: RunLog, output: OutputSink, error?: string): void {
    const outcome = outcomeOf(end.code, end.signal, end.timed_out, pendingNoop(end.summary, record.options.noop === true));
    const took = ((now().getTime() - Date.parse(record.started_at ?? record.requested_at)) / 1000).toFixed(1);
    const how = outcome.code === null ? outcome.meaning : `exit code ${outcome.code} (${outcome.meaning})`;
    log.info(`puppet run ${record.id} finished after ${took}s: ${how}`);
    runLog.write(`puppet run ${record.id} finished after ${took}s: ${how}`);
    runLog.close();
    output.close();
    current = undefined;
    move('idle');
    // before the record says finished, so that whoever waits for it finds the report
    if (end.report) deps.saveReport?.(record.id, end.report);
    finalize(record, {
      exit_code: end.code,
      signal: end.signal,
      outcome: outcome.name,
      summary: end.summary,
      output_tail: tail,
      error: error ?? null,
    });
    startNext();
  }

  adoptRuns(store.recent(), {
    log,
    isAlive: deps.isAlive,
    pollMs: deps.pollMs ?? 250,
    puppetStatus,
    recent: () => store.recent(),
    now,
    finalize,
    claim(record) {
      if (current !== undefined) return false;
      current = record;
      move('running');
      return true;
    },
    release() {
      current = undefined;
      move('idle');
      startNext();
    },
  });

  function refusalFor(request: RunRequest): TriggerResult | undefined {
    if (state === 'idle') return recentRefusal();
    return request.when_busy === 'reject' ? { kind: 'busy', pid: current?.pid ?? undefined } : undefined;
  }

  async function trigger(request: RunRequest, accepted: (record: RunRecord) => void = () => undefined): Promise<TriggerResult> {
    const refused = refusalFor(request);
    if (refused !== undefined) return refused;
    if (state !== 'idle') {
      if (queued !== undefined) {
        const same = sameOptions(queued.record.options, request.options) && (queued.record.options.splay ?? 0) === request.splay;
        if (!same) return { kind: 'queue_conflict', queued: queued.record };
        accepted(queued.record);
        return request.async ? { kind: 'queued', record: queued.record } : untilFinished(queued.record);
      }
      const record = recordNew(request);
      queued = { record, request };
      log.info(`puppet run ${record.id} queued behind ${current?.id ?? 'the current run'}`);
      accepted(record);
      return request.async ? { kind: 'queued', record } : untilFinished(record);
    }
    const record = recordNew(request);
    const begun = begin(record, request, false);
    if (request.splay > 0) {
      // accepted at once: the run starts after the splay, and its record says how it went
      accepted(record);
      if (!request.async) return begun.then((r) => (r.kind === 'started' ? untilFinished(record) : r));
      void begun;
      return { kind: 'started', record };
    }
    const result = await begun;
    if (result.kind !== 'started') return result;
    accepted(record);
    return request.async ? result : untilFinished(record);
  }

  return {
    trigger,
    refusal: refusalFor,
    forgetRefusal() {
      refusal = undefined;
    },
    wait: (id, ms) => waiters.wait(id, ms, store.get),
    current: () => current,
    queued: () => queued?.record,
    state: () => state,
    shutdown: waiters.shutdown,
  };
}

function recordOptions(request: RunRequest): RunRecord['options'] {
  return request.splay > 0 ? { ...request.options, splay: request.splay } : { ...request.options };
}

/** A finished record's outcome as the HTTP layer maps it. */
export function outcomeOfRecord(record: RunRecord): Outcome {
  if (record.outcome === 'timeout') return outcomeOf(record.exit_code, record.signal, true);
  if (record.exit_code !== null || record.signal !== null) return outcomeOf(record.exit_code, record.signal, false, record.outcome === 'noop_changes');
  const ok = record.outcome === 'no_changes' || record.outcome === 'noop_changes' || record.outcome === 'changes';
  return { name: record.outcome ?? 'unknown', ok, code: null, signal: null, meaning: record.error ?? (record.outcome ?? 'unknown') };
}
