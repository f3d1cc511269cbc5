// Scheduled runs: each tick of the cron expression asks the runner HTTP triggers use, with when_busy=reject, so
// single flight holds: a tick that finds a run in progress or splaying (a scheduled one too) starts nothing, and
// one log line says why. The splay is the runner's, so the record shows `splaying` while the tick waits.
import type { ScheduleConfig } from '../config';
import { startCronTask, type CronTask } from './cron';
import type { Logger } from '../log';
import type { Runner, RunRequest, TriggerResult } from './runner';

export interface Schedule {
  expression: string;
  /** when the next tick is due, or null once stopped */
  nextRun(): Date | null;
  stop(): void;
}

export function scheduledRequest(schedule: ScheduleConfig): RunRequest {
  return { options: schedule.options, splay: schedule.splay, async: true, when_busy: 'reject', source: 'schedule', client: null, identity: null };
}

/** The service's own run a tick found, as the runner saw it when it decided. */
export interface BusyWith {
  id: string;
  state: string;
  source: string;
}

/** The one log line for a tick: which run it started, or why it started none. */
export function tickLine(result: TriggerResult, busyWith: BusyWith | undefined): { error: boolean; text: string } {
  const skipped = (why: string) => ({ error: false, text: `scheduled puppet run skipped: ${why}` });
  switch (result.kind) {
    case 'started':
      return { error: false, text: `scheduled puppet run ${result.record.id} triggered` };
    case 'busy':
      if (busyWith !== undefined) return skipped(`puppet run ${busyWith.id} (${busyWith.source}) is still ${busyWith.state}`);
      return skipped(`another puppet run holds the catalog lock${result.pid === undefined ? '' : ` (pid ${result.pid})`}`);
    case 'disabled':
      return skipped(`the agent is disabled${result.message === null ? '' : `: ${result.message}`}`);
    case 'error':
      return { error: true, text: `scheduled puppet run not started: ${result.message}` };
    default:
      return { error: true, text: `scheduled puppet run: unexpected answer '${result.kind}' from the runner` };
  }
}

export async function tick(runner: Runner, request: RunRequest, log: Logger): Promise<void> {
  // read in the same synchronous step in which the runner decides, so the line names the run that blocked
  const current = runner.current();
  const state = runner.state();
  const busyWith = state !== 'idle' && current !== undefined ? { id: current.id, state, source: current.source } : undefined;
  let result: TriggerResult;
  try {
    result = await runner.trigger(request);
  } catch (err) {
    log.error(`scheduled puppet run not started: ${(err as Error).message}`);
    return;
  }
  const line = tickLine(result, busyWith);
  if (line.error) log.error(line.text);
  else log.info(line.text);
}

/**
 * node-cron takes 1-3 ms of CPU to work out the next run, too much for every GET /puppet/status; the answer
 * stays the same until that time has passed.
 */
export function cachedNextRun(nextRun: () => Date | null, now: () => number = Date.now): () => Date | null {
  let cached: Date | null = null;
  return () => {
    if (cached === null || cached.getTime() <= now()) cached = nextRun();
    return cached;
  };
}

export function startSchedule(
  schedule: ScheduleConfig,
  runner: Runner,
  log: Logger,
  start: (expression: string, timezone: string, onTick: () => void) => CronTask = startCronTask,
  now: () => number = Date.now,
): Schedule {
  const request = scheduledRequest(schedule);
  const task = start(schedule.cron, schedule.timezone, () => void tick(runner, request, log));
  const next = cachedNextRun(task.nextRun, now);
  let stopped = false;
  return {
    expression: schedule.cron,
    nextRun: () => (stopped ? null : next()),
    stop() {
      stopped = true;
      task.stop();
    },
  };
}

/** How the start line describes the schedule. */
export function describeSchedule(schedule: ScheduleConfig, next: Date | null): string {
  const splay = schedule.splay > 0 ? `, splay up to ${schedule.splay} s` : '';
  return `scheduled runs "${schedule.cron}" (${schedule.timezone}${splay}), next at ${next?.toISOString() ?? 'never'}`;
}
