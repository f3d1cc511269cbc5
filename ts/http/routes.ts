// Path + method → handler. 404 and 405 are decided here and nowhere else.
import { twitchError } from '../errors';
import type { Runner } from '../runner';
import { parseRunRequest } from '../trigger';
import { INFO, version } from '../version';
import { replyForTrigger, type Reply } from './respond';

export type Handler = (params: URLSearchParams) => Promise<Reply> | Reply;
type Methods = Partial<Record<string, Handler>>;

export function routes(runner: Runner): Record<string, Methods> {
  const text = (body: string): Handler => () => ({ status: 200, body });
  const twitch: Handler = async (params) => replyForTrigger(await runner.trigger(parseRunRequest(params)));
  return {
    '/puppet/twitch': { GET: twitch, POST: twitch },
    '/version': { GET: text(version), HEAD: text(version) },
    '/info': { GET: text(INFO), HEAD: text(INFO) },
    '/healthz': { GET: text('ok'), HEAD: text('ok') },
  };
}

export function route(table: Record<string, Methods>, path: string, method: string): Handler {
  const methods = Object.prototype.hasOwnProperty.call(table, path) ? table[path] : undefined;
  if (methods === undefined) throw twitchError('NOT_FOUND', `Not found: ${path.slice(0, 200)}. Try POST /puppet/twitch.`);
  const handler = methods[method];
  if (handler === undefined) {
    const allow = Object.keys(methods).join(', ');
    throw twitchError('METHOD_NOT_ALLOWED', `Method ${method} is not allowed on ${path}. Allowed: ${allow}.`, { Allow: allow });
  }
  return handler;
}
