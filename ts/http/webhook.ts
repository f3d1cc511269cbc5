// A trigger from a webhook: it decides nothing its signature does not cover. Its run options are its entry's in
// auth.webhooks (never the query string, which the signature leaves out), and a delivery is started at most once:
// a repeated one (a sender's retry, a replay, also after a restart) starts nothing and is answered with the
// first delivery's run.
import { TRIGGER_PARAMS, runPath } from '../api';
import { deliveryKeys, type Deliveries } from '../auth/deliveries';
import type { WebhookType } from '../auth/vocabulary';
import type { RunOptions } from '../core/options';
import type { RunRecord, RecordStore } from '../core/records';
import type { Trigger } from '../core/trigger';
import { twitchError } from '../errors';
import { printable } from '../text';
import type { RequestContext } from './context';
import { collectParams } from './params';
import { jsonReply, replyForTrigger, type Reply } from './respond';

/** What the handler needs of a webhook's config entry. */
export interface WebhookSender {
  id: string;
  type: WebhookType;
  /** the run options of every run it starts (auth.webhooks[].options) */
  options?: RunOptions;
}

export interface WebhookDeps {
  trigger: Trigger;
  deliveries: Deliveries;
  webhooks: readonly WebhookSender[];
  store: Pick<RecordStore, 'get'>;
}

const RUN_PARAMS: ReadonlySet<string> = new Set(TRIGGER_PARAMS);

/** The answer to a delivery received before: its run's record (Location), or that it started none. */
function repeated(record: RunRecord | undefined, runId: string | null, json: boolean): Reply {
  if (runId === null) return { status: 200, body: 'Delivery already received: it started no run; nothing is started again.' };
  const headers = { Location: runPath(runId) };
  if (json && record !== undefined) return jsonReply(200, record, headers);
  return { status: 200, body: `Delivery already received: puppet run ${runId}; nothing is started again.`, headers };
}

export function webhookTrigger(deps: WebhookDeps, ctx: RequestContext, json: boolean): Promise<Reply> | Reply {
  const name = ctx.identity?.name ?? '';
  // GitHub's test delivery when a webhook is created: the signature is checked, nothing runs.
  if (ctx.headers['x-github-event'] === 'ping') return { status: 200, body: `pong: ${name} is verified` };
  for (const key of ctx.query.keys()) {
    if (RUN_PARAMS.has(key)) {
      throw twitchError(
        'BAD_PARAMETER',
        `Parameter '${printable(key)}' is not taken from a webhook: its signature does not cover the query string, so a ` +
          `webhook's runs take the options of its entry in auth.webhooks. Remove it from the webhook's URL.`,
      );
    }
  }
  collectParams({ query: ctx.query, body: '', contentType: '' }, [], '/puppet/twitch (from a webhook)');
  const sender = deps.webhooks.find((hook) => `webhook:${hook.id}` === name);
  if (sender === undefined) throw new Error(`no webhook entry for ${name}`);
  const keys = deliveryKeys(sender.type, sender.id, ctx.headers, ctx.body);
  const first = deps.deliveries.find(keys);
  if (first === 'pending') {
    throw twitchError('QUEUE_CONFLICT', 'This delivery is being handled: its first try has not been answered yet.', { 'Retry-After': '5' });
  }
  if (first !== undefined) return { ...repeated(first.run_id === null ? undefined : deps.store.get(first.run_id), first.run_id, json), run: { id: first.run_id } };
  try {
    deps.deliveries.begin(keys);
  } catch (err) {
    throw twitchError(
      'CANNOT_RECORD',
      `Cannot record the webhook delivery in state_dir (${(err as Error).message}): nothing was started. ` +
        'Make state_dir writable for the service user; the sender may retry.',
      { 'Retry-After': '30' },
    );
  }
  return start(deps, ctx, sender, keys, json);
}

async function start(deps: WebhookDeps, ctx: RequestContext, sender: WebhookSender, keys: string[], json: boolean): Promise<Reply> {
  const options = sender.options ?? {};
  let result;
  try {
    result = await deps.trigger({
      request: { options, splay: 0, async: true, when_busy: 'reject', source: 'http', client: ctx.peer, identity: ctx.identity?.name ?? null },
      identity: ctx.identity,
      peer: ctx.peer ?? '-',
    });
  } catch (err) {
    deps.deliveries.abandon(keys); // refused before the runner was asked (a rate limit): the sender may retry
    throw err;
  }
  const runId = 'record' in result ? result.record.id : null;
  deps.deliveries.finish(keys, result.kind === 'started' || result.kind === 'queued' ? runId : null);
  const reply = replyForTrigger(result, json);
  reply.run = { options, id: runId };
  return reply;
}
