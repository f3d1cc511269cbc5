// GET /metrics of the real bundle: what Prometheus scrapes, checked by promtool, moving with runs of the stand-in
// puppet (spec/fixtures/fake-puppet, a scripted STAND-IN, never Puppet) and of one real `puppet apply`.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUTH, bearer, CHALLENGE, TOKENS } from '../support/auth';
import { trigger, useService, waitIdle, type ServiceContext } from '../support/harness';
import { RawConnection, request, sleep, startService, waitFor, type HttpResult } from '../support/service';

const PROMTOOL = '/usr/bin/promtool';
const METRICS_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** series (`name{labels}`) → value */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    out.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return out;
}

function promtool(text: string): void {
  const result = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
  assert.equal(result.status, 0, `promtool check metrics: ${result.stdout}${result.stderr}\n${text}`);
  assert.equal(`${result.stdout}${result.stderr}`.trim(), '', 'promtool has no lint findings');
}

async function scrape(ctx: ServiceContext, headers: Record<string, string> = {}): Promise<{ res: HttpResult; values: Map<string, number> }> {
  const res = await request(ctx.svc.port, '/metrics', { headers });
  assert.equal(res.status, 200, res.body);
  assert.equal(res.headers['content-type'], METRICS_TYPE);
  return { res, values: samples(res.body) };
}

/** The `state: count` lines of one section of a last_run_summary.yaml on disk. */
function summarySection(file: string, section: string): Map<string, number> {
  const out = new Map<string, number>();
  let inside = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (/^\S/.test(line)) inside = line === `${section}:`;
    const entry = /^ {2}(\w+): ([\d.]+)$/.exec(line);
    if (inside && entry) out.set(entry[1], Number(entry[2]));
  }
  return out;
}

const routeValues = (values: Map<string, number>) =>
  new Set([...values.keys()].filter((k) => k.startsWith('puppet_twitch_requests_total{')).map((k) => /route="([^"]*)"/.exec(k)?.[1]));

describe('bundle: GET /metrics with the stand-in puppet', function () {
  this.timeout(60000);
  const ctx = useService({ shared: true });

  it('answers promtool-clean text before any run: the service, the process, and no made-up last run', async () => {
    const { res, values } = await scrape(ctx);
    promtool(res.body);
    assert.equal(values.get('puppet_twitch_puppet_state_up'), 1);
    assert.equal(values.get('puppet_twitch_runs_total{source="http",outcome="no_changes"}'), 0);
    assert.equal(values.get('puppet_twitch_run_duration_seconds_count'), 0);
    assert.equal(values.get('puppet_twitch_run_in_progress'), 0);
    assert.equal(values.get('puppet_twitch_audit_lines_lost_total'), 0);
    assert.equal(values.get('puppet_disabled_since_seconds'), 0);
    assert.match(res.body, /^puppet_twitch_build_info\{version="[^"]+",node_version="v\d+\.\d+\.\d+"\} 1$/m);
    for (const name of ['process_resident_memory_bytes', 'process_open_fds', 'process_max_fds', 'process_start_time_seconds', 'process_cpu_seconds_total']) {
      assert.ok((values.get(name) ?? 0) > 0, `${name} in\n${res.body}`);
    }
    assert.ok(![...values.keys()].some((k) => k.startsWith('puppet_last_')), res.body);

    const head = await request(ctx.svc.port, '/metrics', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-type'], METRICS_TYPE);
    assert.equal(head.body, '');
  });

  it('moves with runs of every outcome: runs_total, the duration histogram, the last run and its resources', async () => {
    let before = (await scrape(ctx)).values;
    let lastRunAt = 0;
    const cases: Array<{ exit: number; outcome: string; success: number }> = [
      { exit: 0, outcome: 'no_changes', success: 1 },
      { exit: 2, outcome: 'changes', success: 1 },
      { exit: 4, outcome: 'failures', success: 0 },
      { exit: 6, outcome: 'changes_and_failures', success: 0 },
      { exit: 0, outcome: 'no_changes', success: 1 },
      { exit: 1, outcome: 'failed', success: 1 },
    ];
    for (const c of cases) {
      // the stand-in's last_run is in whole seconds: a run of 1.1 s ends in a later second than the one before
      ctx.sb.setBehaviour({ exit: c.exit, sleep: 1.1 });
      const res = await trigger(ctx.svc, '?async=false', { method: 'POST' });
      assert.equal(res.headers.location !== undefined, true, res.body);
      // Puppet's state is read at most every 2 s: wait for the scrape that shows this run
      const after = await waitFor(`a scrape showing the run that exited ${c.exit}`, async () => {
        const { values } = await scrape(ctx);
        return (values.get('puppet_last_run_at_seconds') ?? 0) > lastRunAt ? values : undefined;
      });
      const text = (await scrape(ctx)).res.body;
      promtool(text);
      const key = `puppet_twitch_runs_total{source="http",outcome="${c.outcome}"}`;
      assert.equal(after.get(key), (before.get(key) ?? 0) + 1, c.outcome);
      const count = 'puppet_twitch_run_duration_seconds_count';
      assert.equal(after.get(count), (before.get(count) ?? 0) + 1);
      assert.ok((after.get('puppet_twitch_run_duration_seconds_sum') ?? 0) >= (before.get('puppet_twitch_run_duration_seconds_sum') ?? 0) + 1);
      assert.equal(after.get('puppet_twitch_run_duration_seconds_bucket{le="1"}'), 0, 'every stand-in run lasted over 1 s');
      assert.equal(after.get('puppet_last_run_success'), c.success, `success after exit ${c.exit}`);
      for (const [section, name] of [['resources', 'puppet_last_catalog_resources'], ['events', 'puppet_last_catalog_events']]) {
        const onDisk = summarySection(ctx.sb.summaryFile, section);
        assert.ok(onDisk.has('total'));
        for (const [state, value] of onDisk) assert.equal(after.get(`${name}{state="${state}"}`), value, `${name}{state="${state}"}`);
      }
      assert.equal(after.get('puppet_last_catalog_changes'), summarySection(ctx.sb.summaryFile, 'changes').get('total'));
      assert.equal(after.get('puppet_last_run_duration_seconds'), 1.1);
      assert.equal(after.get('puppet_last_catalog_version{version="1700000000"}'), 1);
      assert.equal(after.get('puppet_config{environment="production",server=""}'), 1);
      lastRunAt = after.get('puppet_last_run_at_seconds') as number;
      assert.ok(Math.abs(lastRunAt - Date.now() / 1000) < 60);
      before = after;
    }
  });

  it('shows a disabled agent since the disabled lock was written', async () => {
    ctx.sb.writeDisabled('{"disabled_message":"maintenance"}');
    const since = statSync(ctx.sb.disabledLockfile).mtimeMs / 1000;
    const values = await waitFor('a scrape showing the agent disabled', async () => {
      const v = (await scrape(ctx)).values;
      return (v.get('puppet_disabled_since_seconds') ?? 0) > 0 ? v : undefined;
    });
    assert.ok(Math.abs((values.get('puppet_disabled_since_seconds') as number) - since) < 0.01);
    ctx.sb.setBehaviour({});
    const res = await trigger(ctx.svc, '?async=false', { method: 'POST' });
    assert.equal(res.status, 423);
    promtool((await scrape(ctx)).res.body);
  });

  it('counts 1,000 requests to random paths and malformed requests under one new route value, "other"', async () => {
    const before = routeValues((await scrape(ctx)).values);
    const paths = Array.from({ length: 1000 }, (_, i) => `/${Math.random().toString(36).slice(2)}/${i}?x=${i}`);
    for (let i = 0; i < paths.length; i += 25) {
      const answers = await Promise.all(paths.slice(i, i + 25).map((p) => request(ctx.svc.port, p)));
      for (const a of answers) assert.equal(a.status, 404);
    }
    for (const garbage of ['GARBAGE\r\n\r\n', 'GET /x HTTP/1.1\r\nHost: a\r\nbad header\r\n\r\n']) {
      const conn = await RawConnection.open(ctx.svc.port);
      conn.write(garbage);
      assert.equal((await conn.next()).status, 400);
      conn.socket.destroy();
    }
    const { res, values } = await scrape(ctx);
    promtool(res.body);
    const after = routeValues(values);
    const added = [...after].filter((r) => !before.has(r));
    assert.ok(added.length <= 1 && added.every((r) => r === 'other'), `new route values: ${added.join(', ')}`);
    assert.ok((values.get('puppet_twitch_requests_total{route="other",code="404"}') ?? 0) >= 1000);
    assert.ok((values.get('puppet_twitch_requests_total{route="other",code="400"}') ?? 0) >= 2);
    assert.ok((values.get('puppet_twitch_requests_total{route="/metrics",code="200"}') ?? 0) >= 1);
  });
});

describe('bundle: /metrics starts few helper processes (a stand-in sudo counts them)', function () {
  this.timeout(30000);
  const ctx = useService({ autoStart: false });

  /**
   * A STAND-IN for sudo, first on the service's PATH: it appends a line to `calls` for every helper the service
   * starts (each would be a root process) and runs the command without privileges; with a `fail` file present
   * it refuses, as a sudo without the rule would.
   */
  function standInSudo(): { env: NodeJS.ProcessEnv; calls: () => number; fail: (on: boolean) => void } {
    const dir = join(ctx.sb.dir, 'sudo-bin');
    const calls = join(dir, 'calls');
    const failFile = join(dir, 'fail');
    spawnSync('mkdir', ['-p', dir]);
    writeFileSync(
      join(dir, 'sudo'),
      `#!/bin/sh\n# stand-in for sudo (test only): counts calls, never changes user\necho "$$" >> '${calls}'\n` +
        `if [ -e '${failFile}' ]; then echo 'sudo: a password is required' >&2; exit 1; fi\n[ "$1" = -n ] && shift\nexec "$@"\n`,
    );
    chmodSync(join(dir, 'sudo'), 0o755);
    return {
      env: { ...process.env, PATH: `${dir}:${process.env.PATH}` },
      calls: () => (existsSync(calls) ? readFileSync(calls, 'utf8').split('\n').filter((l) => l !== '').length : 0),
      fail: (on) => (on ? writeFileSync(failFile, '') : rmSync(failFile, { force: true })),
    };
  }

  it('a scrape every 50 ms for 3 s starts at most a couple of status helpers; a failing helper still gets 200', async () => {
    const sudo = standInSudo();
    ctx.sb.writeConfig({ puppet: { sudo: true } });
    ctx.svc = await startService({ config: ctx.sb.configPath, env: sudo.env });
    const scrapes = async (ms: number) => {
      const texts: string[] = [];
      for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) {
        const res = await request(ctx.svc.port, '/metrics');
        assert.equal(res.status, 200);
        texts.push(res.body);
      }
      return texts;
    };
    const ok = await scrapes(3000);
    assert.ok(ok.length >= 20, `${ok.length} scrapes`);
    assert.ok(ok.every((t) => /^puppet_twitch_puppet_state_up 1$/m.test(t)));
    const started = sudo.calls();
    assert.ok(started >= 1 && started <= 3, `${started} helper processes for ${ok.length} scrapes in 3 s`);

    await sleep(2100); // past the cache of the last answer
    sudo.fail(true);
    const failing = await scrapes(3000);
    assert.ok(failing.some((t) => /^puppet_twitch_puppet_state_up 0$/m.test(t)));
    const down = failing.filter((t) => /^puppet_twitch_puppet_state_up 0$/m.test(t));
    for (const text of down) {
      promtool(text);
      assert.match(text, /^puppet_twitch_requests_total\{route="\/metrics",code="200"\} \d+$/m);
      assert.doesNotMatch(text, /^puppet_disabled_since_seconds/m);
    }
    const more = sudo.calls() - started;
    assert.ok(more >= 1 && more <= 3, `${more} helper processes for ${failing.length} failing scrapes in 3 s`);
    await waitFor('the failure logged', () => ctx.svc.logs.includes("cannot read Puppet's state through the helper"));
    assert.equal(ctx.svc.logs.split("metrics: cannot read Puppet's state").length - 1, 1, 'one log line for the burst');
    sudo.fail(false);
    await waitIdle(ctx);
  });
});

describe('bundle: who may scrape /metrics', function () {
  this.timeout(30000);
  const ctx = useService({ autoStart: false });
  const start = async (config: Record<string, unknown>) => {
    ctx.sb.writeConfig(config);
    ctx.svc = await startService({ config: ctx.sb.configPath });
  };

  it('needs the read scope when auth is configured: 401 without a token, 403 without the scope, 200 with it', async () => {
    await start({ auth: AUTH });
    const anonymous = await request(ctx.svc.port, '/metrics');
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.headers['www-authenticate'], CHALLENGE);
    assert.equal((await request(ctx.svc.port, '/metrics', { headers: bearer(TOKENS.noop) })).status, 403);
    const reader = await request(ctx.svc.port, '/metrics', { headers: bearer(TOKENS.reader) });
    assert.equal(reader.status, 200);
    promtool(reader.body);
    assert.match(reader.body, /^puppet_twitch_requests_total\{route="\/metrics",code="401"\} 1$/m);
  });
  it('is open with metrics.public (and with auth.public_read), other read routes stay closed', async () => {
    await start({ auth: AUTH, metrics: { public: true } });
    assert.equal((await request(ctx.svc.port, '/metrics')).status, 200);
    assert.equal((await request(ctx.svc.port, '/puppet/status')).status, 401);
    ctx.svc.kill();
    await start({ auth: { ...AUTH, public_read: true } });
    assert.equal((await request(ctx.svc.port, '/metrics')).status, 200);
  });
  it('does not exist with metrics.enabled false', async () => {
    await start({ metrics: { enabled: false } });
    const res = await request(ctx.svc.port, '/metrics');
    assert.equal(res.status, 404);
    assert.equal((await request(ctx.svc.port, '/healthz')).status, 200);
  });
});

describe('bundle: /metrics after a real puppet apply (/usr/bin/puppet)', function () {
  this.timeout(120000);
  const ctx = useService({ autoStart: false });

  it("shows the run's outcome and the resources of the summary Puppet wrote", async () => {
    const target = join(ctx.sb.dir, 'made-by-puppet.txt');
    const manifest = ctx.sb.writeRawConfig('site.pp', `file { '${target}':\n  ensure  => file,\n  content => "metrics\\n",\n}\n`);
    const lastrunfile = join(ctx.sb.dir, 'last_run_summary.yaml');
    ctx.sb.writeConfig({ puppet: { bin: '/usr/bin/puppet', mode: 'apply', manifest, lastrunfile, args: [`--lastrunfile=${lastrunfile}`] } });
    ctx.svc = await startService({ config: ctx.sb.configPath });
    promtool((await scrape(ctx)).res.body);
    const res = await trigger(ctx.svc, '?async=false', { method: 'POST', timeoutMs: 100000 });
    assert.equal(res.status, 200, res.body);
    const values = await waitFor('a scrape showing the run', async () => {
      const v = (await scrape(ctx)).values;
      return v.has('puppet_last_run_at_seconds') ? v : undefined;
    });
    const { res: scraped } = await scrape(ctx);
    promtool(scraped.body);
    assert.equal(values.get('puppet_twitch_runs_total{source="http",outcome="changes"}'), 1);
    assert.equal(values.get('puppet_twitch_run_duration_seconds_count'), 1);
    assert.equal(values.get('puppet_last_run_success'), 1);
    const resources = summarySection(lastrunfile, 'resources');
    assert.equal(resources.get('changed'), 1);
    for (const [state, value] of resources) assert.equal(values.get(`puppet_last_catalog_resources{state="${state}"}`), value, state);
    for (const [state, value] of summarySection(lastrunfile, 'events')) assert.equal(values.get(`puppet_last_catalog_events{state="${state}"}`), value, state);
    const time = summarySection(lastrunfile, 'time');
    assert.equal(values.get('puppet_last_run_at_seconds'), time.get('last_run'));
    assert.equal(values.get('puppet_config_retrieval_duration_seconds'), time.get('config_retrieval'));
  });
});
