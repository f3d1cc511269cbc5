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

/** The answer to a delivery received before that started a run: that run's record (Location). */
function repeated(record: RunRecord | undefined, runId: string, json: boolean): Reply {
  const headers = { Location: runPath(runId) };
  if (json && record !== undefined) return jsonReply(200, record, headers);
  return { status: 200, body: `Delivery already received: puppet run ${runId}; nothing is started again.`, headers };
}

export function webhookTrigger(deps: WebhookDeps, ctx: RequestContext, json: boolean): Promise<Reply> | Reply {
  const name = ctx.identity?.name ?? '';
  // GitHub's test delivery when a webhook is created: the signature is checked, nothing runs.
  if (ctx.headers['x-github-event'] === 'ping') return { status: 200, body: `pong: ${name} is verified` };
  const sender = deps.webhooks.find((hook) => `webhook:${hook.id}` === name);
  if (sender === undefined) throw new Error(`no webhook entry for ${name}`);
  // Every verified delivery is remembered, also one refused for its query: sent again, it starts nothing.
  const keys = deliveryKeys(sender.type, sender.id, ctx.headers, ctx.body);
  let refused: unknown;
  try {
    checkQuery(ctx.query);
  } catch (err) {
    refused = err;
  }
  const first = deps.deliveries.find(keys);
  if (first === 'pending') {
    throw twitchError('DELIVERY_REPEATED', 'This delivery is being handled: its first try has not been answered yet.', { 'Retry-After': '5' });
  }
  if (first !== undefined && refused === undefined) {
    if (first.run_id === null) throw twitchError('DELIVERY_REPEATED', 'Delivery already received: it started no run, and nothing is started again.');
    return { ...repeated(deps.store.get(first.run_id), first.run_id, json), run: { id: first.run_id } };
  }
  if (first !== undefined) throw refused;
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
  if (refused !== undefined) {
    deps.deliveries.finish(keys, null);
    throw refused;
  }
  return start(deps, ctx, sender, keys, json);
}

/** A webhook's query string is not signed: it may give no run parameter, nor any other. */
function checkQuery(query: URLSearchParams): void {
  for (const key of query.keys()) {
    if (RUN_PARAMS.has(key)) {
      throw twitchError(
        'BAD_PARAMETER',
        `Parameter '${printable(key)}' is not taken from a webhook: its signature does not cover the query string, so a ` +
          `webhook's runs take the options of its entry in auth.webhooks. Remove it from the webhook's URL.`,
      );
    }
  }
  collectParams({ query, body: '', contentType: '' }, [], '/puppet/twitch (from a webhook)');
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
