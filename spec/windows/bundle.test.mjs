// The bundle under Wine, driven from Linux over HTTP: node.exe runs files/puppet-twitch.js with the scripted
// stand-in fake-puppet.bat (never Puppet). Run by spec/windows/run.sh, which sets up the Wine prefix, maps the
// repository as R: and a scratch directory as T:, and passes their places in the environment (wine.mjs).
// node.exe cannot use a Linux pipe for its stdio: its stdin is /dev/null and its output goes to a file.
import { strict as assert } from 'node:assert';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE, PIPE, TWITCH_WIN_NODE, TWITCH_WIN_SCRATCH, freePort, here, sleep, until, wineDetached } from './wine.mjs';

/** A scratch directory on T:, with the stand-in and a behaviour of its own: its Linux and Windows paths. */
function sandbox(name, behaviour = '') {
  const dir = join(TWITCH_WIN_SCRATCH, name);
  mkdirSync(join(dir, 'state'), { recursive: true });
  mkdirSync(join(dir, 'pstate'), { recursive: true });
  copyFileSync(join(here, 'fake-puppet.bat'), join(dir, 'puppet.bat'));
  const sb = {
    dir,
    win: `T:\\${name}`,
    behave(text) {
      writeFileSync(join(dir, 'behaviour.bat'), `@echo off\r\nset NODE=${TWITCH_WIN_NODE}\r\n${text.replace(/\n/g, '\r\n')}\r\n`);
    },
    file: (file) => join(dir, file),
    read: (file) => (existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8') : ''),
  };
  sb.behave(behaviour);
  return sb;
}

/** The config of a sandbox: Puppet's files in it, the stand-in as puppet.bin. */
function writeConfig(sb, file, extra = {}) {
  const config = {
    bind: '127.0.0.1',
    state_dir: `${sb.win}\\state`,
    ...extra,
    puppet: {
      bin: `${sb.win}\\puppet.bat`,
      statedir: `${sb.win}\\pstate`,
      lastrunfile: `${sb.win}\\pstate\\last_run_summary.yaml`,
      conf: `${sb.win}\\puppet.conf`,
      ...extra.puppet,
    },
  };
  writeFileSync(join(sb.dir, file), JSON.stringify(config));
  return `${sb.win}\\${file}`;
}

/** node.exe with the bundle; its output in `log` (a file in the sandbox). */
function runBundle(sb, log, args) {
  return wineDetached([TWITCH_WIN_NODE, BUNDLE, ...args], { cwd: sb.dir, log: join(sb.dir, log) });
}

async function startService(sb, extra) {
  const port = await freePort();
  const config = writeConfig(sb, 'config.json', { port, ...extra });
  runBundle(sb, 'service.log', ['serve', '--config', config]);
  const base = `http://127.0.0.1:${port}`;
  await until('the service under Wine to answer /healthz', async () => (await fetch(`${base}/healthz`).catch(() => undefined))?.ok);
  return base;
}

async function record(base, location) {
  return (await fetch(`${base}${location}`)).json();
}

async function finished(base, location, ms = 30_000) {
  return until(`run ${location} to finish`, async () => {
    const r = await record(base, location);
    return r.state === 'finished' ? r : undefined;
  }, ms);
}

function beatAge(sb) {
  return Date.now() - statSync(sb.file('child.beat')).mtimeMs;
}

describe('windows: the bundle under Wine, puppet run directly (puppet.sudo false)', function () {
  this.timeout(120_000);
  let sb;
  let base;

  before(async () => {
    sb = sandbox('direct', 'set SLEEP=2\nset EXIT=2');
    base = await startService(sb, { puppet: { sudo: false, run_timeout: 6 } });
  });

  it('says it runs puppet directly, with Windows paths', async () => {
    // the log is written in batches: the line can come a little after the port answers
    await until('the service to log how it runs puppet', () => sb.read('service.log').includes('listening on'));
    assert.match(sb.read('service.log'), /listening on http:\/\/127\.0\.0\.1:\d+ \(puppet agent directly\)/);
  });

  it('triggers a run (202), refuses a second while it runs (409), records it, keeps its output', async () => {
    const first = await fetch(`${base}/puppet/twitch`, { method: 'POST' });
    assert.equal(first.status, 202);
    const location = first.headers.get('location');
    assert.match(location, /^\/puppet\/runs\/\d{8}T\d{9}Z-[0-9a-f]{6}$/);
    const second = await fetch(`${base}/puppet/twitch`, { method: 'POST' });
    assert.equal(second.status, 409);
    const run = await finished(base, location);
    assert.equal(run.exit_code, 2);
    assert.equal(run.outcome, 'changes');
    assert.ok(run.output_tail.some((line) => /stand-in puppet "agent" "--onetime" .*"--logdest=eventlog"/.test(line)), run.output_tail.join('\n'));
    const listed = await (await fetch(`${base}/puppet/runs`)).json();
    assert.ok(JSON.stringify(listed).includes(run.id));
    const output = await (await fetch(`${base}${location}/output`)).text();
    assert.match(output, /Notice: stand-in done/);
    assert.ok(existsSync(join(sb.dir, 'state', `${run.id}.json`)), 'the record is a file in state_dir');
  });

  it('answers async=false when the run has ended (200)', async () => {
    sb.behave('set EXIT=0');
    const answer = await fetch(`${base}/puppet/twitch?async=false`, { method: 'POST' });
    assert.equal(answer.status, 200, await answer.clone().text());
    assert.match(await answer.text(), /no changes|no_changes|succeeded|Puppet run/i);
  });

  it('streams a run\'s output as it comes (stream=true)', async () => {
    sb.behave('set SLEEP=2');
    const answer = await fetch(`${base}/puppet/twitch?stream=true`, { method: 'POST' });
    assert.ok(answer.status === 200 || answer.status === 202, String(answer.status));
    const text = await answer.text();
    assert.match(text, /stand-in puppet/);
    assert.match(text, /stand-in done/);
  });

  it('stops a run at run_timeout, the process tree with it: the stand-in\'s child is gone', async () => {
    sb.behave('set CHILD=1');
    const answer = await fetch(`${base}/puppet/twitch`, { method: 'POST' });
    assert.equal(answer.status, 202);
    await until('the stand-in\'s child to beat', () => existsSync(sb.file('child.beat')) && beatAge(sb) < 1000);
    const run = await finished(base, answer.headers.get('location'), 40_000);
    assert.equal(run.outcome, 'timeout');
    await sleep(1500);
    assert.ok(beatAge(sb) > 1000, `the child still beats ${beatAge(sb)} ms ago: it was not stopped`);
    assert.ok(!sb.read('runs.log').trimEnd().endsWith('end 0'), 'the stand-in did not end by itself');
  });
});

describe('windows: the privilege boundary over the named pipe (helper-service)', function () {
  this.timeout(120_000);
  let sb;
  let base;

  before(async () => {
    sb = sandbox('pipe', 'set SLEEP=2\nset EXIT=2');
    const helperConfig = writeConfig(sb, 'helper.json', { puppet: { sudo: false } });
    runBundle(sb, 'helper.log', ['helper-service', '--config', helperConfig]);
    await until('the helper service to listen', () => sb.read('helper.log').includes(`listening on ${PIPE}`));
    base = await startService(sb, { puppet: { sudo: true, bin: 'T:\\nowhere\\puppet.bat' } });
  });

  it('says the service runs puppet through the helper service', async () => {
    await until('the service to log how it runs puppet', () => sb.read('service.log').includes('listening on'));
    assert.ok(sb.read('service.log').includes(`(puppet agent through the helper service on ${PIPE})`), sb.read('service.log'));
  });

  it('runs the stand-in through the pipe: the helper service\'s own puppet.bin, not the service\'s', async () => {
    const answer = await fetch(`${base}/puppet/twitch?noop=true`, { method: 'POST' });
    assert.equal(answer.status, 202, `${await answer.text()}\nservice: ${sb.read('service.log')}\nhelper: ${sb.read('helper.log')}`);
    const run = await finished(base, answer.headers.get('location'));
    assert.equal(run.exit_code, 2);
    assert.equal(run.outcome, 'changes');
    assert.match(sb.read('runs.log'), /^start "agent" .*"--noop"/m);
    assert.match(sb.read('helper.log'), /request served \(helper exit status 2\)/);
  });

  it('answers the puppet status through the pipe', async () => {
    const answer = await fetch(`${base}/puppet/status`);
    assert.equal(answer.status, 200);
    const status = await answer.json();
    assert.equal(JSON.stringify(status).includes('"enabled":true'), true, JSON.stringify(status));
  });
});
