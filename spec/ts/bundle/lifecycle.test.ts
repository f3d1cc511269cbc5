// Command line, config validation, shutdown on signals and the request log of the real bundle.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import * as net from 'node:net';
import { TRIGGER, trigger, useService } from '../support/harness';
import { packageVersion, pidAlive, request, runCli, startService, waitFor, type Service } from '../support/service';
import { Sandbox } from '../support/standin';

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.on('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}

describe('bundle: shutdown', function () {
  const ctx = useService();

  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    it(`${sig} while idle → exit code 0 and the port is closed`, async function () {
      const port = ctx.svc.port;
      ctx.svc.signal(sig);
      const exit = await ctx.svc.exited;
      assert.deepEqual(exit, { code: 0, signal: null });
      assert.equal(await refused(port), true);
    });
  }

  it('SIGTERM during a stand-in run → the service exits 0 at once and the run still finishes afterwards', async function () {
    ctx.sb.setBehaviour({ sleep: 2 });
    assert.equal((await trigger(ctx.svc)).status, 202);
    const [run] = await waitFor('the stand-in run to start', () => (ctx.sb.runs().length === 1 ? ctx.sb.runs() : undefined));
    const exit = await ctx.svc.stop(1500);
    assert.deepEqual(exit, { code: 0, signal: null });
    assert.equal(ctx.sb.runs()[0].exit, undefined, 'the service did not wait for the run to end');
    assert.ok(pidAlive(run.pid), 'the stand-in run outlives the service');
    const [done] = await ctx.sb.waitForFinishedRuns(1, 6000);
    assert.equal(done.exit, 0, 'the run completed normally (not killed, no SIGPIPE)');
  });
});

describe('bundle: command line', function () {
  let sb: Sandbox;
  beforeEach(function () {
    sb = new Sandbox();
    sb.setBehaviour({});
  });
  afterEach(function () {
    sb.cleanup();
  });

  const serveArgs = (config: string) => ['serve', '--config', config, '--bind', '127.0.0.1', '--port', '0'];

  async function expectExit2(args: string[], mention: string | RegExp): Promise<void> {
    const res = await runCli(args, { timeoutMs: 3000 });
    assert.equal(res.timedOut, false, `still running after 3 s (it should have refused to start): ${res.stdout}`);
    assert.equal(res.code, 2, `exit code; stderr: ${res.stderr}`);
    if (typeof mention === 'string') assert.ok(res.stderr.includes(mention), `stderr should name ${mention}: ${res.stderr}`);
    else assert.match(res.stderr, mention);
  }

  it('--version prints the package.json version and exits 0', async function () {
    const res = await runCli(['--version']);
    assert.equal(res.code, 0);
    assert.equal(res.stdout.trim(), packageVersion);
  });

  it('--help describes serve and helper and exits 0', async function () {
    const res = await runCli(['--help']);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /serve/);
    assert.match(res.stdout, /helper/);
  });

  it('an unknown flag → exit 2 naming it', async function () {
    await expectExit2([...serveArgs(sb.configPath), '--bogus-flag'], '--bogus-flag');
  });

  it('an unknown key=value argument → exit 2 naming it', async function () {
    await expectExit2([...serveArgs(sb.configPath), 'colour=blue'], 'colour');
  });

  it('a non-numeric --port → exit 2 naming port', async function () {
    await expectExit2(['serve', '--config', sb.configPath, '--port', 'abc'], /port/i);
  });

  it('--port 70000 → exit 2 naming port', async function () {
    await expectExit2(['serve', '--config', sb.configPath, '--port', '70000'], /port/i);
  });

  it('an unknown sub-command → exit 2 naming it', async function () {
    await expectExit2(['frobnicate'], 'frobnicate');
  });

  it('a config file that does not exist → exit 2 naming it', async function () {
    await expectExit2(serveArgs(`${sb.dir}/missing.json`), `${sb.dir}/missing.json`);
  });

  it('a config file that is not JSON → exit 2 naming the file or JSON', async function () {
    const path = sb.writeRawConfig('broken.json', '{"port": 2023,');
    await expectExit2(serveArgs(path), new RegExp(`${path.replace(/[.]/g, '\\.')}|JSON`, 'i'));
  });

  const badConfigs: Array<[string, Record<string, unknown>, string]> = [
    ['an unknown top-level key', { bogus_key: 1 }, 'bogus_key'],
    ['an unknown key under puppet', { puppet: { bogus_nested: true } }, 'bogus_nested'],
    ['port as a string', { port: '2023' }, 'port'],
    ['port out of range', { port: 99999 }, 'port'],
    ['bind as a number', { bind: 127 }, 'bind'],
    ['puppet.sudo as a string', { puppet: { sudo: 'yes' } }, 'sudo'],
    ['puppet.mode not agent/apply', { puppet: { mode: 'master' } }, 'mode'],
    ['puppet.args not an array', { puppet: { args: '--noop' } }, 'args'],
    ['puppet.args with a non-string', { puppet: { args: [1] } }, 'args'],
    ['apply mode without a manifest', { puppet: { mode: 'apply' } }, 'manifest'],
    ['bind as a host name, not an address', { bind: 'localhost' }, "'bind': must be an IP address"],
    ['a manifest in agent mode', { puppet: { manifest: '/etc/site.pp' } }, "'puppet.manifest': is used only when"],
    ['the removed puppet.lockfile key', { puppet: { lockfile: '/l' } }, "Unknown config key 'puppet.lockfile'"],
  ];
  for (const [what, overrides, key] of badConfigs) {
    it(`a config with ${what} → exit 2 naming ${key}`, async function () {
      // bind and port come from the file here (no --bind/--port), so a file that passes starts listening
      const doc = sb.defaultConfig({ bind: '127.0.0.1', port: 0, ...overrides });
      const path = sb.writeRawConfig('bad.json', JSON.stringify(doc));
      await expectExit2(['serve', '--config', path], key);
    });
  }

  it('a config path that is a FIFO → exit 2 at once (no wait for a writer), for serve and for config', async function () {
    const fifo = `${sb.dir}/config.fifo`;
    execFileSync('mkfifo', [fifo]);
    for (const command of ['serve', 'config']) {
      const started = Date.now();
      await expectExit2([command, '--config', fifo], `${fifo} is a FIFO, not a regular file`);
      // not blocked on the FIFO waiting for a writer (which would be for ever)
      assert.ok(Date.now() - started < 5000, `${command} took ${Date.now() - started} ms`);
    }
  });

  it('a config path that is a directory → exit 2 saying so', async function () {
    await expectExit2(serveArgs(sb.dir), `${sb.dir} is a directory, not a regular file`);
  });

  it('helper --config <FIFO> reports the error as JSON at once (no wait for a writer) and runs nothing', async function () {
    const fifo = `${sb.dir}/config.fifo`;
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    const res = await runCli(['helper', '--config', fifo], { timeoutMs: 8000 });
    assert.equal(res.timedOut, false);
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
    assert.equal(res.code, 78, res.stderr);
    const report = JSON.parse(res.stdout.trim());
    assert.equal(report.event, 'error');
    assert.match(report.message, /is a FIFO, not a regular file/);
    assert.deepEqual(sb.runs(), []);
  });

  it('config prints the effective config, defaults applied, as JSON', async function () {
    const res = await runCli(['config', '--config', sb.configPath, '--port', '8090']);
    assert.equal(res.code, 0, res.stderr);
    const config = JSON.parse(res.stdout);
    assert.equal(config.port, 8090);
    assert.equal(config.bind, '0.0.0.0');
    assert.equal(config.history, 100);
    assert.equal(config.puppet.statedir, sb.stateDir);
    assert.equal(config.puppet.run_timeout, 3600);
  });

  it('an invalid port in the config file is an error even when --port is given', async function () {
    const path = sb.writeRawConfig('bad.json', JSON.stringify(sb.defaultConfig({ port: 99999 })));
    await expectExit2(serveArgs(path), 'port');
  });

  it('accepts key=value arguments (config=… port=0 bind=127.0.0.1)', async function () {
    const svc = await startService({ args: [`config=${sb.configPath}`, 'port=0', 'bind=127.0.0.1'] });
    try {
      assert.equal(svc.host, '127.0.0.1');
      const res = await request(svc.port, '/healthz');
      assert.equal(res.body, 'ok');
      assert.equal((await request(svc.port, `${TRIGGER}?async=false`)).status, 200, 'uses the stand-in from config=');
      assert.equal(sb.runs().length, 1);
    } finally {
      svc.kill();
    }
  });

  it('--bind and --port override bind and port from the config file', async function () {
    sb.writeConfig({ bind: '0.0.0.0', port: 1 });
    const svc = await startService({ config: sb.configPath });
    try {
      assert.equal(svc.host, '127.0.0.1');
      assert.notEqual(svc.port, 1);
      assert.equal((await request(svc.port, '/healthz')).body, 'ok');
    } finally {
      svc.kill();
    }
  });

  const RUN = `${JSON.stringify({ action: 'run', id: '20261125T064812345Z-a1b2c3', options: {} })}\n`;

  it('helper runs the stand-in once and mirrors its exit code (4)', async function () {
    sb.setBehaviour({ exit: 4 });
    const res = await runCli(['helper', '--config', sb.configPath], { input: RUN });
    assert.equal(res.code, 4, res.stderr);
    assert.equal(sb.runs().length, 1);
    assert.equal(sb.runs()[0].exit, 4);
  });

  it('helper mirrors exit code 2 of the stand-in', async function () {
    sb.setBehaviour({ exit: 2 });
    const res = await runCli(['helper', '--config', sb.configPath], { input: RUN });
    assert.equal(res.code, 2, res.stderr);
    assert.equal(sb.runs().length, 1);
  });

  for (const extra of [['--server', 'x'], ['--'], ['--', '--server', 'x'], ['apply']]) {
    it(`helper --config <file> ${extra.join(' ')} → exit 2 and no run`, async function () {
      const res = await runCli(['helper', '--config', sb.configPath, ...extra], { input: RUN });
      assert.equal(res.code, 2, res.stderr);
      assert.ok(res.stderr.trim().length > 0, 'a message on stderr');
      assert.deepEqual(sb.runs(), []);
    });
  }

  it('helper with a live PID in the lock file runs nothing and fails', async function () {
    sb.writeLock(sb.spawnLiveProcess());
    const res = await runCli(['helper', '--config', sb.configPath], { input: RUN });
    assert.notEqual(res.code, 0);
    assert.deepEqual(sb.runs(), []);
  });

  it('helper with the agent disabled runs nothing and fails', async function () {
    sb.writeDisabled('{"disabled_message":"maintenance"}');
    const res = await runCli(['helper', '--config', sb.configPath], { input: RUN });
    assert.notEqual(res.code, 0);
    assert.deepEqual(sb.runs(), []);
  });

  it('helper with no request on stdin reports an error and runs nothing', async function () {
    const res = await runCli(['helper', '--config', sb.configPath]);
    assert.equal(res.code, 78, res.stderr);
    assert.deepEqual(JSON.parse(res.stdout), { event: 'error', message: 'no request on stdin' });
    assert.deepEqual(sb.runs(), []);
  });

  it('helper status reports the lock, the disabled message and since when, no server and no summary, and runs nothing', async function () {
    const holder = sb.spawnLiveProcess();
    sb.writeLock(holder);
    sb.writeDisabled('{"disabled_message":"maintenance"}');
    const since = Math.round(statSync(sb.disabledLockfile).mtimeMs) / 1000;
    const lockedSince = Math.round(statSync(sb.lockfile).mtimeMs) / 1000;
    const res = await runCli(['helper', '--config', sb.configPath], { input: '{"action":"status"}\n' });
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(JSON.parse(res.stdout), {
      event: 'status',
      applying: true,
      pid: holder,
      enabled: false,
      disabled_message: 'maintenance',
      disabled_since: since,
      server: null,
      summary: null,
      // when the run holding the lock began: the lock's mtime
      applying_since: lockedSince,
    });
    assert.deepEqual(sb.runs(), []);
  });
});

describe('bundle: request log', function () {
  const ctx = useService();

  function linesFor(svc: Service, method: string, path: string): string[] {
    const pathToken = new RegExp(`(^|[\\s"'=])${path.replace(/\//g, '\\/')}(?![\\w/.?-])`);
    return svc.logLines().filter((line) => pathToken.test(line) && new RegExp(`\\b${method}\\b`).test(line));
  }

  it('logs one line per request with method, path without the query string, and status', async function () {
    assert.equal((await request(ctx.svc.port, '/healthz?probe=secret-token')).status, 200);
    assert.equal((await request(ctx.svc.port, '/healthz')).status, 200);
    assert.equal((await request(ctx.svc.port, '/nope?key=hunter2')).status, 404);
    assert.equal((await request(ctx.svc.port, '/puppet/twitch?async=false', { method: 'POST' })).status, 200);
    assert.equal((await request(ctx.svc.port, '/puppet/twitch?async=false', { method: 'POST' })).status, 200);
    assert.equal((await request(ctx.svc.port, '/version', { method: 'DELETE' })).status, 405);

    const expected: Array<[string, string, number, number]> = [
      ['GET', '/healthz', 200, 2],
      ['GET', '/nope', 404, 1],
      ['POST', '/puppet/twitch', 200, 2],
      ['DELETE', '/version', 405, 1],
    ];
    await waitFor('the request log lines', () =>
      expected.every(([method, path, , count]) => linesFor(ctx.svc, method, path).length >= count),
    ).catch((err: Error) => {
      throw new Error(`${err.message}\n${ctx.svc.stdout}`);
    });
    for (const [method, path, status, count] of expected) {
      const lines = linesFor(ctx.svc, method, path);
      assert.equal(lines.length, count, `${method} ${path}: ${JSON.stringify(lines)}`);
      for (const line of lines) assert.match(line, new RegExp(`\\b${status}\\b`), line);
    }
    const all = ctx.svc.stdout + ctx.svc.stderr;
    for (const secret of ['secret-token', 'hunter2', 'async=false']) {
      const offending = all.split('\n').filter((l) => l.includes(secret) && !/listening on/.test(l));
      assert.deepEqual(offending, [], `the query string (${secret}) is not logged`);
    }
  });
});
