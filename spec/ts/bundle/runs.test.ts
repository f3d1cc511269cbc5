// Run options, run records, waiting, the queue, the run timeout and /puppet/status, over real HTTP against the
// real bundle, with the stand-in puppet (spec/fixtures/fake-puppet), which records the argv it was given.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PATHS, TEXT } from '../../../ts/api';
import { trigger, useService, waitIdle } from '../support/harness';
import { pidAlive, postForm, request, sleep, startService, waitFor, type HttpResult } from '../support/service';

const JSON_ACCEPT = { Accept: 'application/json' };
const config = { puppet: { environments: ['production', 'staging'], max_splay: 2 } };
const idOf = (res: HttpResult) => String(res.headers.location ?? '').replace(`${PATHS.runs}/`, '');
const getJson = async (port: number, path: string) => {
  const res = await request(port, path);
  assert.equal(res.headers['content-type'], 'application/json; charset=utf-8', `${path}: ${res.body}`);
  return { status: res.status, body: JSON.parse(res.body) };
};

describe('bundle: run options reach puppet as separate arguments (stand-in puppet)', function () {
  const ctx = useService({ shared: true, config });

  const cases: Array<[string, () => Promise<HttpResult>, string[]]> = [
    ['the query string', () => trigger(ctx.svc, '?noop=true&tags=Web,db&skip_tags=slow&environment=staging&async=false'), ['--noop', '--tags', 'web,db', '--skip_tags', 'slow', '--environment', 'staging']],
    ['a form body', () => postForm(ctx.svc.port, '/puppet/twitch', 'noop=false&tags=ntp%3A%3Aserver&async=false'), ['--no-noop', '--tags', 'ntp::server']],
    [
      'a JSON body',
      () =>
        request(ctx.svc.port, '/puppet/twitch', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ noop: true, tags: ['a', 'b'], environment: 'production', async: false }),
        }),
      ['--noop', '--tags', 'a,b', '--environment', 'production'],
    ],
  ];
  for (const [where, send, args] of cases) {
    it(`from ${where}`, async function () {
      const res = await send();
      assert.equal(res.status, 200, res.body);
      const runs = ctx.sb.runs();
      assert.equal(runs.length, 1);
      assert.deepEqual(runs[0].argv, ['agent', '--onetime', '--no-daemonize', '--detailed-exitcodes', '--no-usecacheonfailure', '--logdest=console', '--logdest=syslog', ...args]);
    });
  }

  const refusals: Array<[string, number, RegExp]> = [
    ['environment=development', 403, /^Environment 'development' is not allowed/],
    ['environment=Prod', 400, /^Invalid value for parameter 'environment'/],
    ['tags=a%20b', 400, /^Invalid value for parameter 'tags': "a b" is not a Puppet tag/],
    ['tags=--server%3Devil', 400, /^Invalid value for parameter 'tags'/],
    ['skip_tags=', 400, /^Invalid value for parameter 'skip_tags'/],
    ['splay=3', 403, /over this node's limit of 2 seconds/],
    ['splay=soon', 400, /^Invalid value for parameter 'splay'/],
    ['noop=true&noop=false', 400, /^Parameter 'noop' is given more than once/],
    ['noop=maybe', 400, /^Invalid value for parameter 'noop'/],
    ['when_busy=later', 400, /^Invalid value for parameter 'when_busy'/],
    ['server=evil', 400, /^Unknown parameter 'server'/],
  ];
  for (const [query, status, body] of refusals) {
    it(`refuses ${query} with ${status}, and starts no run`, async function () {
      const res = await trigger(ctx.svc, `?${query}`, { method: 'POST' });
      assert.equal(res.status, status, res.body);
      assert.match(res.body, body);
      await sleep(50);
      assert.deepEqual(ctx.sb.runs(), []);
    });
  }

  it('refuses a parameter given in both the query and the body', async function () {
    const res = await postForm(ctx.svc.port, '/puppet/twitch?noop=true', 'noop=true');
    assert.equal(res.status, 400);
    assert.equal(res.body, "Parameter 'noop' is given more than once.");
    assert.deepEqual(ctx.sb.runs(), []);
  });
});

describe('bundle: run records, Location, wait= and the queue (stand-in puppet)', function () {
  const ctx = useService({ shared: true, config });

  it('a trigger answers 202 with Location; the record there says what was asked and how it ended', async function () {
    ctx.sb.setBehaviour({ exit: 2 });
    const res = await trigger(ctx.svc, '?noop=true', { method: 'POST' });
    assert.equal(res.status, 202);
    assert.equal(res.body, TEXT.triggered);
    assert.match(String(res.headers.location), /^\/puppet\/runs\/\d{8}T\d{9}Z-[0-9a-f]{6}$/);
    const { body: record } = await getJson(ctx.svc.port, `${res.headers.location}?wait=10`);
    assert.equal(record.id, idOf(res));
    assert.equal(record.state, 'finished');
    assert.equal(record.source, 'http');
    assert.equal(record.client, '127.0.0.1');
    assert.deepEqual(record.options, { noop: true });
    assert.equal(record.exit_code, 2);
    assert.equal(record.outcome, 'changes');
    assert.equal(record.summary.resources.changed, 1);
    assert.equal(record.pid, ctx.sb.runs()[0].pid);
    assert.ok(Date.parse(record.requested_at) <= Date.parse(record.started_at));
    assert.ok(Date.parse(record.started_at) <= Date.parse(record.finished_at));
    assert.ok(record.output_tail.some((l: string) => l.includes('stand-in puppet run')), JSON.stringify(record.output_tail));
  });

  it("a line puppet prints in two pieces on stdout stays one line when stderr prints between them", async function () {
    ctx.sb.setBehaviour({ split: true });
    const res = await trigger(ctx.svc, '', { method: 'POST' });
    assert.equal(res.status, 202);
    const { body: record } = await getJson(ctx.svc.port, `${res.headers.location}?wait=10`);
    assert.equal(record.state, 'finished');
    assert.ok(record.output_tail.includes('Notice: split stdout line, first half and second half'), JSON.stringify(record.output_tail));
    assert.ok(record.output_tail.includes('Info: whole stderr line'), JSON.stringify(record.output_tail));
  });

  it('with Accept: application/json a trigger answers the record; async=false answers the finished one (500 on failure)', async function () {
    const started = await trigger(ctx.svc, '', { method: 'POST', headers: JSON_ACCEPT });
    assert.equal(started.status, 202);
    assert.equal(JSON.parse(started.body).id, idOf(started));
    await waitIdle(ctx);
    ctx.sb.setBehaviour({ exit: 4 });
    const failed = await trigger(ctx.svc, '?async=false', { method: 'POST', headers: JSON_ACCEPT });
    assert.equal(failed.status, 500);
    const record = JSON.parse(failed.body);
    assert.equal(record.state, 'finished');
    assert.equal(record.outcome, 'failures');
  });

  it('wait= holds the answer until the run ends, and answers at once for a finished run', async function () {
    ctx.sb.setBehaviour({ sleep: 1 });
    const res = await trigger(ctx.svc, '', { method: 'POST' });
    const t0 = Date.now();
    const running = await getJson(ctx.svc.port, `${res.headers.location}`);
    assert.equal(running.body.state, 'running');
    const done = await getJson(ctx.svc.port, `${res.headers.location}?wait=30`);
    assert.equal(done.body.state, 'finished');
    const took = Date.now() - t0;
    assert.ok(took > 500 && took < 5000, `answered after ${took} ms`);
    const t1 = Date.now();
    await getJson(ctx.svc.port, `${res.headers.location}?wait=30`);
    assert.ok(Date.now() - t1 < 500);
  });

  it('holds 300 wait= answers within the default budget (limits.max_held, a quarter of max_connections) until the run ends', async function () {
    ctx.sb.setBehaviour({ sleep: 2 });
    const res = await trigger(ctx.svc, '', { method: 'POST' });
    const answers = await Promise.all(
      Array.from({ length: 300 }, () => request(ctx.svc.port, `${res.headers.location}?wait=30`).then((r) => JSON.parse(r.body).state)),
    );
    assert.equal(answers.filter((state) => state === 'finished').length, 300);
  });

  it('lists runs newest first, and answers 404 for an unknown run and 400 for a bad wait or limit', async function () {
    const ids = [];
    for (let i = 0; i < 3; i++) {
      ids.push(idOf(await trigger(ctx.svc, '?async=false', { method: 'POST' })));
    }
    const { body: list } = await getJson(ctx.svc.port, '/puppet/runs?limit=2');
    assert.deepEqual(list.map((r: { id: string }) => r.id), [ids[2], ids[1]]);
    for (const path of ['/puppet/runs/20991231T235959999Z-000000', '/puppet/runs/..%2f..%2fetc', '/puppet/runs/x']) {
      const res = await request(ctx.svc.port, path);
      assert.equal(res.status, 404, path);
      assert.match(res.body, /^No run /);
    }
    for (const path of [`/puppet/runs/${ids[0]}?wait=601`, '/puppet/runs?limit=x', `/puppet/runs/${ids[0]}?since=1`]) {
      assert.equal((await request(ctx.svc.port, path)).status, 400, path);
    }
  });

  it('when_busy=queue: one follow-up run, same options join it, different ones are refused', async function () {
    ctx.sb.setBehaviour({ sleep: 1 });
    const first = await trigger(ctx.svc, '', { method: 'POST' });
    assert.equal(first.status, 202);
    const queued = await trigger(ctx.svc, '?when_busy=queue&tags=web', { method: 'POST' });
    assert.equal(queued.status, 202);
    assert.equal(queued.body, TEXT.queued);
    const joined = await trigger(ctx.svc, '?when_busy=queue&tags=WEB', { method: 'POST' });
    assert.equal(joined.status, 202);
    assert.equal(joined.headers.location, queued.headers.location, 'the same queued run');
    const other = await trigger(ctx.svc, '?when_busy=queue&noop=true', { method: 'POST' });
    assert.equal(other.status, 409);
    assert.equal(other.body, TEXT.queueConflict);
    assert.equal((await trigger(ctx.svc, '', { method: 'POST' })).status, 409);
    const status = await getJson(ctx.svc.port, '/puppet/status');
    assert.equal(status.body.current_run, idOf(first));
    assert.equal(status.body.queued_run, idOf(queued));

    const { body: record } = await getJson(ctx.svc.port, `${queued.headers.location}?wait=30`);
    assert.equal(record.state, 'finished');
    assert.equal(record.outcome, 'no_changes');
    const runs = await ctx.sb.waitForFinishedRuns(2);
    assert.equal(ctx.sb.runs().length, 2, 'exactly one follow-up run');
    assert.deepEqual(runs[1].argv.slice(-2), ['--tags', 'web']);
    assert.ok(Date.parse(record.started_at) >= Date.parse((await getJson(ctx.svc.port, `${first.headers.location}`)).body.finished_at));
  });

  it('a queued run that finds the agent disabled ends with outcome disabled', async function () {
    ctx.sb.setBehaviour({ sleep: 1 });
    await trigger(ctx.svc, '', { method: 'POST' });
    const queued = await trigger(ctx.svc, '?when_busy=queue', { method: 'POST' });
    ctx.sb.writeDisabled('{"disabled_message":"upgrade"}');
    const { body: record } = await getJson(ctx.svc.port, `${queued.headers.location}?wait=30`);
    assert.equal(record.outcome, 'disabled');
    assert.equal(record.error, 'the agent is disabled: upgrade');
    assert.equal(ctx.sb.runs().length, 1);
  });

  it('splay: accepted at once, busy while it waits, then puppet runs', async function () {
    const res = await trigger(ctx.svc, '?splay=1', { method: 'POST' });
    assert.equal(res.status, 202);
    const { body: record } = await getJson(ctx.svc.port, `${res.headers.location}`);
    assert.equal(record.options.splay, 1);
    if (record.state === 'splaying') assert.equal((await trigger(ctx.svc, '', { method: 'POST' })).status, 409);
    const { body: done } = await getJson(ctx.svc.port, `${res.headers.location}?wait=30`);
    assert.equal(done.outcome, 'no_changes');
    assert.equal(ctx.sb.runs().length, 1);
  });
});

describe('bundle: run timeout (stand-in puppet that hangs)', function () {
  const ctx = useService({ config: { puppet: { run_timeout: 1 } }, behaviour: { sleep: 60 } });

  it('stops puppet after run_timeout and records outcome timeout', async function () {
    const res = await trigger(ctx.svc, '?async=false', { method: 'POST', timeoutMs: 20000 });
    assert.equal(res.status, 500);
    assert.match(res.body, /run timeout/);
    const [run] = ctx.sb.runs();
    assert.equal(run.exit, undefined, 'the stand-in never reached its end');
    await waitFor('the stand-in to be gone', () => !pidAlive(run.pid));
    const { body: record } = await getJson(ctx.svc.port, `${res.headers.location}`);
    assert.equal(record.outcome, 'timeout');
    assert.equal(record.signal, 'SIGTERM');
  });
});

describe('bundle: records across restarts (stand-in puppet)', function () {
  const ctx = useService({ autoStart: false });

  it('keeps records across a restart and skips a corrupt record file with a warning', async function () {
    ctx.svc = await startService({ config: ctx.sb.configPath });
    const id = idOf(await trigger(ctx.svc, '?async=false', { method: 'POST' }));
    await ctx.svc.stop();
    writeFileSync(join(ctx.sb.recordsDir, '20200101T000000000Z-abcdef.json'), '{"id": "20200101T000000000Z-abc');
    ctx.svc = await startService({ config: ctx.sb.configPath });
    const { body: list } = await getJson(ctx.svc.port, '/puppet/runs');
    assert.deepEqual(list.map((r: { id: string }) => r.id), [id]);
    assert.match(ctx.svc.stdout, /ERROR skipping run record .*20200101T000000000Z-abcdef\.json/);
  });

  it("a run that outlives a restart gets its outcome into its record, from Puppet's summary", async function () {
    ctx.sb.setBehaviour({ sleep: 2, exit: 2 });
    ctx.svc = await startService({ config: ctx.sb.configPath });
    const res = await trigger(ctx.svc, '', { method: 'POST' });
    await ctx.svc.stop();
    ctx.svc = await startService({ config: ctx.sb.configPath });
    assert.equal((await trigger(ctx.svc, '', { method: 'POST' })).status, 409, 'the run goes on, and the new service knows it');
    const { body: record } = await getJson(ctx.svc.port, `${res.headers.location}?wait=30`);
    assert.equal(record.state, 'finished');
    assert.equal(record.outcome, 'changes');
    assert.equal(record.summary.resources.changed, 1);
    assert.match(record.error, /restarted during this run/);
    assert.equal(ctx.sb.runs().length, 1);
    assert.equal((await trigger(ctx.svc, '?async=false', { method: 'POST' })).status, 200);
  });

  it('a PID that another process has since is not taken for the run: the run is finished, its end not recorded', async function () {
    ctx.svc = await startService({ config: ctx.sb.configPath });
    const id = idOf(await trigger(ctx.svc, '?async=false', { method: 'POST' }));
    await ctx.svc.stop();
    // the record as a service killed during the run leaves it, with the PID now a process that is no puppet
    const other = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      const file = join(ctx.sb.recordsDir, `${id}.json`);
      const record = JSON.parse(readFileSync(file, 'utf8'));
      writeFileSync(file, JSON.stringify({ ...record, state: 'running', pid: other.pid, finished_at: null, exit_code: null, outcome: null, summary: null }));
      ctx.svc = await startService({ config: ctx.sb.configPath });
      const { body: after } = await getJson(ctx.svc.port, `${PATHS.runs}/${id}?wait=10`);
      assert.equal(after.state, 'finished');
      assert.equal(after.outcome, 'unknown');
      assert.match(after.error, /end of this run was not recorded/);
      assert.equal((await trigger(ctx.svc, '?async=false', { method: 'POST' })).status, 200, 'the service is not busy following sleep');
      assert.ok(pidAlive(other.pid as number), 'the other process is left alone');
    } finally {
      other.kill();
    }
  });
});

describe('bundle: /puppet/status (stand-in puppet)', function () {
  const ctx = useService({ autoStart: false });

  it('reports Choria-style fields, a run started elsewhere, and a disabled agent', async function () {
    ctx.svc = await startService({ config: ctx.sb.configPath });
    const idle = await getJson(ctx.svc.port, '/puppet/status');
    assert.equal(idle.status, 200);
    assert.equal(idle.body.applying, false);
    assert.equal(idle.body.enabled, true);
    assert.equal(idle.body.idling, true);
    assert.equal(idle.body.current_run, null);
    assert.equal(typeof idle.body.uptime_seconds, 'number');
    await sleep(2100); // past the cache
    const holder = ctx.sb.spawnLiveProcess();
    ctx.sb.writeLock(holder);
    ctx.sb.writeDisabled('{"disabled_message":"maintenance"}');
    const busy = await getJson(ctx.svc.port, '/puppet/status');
    assert.equal(busy.body.applying, true);
    assert.equal(busy.body.idling, false);
    assert.equal(busy.body.enabled, false);
    assert.equal(busy.body.disabled_message, 'maintenance');
  });

  it('200 parallel status requests start one helper at most', async function () {
    const counter = join(ctx.sb.dir, 'count-helpers.js');
    const log = join(ctx.sb.dir, 'helpers.log');
    writeFileSync(counter, `if (process.argv[2] === 'helper') require('fs').appendFileSync(${JSON.stringify(log)}, process.pid + '\\n');\n`);
    ctx.svc = await startService({ config: ctx.sb.configPath, env: { ...process.env, NODE_OPTIONS: `--require ${counter}` } });
    const answers = await Promise.all(Array.from({ length: 200 }, () => request(ctx.svc.port, '/puppet/status')));
    assert.deepEqual([...new Set(answers.map((r) => r.status))], [200]);
    const { readFileSync } = await import('node:fs');
    assert.equal(readFileSync(log, 'utf8').trim().split('\n').length, 1, 'one status helper for 200 requests');
  });
});
