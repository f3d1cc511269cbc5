// Path + method → handler. 404 and 405 are decided here and nowhere else. Handlers get a request context;
// authentication will decide `identity` between routing and the handler.
import type { IncomingHttpHeaders } from 'node:http';
import type { Config } from '../config';
import { twitchError } from '../errors';
import type { PuppetStatus } from '../puppet/protocol';
import { RUN_ID } from '../puppet/protocol';
import type { RecordStore } from '../records';
import type { Runner } from '../runner';
import { statusDocument, type ScheduleView } from '../status';
import { collectParams, parseRunRequest, parseWholeNumber } from '../trigger';
import { version } from '../version';
import { MAX_WAIT_SECONDS, PATHS, RUN_PARAMS, RUNS_PARAMS, TEXT } from './api';
import { LIMITS } from './limits';
import { jsonReply, replyForTrigger, type Reply } from './respond';

export interface RequestContext {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** the client's address */
  peer: string | null;
  /** the raw body ('' when none), read by the server within its limits */
  body: string;
  /** the body's media type, lower case, without parameters */
  contentType: string;
  /** the values of the route's `:name` segments */
  params: Record<string, string>;
  /** who asks (null: anonymous) */
  identity: string | null;
}

export type Handler = (ctx: RequestContext) => Promise<Reply> | Reply;
type Methods = Partial<Record<string, Handler>>;
export type RouteTable = Record<string, Methods>;

export interface RouteDeps {
  runner: Runner;
  store: RecordStore;
  puppetStatus: () => Promise<PuppetStatus>;
  config: Pick<Config, 'puppet' | 'history'>;
  /** the schedule, when one is configured */
  schedule: ScheduleView | null;
  startedAt: number;
}

const wantsJson = (ctx: RequestContext) => /\bapplication\/json\b/i.test(String(ctx.headers.accept ?? ''));
const queryOnly = (ctx: RequestContext) => ({ query: ctx.query, body: '', contentType: '', client: ctx.peer });

export function routes(deps: RouteDeps): RouteTable {
  const { runner, store, config } = deps;
  const text = (body: string): Handler => () => ({ status: 200, body });

  const trigger: Handler = async (ctx) => {
    const request = parseRunRequest({ query: ctx.query, body: ctx.body, contentType: ctx.contentType, client: ctx.peer }, config.puppet);
    return replyForTrigger(await runner.trigger(request), wantsJson(ctx));
  };

  const runs: Handler = (ctx) => {
    const limit = collectParams(queryOnly(ctx), RUNS_PARAMS, PATHS.runs).get('limit');
    const count = limit === undefined ? config.history : parseWholeNumber('limit', limit, config.history, 'runs');
    return jsonReply(200, store.list(count));
  };

  // A held answer keeps its connection from being evicted at the connection cap, so only so many are held at
  // once; past that, wait= answers at once with the record as it is.
  let held = 0;
  const run: Handler = async (ctx) => {
    const { id } = ctx.params;
    if (!RUN_ID.test(id) || store.get(id) === undefined) {
      throw twitchError('RUN_NOT_FOUND', `No run ${id.slice(0, 64)}: GET ${PATHS.runs} lists the runs this node remembers.`);
    }
    const wait = collectParams(queryOnly(ctx), RUN_PARAMS, PATHS.runs).get('wait');
    const seconds = wait === undefined ? 0 : parseWholeNumber('wait', wait, MAX_WAIT_SECONDS, 'seconds');
    if (seconds === 0 || held >= LIMITS.maxHeldAnswers) return jsonReply(200, store.get(id));
    held += 1;
    try {
      return jsonReply(200, await runner.wait(id, seconds * 1000));
    } finally {
      held -= 1;
    }
  };

  const status: Handler = async (ctx) => {
    collectParams(queryOnly(ctx), [], PATHS.status);
    try {
      return jsonReply(200, await statusDocument(deps.puppetStatus, runner, store, config, deps.schedule, deps.startedAt));
    } catch (err) {
      throw twitchError('HELPER_FAILED', `Cannot read Puppet's state through the helper: ${(err as Error).message}`);
    }
  };

  return {
    [PATHS.trigger]: { GET: trigger, POST: trigger },
    [PATHS.runs]: { GET: runs },
    [PATHS.run]: { GET: run },
    [PATHS.status]: { GET: status },
    [PATHS.version]: { GET: text(version), HEAD: text(version) },
    [PATHS.info]: { GET: text(TEXT.info), HEAD: text(TEXT.info) },
    [PATHS.healthz]: { GET: text(TEXT.healthy), HEAD: text(TEXT.healthy) },
  };
}

/** The route table key a path matches, with the values of its `:name` segments. */
function match(table: RouteTable, path: string): { key: string; params: Record<string, string> } | undefined {
  if (Object.prototype.hasOwnProperty.call(table, path)) return { key: path, params: {} };
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

export function route(table: RouteTable, path: string, method: string): { handler: Handler; params: Record<string, string> } {
  const found = match(table, path);
  if (found === undefined) throw twitchError('NOT_FOUND', `Not found: ${path.slice(0, 200)}. Try POST ${PATHS.trigger}.`);
  const methods = table[found.key];
  const handler = methods[method];
  if (handler === undefined) {
    const allow = Object.keys(methods).join(', ');
    throw twitchError('METHOD_NOT_ALLOWED', `Method ${method} is not allowed on ${path.slice(0, 200)}. Allowed: ${allow}.`, { Allow: allow });
  }
  return { handler, params: found.params };
}
