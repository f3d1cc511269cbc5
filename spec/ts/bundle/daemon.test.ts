// start, stop, restart and status of the real bundle: a service in the background, in a temporary run dir.
import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRIGGER } from '../support/harness';
import { pidAlive, request, runCli, waitFor, type CliResult } from '../support/service';
import { deadPid, Sandbox } from '../support/standin';

function freePort(): Promise<{ port: number; server: net.Server }> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as net.AddressInfo).port, server }));
  });
}

describe('bundle: daemon commands', function () {
  this.timeout(30000);
  let sb: Sandbox;
  let stateHome: string;
  let dir: string;
  const started = new Set<number>();

  beforeEach(function () {
    sb = new Sandbox();
    sb.setBehaviour({});
    sb.writeConfig({ bind: '127.0.0.1', port: 0 });
    stateHome = mkdtempSync(join(tmpdir(), 'twitch-state-'));
    dir = join(sb.dir, 'daemon');
    mkdirSync(dir);
  });

  afterEach(function () {
    const pidFile = join(dir, 'puppet-twitch.pid');
    if (existsSync(pidFile)) started.add(Number(readFileSync(pidFile, 'utf8')));
    if (this.currentTest?.state === 'failed' && existsSync(join(dir, 'puppet-twitch.log'))) {
      console.log(`    log:\n${readFileSync(join(dir, 'puppet-twitch.log'), 'utf8')}`);
    }
    for (const pid of started) {
      const cmdline = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
      if (pidAlive(pid) && cmdline.includes('puppet-twitch')) process.kill(pid, 'SIGKILL');
    }
    started.clear();
    sb.cleanup();
    rmSync(stateHome, { recursive: true, force: true });
  });

  async function daemon(...args: string[]): Promise<CliResult> {
    const res = await runCli(args, { env: { ...process.env, XDG_STATE_HOME: stateHome }, timeoutMs: 20000 });
    assert.equal(res.timedOut, false, `${args.join(' ')} did not finish: ${res.stdout}${res.stderr}`);
    const match = /started \(pid (\d+)\)/.exec(res.stdout);
    if (match) started.add(Number(match[1]));
    return res;
  }

  const pidFile = () => join(dir, 'puppet-twitch.pid');
  const logFile = () => join(dir, 'puppet-twitch.log');
  const startArgs = () => ['start', `dir=${dir}`, '--config', sb.configPath];

  function startedOn(res: CliResult): { pid: number; port: number } {
    const match = /^puppet-twitch started \(pid (\d+)\) on http:\/\/127\.0\.0\.1:(\d+)$/m.exec(res.stdout);
    assert.ok(match, `start output: ${res.stdout}${res.stderr}`);
    return { pid: Number(match[1]), port: Number(match[2]) };
  }

  it('start → PID file (0644) and log, status 0 with PID, address and run; stop → 0; status then 3', async function () {
    const res = await daemon(...startArgs());
    assert.equal(res.code, 0, res.stderr);
    const { pid, port } = startedOn(res);
    assert.equal(readFileSync(pidFile(), 'utf8'), `${pid}\n`);
    assert.equal(statSync(pidFile()).mode & 0o777, 0o644);
    assert.match(readFileSync(logFile(), 'utf8'), new RegExp(`listening on http://127\\.0\\.0\\.1:${port}`));
    assert.equal((await request(port, '/healthz')).body, 'ok');
    const state = JSON.parse(readFileSync(join(dir, 'puppet-twitch.json'), 'utf8'));
    assert.equal(state.pid, pid);
    assert.equal(state.port, port);

    const status = await daemon('status', `dir=${dir}`);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, new RegExp(`running \\(pid ${pid}\\) on http://127\\.0\\.0\\.1:${port}, current run: none`));

    const again = await daemon(...startArgs());
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, new RegExp(`already running \\(pid ${pid}\\)`));

    const stop = await daemon('stop', `dir=${dir}`);
    assert.equal(stop.code, 0, stop.stderr);
    assert.match(stop.stdout, /stopped/);
    assert.equal(pidAlive(pid), false);
    assert.equal(existsSync(pidFile()), false);

    const after = await daemon('status', `dir=${dir}`);
    assert.equal(after.code, 3, after.stdout);
    const stopAgain = await daemon('stop', `dir=${dir}`);
    assert.equal(stopAgain.code, 0);
    assert.match(stopAgain.stdout, /not running/);
  });

  it('status reports the current run id while a run is going', async function () {
    sb.setBehaviour({ sleep: 2 });
    const { port } = startedOn(await daemon(...startArgs()));
    const trig = await request(port, TRIGGER, { method: 'POST' });
    assert.equal(trig.status, 202);
    const id = String(trig.headers.location).split('/').pop();
    await waitFor('the stand-in run', () => sb.runs().length === 1);
    const status = await daemon('status', `dir=${dir}`);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, new RegExp(`current run: ${id}`));
    await daemon('stop', `dir=${dir}`);
    await sb.waitForFinishedRuns(1, 6000);
  });

  it('remembers the run dir: status, restart and stop without dir= find the service', async function () {
    const first = startedOn(await daemon('start', `dir=${dir}`, '--config', sb.configPath));
    const last = JSON.parse(readFileSync(join(stateHome, 'puppet-twitch', 'last.json'), 'utf8'));
    assert.deepEqual(last, { dir, config: sb.configPath });
    const status = await daemon('status');
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, new RegExp(`pid ${first.pid}`));

    const restart = await daemon('restart');
    assert.equal(restart.code, 0, restart.stderr);
    const second = startedOn(restart);
    assert.notEqual(second.pid, first.pid);
    assert.equal(pidAlive(first.pid), false);
    assert.equal((await request(second.port, '/healthz')).body, 'ok');

    const stop = await daemon('stop');
    assert.equal(stop.code, 0, stop.stderr);
    assert.equal(pidAlive(second.pid), false);
  });

  it('a PID file naming a dead process: status 1, stop removes it', async function () {
    writeFileSync(pidFile(), `${await deadPid()}\n`);
    const status = await daemon('status', `dir=${dir}`);
    assert.equal(status.code, 1, status.stdout);
    assert.match(status.stdout, /not running/);
    assert.equal((await daemon('stop', `dir=${dir}`)).code, 0);
    assert.equal(existsSync(pidFile()), false);
  });

  it('a PID file naming an unrelated live process: status 1 "not puppet-twitch", never signalled, start still works', async function () {
    const sleeper = sb.spawnLiveProcess();
    writeFileSync(pidFile(), `${sleeper}\n`);
    const status = await daemon('status', `dir=${dir}`);
    assert.equal(status.code, 1, status.stdout);
    assert.match(status.stdout, new RegExp(`pid ${sleeper}, which is not puppet-twitch \\(sleep 300\\)`));
    const stop = await daemon('stop', `dir=${dir}`);
    assert.equal(stop.code, 0, stop.stderr);
    assert.match(stop.stdout, /not puppet-twitch/);
    assert.ok(pidAlive(sleeper), 'the unrelated process is alive');

    writeFileSync(pidFile(), `${sleeper}\n`);
    const start = await daemon(...startArgs());
    assert.equal(start.code, 0, start.stderr);
    const { pid } = startedOn(start);
    assert.notEqual(pid, sleeper);
    assert.ok(pidAlive(sleeper), 'the unrelated process is still alive');
    assert.equal((await daemon('stop', `dir=${dir}`)).code, 0);
  });

  it('start on a busy port: exit 1 with the service error, no PID file', async function () {
    const { port, server } = await freePort();
    try {
      const res = await daemon(...startArgs(), '--', 'bind=127.0.0.1', `port=${port}`);
      assert.equal(res.code, 1, res.stdout);
      assert.match(res.stderr, /did not start/);
      assert.match(res.stderr, /EADDRINUSE|in use/);
      assert.equal(existsSync(pidFile()), false);
    } finally {
      server.close();
    }
  });

  it('start with a bad config: exit 1 naming the bad key, no PID file', async function () {
    const bad = sb.writeRawConfig('bad.json', JSON.stringify(sb.defaultConfig({ bogus_key: 1 })));
    const res = await daemon('start', `dir=${dir}`, '--config', bad);
    assert.equal(res.code, 1, res.stdout);
    assert.match(res.stderr, /bogus_key/);
    assert.equal(existsSync(pidFile()), false);
  });

  it('a run directory that does not exist: exit 2 naming it', async function () {
    const missing = join(sb.dir, 'missing');
    for (const command of ['start', 'status', 'stop']) {
      const res = await daemon(command, `dir=${missing}`, '--config', sb.configPath);
      assert.equal(res.code, 2, res.stdout);
      assert.ok(res.stderr.includes(missing), res.stderr);
    }
  });

  it('stop during a stand-in run: the service exits, the run goes on and finishes', async function () {
    sb.setBehaviour({ sleep: 3 });
    const { pid, port } = startedOn(await daemon(...startArgs()));
    assert.equal((await request(port, TRIGGER, { method: 'POST' })).status, 202);
    const [run] = await waitFor('the stand-in run to start', () => (sb.runs().length === 1 ? sb.runs() : undefined));
    const stop = await daemon('stop', `dir=${dir}`);
    assert.equal(stop.code, 0, stop.stderr);
    assert.equal(pidAlive(pid), false);
    assert.ok(pidAlive(run.pid), 'the run outlives the service');
    const [done] = await sb.waitForFinishedRuns(1, 8000);
    assert.equal(done.exit, 0);
  });

  it('SIGHUP reopens the log: after a rename, new lines go to a new file at the original path', async function () {
    const { pid, port } = startedOn(await daemon(...startArgs()));
    const rotated = `${logFile()}.1`;
    renameSync(logFile(), rotated);
    process.kill(pid, 'SIGHUP');
    await waitFor('the new log file', () => existsSync(logFile()) && readFileSync(logFile(), 'utf8').includes('reopened'));
    assert.equal((await request(port, '/version')).status, 200);
    await waitFor('the request line in the new log', () => /GET \/version 200/.test(readFileSync(logFile(), 'utf8')));
    assert.doesNotMatch(readFileSync(rotated, 'utf8'), /GET \/version/);
    assert.match(readFileSync(rotated, 'utf8'), /listening on/);
    assert.equal((await daemon('stop', `dir=${dir}`)).code, 0);
  });

  it('the log file is created 0640 (it holds Puppet output), and an older world-readable one is narrowed', async function () {
    const res = await daemon(...startArgs());
    assert.equal(res.code, 0, res.stderr);
    assert.equal(statSync(logFile()).mode & 0o777, 0o640);
    assert.equal((await daemon('stop', `dir=${dir}`)).code, 0);

    rmSync(logFile());
    writeFileSync(logFile(), 'an older line\n', { mode: 0o644 });
    chmodSync(logFile(), 0o644);
    assert.equal((await daemon(...startArgs())).code, 0);
    assert.equal(statSync(logFile()).mode & 0o777, 0o640);
    assert.match(readFileSync(logFile(), 'utf8'), /^an older line\n/);
    assert.equal((await daemon('stop', `dir=${dir}`)).code, 0);
  });

  it('start learns readiness from the service, not from its log: a log that reads as nothing still starts', async function () {
    // The log goes to /dev/null: there is no "listening on" line for start to find, yet it learns the address.
    symlinkSync('/dev/null', logFile());
    const res = await daemon(...startArgs());
    assert.equal(res.code, 0, res.stderr);
    const { pid, port } = startedOn(res);
    assert.equal((await request(port, '/healthz')).body, 'ok');
    assert.equal(JSON.parse(readFileSync(join(dir, 'puppet-twitch.json'), 'utf8')).port, port);
    assert.equal(existsSync(join(dir, 'puppet-twitch.ready')), false, 'the ready file is consumed');
    assert.equal(lstatSync(logFile()).isSymbolicLink(), true);
    const status = await daemon('status', `dir=${dir}`);
    assert.match(status.stdout, new RegExp(`running \\(pid ${pid}\\) on http://127\\.0\\.0\\.1:${port}, current run: none`));
    assert.equal((await daemon('stop', `dir=${dir}`)).code, 0);
    assert.equal(pidAlive(pid), false);
  });

  it('a stale ready file from an earlier service is not taken for the new one', async function () {
    writeFileSync(join(dir, 'puppet-twitch.ready'), JSON.stringify({ pid: await deadPid(), address: '127.0.0.1', port: 1, tls: false }));
    const res = await daemon(...startArgs());
    assert.equal(res.code, 0, res.stderr);
    const { port } = startedOn(res);
    assert.notEqual(port, 1);
    assert.equal((await request(port, '/healthz')).body, 'ok');
    assert.equal((await daemon('stop', `dir=${dir}`)).code, 0);
  });

  it("the original's lines: start dir=DIR -- port=N, then stop dir=DIR", async function () {
    sb.writeConfig();
    const { port, server } = await freePort();
    await new Promise((resolve) => server.close(resolve));
    // No --config here: the default config file may not exist, so the sandbox's comes through the remembered state.
    mkdirSync(join(stateHome, 'puppet-twitch'));
    writeFileSync(join(stateHome, 'puppet-twitch', 'last.json'), JSON.stringify({ dir, config: sb.configPath }));
    const start = await daemon('start', `dir=${dir}`, '--', `port=${port}`);
    assert.equal(start.code, 0, start.stderr);
    assert.match(start.stdout, new RegExp(`started \\(pid \\d+\\) on http://0\\.0\\.0\\.0:${port}`));
    assert.equal((await request(port, '/healthz')).body, 'ok');
    const stop = await daemon('stop', `dir=${dir}`);
    assert.equal(stop.code, 0, stop.stderr);
    assert.equal(existsSync(pidFile()), false);
  });
});
