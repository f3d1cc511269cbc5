// Who may trigger and read: bearer tokens and scopes, webhook signatures (real HMACs computed here), allowlists,
// rate limits and the audit log, against the real bundle over HTTP with the stand-in puppet.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AUTH,
  CHALLENGE,
  SECRETS,
  TOKENS,
  assertNoSecretLeaked,
  bearer,
  githubSignature,
  hash,
  twitchSignature,
} from '../support/auth';
import { useService, waitIdle, type ServiceContext } from '../support/harness';
import { Sandbox } from '../support/standin';
import { request, runCli, startService, waitFor, type HttpResult, type RequestOptions } from '../support/service';

function post(ctx: ServiceContext, path: string, opts: RequestOptions = {}): Promise<HttpResult> {
  return request(ctx.svc.port, path, { method: 'POST', ...opts });
}

function github(body: string, secret = SECRETS.github, event = 'push'): RequestOptions {
  return { body, headers: { 'Content-Type': 'application/json', 'X-GitHub-Event': event, 'X-Hub-Signature-256': githubSignature(body, secret) } };
}

async function recordOf(ctx: ServiceContext, res: HttpResult): Promise<Record<string, unknown>> {
  const location = res.headers.location;
  assert.ok(location, `no Location in ${res.status} ${res.body}`);
  const got = await request(ctx.svc.port, location, { headers: bearer(TOKENS.reader) });
  assert.equal(got.status, 200, got.body);
  return JSON.parse(got.body);
}

function auditLines(ctx: ServiceContext): Array<Record<string, unknown>> {
  const file = join(ctx.sb.recordsDir, 'audit.log');
  return readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
}

/** The audit log once `done` says it is complete (lines are written in batches, a few ms after the answer). */
function auditLinesOnce(ctx: ServiceContext, done: (lines: Array<Record<string, unknown>>) => boolean): Promise<Array<Record<string, unknown>>> {
  return waitFor('the audit lines', () => {
    try {
      const lines = auditLines(ctx);
      return done(lines) ? lines : undefined;
    } catch {
      return undefined;
    }
  });
}

describe('auth: bearer tokens and scopes', function () {
  this.timeout(20000);
  const ctx = useService({ shared: true, config: { auth: AUTH } });

  it('refuses a trigger without credentials with 401 and a Bearer challenge, and starts nothing', async () => {
    const res = await post(ctx, '/puppet/twitch');
    assert.equal(res.status, 401);
    assert.equal(res.headers['www-authenticate'], CHALLENGE);
    assert.match(res.body, /scope 'trigger'.*Authorization: Bearer <token>/);
    assert.equal(ctx.sb.runs().length, 0);
  });

  it('refuses wrong tokens, near misses and other schemes with 401', async () => {
    const nearMiss = TOKENS.deploy.slice(0, -1) + (TOKENS.deploy.endsWith('A') ? 'B' : 'A');
    for (const headers of [
      bearer(nearMiss),
      bearer(TOKENS.deploy + 'x'),
      bearer(hash(TOKENS.deploy)),
      { Authorization: `Basic ${Buffer.from(`x:${TOKENS.deploy}`).toString('base64')}` },
      { Authorization: 'Bearer' },
    ]) {
      const res = await post(ctx, '/puppet/twitch', { headers });
      assert.equal(res.status, 401, `${JSON.stringify(headers)}: ${res.body}`);
      assert.equal(res.headers['www-authenticate'], CHALLENGE);
      assert.ok(!res.body.includes(TOKENS.deploy.slice(0, 10)), 'the error echoes the token');
    }
    assert.equal(ctx.sb.runs().length, 0);
  });

  it('refuses two Authorization headers with 400, even when the first holds a valid token', async () => {
    const res = await post(ctx, '/puppet/twitch', { headers: { Authorization: [`Bearer ${TOKENS.deploy}`, 'Bearer wrong'] } });
    assert.equal(res.status, 400);
    assert.equal(res.body, 'The request has 2 Authorization headers: send one, "Authorization: Bearer <token>".');
    assert.equal(ctx.sb.runs().length, 0);
  });

  it('starts a run for a token with scope trigger, and records its identity', async () => {
    const res = await post(ctx, '/puppet/twitch', { headers: bearer(TOKENS.deploy) });
    assert.equal(res.status, 202, res.body);
    const record = await recordOf(ctx, res);
    assert.equal(record.identity, 'token:deploy');
    await waitIdle(ctx);
    assert.equal(ctx.sb.runs().length, 1);
  });

  it('answers 403 naming the scope a known token lacks', async () => {
    const res = await post(ctx, '/puppet/twitch', { headers: bearer(TOKENS.reader) });
    assert.equal(res.status, 403);
    assert.equal(res.body, "Forbidden: token:reader lacks scope 'trigger'.");
    const status = await request(ctx.svc.port, '/puppet/status', { headers: bearer(TOKENS.noop) });
    assert.equal(status.status, 403);
    assert.match(status.body, /token:ci-noop lacks scope 'read'/);
    assert.equal(ctx.sb.runs().length, 0);
  });

  it('lets trigger_noop start noop runs only', async () => {
    const refused = await post(ctx, '/puppet/twitch?tags=web', { headers: bearer(TOKENS.noop) });
    assert.equal(refused.status, 403);
    assert.match(refused.body, /may only trigger noop runs.*add noop=true/);
    const refusedFalse = await post(ctx, '/puppet/twitch?noop=false', { headers: bearer(TOKENS.noop) });
    assert.equal(refusedFalse.status, 403);
    assert.equal(ctx.sb.runs().length, 0);
    const res = await post(ctx, '/puppet/twitch?noop=true', { headers: bearer(TOKENS.noop) });
    assert.equal(res.status, 202, res.body);
    assert.equal((await recordOf(ctx, res)).identity, 'token:ci-noop');
    await waitIdle(ctx);
    assert.ok(ctx.sb.runs()[0].argv.includes('--noop'), JSON.stringify(ctx.sb.runs()));
  });

  it('needs read for status and runs, and keeps /healthz, /version and /openapi.json open', async () => {
    for (const path of ['/puppet/status', '/puppet/runs', '/puppet/runs/20260101T000000000Z-abcdef']) {
      const res = await request(ctx.svc.port, path);
      assert.equal(res.status, 401, path);
      assert.equal(res.headers['www-authenticate'], CHALLENGE);
    }
    assert.equal((await request(ctx.svc.port, '/puppet/runs', { headers: bearer(TOKENS.reader) })).status, 200);
    assert.equal((await request(ctx.svc.port, '/puppet/status', { headers: bearer(TOKENS.deploy) })).status, 200);
    assert.equal((await request(ctx.svc.port, '/healthz')).status, 200);
    assert.equal((await request(ctx.svc.port, '/version')).status, 200);
    assert.equal((await request(ctx.svc.port, '/openapi.json')).status, 200);
  });

  it('writes one audit line per trigger, status and runs request, with identity, status and run id', async () => {
    const res = await post(ctx, '/puppet/twitch?noop=true&tags=web', { headers: bearer(TOKENS.deploy) });
    assert.equal(res.status, 202);
    const id = String(res.headers.location).split('/').pop();
    await request(ctx.svc.port, '/puppet/runs', { headers: bearer(TOKENS.reader) });
    await request(ctx.svc.port, '/healthz');
    // the service is shared: earlier tests' lines are there too, so wait for this trigger's and the runs request after it
    const lines = await auditLinesOnce(ctx, (all) => {
      const at = all.findIndex((l) => l.run_id === id && l.path === '/puppet/twitch');
      return at >= 0 && all.slice(at).some((l) => l.path === '/puppet/runs' && l.identity === 'token:reader');
    });
    const trigger = lines.find((l) => l.run_id === id && l.path === '/puppet/twitch');
    assert.deepEqual(
      { ...trigger, time: undefined },
      {
        time: undefined,
        client: '127.0.0.1',
        identity: 'token:deploy',
        method: 'POST',
        path: '/puppet/twitch',
        options: { noop: true, tags: ['web'] },
        status: 202,
        run_id: id,
      },
    );
    assert.ok(lines.some((l) => l.path === '/puppet/runs' && l.identity === 'token:reader' && l.status === 200));
    assert.ok(lines.some((l) => l.status === 401 && l.identity === null), 'refusals are audited too');
    assert.ok(!lines.some((l) => l.path === '/healthz'), 'healthz is not audited');
  });

  it('never writes a token, a secret or a credential header to a log, a record, the audit log or ps', () => {
    assertNoSecretLeaked(ctx);
  });
});

describe('auth: public_read', function () {
  this.timeout(20000);
  const ctx = useService({ shared: true, config: { auth: { ...AUTH, public_read: true } } });

  it('serves the read endpoints without credentials, and still protects triggers', async () => {
    assert.equal((await request(ctx.svc.port, '/puppet/status')).status, 200);
    assert.equal((await request(ctx.svc.port, '/puppet/runs')).status, 200);
    assert.equal((await post(ctx, '/puppet/twitch')).status, 401);
  });
});

describe('auth: webhook signatures', function () {
  this.timeout(20000);
  const ctx = useService({ shared: true, config: { auth: AUTH, limits: { max_body_bytes: 2048 } } });
  // A push payload whose keys would be 400s if they were read as run options.
  const payload = JSON.stringify({ ref: 'refs/heads/production', after: 'f00d', repository: { full_name: 'ops/control-repo' } });

  it("accepts a GitHub push signed with the secret, with its entry's options; a run option in the query is a 400 naming it", async () => {
    const res = await post(ctx, '/puppet/twitch', github(payload));
    assert.equal(res.status, 202, res.body);
    const record = await recordOf(ctx, res);
    assert.equal(record.identity, 'webhook:control-repo');
    assert.deepEqual(record.options, { noop: true, tags: ['ntp'] });
    await waitIdle(ctx);
    const other = JSON.stringify({ ref: 'refs/heads/staging' });
    for (const query of ['?noop=false', '?environment=staging', '?tags=ssh', '?async=false']) {
      const refused = await post(ctx, `/puppet/twitch${query}`, github(other));
      assert.equal(refused.status, 400, query);
      assert.match(refused.body, new RegExp(`^Parameter '${query.slice(1).split('=')[0]}' is not taken from a webhook`));
    }
    assert.equal(ctx.sb.runs().length, 1);
  });

  it('refuses a wrong secret, a body changed by one byte and a malformed header with 401', async () => {
    const cases: Array<[string, RequestOptions]> = [
      ['wrong secret', github(payload, `${SECRETS.github}x`)],
      ['body changed by one byte', { ...github(payload), body: payload.replace('f00d', 'f00e') }],
      ['no sha256= prefix', { body: payload, headers: { 'X-Hub-Signature-256': githubSignature(payload).slice('sha256='.length) } }],
      ['truncated', { body: payload, headers: { 'X-Hub-Signature-256': String(github(payload).headers?.['X-Hub-Signature-256']).slice(0, 40) } }],
    ];
    for (const [name, opts] of cases) {
      const res = await post(ctx, '/puppet/twitch', opts);
      assert.equal(res.status, 401, `${name}: ${res.body}`);
      assert.equal(res.headers['www-authenticate'], CHALLENGE);
    }
    assert.equal(ctx.sb.runs().length, 0);
  });

  it("answers GitHub's ping without starting a run", async () => {
    const res = await post(ctx, '/puppet/twitch', github('{"zen":"Keep it logically awesome."}', SECRETS.github, 'ping'));
    assert.equal(res.status, 200);
    assert.match(res.body, /^pong: webhook:control-repo/);
    assert.equal(ctx.sb.runs().length, 0);
  });

  it('accepts the GitLab token and refuses a wrong one', async () => {
    assert.equal((await post(ctx, '/puppet/twitch', { body: payload, headers: { 'X-Gitlab-Token': `${SECRETS.gitlab}!` } })).status, 401);
    const res = await post(ctx, '/puppet/twitch', { body: payload, headers: { 'X-Gitlab-Token': SECRETS.gitlab, 'Content-Type': 'application/json' } });
    assert.equal(res.status, 202, res.body);
    assert.equal((await recordOf(ctx, res)).identity, 'webhook:gitlab-repo');
  });

  it('accepts an X-Twitch-Signature once, answers a replay with the first run, and refuses an expired timestamp and a wrong body', async () => {
    const body = '{"deploy":"42"}';
    const sig = twitchSignature(body);
    const ok = await post(ctx, '/puppet/twitch', { body, headers: { 'X-Twitch-Signature': sig } });
    assert.equal(ok.status, 202, ok.body);
    assert.equal((await recordOf(ctx, ok)).identity, 'webhook:pipeline');
    await waitIdle(ctx);
    const replay = await post(ctx, '/puppet/twitch', { body, headers: { 'X-Twitch-Signature': sig } });
    assert.equal(replay.status, 200);
    assert.match(replay.body, /^Delivery already received: puppet run .*nothing is started again/);
    assert.equal(replay.headers.location, ok.headers.location);
    const old = Math.floor(Date.now() / 1000) - 301;
    const expired = await post(ctx, '/puppet/twitch', { body, headers: { 'X-Twitch-Signature': twitchSignature(body, old) } });
    assert.equal(expired.status, 401);
    assert.match(expired.body, /more than 300 s/);
    const changed = await post(ctx, '/puppet/twitch', { body: `${body} `, headers: { 'X-Twitch-Signature': twitchSignature(body) } });
    assert.equal(changed.status, 401);
    assert.equal(ctx.sb.runs().length, 1);
  });

  it('gives a webhook identity no read scope, and refuses a body over limits.max_body_bytes with 413', async () => {
    const status = await request(ctx.svc.port, '/puppet/status', github(''));
    assert.equal(status.status, 403);
    assert.match(status.body, /webhook:control-repo lacks scope 'read'/);
    const big = JSON.stringify({ pad: 'x'.repeat(3000) });
    const res = await post(ctx, '/puppet/twitch', github(big));
    assert.equal(res.status, 413);
    assert.match(res.body, /limit is 2048 bytes/);
    assert.equal(ctx.sb.runs().length, 0);
  });

  it('never writes a secret or a signature anywhere', () => {
    assertNoSecretLeaked(ctx);
  });
});

describe('auth: rate limits', function () {
  this.timeout(30000);

  describe('triggers per minute and failed authentications', () => {
    const ctx = useService({ shared: true, config: { auth: AUTH, limits: { triggers_per_minute: 2 } } });

    it('answers 429 with Retry-After past limits.triggers_per_minute, per identity', async () => {
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        const res = await post(ctx, '/puppet/twitch?noop=true', { headers: bearer(TOKENS.noop) });
        statuses.push(res.status);
        if (i === 2) {
          assert.match(res.body, /2 a minute for token:ci-noop \(limits.triggers_per_minute\)/);
          const retry = Number(res.headers['retry-after']);
          assert.ok(retry >= 1 && retry <= 60, `Retry-After ${retry}`);
        }
        await waitIdle(ctx);
      }
      assert.deepEqual(statuses, [202, 202, 429]);
      assert.equal(ctx.sb.runs().length, 2);
      assert.equal((await post(ctx, '/puppet/twitch', { headers: bearer(TOKENS.deploy) })).status, 202, 'another identity has its own count');
    });

    it('answers 429 to an address after more than 10 failed authentications, even with a valid token', async () => {
      for (let i = 0; i < 11; i++) assert.equal((await post(ctx, '/puppet/twitch', { headers: bearer(`wrong-${i}`) })).status, 401);
      const res = await request(ctx.svc.port, '/puppet/status', { headers: bearer(TOKENS.reader) });
      assert.equal(res.status, 429);
      assert.match(res.body, /Too many failed authentications from 127.0.0.1/);
      assert.ok(Number(res.headers['retry-after']) > 50);
      assert.equal((await request(ctx.svc.port, '/healthz')).status, 200, 'open endpoints stay open');
    });
  });

  describe('min_run_interval', () => {
    const ctx = useService({ shared: true, config: { limits: { min_run_interval: 60 } } });

    it('answers 429 with Retry-After until the interval since the last run start has passed', async () => {
      assert.equal((await post(ctx, '/puppet/twitch')).status, 202);
      await waitIdle(ctx);
      const res = await post(ctx, '/puppet/twitch');
      assert.equal(res.status, 429);
      assert.match(res.body, /less than 60 s ago \(limits.min_run_interval\)/);
      const retry = Number(res.headers['retry-after']);
      assert.ok(retry > 50 && retry <= 60, `Retry-After ${retry}`);
      assert.equal(ctx.sb.runs().length, 1);
    });
  });
});

describe('auth: allow_from', function () {
  this.timeout(20000);
  const ctx = useService({ autoStart: false });

  async function serveOn(allow: string[]) {
    ctx.sb.writeConfig({ auth: { tokens: AUTH.tokens, allow_from: allow } });
    ctx.svc = await startService({ config: ctx.sb.configPath, args: ['--config', ctx.sb.configPath, '--bind', '::', '--port', '0'] });
  }

  it('refuses IPv4 clients outside an IPv6-only list with 403, before anything else', async () => {
    await serveOn(['::1/128']);
    const v4 = await request(ctx.svc.port, '/healthz', { host: '127.0.0.1' });
    assert.equal(v4.status, 403);
    assert.equal(v4.body, "Forbidden: 127.0.0.1 is not in this node's auth.allow_from.");
    const bad = await request(ctx.svc.port, '/nowhere', { host: '127.0.0.1', method: 'BREW' });
    assert.equal(bad.status, 403, 'the allowlist is checked before the method and path');
    assert.equal((await request(ctx.svc.port, '/healthz', { host: '::1' })).status, 200);
  });

  it('matches IPv4 CIDRs, also for IPv4 clients of a dual-stack socket', async () => {
    await serveOn(['10.0.0.0/8', '127.0.0.0/24']);
    assert.equal((await request(ctx.svc.port, '/healthz', { host: '127.0.0.1' })).status, 200);
    assert.equal((await request(ctx.svc.port, '/healthz', { host: '::1' })).status, 403);
    const res = await request(ctx.svc.port, '/puppet/twitch', { host: '127.0.0.1', method: 'POST', headers: bearer(TOKENS.deploy) });
    assert.equal(res.status, 202);
    await waitIdle(ctx); // the stand-in run writes into the sandbox until it ends
  });
});

describe('auth: an open service and the token command', function () {
  this.timeout(20000);

  it('warns at start when open on a non-loopback address', async () => {
    const sb = new Sandbox();
    const svc = await startService({ args: ['--bind', '0.0.0.0', '--port', '0', '--config', sb.configPath] });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.match(svc.stdout, /WARNING: anyone who can reach 0\.0\.0\.0 may trigger puppet runs/);
    } finally {
      svc.kill();
      sb.cleanup();
    }
  });

  it('token new prints a 32-byte base64url token once and its config entry; token hash agrees', async () => {
    const made = await runCli(['token', 'new', '--id', 'deploy', '--scopes', 'trigger,read']);
    assert.equal(made.code, 0, made.stderr);
    const [token, ...rest] = made.stdout.trim().split('\n');
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    const entry = JSON.parse(rest[rest.length - 1]);
    assert.deepEqual(entry, { id: 'deploy', sha256: hash(token), scopes: ['trigger', 'read'] });
    const hashed = await runCli(['token', 'hash'], { input: `${token}\n` });
    assert.equal(hashed.stdout, `${hash(token)}\n`);
    const bad = await runCli(['token', 'new', '--id', 'x', '--scopes', 'admin']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Unknown scope 'admin'/);
  });
});
