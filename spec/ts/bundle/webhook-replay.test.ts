// A webhook decides nothing it did not sign: its run options are its config entry's, never the query string's,
// and a delivery starts at most one run, also when it is sent again after a restart. Stand-in puppet.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUTH, SECRETS, TOKENS, bearer, githubSignature, twitchSignature } from '../support/auth';
import { useService, waitIdle, type ServiceContext } from '../support/harness';
import { request, startService, type HttpResult, type RequestOptions } from '../support/service';

const post = (ctx: ServiceContext, path: string, opts: RequestOptions) => request(ctx.svc.port, path, { method: 'POST', ...opts });
const payload = JSON.stringify({ ref: 'refs/heads/production', after: 'c0ffee' });

const github = (id: string, body = payload): RequestOptions => ({
  body,
  headers: { 'Content-Type': 'application/json', 'X-GitHub-Event': 'push', 'X-GitHub-Delivery': id, 'X-Hub-Signature-256': githubSignature(body) },
});
const gitlab = (uuid: string, body = payload): RequestOptions => ({
  body,
  headers: { 'Content-Type': 'application/json', 'X-Gitlab-Token': SECRETS.gitlab, 'X-Gitlab-Event-UUID': uuid },
});
const hmac = (sig: string, body = payload): RequestOptions => ({ body, headers: { 'X-Twitch-Signature': sig } });

async function options(ctx: ServiceContext, res: HttpResult): Promise<unknown> {
  const got = await request(ctx.svc.port, String(res.headers.location), { headers: bearer(TOKENS.reader) });
  return JSON.parse(got.body).options;
}

async function restart(ctx: ServiceContext): Promise<void> {
  ctx.svc.kill();
  await ctx.svc.exited;
  ctx.svc = await startService({ config: ctx.sb.configPath });
}

describe('bundle: webhook deliveries are started once, with the options of their entry', function () {
  this.timeout(60_000);
  const ctx = useService({ config: { auth: AUTH } });

  it('a GitHub delivery replayed with other options in the query is a 400; sent again (new query or not, after a restart too) it starts nothing', async () => {
    const first = await post(ctx, '/puppet/twitch', github('72d3162e-cc78-11e3-81ab-4c9367dc0958'));
    assert.equal(first.status, 202, first.body);
    assert.deepEqual(await options(ctx, first), { noop: true, tags: ['ntp'] }, "the entry's options");
    await waitIdle(ctx);
    const replayed = await post(ctx, '/puppet/twitch?noop=false&environment=staging&tags=ssh', github('72d3162e-cc78-11e3-81ab-4c9367dc0958'));
    assert.equal(replayed.status, 400);
    assert.match(replayed.body, /^Parameter 'noop' is not taken from a webhook/);
    for (const id of ['72d3162e-cc78-11e3-81ab-4c9367dc0958', 'a-new-delivery-id']) {
      const again = await post(ctx, '/puppet/twitch', github(id));
      assert.equal(again.status, 200, again.body);
      assert.equal(again.headers.location, first.headers.location, 'answered with the first delivery\'s run');
    }
    await restart(ctx);
    const afterRestart = await post(ctx, '/puppet/twitch', github('72d3162e-cc78-11e3-81ab-4c9367dc0958'));
    assert.equal(afterRestart.status, 200, afterRestart.body);
    assert.equal(afterRestart.headers.location, first.headers.location);
    assert.equal(ctx.sb.runs().length, 1, 'one run for every try of the delivery');
    // another push (another body, another id) is another delivery
    await waitIdle(ctx);
    const next = await post(ctx, '/puppet/twitch', github('b2', JSON.stringify({ ref: 'refs/heads/production', after: 'beef' })));
    assert.equal(next.status, 202, next.body);
  });

  it('a GitLab delivery sent again with the same token, by its event UUID or its body, starts nothing, also after a restart', async () => {
    const first = await post(ctx, '/puppet/twitch', gitlab('3a6d6e0b-1d2c-4c1e-9f7e-0d1c1b6e7a01'));
    assert.equal(first.status, 202, first.body);
    await waitIdle(ctx);
    const sameUuid = await post(ctx, '/puppet/twitch', gitlab('3a6d6e0b-1d2c-4c1e-9f7e-0d1c1b6e7a01', '{"other":"body"}'));
    assert.equal(sameUuid.status, 200);
    assert.equal(sameUuid.headers.location, first.headers.location);
    await restart(ctx);
    const sameBody = await post(ctx, '/puppet/twitch', gitlab('new-uuid'));
    assert.equal(sameBody.status, 200);
    assert.equal(sameBody.headers.location, first.headers.location);
    assert.equal(ctx.sb.runs().length, 1);
  });

  it('an hmac signature used again, within its window and after a restart, starts nothing', async () => {
    const sig = twitchSignature(payload);
    const first = await post(ctx, '/puppet/twitch', hmac(sig));
    assert.equal(first.status, 202, first.body);
    await waitIdle(ctx);
    await restart(ctx);
    const again = await post(ctx, '/puppet/twitch', hmac(sig));
    assert.equal(again.status, 200, again.body);
    assert.equal(again.headers.location, first.headers.location);
    assert.equal(ctx.sb.runs().length, 1);
    // kept in state_dir, hashed: no signature, secret or body in the file
    const kept = readFileSync(join(ctx.sb.recordsDir, 'webhook-deliveries.json'), 'utf8');
    for (const secret of Object.values(SECRETS)) assert.ok(!kept.includes(secret));
    assert.ok(!kept.includes(sig.slice(-64)) && !kept.includes('c0ffee'));
  });
});
