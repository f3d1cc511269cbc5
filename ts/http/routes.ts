// Path + method → handler. 404 and 405 are decided here and nowhere else. Handlers get a request context whose
// `identity` the gate (auth/gate.ts) decided between routing and the handler.
import type { Config } from '../config';
import { twitchError } from '../errors';
import { nodeZlib } from '../lazy';
import type { Metrics } from '../metrics/metrics';
import { METRICS_CONTENT_TYPE } from '../metrics/text';
import { PLAIN_TYPE, SSE_TYPE, wantsEvents } from '../output/format';
import type { OutputHub } from '../output/hub';
import type { PuppetStatus } from '../puppet/protocol';
import { RUN_ID } from '../puppet/protocol';
import type { RecordStore, RunRecord } from '../core/records';
import type { ReportStore } from '../core/run-reports';
import type { Trigger } from '../core/trigger';
import type { Runner } from '../core/runner';
import { statusDocument, type ScheduleView } from '../core/status';
import type { RequestContext } from './context';
import { collectParams, parseRunRequest, parseWholeNumber } from './params';
import { jsonListReply, jsonReply, replyForTrigger, type Reply } from './respond';
import { version } from '../version';
import { JSON_TYPE, MAX_WAIT_SECONDS, PATHS, RUN_PARAMS, RUNS_PARAMS, runPath, TEXT } from '../api';
import type { HeldBudget } from './held';
import { webhookTrigger, type WebhookDeps } from './webhook';
import type { Control } from '../core/control';
import { controlRoutes } from './control-routes';

/** GET /openapi.json: ts/http/openapi.ts's document, built by ts/build.mjs into the bundle gzipped, as base64. */
declare const OPENAPI_GZ: string;
let openApiText: string | undefined;
const openApiJson = (): string => (openApiText ??= nodeZlib().gunzipSync(Buffer.from(OPENAPI_GZ, 'base64')).toString('utf8'));

export type Handler = (ctx: RequestContext) => Promise<Reply> | Reply;
type Methods = Partial<Record<string, Handler>>;
export type RouteTable = Record<string, Methods>;

export interface RouteDeps {
  runner: Runner;
  store: RecordStore;
  puppetStatus: () => Promise<PuppetStatus>;
  config: Pick<Config, 'puppet' | 'history'>;
  /** runs' output, stored and live */
  output: Pick<OutputHub, 'stream'>;
  /** the trigger use case (core/trigger.ts) */
  trigger: Trigger;
  /** limits.max_held: answers that wait for a run */
  held: HeldBudget;
  /** triggers from webhooks, when auth.webhooks has any */
  webhooks?: WebhookDeps;
  /** the schedule, when one is configured */
  schedule: ScheduleView | null;
  startedAt: number;
  /** GET /metrics, when metrics.enabled */
  metrics?: Metrics;
  /** POST /puppet/disable and /puppet/enable (core/control.ts) */
  control?: Control;
  /** no auth is configured (Gate#closed false): control is then for callers on this host only */
  authOpen?: boolean;
  /** runs' resource reports (GET /puppet/runs/<id>/report) */
  reports?: Pick<ReportStore, 'get'>;
}

const wantsJson = (ctx: RequestContext) => /\bapplication\/json\b/i.test(String(ctx.headers.accept ?? ''));
const queryOnly = (ctx: RequestContext) => ({ query: ctx.query, body: '', contentType: '' });
const isWebhook = (ctx: RequestContext) => ctx.identity?.kind === 'webhook';
/** setTimeout's longest delay: a streamed answer follows its run for as long as the run takes */
const FOREVER_MS = 2 ** 31 - 1;

export function routes(deps: RouteDeps): RouteTable {
  const { runner, store, config } = deps;
  const text = (body: string): Handler => () => ({ status: 200, body });

  /** The answer that streams run `record`'s output (the slot is released when it ends). */
  const streamed = (ctx: RequestContext, record: RunRecord, release: () => void, headers: Record<string, string> = {}): Reply => {
    const events = wantsEvents(ctx.headers.accept);
    const finished = () => runner.wait(record.id, FOREVER_MS);
    return {
      status: 200,
      body: '',
      headers: { 'Content-Type': events ? SSE_TYPE : PLAIN_TYPE, 'Cache-Control': 'no-cache', ...headers },
      stream: (res) => deps.output.stream(res, { id: record.id, events, record, finished }).finally(release),
    };
  };

  const trigger: Handler = async (ctx) => {
    if (isWebhook(ctx)) {
      if (deps.webhooks === undefined) throw new Error('a webhook identity on a service without webhooks');
      return webhookTrigger(deps.webhooks, ctx, wantsJson(ctx));
    }
    const input = { query: ctx.query, body: ctx.body, contentType: ctx.contentType, client: ctx.peer, identity: ctx.identity?.name ?? null };
    const { request, stream } = parseRunRequest(input, config.puppet);
    // stream=true: answered once the run is started or queued, with its output as it comes
    let release: (() => void) | undefined;
    let result;
    try {
      result = await deps.trigger({
        request: stream ? { ...request, async: true } : request,
        identity: ctx.identity,
        peer: ctx.peer ?? '-',
        // an answer that waits for the run (async=false, stream=true) holds a slot while it does
        hold: stream || !request.async ? () => (release = deps.held.take()) : undefined,
      });
    } catch (err) {
      release?.();
      throw err;
    }
    const run = { options: request.options, id: 'record' in result ? result.record.id : null };
    if (stream && release !== undefined && (result.kind === 'started' || result.kind === 'queued')) {
      return { ...streamed(ctx, result.record, release, { Location: runPath(result.record.id) }), run };
    }
    release?.();
    const reply = replyForTrigger(result, wantsJson(ctx));
    reply.run = run;
    return reply;
  };

  const runs: Handler = async (ctx) => {
    const limit = collectParams(queryOnly(ctx), RUNS_PARAMS, PATHS.runs).get('limit');
    const count = limit === undefined ? config.history : parseWholeNumber('limit', limit, config.history, 'runs');
    return jsonListReply(await store.list(count));
  };

  const known = (id: string): RunRecord => {
    const record = RUN_ID.test(id) ? store.get(id) : undefined;
    if (record === undefined) throw twitchError('RUN_NOT_FOUND', `No run ${id.slice(0, 64)}: GET ${PATHS.runs} lists the runs this node remembers.`);
    return record;
  };

  const run: Handler = async (ctx) => {
    const { id } = ctx.params;
    known(id);
    const wait = collectParams(queryOnly(ctx), RUN_PARAMS, PATHS.runs).get('wait');
    const seconds = wait === undefined ? 0 : parseWholeNumber('wait', wait, MAX_WAIT_SECONDS, 'seconds');
    if (seconds === 0 || store.get(id)?.state === 'finished') return { ...jsonReply(200, store.get(id)), run: { id } };
    const release = deps.held.take();
    try {
      return { ...jsonReply(200, await runner.wait(id, seconds * 1000)), run: { id } };
    } finally {
      release();
    }
  };

  const output: Handler = (ctx) => {
    const record = known(ctx.params.id);
    collectParams(queryOnly(ctx), [], PATHS.runOutput);
    return { ...streamed(ctx, record, deps.held.take()), run: { id: record.id } };
  };

  const report: Handler = (ctx) => {
    const record = known(ctx.params.id);
    collectParams(queryOnly(ctx), [], PATHS.runReport);
    const found = deps.reports?.get(record.id);
    if (found === undefined || 'problem' in found) {
      const why =
        found !== undefined
          ? `its report cannot be read (${found.problem})`
          : record.state !== 'finished'
            ? 'it has not finished; its report comes at its end'
            : "Puppet wrote no report of it (the run did not get as far as applying a catalog, or its report was not Puppet's last)";
      throw twitchError('REPORT_NOT_FOUND', `No report of run ${record.id}: ${why}. GET ${runPath(record.id)} has its outcome and summary.`);
    }
    return { ...jsonReply(200, found.report), run: { id: record.id } };
  };

  const status: Handler = async (ctx) => {
    collectParams(queryOnly(ctx), [], PATHS.status);
    try {
      return jsonReply(200, await statusDocument(deps.puppetStatus, runner, store, config, deps.schedule, deps.startedAt, Date.now(), deps.control?.until));
    } catch (err) {
      throw twitchError('HELPER_FAILED', `Cannot read Puppet's state through the helper: ${(err as Error).message}`);
    }
  };

  const metrics = deps.metrics;
  const scrape: Handler | undefined =
    metrics &&
    (async () => ({
      status: 200,
      body: await metrics.render({ puppetStatus: deps.puppetStatus, runner, disabledUntil: deps.control?.until }),
      headers: { 'Content-Type': METRICS_CONTENT_TYPE },
    }));
  const openapi: Handler = () => ({ status: 200, body: openApiJson(), headers: { 'Content-Type': JSON_TYPE } });

  return {
    ...(scrape === undefined ? {} : { [PATHS.metrics]: { GET: scrape, HEAD: scrape } }),
    [PATHS.trigger]: { GET: trigger, POST: trigger },
    [PATHS.runs]: { GET: runs },
    [PATHS.run]: { GET: run },
    [PATHS.runOutput]: { GET: output },
    [PATHS.status]: { GET: status },
    [PATHS.version]: { GET: text(version), HEAD: text(version) },
    [PATHS.info]: { GET: text(TEXT.info), HEAD: text(TEXT.info) },
    [PATHS.healthz]: { GET: text(TEXT.healthy), HEAD: text(TEXT.healthy) },
    [PATHS.openapi]: { GET: openapi, HEAD: openapi },
    ...(deps.control === undefined ? {} : controlRoutes(deps.control, deps.held, deps.authOpen ?? false)),
    [PATHS.runReport]: { GET: report },
  };
}

/** The route table key a path matches, with the values of its `:name` segments. */
function match(table: RouteTable, path: string): { key: string; params: Record<string, string> } | undefined {
  // a template (`/puppet/runs/:id`) matches paths of its shape, never its own text
  if (Object.prototype.hasOwnProperty.call(table, path) && !path.includes('/:')) return { key: path, params: {} };
  const parts = path.split('/');
  for (const key of Object.keys(table)) {
    if (!key.includes('/:')) continue;
    const pattern = key.split('/');
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((seg, i) => {
      if (!seg.startsWith(':')) return seg === parts[i];
      if (parts[i] === '') return false;
      params[seg.slice(1)] = parts[i];
      return true;
    });
    if (ok) return { key, params };
  }
  return undefined;
}

export function route(
  table: RouteTable,
  path: string,
  method: string,
): { handler: Handler; params: Record<string, string>; key: string } {
  const found = match(table, path);
  if (found === undefined) throw twitchError('NOT_FOUND', `Not found: ${path.slice(0, 200)}. Try POST ${PATHS.trigger}.`);
  const methods = table[found.key];
  const handler = methods[method];
  if (handler === undefined) {
    const allow = Object.keys(methods).join(', ');
    throw twitchError('METHOD_NOT_ALLOWED', `Method ${method} is not allowed on ${path.slice(0, 200)}. Allowed: ${allow}.`, { Allow: allow });
  }
  return { handler, params: found.params, key: found.key };
}
