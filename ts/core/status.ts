// Puppet's state as root sees it (lock, disabled file, last_run_summary.yaml), through the helper: cached for a
// moment and never more than one helper at a time, so no request rate becomes a rate of root processes.
import type { Config, PuppetMode } from '../config';
import type { OutcomeName } from '../puppet/outcome';
import type { Summary } from '../puppet/summary';
import type { Launch } from '../puppet/launch';
import type { PuppetStatus } from '../puppet/protocol';
import type { RecordStore, RunRecord } from './records';
import type { StateWriteError } from './record-writes';
import type { Runner } from './runner';
import { version } from '../version';

export const STATUS_CACHE_MS = 2000;

/** What status shows of the schedule (schedule.ts). */
export interface ScheduleView {
  expression: string;
  nextRun(): Date | null;
}

export function cachedPuppetStatus(launch: Launch, cacheMs = STATUS_CACHE_MS, now: () => number = Date.now): () => Promise<PuppetStatus> {
  // A failure is kept as long as an answer: a helper that fails must not be started again for every request.
  let cached: { at: number; value: PuppetStatus } | { at: number; error: Error } | undefined;
  let inFlight: Promise<PuppetStatus> | undefined;
  return () => {
    if (cached !== undefined && now() - cached.at < cacheMs) {
      return 'error' in cached ? Promise.reject(cached.error) : Promise.resolve(cached.value);
    }
    inFlight ??= (async () => {
      try {
        const first = await launch({ action: 'status' }).first;
        if (first.event !== 'status') {
          throw new Error(first.event === 'error' ? first.message : `the helper answered '${first.event}' to a status request`);
        }
        const { event: _event, ...value } = first;
        cached = { at: now(), value };
        return value;
      } catch (err) {
        cached = { at: now(), error: err as Error };
        throw err;
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  };
}

/** GET /puppet/status: Choria's field names where they exist, plus this service's own (README, "Status"). */
export interface StatusDocument {
  /** a catalog run holds Puppet's lock with a live PID, or this service's run is going */
  applying: boolean;
  enabled: boolean;
  disabled_message: string | null;
  /** time.last_run of last_run_summary.yaml, epoch seconds */
  lastrun: number | null;
  since_lastrun: number | null;
  /** the newest finished run this service knows of, else what Puppet's summary says of the last run */
  last_run: { id: string | null; outcome: OutcomeName | null; summary: Summary | null } | null;
  current_run: string | null;
  queued_run: string | null;
  /** schedule.cron */
  schedule: string | null;
  next_scheduled_run: string | null;
  idling: boolean;
  mode: PuppetMode;
  version: string;
  uptime_seconds: number;
  /** the last write to state_dir succeeded (false: run records wait in memory, and new triggers get CANNOT_RECORD) */
  state_dir_writable: boolean;
  /** the last write to state_dir that failed, also after writes work again; null when none has */
  state_write_error: StateWriteError | null;
  /** when this service's disable of the agent ends by itself, ISO time; null when none is in force */
  disabled_until: string | null;
  /** when the run in progress started (this service's, else anyone's holding Puppet's lock); null when none */
  current_run_started_at: string | null;
  /** seconds since current_run_started_at; null when none: an alert on a stuck run compares this */
  current_run_age_seconds: number | null;
}

/**
 * When the run in progress started, epoch milliseconds: this service's run from its record, else a catalog run of
 * anyone's from Puppet's lock; null when none is going (or this service's run is still splaying or starting).
 */
export function currentRunStart(current: RunRecord | undefined, puppet: Pick<PuppetStatus, 'applying' | 'applying_since'> | null): number | null {
  if (current !== undefined) return current.started_at === null ? null : Date.parse(current.started_at);
  const since = puppet?.applying === true ? puppet.applying_since ?? null : null;
  return since === null ? null : since * 1000;
}

/** Whole seconds since `start` (0 when none): what an alert on a stuck run compares with its threshold. */
export const runAgeSeconds = (start: number | null, now: number): number => (start === null ? 0 : Math.max(0, Math.round((now - start) / 1000)));

export async function statusDocument(
  puppetStatus: () => Promise<PuppetStatus>,
  runner: Runner,
  store: RecordStore,
  config: Pick<Config, 'puppet'>,
  schedule: ScheduleView | null,
  startedAt: number,
  now: number = Date.now(),
  disabledUntil: (lockMessage: string | null) => string | null = () => null,
): Promise<StatusDocument> {
  const puppet = await puppetStatus();
  const last = store.find((r) => r.state === 'finished' && (r.kind ?? 'run') === 'run');
  const lastrun = puppet.summary?.last_run ?? null;
  const current = runner.current();
  const writes = store.health();
  const start = currentRunStart(current, puppet);
  return {
    applying: puppet.applying || runner.state() === 'running',
    enabled: puppet.enabled,
    disabled_message: puppet.disabled_message,
    lastrun,
    since_lastrun: lastrun === null ? null : Math.max(0, Math.round(now / 1000 - lastrun)),
    last_run:
      last === undefined
        ? puppet.summary === null
          ? null
          : { id: null, outcome: null, summary: puppet.summary }
        : { id: last.id, outcome: last.outcome, summary: last.summary ?? puppet.summary },
    current_run: current?.id ?? null,
    queued_run: runner.queued()?.id ?? null,
    schedule: schedule?.expression ?? null,
    next_scheduled_run: schedule?.nextRun()?.toISOString() ?? null,
    idling: !puppet.applying && current === undefined,
    mode: config.puppet.mode,
    version,
    uptime_seconds: Math.round((now - startedAt) / 1000),
    state_dir_writable: writes.writable,
    state_write_error: writes.lastError,
    disabled_until: puppet.enabled ? null : disabledUntil(puppet.disabled_message),
    current_run_started_at: start === null ? null : new Date(start).toISOString(),
    current_run_age_seconds: start === null ? null : runAgeSeconds(start, now),
  };
}
