// POST /puppet/disable and POST /puppet/enable: the parameters read as the trigger's are (query or form/JSON body,
// each once), then the control use case (core/control.ts). The audit line names the message and TTL asked for.
import { isLoopback } from '../auth/addresses';
import { DISABLE_PARAMS, MAX_WAIT_SECONDS, PATHS } from '../api';
import type { Control } from '../core/control';
import type { RequestContext } from './context';
import type { HeldBudget } from './held';
import { collectParams, parseWholeNumber } from './params';
import { isTwitchError, twitchError } from '../errors';
import { jsonReply, replyForError, type Reply } from './respond';

type ControlHandler = (ctx: RequestContext) => Promise<Reply>;

/**
 * `authOpen`: no auth is configured. Anyone who can reach the port may trigger runs then, but disabling the agent
 * for days is another matter: it is refused to callers on other hosts until a token with scope control exists.
 */
export function controlRoutes(control: Control, held: HeldBudget, authOpen: boolean): Record<string, { POST: ControlHandler }> {
  const caller = (ctx: RequestContext) => {
    if (authOpen && !isLoopback(ctx.peer ?? '')) {
      throw twitchError(
        'FORBIDDEN',
        'Forbidden: this node has no auth configured, so the agent may be disabled or enabled from this host only: configure an auth.tokens entry with scope control (README, "Security").',
      );
    }
    return { identity: ctx.identity?.name ?? null, peer: ctx.peer ?? '-' };
  };

  const disable: ControlHandler = async (ctx) => {
    const params = collectParams({ query: ctx.query, body: ctx.body, contentType: ctx.contentType }, DISABLE_PARAMS, PATHS.disable);
    const message = params.get('message') ?? '';
    const ttlRaw = params.get('ttl');
    const waitRaw = params.get('wait');
    const ttl = ttlRaw === undefined ? undefined : parseWholeNumber('ttl', ttlRaw, control.maxTtl, 'seconds');
    const wait = waitRaw === undefined ? 0 : parseWholeNumber('wait', waitRaw, MAX_WAIT_SECONDS, 'seconds');
    const options = { message, ttl: ttl ?? null, wait };
    try {
      const answer = await control.disable({ ...caller(ctx), message, ttl, wait, hold: held.take });
      return { ...jsonReply(200, answer), run: { id: answer.record_id, options } };
    } catch (err) {
      // a refused disable (someone else's, state_dir full) is audited with what was asked too
      if (!isTwitchError(err)) throw err;
      return { ...replyForError(err), run: { id: null, options } };
    }
  };

  const enable: ControlHandler = async (ctx) => {
    collectParams({ query: ctx.query, body: ctx.body, contentType: ctx.contentType }, [], PATHS.enable);
    const answer = await control.enable(caller(ctx));
    return { ...jsonReply(200, answer), run: { id: answer.record_id } };
  };

  return { [PATHS.disable]: { POST: disable }, [PATHS.enable]: { POST: enable } };
}
