// Single flight: the only place that knows whether this service has a run in progress.
// The check and the start are one synchronous step, so simultaneous triggers cannot both start a run.
import type { Logger } from './log';
import type { Launch } from './puppet/launch';
import { outcomeOf, type Outcome } from './puppet/outcome';
import type { RunLog } from './runlog';
import type { RunRequest } from './trigger';

export type TriggerResult =
  | { kind: 'started' }
  | { kind: 'busy'; pid?: number }
  | { kind: 'disabled'; message: string | null }
  | { kind: 'error'; message: string }
  | { kind: 'finished'; outcome: Outcome }
  | { kind: 'shutdown' };

type State = 'idle' | 'starting' | 'running';

// Allowed transitions; anything else is a bug, and failing loudly beats a second puppet.
const NEXT: Record<State, State[]> = { idle: ['starting'], starting: ['running', 'idle'], running: ['idle'] };

export interface Runner {
  trigger(request: RunRequest): Promise<TriggerResult>;
  state(): State;
  /** Answers every caller still waiting for a run; the run itself goes on. */
  shutdown(): void;
}

const NO_RUN_LOG = (): RunLog => ({ write: () => undefined, close: () => undefined });

export function createRunner(
  launch: Launch,
  log: Logger,
  openRunLog: (id: number) => RunLog = NO_RUN_LOG,
  now: () => number = Date.now,
): Runner {
  let state: State = 'idle';
  let runs = 0;
  const waiters = new Set<(result: TriggerResult) => void>();

  const move = (to: State) => {
    if (!NEXT[state].includes(to)) throw new Error(`runner: illegal transition ${state} -> ${to}`);
    state = to;
  };

  async function trigger(request: RunRequest): Promise<TriggerResult> {
    if (state !== 'idle') return { kind: 'busy' };
    move('starting');
    const id = ++runs;
    const started = now();
    const runLog = openRunLog(id);
    let proc;
    try {
      proc = launch((line) => {
        log.info(`puppet run ${id}: ${line}`);
        runLog.write(line);
      });
    } catch (err) {
      runLog.close();
      move('idle');
      return { kind: 'error', message: `Cannot start the puppet-twitch helper: ${(err as Error).message}` };
    }
    const first = await proc.first;
    if (first.event !== 'started') {
      move('idle');
      runLog.close();
      if (first.event === 'busy') return { kind: 'busy', pid: first.pid };
      if (first.event === 'disabled') return { kind: 'disabled', message: first.message };
      if (first.event === 'error') {
        log.error(`puppet run ${id} not started: ${first.message}`);
        return { kind: 'error', message: first.message };
      }
      return { kind: 'error', message: `The helper reported '${first.event}' before the run started` };
    }
    move('running');
    log.info(`puppet run ${id} started (pid ${first.pid})`);
    const finished = proc.done.then((end): TriggerResult => {
      move('idle');
      const outcome = outcomeOf(end.code, end.signal);
      const took = ((now() - started) / 1000).toFixed(1);
      const how = outcome.code === null ? outcome.meaning : `exit code ${outcome.code} (${outcome.meaning})`;
      log.info(`puppet run ${id} finished after ${took}s: ${how}`);
      runLog.write(`puppet run ${id} finished after ${took}s: ${how}`);
      runLog.close();
      return { kind: 'finished', outcome };
    });
    if (request.async) return { kind: 'started' };
    return new Promise<TriggerResult>((resolve) => {
      waiters.add(resolve);
      void finished.then((result) => {
        waiters.delete(resolve);
        resolve(result);
      });
    });
  }

  return {
    trigger,
    state: () => state,
    shutdown() {
      for (const resolve of waiters) resolve({ kind: 'shutdown' });
      waiters.clear();
    },
  };
}
