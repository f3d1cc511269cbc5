import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULTS, DEFAULT_CONFIG_FILE, normalizeConfig } from '../../../../ts/config';
import { posixPlatform } from '../../../../ts/platform/posix';

const platform = posixPlatform();

function deadPid(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('true', [], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => resolve(child.pid as number));
  });
}

async function until(what: string, test: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// POSIX itself (processes, /proc, links): where the host is one. index.test.ts says which platform is picked.
const describeHere = process.platform === 'win32' ? describe.skip : describe;

describeHere('platform/posix', function () {
  this.timeout(10000);

  it('is-alive: this process is, a reaped one is not', async () => {
    assert.equal(platform.isAlive(process.pid), true);
    assert.equal(platform.isAlive(await deadPid()), false);
    assert.equal(platform.isAlive(2 ** 22 + 17), false);
  });

  it("reads a process's command line, argument by argument; none for a dead one", async () => {
    const args = platform.commandLine(process.pid);
    assert.ok(args !== undefined);
    assert.ok(args.includes(process.argv[1]), `${JSON.stringify(args)} holds ${process.argv[1]}`);
    assert.equal(platform.commandLine(await deadPid()), undefined);
  });

  it('knows the open-files limit and the process stats where /proc tells them', () => {
    const limit = platform.openFileLimit();
    assert.ok(limit !== undefined && Number.isInteger(limit) && limit > 0, String(limit));
    const stats = platform.processStats();
    assert.equal(stats.maxFds, limit);
    assert.ok(stats.openFds !== undefined && stats.openFds >= 3);
    const fd = openSync(__filename, 'r');
    try {
      assert.ok((platform.processStats().openFds ?? 0) >= stats.openFds + 1, 'one more open file is counted');
    } finally {
      closeSync(fd);
    }
    assert.ok(stats.virtualMemoryBytes !== undefined && stats.virtualMemoryBytes > process.memoryUsage.rss());
    const start = platform.startTime();
    assert.ok(Math.abs(start - (Date.now() / 1000 - process.uptime())) <= 1);
  });

  it('kills a run tree: asks first, then kills a child and grandchild that ignore the request after the grace', async () => {
    // sh and its sleep both ignore SIGTERM: only the kill after the grace period can end them.
    const child = spawn('sh', ['-c', 'trap "" TERM; sleep 300 & echo $!; wait'], { ...platform.ownGroup, stdio: ['ignore', 'pipe', 'ignore'] });
    const grandchild = await new Promise<number>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim()))));
    const pid = child.pid as number;
    assert.ok(platform.isAlive(pid) && platform.isAlive(grandchild));
    platform.killTree(pid, 300);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(platform.isAlive(grandchild), 'still there within the grace period');
    await until('the child and grandchild to end', () => !platform.isAlive(pid) && !platform.isAlive(grandchild));
  });

  it('kills a run tree that ends at once when asked', async () => {
    const child = spawn('sh', ['-c', 'sleep 300 & echo $!; wait'], { ...platform.ownGroup, stdio: ['ignore', 'pipe', 'ignore'] });
    const grandchild = await new Promise<number>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim()))));
    platform.killTree(child.pid as number, 60_000);
    await until('the child and grandchild to end', () => !platform.isAlive(child.pid as number) && !platform.isAlive(grandchild), 2000);
  });

  it('terminate and forceKill end one process; a gone one is no error', async () => {
    const a = spawn('sleep', ['300'], { stdio: 'ignore' });
    const b = spawn('sleep', ['300'], { stdio: 'ignore' });
    platform.terminate(a.pid as number);
    platform.forceKill(b.pid as number);
    await until('both to end', () => !platform.isAlive(a.pid as number) && !platform.isAlive(b.pid as number));
    const dead = await deadPid();
    platform.terminate(dead);
    platform.forceKill(dead);
  });

  it('opens trusted files without following a link unless told', () => {
    const dir = mkdtempSync(join(tmpdir(), 'twitch-platform-'));
    try {
      writeFileSync(join(dir, 'file'), 'x');
      symlinkSync(join(dir, 'file'), join(dir, 'link'));
      closeSync(openSync(join(dir, 'link'), platform.trustedOpenFlags(true)));
      assert.throws(() => openSync(join(dir, 'link'), platform.trustedOpenFlags(false)), /ELOOP/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has the default paths the config uses today (one source of truth once config takes them from here)', () => {
    assert.equal(platform.paths.configFile, DEFAULT_CONFIG_FILE);
    assert.equal(platform.paths.stateDir, DEFAULTS.state_dir);
    assert.equal(platform.paths.setsid, DEFAULTS.puppet.setsid);
    const host = (puppet: string) => ({ isRoot: true, findPuppet: () => puppet });
    const aio = normalizeConfig({}, {}, host(platform.paths.aioPuppet)).puppet;
    assert.deepEqual({ statedir: aio.statedir, lastrunfile: aio.lastrunfile, conf: aio.conf }, platform.paths.puppet.aio);
    const distro = normalizeConfig({}, {}, host('/usr/bin/puppet')).puppet;
    assert.deepEqual({ statedir: distro.statedir, lastrunfile: distro.lastrunfile, conf: distro.conf }, platform.paths.puppet.distro);
  });
});

// What the POSIX platform answers as data: the same on any host, Windows' node included.
describe('platform/posix, as data', () => {
  it("builds the sudoers command, or the helper's direct argv", () => {
    const how = { setsid: '/usr/bin/setsid', node: '/usr/bin/node', bundle: '/b.js', config: '/etc/c.json' };
    assert.deepEqual(platform.helperCommand({ ...how, sudo: true }), {
      file: 'sudo',
      args: ['-n', '/usr/bin/setsid', '--fork', '/usr/bin/node', '/b.js', 'helper', '--config', '/etc/c.json'],
    });
    assert.deepEqual(platform.helperCommand({ ...how, sudo: false, config: undefined }), { file: '/usr/bin/node', args: ['/b.js', 'helper'] });
  });

  it('says which signals reload and stop the service, and which the root helper ignores', () => {
    assert.deepEqual(platform.signals.reload, ['SIGHUP']);
    assert.deepEqual(platform.signals.stop, ['SIGTERM', 'SIGINT']);
    for (const s of ['SIGHUP', 'SIGINT', 'SIGTERM']) assert.ok(platform.signals.helperIgnores.includes(s as NodeJS.Signals));
    assert.ok(!platform.signals.helperIgnores.includes('SIGKILL'));
  });
});
