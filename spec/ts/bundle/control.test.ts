// The agent under control over real HTTP against the real bundle, with the stand-in puppet
// (spec/fixtures/fake-puppet), which writes and removes its agent_disabled.lock as Puppet does: a timed disable
// ends by itself, also across a restart; someone else's disable is never ended; wait holds until a run ends.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PATHS } from '../../../ts/api';
import { DEFAULTS } from '../../../ts/config/defaults';
import { trigger, useService } from '../support/harness';
import { postForm, request, sleep, startService, waitFor } from '../support/service';

const lockMessage = (file: string): string | undefined => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { disabled_message: string }).disabled_message : undefined);
const json = (body: string) => JSON.parse(body) as Record<string, unknown>;

describe('bundle: disable and enable the agent over the API (stand-in puppet)', function () {
  this.timeout(30_000);
  const ctx = useService({ config: { control: { max_disable_ttl: 3600 } } });

  it('disables for a TTL: triggers answer 423 with the message, status and metrics say until when, and it ends by itself', async function () {
    const res = await postForm(ctx.svc.port, PATHS.disable, 'message=kernel+update&ttl=3');
    assert.equal(res.status, 200, res.body);
    const answer = json(res.body);
    const lock = lockMessage(ctx.sb.disabledLockfile);
    assert.match(lock ?? '', /^kernel update \(puppet-twitch: anonymous, until \d{4}-\d\d-\d\dT[\d:.]+Z\)$/);
    assert.equal(answer.enabled, false);
    assert.equal(answer.disabled_message, lock);
    assert.equal(typeof answer.disabled_until, 'string');
    assert.ok(existsSync(join(ctx.sb.recordsDir, 'disable.json')));

    const refused = await trigger(ctx.svc, '', { method: 'POST' });
    assert.equal(refused.status, 423, refused.body);
    assert.ok(refused.body.includes('kernel update (puppet-twitch: anonymous'), refused.body);
    const status = json((await request(ctx.svc.port, PATHS.status)).body);
    assert.equal(status.disabled_until, answer.disabled_until);
    const metrics = (await request(ctx.svc.port, PATHS.metrics)).body;
    assert.match(metrics, /^puppet_twitch_disabled_until_seconds [1-9]\d+(\.\d+)?$/m);

    await waitFor('the disable to end by itself', () => lockMessage(ctx.sb.disabledLockfile) === undefined, 5000);
    await waitFor('disable.json to go', () => !existsSync(join(ctx.sb.recordsDir, 'disable.json')), 2000);
    await waitFor('the log line of the end', () => /control: the disable by anonymous ended \(ttl 3 s\): the agent is enabled/.test(ctx.svc.logs), 3000);
    const records = json(`{"r":${(await request(ctx.svc.port, PATHS.runs)).body}}`).r as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const [end, disable] = records.filter((r) => r.kind !== undefined);
    assert.equal(disable.kind, 'disable');
    assert.deepEqual(disable.control, { message: 'kernel update', ttl: 3, until: answer.disabled_until, result: 'done' });
    assert.equal(end.kind, 'enable');
    assert.equal(end.source, 'ttl');
    assert.equal(end.control.result, 'done');
  });

  it("never replaces or ends someone else's disable, and says how to enable by hand", async function () {
    ctx.sb.writeDisabled('{"disabled_message":"database migration (alice)"}');
    const disable = await postForm(ctx.svc.port, PATHS.disable, 'message=mine&ttl=1');
    assert.equal(disable.status, 409, disable.body);
    assert.match(disable.body, /already disabled by someone else, with the message "database migration \(alice\)"/);
    const enable = await request(ctx.svc.port, PATHS.enable, { method: 'POST' });
    assert.equal(enable.status, 409, enable.body);
    assert.match(enable.body, /puppet agent --enable/);
    await sleep(1500);
    assert.equal(lockMessage(ctx.sb.disabledLockfile), 'database migration (alice)');
    const audit = join(ctx.sb.recordsDir, 'audit.log');
    const line = await waitFor('the audit line of the refused disable', () =>
      (existsSync(audit) ? readFileSync(audit, 'utf8') : '').split('\n').filter((l) => l.includes('"/puppet/disable"')).map((l) => JSON.parse(l))[0],
    3000);
    assert.equal(line.status, 409);
    assert.deepEqual(line.options, { message: 'mine', ttl: 1, wait: 0 });
  });

  it('refuses a bad message or ttl with a 400 naming the parameter, and changes nothing', async function () {
    for (const [form, pattern] of [
      ['ttl=60', /'message': it is required/],
      ['message=a%0AInfo%3A+forged', /'message': it must be printable/],
      [`message=${'x'.repeat(257)}`, /at most 256/],
      ['message=m&ttl=3601', /'ttl': "3601". Use whole seconds from 0 to 3600/],
      ['message=m&ttl=0', /'ttl': 0. Use whole seconds from 1 to 3600 \(control.max_disable_ttl\)/],
      ['message=m&until=tomorrow', /Unknown parameter 'until'/],
    ] as const) {
      const res = await postForm(ctx.svc.port, PATHS.disable, form);
      assert.equal(res.status, 400, `${form}: ${res.body}`);
      assert.match(res.body, pattern);
    }
    assert.equal(lockMessage(ctx.sb.disabledLockfile), undefined);
  });

  it('enables its own disable before its time', async function () {
    assert.equal((await postForm(ctx.svc.port, PATHS.disable, 'message=short')).status, 200);
    const res = await request(ctx.svc.port, PATHS.enable, { method: 'POST' });
    assert.equal(res.status, 200, res.body);
    assert.deepEqual({ ...json(res.body), record_id: '' }, { enabled: true, disabled_message: null, disabled_until: null, record_id: '' });
    assert.equal(lockMessage(ctx.sb.disabledLockfile), undefined);
  });

  it('with wait, answers once the run in progress has ended', async function () {
    ctx.sb.setBehaviour({ sleep: 2 });
    assert.equal((await trigger(ctx.svc, '', { method: 'POST' })).status, 202);
    await waitFor('the stand-in run to start', () => ctx.sb.runs().length === 1, 5000);
    const started = Date.now();
    const res = await postForm(ctx.svc.port, PATHS.disable, 'message=after+the+run&wait=20');
    assert.equal(res.status, 200, res.body);
    assert.equal(json(res.body).idle, true);
    assert.ok(Date.now() - started > 1000, 'the answer waited for the run');
    assert.equal(ctx.sb.finishedRuns().length, 1);
  });

  it('ends a disable whose time passed while the service was down, at start', async function () {
    assert.equal((await postForm(ctx.svc.port, PATHS.disable, 'message=over+a+restart&ttl=1')).status, 200);
    await ctx.svc.stop();
    await sleep(1500);
    assert.match(lockMessage(ctx.sb.disabledLockfile) ?? '', /^over a restart/);
    ctx.svc = await startService({ config: ctx.sb.configPath });
    await waitFor('the service to enable the agent at start', () => lockMessage(ctx.sb.disabledLockfile) === undefined, 5000);
    assert.equal((await trigger(ctx.svc, '?async=false', { method: 'POST' })).status, 200);
  });
});

describe('bundle: a trigger right after an enable through the service (stand-in puppet, refusals reused as by default)', function () {
  this.timeout(30_000);
  // the sandbox turns the reuse of refusals off; this is about the default's second
  const ctx = useService({ config: { limits: { refusal_reuse_seconds: DEFAULTS.limits.refusal_reuse_seconds } } });

  it('starts a run at once after POST /puppet/enable, without the 423 of the refusal seen just before', async function () {
    assert.equal((await postForm(ctx.svc.port, PATHS.disable, 'message=patching&ttl=600')).status, 200);
    const refused = await trigger(ctx.svc, '', { method: 'POST' });
    assert.equal(refused.status, 423, refused.body);
    const refusedAt = Date.now();
    const enable = await request(ctx.svc.port, PATHS.enable, { method: 'POST' });
    assert.equal(enable.status, 200, enable.body);
    const started = await trigger(ctx.svc, '', { method: 'POST' });
    const within = Date.now() - refusedAt;
    assert.equal(started.status, 202, `${within} ms after the 423: ${started.body}`);
    await waitFor('the stand-in run to finish', () => ctx.sb.finishedRuns().length === 1, 10_000);
  });
});
