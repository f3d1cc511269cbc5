// The service's metrics: counted as things happen (a request: one array increment; a run: a few), turned into
// text only when scraped, together with Puppet's state from the cached helper status (status.ts).
import type { Logger } from '../log';
import type { Platform } from '../platform';
import { OUTCOME_NAMES } from '../puppet/outcome';
import type { PuppetStatus } from '../puppet/protocol';
import { RUN_SOURCES, type RunRecord } from '../core/records';
import type { Runner } from '../core/runner';
import { currentRunStart, runAgeSeconds } from '../core/status';
import { version } from '../version';
import { processFamilies } from './process';
import { puppetFamilies } from './puppet';
import { encode, histogramSamples, type Family, type Sample } from './text';

/** Upper bounds of the run duration histogram, seconds: from a quick noop run to an hour. */
export const RUN_DURATION_BUCKETS = [1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600] as const;
const STATUS_CODES = 600;

export interface ScrapeSources {
  puppetStatus: () => Promise<PuppetStatus>;
  runner: Pick<Runner, 'state' | 'queued' | 'current'>;
  /** when this service's disable with this lock message ends, ISO time; null when it is not the service's (core/control.ts) */
  disabledUntil?: (lockMessage: string | null) => string | null;
}

export interface Metrics {
  /** one answered request; `route` is a route table key or OTHER_ROUTE (http/api.ts), so the label values are bounded */
  observeRequest(route: string, status: number): void;
  /** one finished run record */
  observeRun(record: RunRecord): void;
  /** one write to state_dir that failed, by its error code (ENOSPC, EROFS, ...) */
  observeStateWriteError(kind: string): void;
  /** one write of a run's stored output to state_dir that failed, by its error code */
  observeOutputWriteError(kind: string): void;
  /** the exposition text */
  render(sources: ScrapeSources): Promise<string>;
}

/** puppet_twitch_disabled_until_seconds: when this service's disable ends, beside puppet_disabled_since_seconds. */
export function disabledUntilFamily(until: string | null): Family {
  return {
    name: 'puppet_twitch_disabled_until_seconds',
    help: "When this service's disable of the agent ends by itself (Unix time); 0 when none is in force.",
    type: 'gauge',
    samples: [{ value: until === null ? 0 : Date.parse(until) / 1000 }],
  };
}

/** `auditLost`: the audit lines that could not be written, since the start (Audit#lost) */
export function createMetrics(log: Logger, platform: Pick<Platform, 'startTime' | 'processStats'>, auditLost: () => number = () => 0): Metrics {
  // Per route, a counter per status code, allocated at the route's first request.
  const requests = new Map<string, Float64Array>();
  const runs = new Map<string, number>();
  for (const source of RUN_SOURCES) for (const outcome of OUTCOME_NAMES) runs.set(`${source}\0${outcome}`, 0);
  const durations = new Float64Array(RUN_DURATION_BUCKETS.length + 1);
  let durationSum = 0;
  const startTime = platform.startTime();
  let helperFailing = false;
  // error codes are few (the store labels anything else `other`), so the label values are bounded
  const stateWriteErrors = new Map<string, number>();
  const outputWriteErrors = new Map<string, number>();
  const byKind = (counts: Map<string, number>): Sample[] => [...counts].map(([kind, value]) => ({ labels: { kind }, value }));

  function observeRequest(route: string, status: number): void {
    let counts = requests.get(route);
    if (counts === undefined) requests.set(route, (counts = new Float64Array(STATUS_CODES)));
    counts[status]++;
  }

  function observeRun(record: RunRecord): void {
    const key = `${record.source}\0${record.outcome ?? 'unknown'}`;
    runs.set(key, (runs.get(key) ?? 0) + 1);
    if (record.started_at === null || record.finished_at === null) return;
    const seconds = Math.max(0, (Date.parse(record.finished_at) - Date.parse(record.started_at)) / 1000);
    const bucket = RUN_DURATION_BUCKETS.findIndex((le) => seconds <= le);
    durations[bucket === -1 ? RUN_DURATION_BUCKETS.length : bucket]++;
    durationSum += seconds;
  }

  function observeStateWriteError(kind: string): void {
    stateWriteErrors.set(kind, (stateWriteErrors.get(kind) ?? 0) + 1);
  }

  function observeOutputWriteError(kind: string): void {
    outputWriteErrors.set(kind, (outputWriteErrors.get(kind) ?? 0) + 1);
  }

  function serviceFamilies(runner: ScrapeSources['runner']): Family[] {
    const requestSamples: Sample[] = [];
    for (const [route, counts] of requests) {
      counts.forEach((value, code) => {
        if (value > 0) requestSamples.push({ labels: { route, code: String(code) }, value });
      });
    }
    const runSamples: Sample[] = [...runs].map(([key, value]) => {
      const [source, outcome] = key.split('\0');
      return { labels: { source, outcome }, value };
    });
    const gauge = (name: string, help: string, value: number): Family => ({ name, help, type: 'gauge', samples: [{ value }] });
    return [
      { name: 'puppet_twitch_requests_total', help: 'HTTP requests answered, by route and status code.', type: 'counter', samples: requestSamples },
      { name: 'puppet_twitch_runs_total', help: 'Puppet runs of this service that finished, by source and outcome.', type: 'counter', samples: runSamples },
      {
        name: 'puppet_twitch_run_duration_seconds',
        help: 'How long the runs of this service took, from start to end (runs that started).',
        type: 'histogram',
        samples: histogramSamples(RUN_DURATION_BUCKETS, durations, durationSum),
      },
      {
        name: 'puppet_twitch_audit_lines_lost_total',
        help: 'Audit log lines that could not be written (a full disk, an unwritable directory) and were dropped.',
        type: 'counter',
        samples: [{ value: auditLost() }],
      },
      {
        name: 'puppet_twitch_state_write_errors_total',
        help: 'Writes of run records and run reports to state_dir that failed, by error code (ENOSPC: full, EROFS: read-only, EACCES: permissions).',
        type: 'counter',
        samples: byKind(stateWriteErrors),
      },
      {
        name: 'puppet_twitch_output_write_errors_total',
        help: "Writes of runs' stored output (<id>.log) to state_dir that failed, by error code; the runs go on, their output stays in the service log.",
        type: 'counter',
        samples: byKind(outputWriteErrors),
      },
      gauge('puppet_twitch_run_in_progress', '1 while a run of this service is splaying, starting or running.', runner.state() === 'idle' ? 0 : 1),
      gauge('puppet_twitch_run_queued', '1 while a run waits behind the current one.', runner.queued() === undefined ? 0 : 1),
      {
        name: 'puppet_twitch_build_info',
        help: 'The version of puppet-twitch and of the Node.js running it; always 1.',
        type: 'gauge',
        samples: [{ labels: { version, node_version: process.version }, value: 1 }],
      },
    ];
  }

  async function render({ puppetStatus, runner, disabledUntil }: ScrapeSources): Promise<string> {
    let puppet: Family[] = [];
    let up = 1;
    let status: PuppetStatus | null = null;
    try {
      status = await puppetStatus();
      puppet = [...puppetFamilies(status), disabledUntilFamily(disabledUntil?.(status.enabled ? null : status.disabled_message) ?? null)];
      if (helperFailing) log.info("metrics: Puppet's state is readable again");
      helperFailing = false;
    } catch (err) {
      up = 0;
      // one line when the failures start, not one per scrape
      if (!helperFailing) log.error(`metrics: cannot read Puppet's state through the helper: ${(err as Error).message}`);
      helperFailing = true;
    }
    const stateUp: Family = {
      name: 'puppet_twitch_puppet_state_up',
      help: "1 when Puppet's state could be read through the helper, 0 when not (the puppet_* metrics are then missing).",
      type: 'gauge',
      samples: [{ value: up }],
    };
    const age: Family = {
      name: 'puppet_twitch_run_in_progress_age_seconds',
      help: "Seconds since the run in progress started (this service's, else the catalog run holding Puppet's lock); 0 when none.",
      type: 'gauge',
      samples: [{ value: runAgeSeconds(currentRunStart(runner.current(), status), Date.now()) }],
    };
    return encode([...serviceFamilies(runner), stateUp, age, ...puppet, ...processFamilies(startTime, platform.processStats())]);
  }

  return { observeRequest, observeRun, observeStateWriteError, observeOutputWriteError, render };
}
