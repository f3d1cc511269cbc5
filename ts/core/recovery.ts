// How a run whose end this service did not see is finished after a restart, from Puppet's last_run_summary.yaml
// when, and only when, that summary provably tells of that run. Pure: the records, the summary and the time given.
import type { OutcomeName } from '../puppet/outcome';
import { pendingNoop, type Summary } from '../puppet/summary';
import type { RunRecord } from './records';

export const END_NOT_RECORDED =
  'the end of this run was not recorded (the service stopped, or could not write state_dir, before it ended): its exit code is unknown';
export const NEVER_STARTED = 'the service stopped before this run started or ended';

/**
 * Whether `summary` is the one `record`'s run wrote: its time.last_run (the end of a run, whole seconds) lies
 * between the run's start and now, and no later run of this service had started by then (else it may be that
 * run's). `records` are this service's records (any order).
 */
export function summaryBelongs(summary: Summary | null, record: RunRecord, records: readonly RunRecord[], now: Date): summary is Summary {
  const lastRun = summary?.last_run;
  if (lastRun === null || lastRun === undefined || record.started_at === null) return false;
  const ms = lastRun * 1000;
  if (ms < Math.floor(Date.parse(record.started_at) / 1000) * 1000 || ms > now.getTime()) return false;
  // a later run that started in the same second as last_run, or before, could have written it
  return records.every((r) => r.id <= record.id || r.started_at === null || ms < Math.floor(Date.parse(r.started_at) / 1000) * 1000);
}

/**
 * Whether a live PID may still be the run's puppet after a restart: not when its command line is known and names
 * no puppet, as then the PID was given to another process since (unknown, as on Windows: it may be).
 */
export function mayBePuppet(commandLine: readonly string[] | undefined): boolean {
  return commandLine === undefined || commandLine.some((arg) => arg.toLowerCase().includes('puppet'));
}

/** What a summary says of its run (`noopRun`: the run's options asked for noop). */
export function outcomeOfSummary(summary: Summary, noopRun = false): OutcomeName {
  const failed = (summary.resources.failed ?? 0) + (summary.events.failure ?? 0) > 0;
  const changed = (summary.changes ?? 0) > 0;
  if (failed) return changed ? 'changes_and_failures' : 'failures';
  if (changed) return 'changes';
  return pendingNoop(summary, noopRun) ? 'noop_changes' : 'no_changes';
}

const endOf = (summary: Summary): string => new Date((summary.last_run as number) * 1000).toISOString();

/**
 * A run whose PID was gone when the service started again: it ended unseen, so its outcome stays `unknown`;
 * Puppet's summary is attached (and its time taken as the end) only when it belongs to the run.
 */
export function endNotRecorded(record: RunRecord, summary: Summary | null, records: readonly RunRecord[], now: Date): Partial<RunRecord> {
  if (!summaryBelongs(summary, record, records, now)) {
    return { outcome: 'unknown', summary: null, finished_at: null, error: `${END_NOT_RECORDED}; no last_run_summary.yaml of Puppet's is known to be its own` };
  }
  return { outcome: 'unknown', summary, finished_at: endOf(summary), error: `${END_NOT_RECORDED}; the summary is Puppet's last_run_summary.yaml, written at its end` };
}

/** A run followed by its PID after a restart, now ended: its outcome and end from the summary that belongs to it. */
export function adoptedEnd(record: RunRecord, summary: Summary | null, records: readonly RunRecord[], now: Date): Partial<RunRecord> {
  if (!summaryBelongs(summary, record, records, now)) {
    return {
      outcome: 'unknown',
      summary: null,
      error: "the service restarted during this run, and Puppet's last_run_summary.yaml does not tell of it: its outcome is unknown",
    };
  }
  return {
    outcome: outcomeOfSummary(summary, record.options.noop === true),
    summary,
    finished_at: endOf(summary),
    error: "the service restarted during this run: its outcome comes from Puppet's last_run_summary.yaml",
  };
}
