// The trigger endpoint of the real bundle, with the stand-in puppet (spec/fixtures/fake-puppet) as puppet.
import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import { TEXT_PLAIN, trigger, useService } from '../support/harness';
import { postForm, request, startService, waitFor } from '../support/service';

describe('bundle: /puppet/twitch status codes (stand-in puppet)', function () {
  const ctx = useService({ shared: true });

  it('GET without parameters answers 202 "Triggered puppet run" and runs the stand-in puppet once', async function () {
    const res = await trigger(ctx.svc);
    assert.equal(res.status, 202);
    assert.equal(res.body, 'Triggered puppet run');
    assert.equal(res.headers['content-type'], TEXT_PLAIN);
    const runs = await ctx.sb.waitForFinishedRuns(1);
    assert.equal(runs.length, 1);
    assert.equal(runs[0].exit, 0);
  });

  it('POST without parameters answers 202 and runs the stand-in puppet once', async function () {
    const res = await trigger(ctx.svc, '', { method: 'POST' });
    assert.equal(res.status, 202);
    assert.equal(res.body, 'Triggered puppet run');
    assert.equal((await ctx.sb.waitForFinishedRuns(1)).length, 1);
  });

  it('answers 409 "Puppet already running" with Retry-After while its own stand-in run lasts', async function () {
    ctx.sb.setBehaviour({ sleep: 1 });
    const first = await trigger(ctx.svc, '?async=true');
    assert.equal(first.status, 202);
    for (const query of ['', '?async=true', '?async=false']) {
      const res = await trigger(ctx.svc, query);
      assert.equal(res.status, 409, `second trigger ${query}`);
      assert.equal(res.body, 'Puppet already running');
      assert.equal(res.headers['content-type'], TEXT_PLAIN);
      const retryAfter = res.headers['retry-after'];
      assert.ok(typeof retryAfter === 'string' && /^\d+$/.test(retryAfter) && Number(retryAfter) > 0, `Retry-After: ${retryAfter}`);
    }
    await ctx.sb.waitForFinishedRuns(1);
    assert.equal(ctx.sb.runs().length, 1);
  });

  it('answers 423 "Puppet agent is disabled: maintenance" for a disabled lock file with a message, and runs nothing', async function () {
    ctx.sb.writeDisabled('{"disabled_message":"maintenance"}');
    for (const query of ['', '?async=false']) {
      const res = await trigger(ctx.svc, query);
      assert.equal(res.status, 423, query);
      assert.equal(res.body, 'Puppet agent is disabled: maintenance');
      assert.equal(res.headers['content-type'], TEXT_PLAIN);
    }
    assert.deepEqual(ctx.sb.runs(), []);
  });

  it('answers 423 "Puppet agent is disabled" for a disabled lock file without a message ({})', async function () {
    ctx.sb.writeDisabled('{}');
    const res = await trigger(ctx.svc, '?async=false');
    assert.equal(res.status, 423);
    assert.equal(res.body, 'Puppet agent is disabled');
    assert.deepEqual(ctx.sb.runs(), []);
  });

  it('runs again once the disabled lock file is removed (the check is made per request)', async function () {
    ctx.sb.writeDisabled('{"disabled_message":"maintenance"}');
    assert.equal((await trigger(ctx.svc, '?async=false')).status, 423);
    rmSync(ctx.sb.disabledLockfile);
    const res = await trigger(ctx.svc, '?async=false');
    assert.equal(res.status, 200, res.body);
    assert.equal(ctx.sb.runs().length, 1, 'only the run after enabling');
  });

  for (const code of [0, 2]) {
    it(`async=false answers 200 "Puppet run complete" after the stand-in run exits ${code}`, async function () {
      ctx.sb.setBehaviour({ sleep: 0.3, exit: code });
      const res = await trigger(ctx.svc, '?async=false');
      assert.equal(res.status, 200);
      assert.equal(res.body, 'Puppet run complete');
      assert.equal(res.headers['content-type'], TEXT_PLAIN);
      // the answer came after the run had finished, not when it started
      const runs = ctx.sb.runs();
      assert.equal(runs.length, 1);
      assert.equal(runs[0].exit, code, 'the run had ended when the response arrived');
    });
  }

  const meanings = new Map<number, string>();
  for (const code of [1, 4, 6]) {
    it(`async=false answers 500 "Puppet run failed: exit code ${code} (<meaning>)" when the stand-in exits ${code}`, async function () {
      ctx.sb.setBehaviour({ exit: code });
      const res = await trigger(ctx.svc, '?async=false');
      assert.equal(res.status, 500);
      assert.equal(res.headers['content-type'], TEXT_PLAIN);
      const m = new RegExp(`^Puppet run failed: exit code ${code} \\((.+)\\)$`).exec(res.body);
      assert.ok(m, `body: ${JSON.stringify(res.body)}`);
      meanings.set(code, m[1]);
      assert.equal(ctx.sb.runs()[0]?.exit, code);
    });
  }

  it('gives exit codes 1, 4 and 6 different meanings', function () {
    if (meanings.size !== 3) this.skip();
    assert.equal(new Set(meanings.values()).size, 3, JSON.stringify([...meanings]));
  });

  it('async=false answers 500 naming the signal when the stand-in run is killed by SIGKILL', async function () {
    ctx.sb.setBehaviour({ signal: 'KILL' });
    const res = await trigger(ctx.svc, '?async=false');
    assert.equal(res.status, 500);
    assert.match(res.body, /^Puppet run failed: .*(signal|SIGKILL)/i);
    assert.doesNotMatch(res.body, /exit code 0\b/);
    assert.equal(ctx.sb.runs()[0]?.signal, 'KILL');
  });

  it('a failed run does not block the next one', async function () {
    ctx.sb.setBehaviour({ exit: 4 });
    assert.equal((await trigger(ctx.svc, '?async=false')).status, 500);
    ctx.sb.setBehaviour({ exit: 0 });
    assert.equal((await trigger(ctx.svc, '?async=false')).status, 200);
    assert.equal(ctx.sb.runs().length, 2);
  });

  it('writes the output of the run (stdout and stderr) to run_dir/last-run.log', async function () {
    const res = await trigger(ctx.svc, '?async=false');
    assert.equal(res.status, 200);
    const pid = ctx.sb.runs()[0].pid;
    const log = await waitFor('last-run.log with the end of the run', () => {
      const text = ctx.sb.lastRunLog();
      return text.includes(`stand-in puppet run ${pid} finishing`) ? text : '';
    });
    assert.match(log, new RegExp(`stand-in puppet run ${pid} stderr at end`));
  });
});


describe('bundle: how the stand-in puppet is invoked', function () {
  const ctx = useService({ autoStart: false });

  it('runs the stand-in as `puppet agent --onetime --no-daemonize --detailed-exitcodes` plus puppet.args', async function () {
    ctx.sb.writeConfig({ puppet: { args: ['--noop', '--tags=a b'] } });
    ctx.svc = await startService({ config: ctx.sb.configPath });
    assert.equal((await trigger(ctx.svc, '?async=false')).status, 200);
    const argv = ctx.sb.runs()[0].argv.join(' ');
    assert.match(argv, /^agent /);
    for (const flag of ['--onetime', '--no-daemonize', '--detailed-exitcodes', '--noop', '--tags=a b']) {
      assert.ok(argv.includes(flag), `${flag} missing from: ${argv}`);
    }
  });

  it('runs the stand-in as `puppet apply --detailed-exitcodes <manifest>` in apply mode', async function () {
    const manifest = ctx.sb.writeRawConfig('site.pp', "notice('hi')\n");
    ctx.sb.writeConfig({ puppet: { mode: 'apply', manifest } });
    ctx.svc = await startService({ config: ctx.sb.configPath });
    assert.equal((await trigger(ctx.svc, '?async=false')).status, 200);
    const argv = ctx.sb.runs()[0].argv;
    assert.equal(argv[0], 'apply');
    assert.ok(argv.includes('--detailed-exitcodes'), argv.join(' '));
    assert.ok(argv.includes(manifest), argv.join(' '));
  });
});

describe('bundle: the async parameter (stand-in puppet)', function () {
  const ctx = useService({ shared: true });

  const cases: Array<[string, number]> = [
    ['?async=true', 202],
    ['?async=1', 202],
    ['?async=yes', 202],
    ['?async', 202],
    ['?async=false', 200],
    ['?async=0', 200],
    ['?async=no', 200],
  ];
  for (const [query, status] of cases) {
    it(`GET ${query} → ${status}`, async function () {
      const res = await trigger(ctx.svc, query);
      assert.equal(res.status, status, res.body);
      assert.equal(res.body, status === 202 ? 'Triggered puppet run' : 'Puppet run complete');
      await ctx.sb.waitForFinishedRuns(1);
      assert.equal(ctx.sb.runs().length, 1);
    });
  }

  for (const value of ['maybe', 'TRUEISH', '2']) {
    it(`GET ?async=${value} → 400 naming async, no run`, async function () {
      const res = await trigger(ctx.svc, `?async=${value}`);
      assert.equal(res.status, 400);
      assert.ok(res.body.startsWith("Invalid value for parameter 'async': "), res.body);
      assert.equal(res.headers['content-type'], TEXT_PLAIN);
      assert.deepEqual(ctx.sb.runs(), []);
    });
  }

  for (const query of ['?bogus=1', '?async=true&bogus=1', '?bogus']) {
    it(`GET ${query} → 400 "Unknown parameter 'bogus' ...", no run`, async function () {
      const res = await trigger(ctx.svc, query);
      assert.equal(res.status, 400);
      assert.ok(res.body.startsWith("Unknown parameter 'bogus'"), res.body);
      assert.deepEqual(ctx.sb.runs(), []);
    });
  }

  it('POST with an x-www-form-urlencoded body async=false → 200 after the run', async function () {
    const res = await postForm(ctx.svc.port, '/puppet/twitch', 'async=false');
    assert.equal(res.status, 200, res.body);
    assert.equal(res.body, 'Puppet run complete');
    assert.equal(ctx.sb.runs()[0]?.exit, 0);
  });

  it('POST with an x-www-form-urlencoded body async=yes → 202', async function () {
    const res = await postForm(ctx.svc.port, '/puppet/twitch', 'async=yes');
    assert.equal(res.status, 202, res.body);
    assert.equal((await ctx.sb.waitForFinishedRuns(1)).length, 1);
  });

  it('POST with an x-www-form-urlencoded body async=maybe → 400 naming async, no run', async function () {
    const res = await postForm(ctx.svc.port, '/puppet/twitch', 'async=maybe');
    assert.equal(res.status, 400);
    assert.ok(res.body.startsWith("Invalid value for parameter 'async': "), res.body);
    assert.deepEqual(ctx.sb.runs(), []);
  });

  it('POST with an x-www-form-urlencoded body bogus=1 → 400 naming bogus, no run', async function () {
    const res = await postForm(ctx.svc.port, '/puppet/twitch', 'bogus=1');
    assert.equal(res.status, 400);
    assert.ok(res.body.startsWith("Unknown parameter 'bogus'"), res.body);
    assert.deepEqual(ctx.sb.runs(), []);
  });

  it('GET /healthz is not a trigger: no run', async function () {
    const res = await request(ctx.svc.port, '/healthz');
    assert.equal(res.status, 200);
    assert.deepEqual(ctx.sb.runs(), []);
  });
});
