// The sudo boundary for real: the service runs as an unprivileged user and reaches root only through the one
// sudoers command `<node> <bundle> helper --config <config>`; every other sudo command is refused.
// Needs root (creates a throwaway system user and a file in /etc/sudoers.d, both removed afterwards).
import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { TRIGGER } from '../support/harness';
import { bundlePath, request, runCli, sleep, startService, type Service } from '../support/service';
import { fakePuppetSource } from '../support/standin';

/** PIDs of the processes running as `uid` (from /proc). */
function pidsOfUid(uid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        return new RegExp(`^Uid:\\s+${uid}\\s`, 'm').test(readFileSync(`/proc/${name}/status`, 'utf8'));
      } catch {
        return false;
      }
    })
    .map(Number);
}

function run(cmd: string, args: string[]): string {
  const res = spawnSync(cmd, args, { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${res.status}): ${res.stderr}${res.stdout}`);
  return res.stdout;
}

describe('bundle: sudo boundary with a real unprivileged user and real puppet apply', function () {
  this.timeout(90000);

  const user = `twtest${randomBytes(3).toString('hex')}`;
  const node = process.execPath;
  let root = '';
  let bundle = '';
  let config = '';
  let stateDir = '';
  let outDir = '';
  let target = '';
  let sudoersFile = '';
  let uid = -1;
  let gid = -1;
  let svc: Service | undefined;
  const holders: ChildProcess[] = [];
  let userCreated = false;

  /** `sudo -n ...` as the test user. */
  function sudoAsUser(args: string[]) {
    return runCli(['-u', user, '--', 'sudo', '-n', ...args], { command: ['runuser'], timeoutMs: 60000, cwd: '/' });
  }

  before(function () {
    if (process.getuid?.() !== 0) throw new Error('the sudo tests need root');
    run('useradd', ['--system', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', '--user-group', user]);
    userCreated = true;
    uid = Number(run('id', ['-u', user]).trim());
    gid = Number(run('id', ['-g', user]).trim());

    // root-owned install: 0755 dirs, 0644 bundle, 0640 root:<user> config
    root = mkdtempSync('/tmp/twitch-sudo-');
    chmodSync(root, 0o755);
    bundle = join(root, 'puppet-twitch.js');
    copyFileSync(bundlePath, bundle);
    chmodSync(bundle, 0o644);
    const etc = join(root, 'etc');
    mkdirSync(etc, { mode: 0o755 });
    stateDir = join(root, 'state');
    mkdirSync(stateDir, { mode: 0o700 });
    outDir = join(root, 'out');
    mkdirSync(outDir, { mode: 0o755 });
    const runDir = join(root, 'run');
    mkdirSync(runDir, { mode: 0o755 });
    chownSync(runDir, uid, gid);
    target = join(outDir, 'created-by-root.txt');
    const manifest = join(root, 'site.pp');
    writeFileSync(manifest, `file { '${target}':\n  ensure  => file,\n  content => "made through sudo\\n",\n}\n`, { mode: 0o644 });
    config = join(etc, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        run_dir: runDir,
        puppet: {
          bin: '/usr/bin/puppet',
          mode: 'apply',
          manifest,
          lockfile: join(stateDir, 'agent_catalog_run.lock'),
          disabled_lockfile: join(stateDir, 'agent_disabled.lock'),
        },
      }),
      { mode: 0o640 },
    );
    chownSync(config, 0, gid);
    chmodSync(config, 0o640);

    // the sudoers rule the module installs (README, "The sudo boundary"), validated before it is installed
    const sudoers = `Defaults:${user} !requiretty\n${user} ALL=(root) NOPASSWD: ${node} ${bundle} helper --config ${config}\n`;
    const candidate = join(root, 'sudoers.candidate');
    writeFileSync(candidate, sudoers, { mode: 0o440 });
    run('visudo', ['-cf', candidate]);
    sudoersFile = join('/etc/sudoers.d', user);
    writeFileSync(sudoersFile, sudoers, { mode: 0o440 });
    chmodSync(sudoersFile, 0o440);
    run('visudo', ['-c']);
  });

  after(async function () {
    if (svc?.running) {
      svc.kill();
      await Promise.race([svc.exited, sleep(3000)]);
    }
    for (const h of holders) h.kill('SIGKILL');
    if (sudoersFile) rmSync(sudoersFile, { force: true });
    if (userCreated) {
      // userdel refuses while a process of the user is left; end those (by the user's uid) first
      for (let i = 0; i < 10 && spawnSync('userdel', [user]).status !== 0; i++) {
        for (const pid of pidsOfUid(uid)) process.kill(pid, 'SIGKILL');
        await sleep(100);
      }
    }
    if (root) rmSync(root, { recursive: true, force: true });
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed' && svc) console.log(`    service log:\n${svc.logs}`);
  });

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

  it('agent mode ignores a manifest key that names a missing file (the module always writes one) → 200', async function () {
    assert.ok(svc);
    // a root-owned scripted stand-in for `puppet agent`: records its arguments, exits 0
    const standin = join(root, 'standin-puppet');
    const record = join(outDir, 'standin-args.txt');
    writeFileSync(standin, `#!/bin/sh\n# scripted stand-in for puppet\necho "$@" > '${record}'\n`, { mode: 0o755 });
    const original = readFileSync(config, 'utf8');
    const agent = JSON.parse(original);
    agent.puppet = { ...agent.puppet, bin: standin, mode: 'agent', manifest: join(root, 'no-such-site.pp') };
    writeFileSync(config, JSON.stringify(agent));
    try {
      const res = await request(svc.port, `${TRIGGER}?async=false`, { timeoutMs: 30000 });
      assert.equal(res.status, 200, res.body);
      assert.equal(readFileSync(record, 'utf8').trim(), 'agent --onetime --no-daemonize --detailed-exitcodes --no-usecacheonfailure');
    } finally {
      writeFileSync(config, original);
    }
  });

  it('the sudoers rule allows exactly the helper command (sudo -l as the user)', async function () {
    const allowed = await sudoAsUser(['-l', node, bundle, 'helper', '--config', config]);
    assert.equal(allowed.code, 0, allowed.stderr);
    const other = await sudoAsUser(['-l', node, bundle, 'helper', '--config', '/tmp/other.json']);
    assert.notEqual(other.code, 0);
  });

  describe('as the user, sudo -n refuses every other command', function () {
    let otherDir = '';
    let otherConfig = '';

    before(function () {
      // a config that, if the helper ever ran with it, would run the stand-in puppet and leave a record
      otherDir = mkdtempSync('/tmp/twitch-sudo-other-');
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

    const attempts: Array<[string, () => string[]]> = [
      ['the helper with --config /tmp/…/other.json', () => [node, bundle, 'helper', '--config', otherConfig]],
      ['the helper with an extra --', () => [node, bundle, 'helper', '--config', config, '--']],
      ['the helper with --server x', () => [node, bundle, 'helper', '--config', config, '--server', 'x']],
      ['the helper without --config', () => [node, bundle, 'helper']],
      ['the bundle with serve', () => [node, bundle, 'serve', '--config', config]],
      [
        '/usr/bin/puppet apply -e …',
        () => ['/usr/bin/puppet', 'apply', '-e', `file { '${join(outDir, 'pwned-puppet')}': ensure => file }`],
      ],
      ['node -e …', () => [node, '-e', `require('fs').writeFileSync('${join(outDir, 'pwned-node')}', 'x')`]],
    ];
    for (const [what, argv] of attempts) {
      it(`refuses ${what}`, async function () {
        const res = await sudoAsUser(argv());
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
