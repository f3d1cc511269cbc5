// One node's run: probe, trigger, wait on its record. A try ends in a result, or in `busy` for the rollout to
// retry later (the concurrency slot is given back meanwhile).
import { MAX_WAIT_SECONDS, PATHS, RETRY_AFTER_SECONDS, runReportPath, serviceUrl } from '../api';
import type { RunOptions } from '../core/options';
import { isJsonObject } from '../json';
import { printable } from '../text';
import { describeFailure, outcomeOf, type OutcomeName } from '../puppet/outcome';
import { isNoAnswer, type Answer, type Request } from '../client/http';
import { driftItems } from './drift';
import { reportOfAnswer } from './node-report';
import { recordOutcome, type NodeOutcome, type NodeResult } from './outcomes';
import type { Target } from './targets';

export interface NodeContext {
  request: Request;
  scheme: 'http' | 'https';
  port: number;
  /** the bearer token's header, when --token-file is given */
  authorization: string | null;
  connectMs: number;
  timeoutMs: number;
  waitSeconds: number;
  run: RunOptions;
  now?: () => number;
}

/** The part of a run record this client reads. */
interface RecordView {
  id?: string;
  state?: string;
  outcome?: OutcomeName | null;
  exit_code?: number | null;
  signal?: string | null;
  started_at?: string | null;
  finished_at?: string | null;
  summary?: { resources?: Record<string, number> } | null;
  error?: string | null;
}

export type Attempt = { kind: 'done'; result: NodeResult } | { kind: 'busy'; retryAfterSeconds: number; result: NodeResult };

/** Per node, across tries: whether it keeps run records (probed once), and how many triggers were sent. */
export interface NodeState {
  records?: boolean;
  attempts: number;
  /** the run its last trigger started, known as soon as the node answers 202 */
  runId?: string;
}

/** Pure: the trigger's query string for the run options (the service's own parameter names). */
export function triggerQuery(run: RunOptions, synchronous: boolean): string {
  const params = new URLSearchParams();
  if (synchronous) params.set('async', 'false');
  if (run.noop !== undefined) params.set('noop', String(run.noop));
  if (run.tags !== undefined) params.set('tags', run.tags.join(','));
  if (run.skip_tags !== undefined) params.set('skip_tags', run.skip_tags.join(','));
  if (run.environment !== undefined) params.set('environment', run.environment);
  const text = params.toString().replace(/%2C/g, ',');
  return text === '' ? '' : `?${text}`;
}

/** Pure: Retry-After in seconds (a number, or an HTTP date), else the service's own default. */
export function retryAfter(header: string | string[] | undefined, nowMs: number): number {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return RETRY_AFTER_SECONDS;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? RETRY_AFTER_SECONDS : Math.max(0, (date - nowMs) / 1000);
}

// a node's words go to a terminal: no control character of theirs reaches it
const firstLine = (text: string) => printable(text.trim().split('\n')[0], 300);

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Pure: a run record as a node sent it → the fields this client reads, each of its type or left out. */
export function recordView(value: Record<string, unknown>): RecordView {
  const resources = isJsonObject(value.summary) && isJsonObject(value.summary.resources) ? value.summary.resources : undefined;
  return {
    id: text(value.id),
    state: text(value.state),
    outcome: text(value.outcome) as OutcomeName | undefined,
    exit_code: Number.isInteger(value.exit_code) ? (value.exit_code as number) : undefined,
    signal: text(value.signal),
    started_at: text(value.started_at),
    finished_at: text(value.finished_at),
    summary:
      resources === undefined
        ? undefined
        : { resources: Object.fromEntries(Object.entries(resources).filter((e): e is [string, number] => Number.isFinite(e[1]))) },
    error: text(value.error),
  };
}

function parseRecord(body: string): RecordView | undefined {
  try {
    const value = JSON.parse(body) as unknown;
    return isJsonObject(value) ? recordView(value) : undefined;
  } catch {
    return undefined;
  }
}

/** Pure: a finished run record → the node's result fields. */
export function fromRecord(record: RecordView): Pick<NodeResult, 'outcome' | 'run_id' | 'exit_code' | 'resources' | 'started_at' | 'finished_at' | 'duration_seconds' | 'error'> {
  const outcome = recordOutcome(record.outcome ?? null);
  const started = record.started_at ?? null;
  const finished = record.finished_at ?? null;
  const duration = started !== null && finished !== null ? Math.max(0, Date.parse(finished) - Date.parse(started)) / 1000 : null;
  let error: string | null = null;
  if (outcome === 'failed') {
    error = record.error ?? describeFailure(outcomeOf(record.exit_code ?? null, record.signal ?? null));
  } else if (outcome === 'disabled') {
    error = record.error ?? 'Puppet agent is disabled';
  }
  return {
    outcome,
    run_id: record.id ?? null,
    exit_code: record.exit_code ?? null,
    resources: record.summary?.resources ?? null,
    started_at: started,
    finished_at: finished,
    duration_seconds: duration === null || Number.isNaN(duration) ? null : duration,
    error,
  };
}

/** Pure: an answer that ends a try without a finished record → the outcome it means. */
export function outcomeOfStatus(status: number): NodeOutcome | 'busy' {
  if (status === 409 || status === 429) return 'busy';
  if (status === 423) return 'disabled';
  if (status === 401 || status === 403) return 'refused';
  return 'failed';
}

export function emptyResult(target: Target, url: string | null): NodeResult {
  return {
    node: target.node,
    address: target.address,
    url,
    outcome: 'failed',
    run_id: null,
    exit_code: null,
    resources: null,
    started_at: null,
    finished_at: null,
    duration_seconds: null,
    attempts: 0,
    http_status: null,
    error: null,
    batch: null,
    drift: null,
    drift_partial: null,
    report_error: null,
  };
}

/**
 * What a drift node's noop run would change, from its report (asked once, within --timeout). Whatever goes wrong
 * is said in report_error: the report adds to the node's result, it never changes its outcome.
 */
export async function driftOf(runId: string | null, get: (path: string) => Promise<Answer>): Promise<Pick<NodeResult, 'drift' | 'drift_partial' | 'report_error'>> {
  const none = (why: string) => ({ drift: null, drift_partial: null, report_error: why });
  if (runId === null) return none('the run record has no id to ask its report by');
  const path = runReportPath(encodeURIComponent(runId));
  try {
    const answer = await get(path);
    if (answer.status !== 200) return none(`GET ${printable(path, 300)} answered ${answer.status}: ${firstLine(answer.body) || '(no body)'}`);
    const report = reportOfAnswer(answer.body);
    if (typeof report === 'string') return none(printable(report, 300));
    const partial = report.resources_left_out > 0 ? report.resources_left_out : null;
    return { drift: driftItems(report), drift_partial: partial, report_error: null };
  } catch (err) {
    return none(`GET ${printable(path, 300)}: ${firstLine((err as Error).message)}`);
  }
}

export async function attemptNode(target: Target, ctx: NodeContext, state: NodeState): Promise<Attempt> {
  const now = ctx.now ?? Date.now;
  if (target.address === null) {
    const result = emptyResult(target, null);
    return { kind: 'done', result: { ...result, outcome: 'unreachable', error: 'PuppetDB has no value of --address-fact for this node' } };
  }
  const base = serviceUrl(target.address, ctx.port, ctx.scheme === 'https');
  const result = emptyResult(target, base);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (ctx.authorization !== null) headers.Authorization = ctx.authorization;
  const ask = (method: 'GET' | 'POST', path: string, extraSeconds = 0): Promise<Answer> =>
    ctx.request(`${base}${path}`, {
      method,
      headers,
      connectMs: ctx.connectMs,
      timeoutMs: ctx.timeoutMs + extraSeconds * 1000,
      certname: ctx.scheme === 'https' ? target.node : undefined,
    });
  let runId: string | null = null;
  const done = (fields: Partial<NodeResult>): Attempt => ({ kind: 'done', result: { ...result, attempts: state.attempts, run_id: runId, ...fields } });
  const finished = async (record: RecordView, httpStatus: number): Promise<Attempt> => {
    const fields = { ...fromRecord(record), http_status: httpStatus };
    if (ctx.run.noop !== true || fields.outcome !== 'drift') return done(fields);
    return done({ ...fields, ...(await driftOf(fields.run_id ?? runId, (path) => ask('GET', path))) });
  };

  try {
    if (state.records === undefined) {
      const probe = await ask('GET', `${PATHS.runs}?limit=1`);
      if (probe.status === 401) return done({ outcome: 'refused', http_status: 401, error: firstLine(probe.body) });
      // 404: a service from before run records; 403: a token that may trigger but not read them
      state.records = probe.status === 200;
    }
    const synchronous = !state.records;
    state.attempts++;
    const triggeredAt = now();
    const answer = await ask('POST', `${PATHS.trigger}${triggerQuery(ctx.run, synchronous)}`, synchronous ? ctx.waitSeconds : 0);
    let record = parseRecord(answer.body);
    const location = answer.headers.location;
    if (answer.status === 202 && typeof location === 'string' && location.startsWith('/')) {
      // Wait on the record until it is finished or --wait runs out.
      const id = record?.id ?? location.split('/').pop() ?? null;
      runId = id;
      if (id !== null) state.runId = id;
      for (;;) {
        const left = ctx.waitSeconds - (now() - triggeredAt) / 1000;
        if (left <= 0) {
          return done({ outcome: 'failed', run_id: id, http_status: 202, error: `the run did not finish within --wait ${ctx.waitSeconds} s; it goes on on the node` });
        }
        const wait = Math.max(1, Math.min(Math.ceil(left), MAX_WAIT_SECONDS));
        const polled = await ask('GET', `${location}?wait=${wait}`, wait);
        record = parseRecord(polled.body);
        if (polled.status !== 200 || record === undefined) {
          return done({ outcome: 'failed', run_id: id, http_status: polled.status, error: `GET ${location} answered ${polled.status}: ${firstLine(polled.body)}` });
        }
        if (record.state === 'finished') return await finished(record, 200);
      }
    }
    if (record?.state === 'finished') return await finished(record, answer.status);
    if (synchronous && answer.status === 200) return done({ outcome: 'ok', http_status: 200 });
    const outcome = outcomeOfStatus(answer.status);
    const error = firstLine(answer.body) || `HTTP ${answer.status}`;
    if (outcome === 'busy') {
      return { kind: 'busy', retryAfterSeconds: retryAfter(answer.headers['retry-after'], now()), result: { ...result, attempts: state.attempts, outcome: 'busy', http_status: answer.status, error } };
    }
    return done({ outcome, http_status: answer.status, error });
  } catch (err) {
    // A node that stops answering while its run goes on is unreachable too: the run id says which run to look at.
    if (isNoAnswer(err) && err.stage !== 'tls') return done({ outcome: 'unreachable', error: err.message });
    return done({ outcome: 'failed', error: (err as Error).message });
  }
}
