// The sudo boundary for real: the service runs as an unprivileged user and reaches root only through the one
// sudoers command `<setsid> --fork <node> <bundle> helper --config <config>`; every other sudo command is refused.
// Needs root (creates a throwaway system user and a file in /etc/sudoers.d, both removed afterwards).
import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { TRIGGER } from '../support/harness';
import { request, sleep, startService, type Service } from '../support/service';
import { fakePuppetSource } from '../support/standin';
import { createSudoSandbox, run, SETSID, type SudoSandbox } from '../support/sudo';

describe('bundle: sudo boundary with a real unprivileged user and real puppet apply', function () {
  this.timeout(90000);

  let sb: SudoSandbox;
  let user = '';
  let uid = -1;
  let bundle = '';
  let config = '';
  let stateDir = '';
  let outDir = '';
  let target = '';
  let svc: Service | undefined;
  const holders: ChildProcess[] = [];

  before(function () {
    sb = createSudoSandbox((root) => {
      // root-owned install: 0755 dirs, 0644 bundle, 0640 root:<user> config; a run dir the user owns
      stateDir = join(root, 'state');
      mkdirSync(stateDir, { mode: 0o700 });
      outDir = join(root, 'out');
      mkdirSync(outDir, { mode: 0o755 });
      target = join(outDir, 'created-by-root.txt');
      const manifest = join(root, 'site.pp');
      writeFileSync(manifest, `file { '${target}':\n  ensure  => file,\n  content => "made through sudo\\n",\n}\n`, { mode: 0o644 });
      return {
        puppet: { bin: '/usr/bin/puppet', mode: 'apply', manifest, statedir: stateDir, environments: ['production'] },
      };
    });
    ({ user, uid, bundle, config } = sb);
    // the run dir and the records dir belong to the user, as the module makes them
    const runDir = join(sb.root, 'run');
    const recordsDir = join(sb.root, 'records');
    for (const dir of [runDir, recordsDir]) {
      mkdirSync(dir, { mode: 0o750 });
      chownSync(dir, sb.uid, sb.gid);
    }
    const settings = JSON.parse(readFileSync(config, 'utf8'));
    // each test asks the root side afresh: it changes the lock and disabled files between triggers
    sb.writeConfig({ ...settings, run_dir: runDir, state_dir: recordsDir, limits: { refusal_reuse_seconds: 0 } });
  });

  after(async function () {
    if (svc?.running) {
      svc.kill();
      await Promise.race([svc.exited, sleep(3000)]);
    }
    for (const h of holders) h.kill('SIGKILL');
    await sb?.cleanup();
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed' && svc) console.log(`    service log:\n${svc.logs}`);
  });

  /** A synchronous trigger with the config's puppet switched to agent mode with `bin`, then the config as it was. */
  async function triggerWithPuppet(bin: string) {
    assert.ok(svc);
    const original = readFileSync(config, 'utf8');
    sb.writeConfig({ ...JSON.parse(original), puppet: { bin, mode: 'agent', statedir: stateDir } });
    try {
      return await request(svc.port, `${TRIGGER}?async=false`, { timeoutMs: 30000 });
    } finally {
      sb.writeConfig(JSON.parse(original));
    }
  }

  it('the service starts as the unprivileged user (sudo on by default) and cannot read the root-only state dir', async function () {
    svc = await startService({ prefix: ['runuser', '-u', user, '--'], bundle, config, cwd: '/' });
    const status = run('cat', [`/proc/${svc.servicePid()}/status`]);
    assert.match(status, new RegExp(`^Uid:\\s+${uid}\\s+${uid}\\s+${uid}\\s+${uid}$`, 'm'));
    const ls = spawnSync('runuser', ['-u', user, '--', 'ls', stateDir], { encoding: 'utf8' });
    assert.notEqual(ls.status, 0, 'the user cannot list the state dir');
  });

  it('a disabled lock file in the root-only dir → 423 with its message', async function () {
    assert.ok(svc);
    const disabled = join(stateDir, 'agent_disabled.lock');
    writeFileSync(disabled, '{"disabled_message":"maintenance"}');
    try {
      const res = await request(svc.port, `${TRIGGER}?async=false`);
      assert.equal(res.status, 423, res.body);
      assert.equal(res.body, 'Puppet agent is disabled: maintenance');
    } finally {
      rmSync(disabled, { force: true });
    }
  });

  it('a lock file with a live PID in the root-only dir → 409 (only the root helper can see it)', async function () {
    assert.ok(svc);
    const holder = spawn('sleep', ['300'], { stdio: 'ignore' });
    holders.push(holder);
    const lock = join(stateDir, 'agent_catalog_run.lock');
    writeFileSync(lock, String(holder.pid));
    try {
      const res = await request(svc.port, `${TRIGGER}?async=false`);
      assert.equal(res.status, 409, res.body);
      assert.equal(res.body, 'Puppet already running');
    } finally {
      holder.kill('SIGKILL');
      rmSync(lock, { force: true });
    }
  });

  it('POST ?async=false → 200 and the manifest\'s file exists, created by root', async function () {
    assert.ok(svc);
    assert.equal(existsSync(target), false);
    // 200 here also shows the blocked triggers above left no run behind (it would answer 409)
    const res = await request(svc.port, `${TRIGGER}?async=false`, { method: 'POST', timeoutMs: 80000 });
    assert.equal(res.status, 200, res.body);
    assert.equal(res.body, 'Puppet run complete');
    const st = statSync(target);
    assert.equal(st.uid, 0, 'created by root');
  });

  it('a config with a schedule: the root helper checks its form (a bad one → 500 naming it) and runs puppet', async function () {
    assert.ok(svc);
    const original = readFileSync(config, 'utf8');
    try {
      rmSync(target, { force: true });
      sb.writeConfig({ ...JSON.parse(original), schedule: { cron: '0 0 1 1 *', timezone: 'Europe/Berlin' } });
      const res = await request(svc.port, `${TRIGGER}?async=false`, { method: 'POST', timeoutMs: 80000 });
      assert.equal(res.status, 200, res.body);
      assert.equal(statSync(target).uid, 0, 'created by root');
      rmSync(target, { force: true });
      sb.writeConfig({ ...JSON.parse(original), schedule: { cron: '*/0 * * * *' } });
      const bad = await request(svc.port, `${TRIGGER}?async=false`, { timeoutMs: 30000 });
      assert.equal(bad.status, 500, bad.body);
      assert.match(bad.body, /schedule\.cron/);
      assert.equal(existsSync(target), false, 'puppet apply did not run');
    } finally {
      sb.writeConfig(JSON.parse(original));
    }
  });

  it('a group-writable config file → 500 naming the config, and puppet does not run', async function () {
    assert.ok(svc);
    rmSync(target, { force: true });
    chmodSync(config, 0o660);
    try {
      const res = await request(svc.port, `${TRIGGER}?async=false`, { timeoutMs: 30000 });
      assert.equal(res.status, 500, res.body);
      assert.ok(res.body.includes(config), `the message names ${config}: ${res.body}`);
      assert.equal(existsSync(target), false, 'puppet apply did not run');
    } finally {
      chmodSync(config, 0o640);
    }
  });

  it('a config file that is a symbolic link → 500 saying so, and puppet does not run', async function () {
    assert.ok(svc);
    rmSync(target, { force: true });
    const real = `${config}.real`;
    renameSync(config, real);
    symlinkSync(real, config);
    try {
      const res = await request(svc.port, `${TRIGGER}?async=false`, { timeoutMs: 30000 });
      assert.equal(res.status, 500, res.body);
      assert.match(res.body, /is a symbolic link/);
      assert.equal(existsSync(target), false, 'puppet apply did not run');
    } finally {
      rmSync(config);
      renameSync(real, config);
    }
  });

  it('a group-writable directory above the puppet binary → 500 naming it, and nothing runs', async function () {
    assert.ok(svc);
    // a root-owned scripted stand-in for puppet in a directory the user's group may write
    const dir = join(sb.root, 'writable-bin');
    mkdirSync(dir, { mode: 0o775 });
    chownSync(dir, 0, sb.gid);
    chmodSync(dir, 0o775);
    const standin = join(dir, 'puppet');
    const record = join(outDir, 'standin-ran.txt');
    writeFileSync(standin, `#!/bin/sh\n# scripted stand-in for puppet\ntouch '${record}'\n`, { mode: 0o755 });
    const res = await triggerWithPuppet(standin);
    assert.equal(res.status, 500, res.body);
    assert.ok(res.body.includes(`The directory ${dir} must be owned by root and not writable by group or others`), res.body);
    assert.equal(existsSync(record), false, 'the stand-in did not run');
  });

  it('agent mode runs the fixed agent command line, from /', async function () {
    assert.ok(svc);
    // a root-owned scripted stand-in for `puppet agent`: records its arguments and working directory, exits 0
    const standin = join(sb.root, 'standin-puppet');
    const record = join(outDir, 'standin-args.txt');
    writeFileSync(standin, `#!/bin/sh\n# scripted stand-in for puppet\necho "$(pwd) $@" > '${record}'\n`, { mode: 0o755 });
    const res = await triggerWithPuppet(standin);
    assert.equal(res.status, 200, res.body);
    assert.equal(readFileSync(record, 'utf8').trim(), '/ agent --onetime --no-daemonize --detailed-exitcodes --no-usecacheonfailure --logdest=console --logdest=syslog');
  });

  it('the sudoers rule allows exactly the helper command, through setsid (sudo -l as the user)', async function () {
    const allowed = await sb.sudo(['-l', ...sb.helperArgv]);
    assert.equal(allowed.code, 0, allowed.stderr);
    const list = await sb.sudo(['-l']);
    // sudo -l folds long lines: the entries are what follows "may run the following commands", whitespace folded
    const entries = (list.stdout.split(/may run the following commands[^\n]*\n/)[1] ?? '').replace(/\s+/g, ' ').trim();
    assert.deepEqual(entries.split(/ (?=\(root\))/), [`(root) NOPASSWD: ${sb.helperArgv.join(' ')}`], list.stdout);
    const other = await sb.sudo(['-l', SETSID, '--fork', sb.node, bundle, 'helper', '--config', '/tmp/other.json']);
    assert.notEqual(other.code, 0);
  });

  describe('as the user, the helper refuses hostile requests on stdin and starts nothing', function () {
    const ID = '20261125T064812345Z-a1b2c3';
    const run = (options: unknown, extra = {}) => JSON.stringify({ action: 'run', id: ID, options, ...extra });
    const hostile: Array<[string, string | Buffer, RegExp]> = [
      ['an environment outside the list', run({ environment: 'development' }), /Environment 'development' is not allowed/],
      ['--server hidden in a tag', run({ tags: ['web', '--server=evil.example'] }), /not a Puppet tag/],
      ['--server hidden in an environment', run({ environment: 'production --server evil' }), /not an environment name/],
      ['an extra key', run({}, { args: ['--server=evil.example'] }), /exactly the keys action, id, options/],
      ['an unknown option', run({ server: 'evil.example' }), /Unknown run option 'server'/],
      ['a bad type', run({ noop: 'yes' }), /'noop': use true or false/],
      ['invalid JSON', '{"action":"run",', /not JSON/],
      ['a line over 64 KiB', run({ tags: ['a'.repeat(70 * 1024)] }), /over 65536 bytes/],
      ['NUL bytes', Buffer.from(`${run({ tags: ['web'] }).slice(0, 20)}\0\0${run({}).slice(20)}`), /not JSON/],
      ['no line at all', '', /no request on stdin/],
    ];
    for (const [what, line, message] of hostile) {
      it(`refuses ${what}`, async function () {
        rmSync(target, { force: true });
        const input = typeof line === 'string' ? (line === '' ? '' : `${line}\n`) : Buffer.concat([line, Buffer.from('\n')]);
        const res = await sb.sudo([...sb.helperArgv], input);
        const reports = res.stdout.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
        assert.equal(reports.length, 1, res.stdout + res.stderr);
        assert.equal(reports[0].event, 'error');
        assert.match(reports[0].message, message);
        assert.equal(existsSync(target), false, 'puppet apply did not run');
      });
    }
  });

  describe('as the user, sudo -n refuses every other command', function () {
    let otherDir = '';
    let otherConfig = '';

    before(function () {
      // a config that, if the helper ever ran with it, would run the stand-in puppet and leave a record
      otherDir = mkdtempSync('/var/lib/twitch-test-other-');
      chmodSync(otherDir, 0o755);
      copyFileSync(fakePuppetSource, join(otherDir, 'puppet'));
      chmodSync(join(otherDir, 'puppet'), 0o755);
      otherConfig = join(otherDir, 'other.json');
      writeFileSync(otherConfig, JSON.stringify({ puppet: { bin: join(otherDir, 'puppet'), mode: 'agent', sudo: false } }), {
        mode: 0o644,
      });
    });
    after(function () {
      if (otherDir) rmSync(otherDir, { recursive: true, force: true });
    });
    beforeEach(function () {
      rmSync(target, { force: true });
    });

    function assertNothingRan(): void {
      assert.equal(existsSync(join(otherDir, 'runs.log')), false, 'the stand-in puppet did not run');
      assert.equal(existsSync(target), false, 'puppet apply did not run');
      assert.deepEqual(
        ['pwned-node', 'pwned-puppet'].filter((f) => existsSync(join(outDir, f))),
        [],
        'no command ran as root',
      );
    }

    const setsid = (...argv: string[]) => [SETSID, '--fork', ...argv];
    const attempts: Array<[string, () => string[]]> = [
      ['the helper with another --config', () => setsid(sb.node, bundle, 'helper', '--config', otherConfig)],
      ['the helper with an extra --', () => setsid(sb.node, bundle, 'helper', '--config', config, '--')],
      ['the helper with --server x', () => setsid(sb.node, bundle, 'helper', '--config', config, '--server', 'x')],
      ['the helper without --config', () => setsid(sb.node, bundle, 'helper')],
      ['the helper without setsid (node would be sudo\'s child)', () => [sb.node, bundle, 'helper', '--config', config]],
      ['setsid without --fork', () => [SETSID, sb.node, bundle, 'helper', '--config', config]],
      ['the bundle with serve', () => setsid(sb.node, bundle, 'serve', '--config', config)],
      ['setsid with a shell', () => [SETSID, '--fork', '/bin/sh', '-c', `touch ${join(outDir, 'pwned-node')}`]],
      [
        '/usr/bin/puppet apply -e …',
        () => ['/usr/bin/puppet', 'apply', '-e', `file { '${join(outDir, 'pwned-puppet')}': ensure => file }`],
      ],
      ['node -e …', () => [sb.node, '-e', `require('fs').writeFileSync('${join(outDir, 'pwned-node')}', 'x')`]],
    ];
    for (const [what, argv] of attempts) {
      it(`refuses ${what}`, async function () {
        const res = await sb.sudo(argv());
        assert.notEqual(res.code, 0, `sudo ran it: ${res.stdout}${res.stderr}`);
        assert.match(res.stderr, /password is required|not allowed|may not run/i);
        assertNothingRan();
      });
    }
  });

  it('SIGTERM stops the service (running as the user) with exit code 0', async function () {
    assert.ok(svc);
    const s = svc;
    s.signal('SIGTERM');
    const exit = await s.exited;
    assert.deepEqual(exit, { code: 0, signal: null });
  });
});
