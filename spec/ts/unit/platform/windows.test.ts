import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { closeSync, lstatSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPuppetOn, HELPER_PIPE, openRefusingLinks, windowsPaths, windowsPlatform } from '../../../../ts/platform/windows';

const env = { ProgramData: 'D:\\Data', ProgramFiles: 'D:\\Programs' };

describe('platform/windows', function () {
  this.timeout(20000);

  it('puts its files under ProgramData, Puppet under Program Files, with Windows\' defaults when unset', () => {
    const paths = windowsPaths(env);
    assert.equal(paths.configFile, 'D:\\Data\\PuppetTwitch\\config.json');
    assert.equal(paths.stateDir, 'D:\\Data\\PuppetTwitch\\state');
    assert.equal(paths.aioPuppet, 'D:\\Programs\\Puppet Labs\\Puppet\\bin\\puppet.bat');
    assert.ok(paths.aioPuppet.startsWith(paths.aioPrefix));
    assert.deepEqual(paths.puppet.aio, {
      statedir: 'D:\\Data\\PuppetLabs\\puppet\\cache\\state',
      lastrunfile: 'D:\\Data\\PuppetLabs\\puppet\\public\\last_run_summary.yaml',
      conf: 'D:\\Data\\PuppetLabs\\puppet\\etc\\puppet.conf',
    });
    assert.deepEqual(paths.puppet.distro, paths.puppet.aio, 'Puppet for Windows has one packaging');
    assert.equal(paths.helperPipe, '\\\\.\\pipe\\puppet-twitch-helper');
    const plain = windowsPaths({});
    assert.equal(plain.configFile, 'C:\\ProgramData\\PuppetTwitch\\config.json');
    assert.equal(plain.aioPuppet, 'C:\\Program Files\\Puppet Labs\\Puppet\\bin\\puppet.bat');
  });

  it('finds the AIO puppet.bat first, else puppet with each PATHEXT ending in each PATH directory', () => {
    const paths = windowsPaths(env);
    const has = (...files: string[]) => (file: string) => files.includes(file);
    const pathEnv = { Path: 'C:\\Tools;relative;C:\\Ruby\\bin', PATHEXT: '.COM;.EXE;.BAT;.CMD' };
    assert.equal(findPuppetOn(paths, pathEnv, has(paths.aioPuppet, 'C:\\Tools\\puppet.exe')), paths.aioPuppet);
    assert.equal(findPuppetOn(paths, pathEnv, has('C:\\Ruby\\bin\\puppet.bat', 'C:\\Ruby\\bin\\puppet.cmd')), 'C:\\Ruby\\bin\\puppet.bat');
    assert.equal(findPuppetOn(paths, pathEnv, has('C:\\Ruby\\bin\\puppet.cmd')), 'C:\\Ruby\\bin\\puppet.cmd');
    assert.equal(findPuppetOn(paths, { PATH: 'C:\\Ruby\\bin' }, has('C:\\Ruby\\bin\\puppet.bat')), 'C:\\Ruby\\bin\\puppet.bat', 'PATHEXT defaults');
    assert.equal(findPuppetOn(paths, pathEnv, has('relative\\puppet.bat')), undefined, 'a relative PATH entry is not searched');
    assert.equal(findPuppetOn(paths, {}, has()), undefined);
  });

  it('logs puppet to the event log, stops on Ctrl+C and Ctrl+Break, has no reload signal, no sudo and no uid', () => {
    const platform = windowsPlatform({ env, elevated: () => false });
    assert.equal(platform.name, 'windows');
    assert.equal(platform.puppetLogdest, 'eventlog');
    assert.deepEqual(platform.signals.stop, ['SIGINT', 'SIGBREAK']);
    assert.deepEqual(platform.signals.reload, []);
    assert.equal(platform.runBySudo(), false);
    assert.equal(platform.userId(), undefined);
    assert.equal(platform.openFileLimit(), undefined);
    assert.deepEqual(platform.processStats(), { virtualMemoryBytes: undefined, openFds: undefined, maxFds: undefined });
    assert.equal(platform.commandLine(process.pid), undefined, 'not known: callers say they cannot verify');
    assert.equal(platform.forceKillHint(42), 'taskkill /PID 42 /T /F');
  });

  it('asks once whether it is elevated', () => {
    let asked = 0;
    const platform = windowsPlatform({ env, elevated: () => (asked++, true) });
    assert.equal(platform.isRoot(), true);
    assert.equal(platform.isRoot(), true);
    assert.equal(asked, 1);
    assert.equal(windowsPlatform({ env, elevated: () => false }).isRoot(), false);
  });

  it("runs the helper directly (the pipe is the boundary), never sudo or setsid", () => {
    const platform = windowsPlatform({ env, elevated: () => true });
    const how = { setsid: '', node: 'C:\\node\\node.exe', bundle: 'C:\\twitch\\puppet-twitch.js', config: 'C:\\c.json' };
    for (const sudo of [true, false]) {
      assert.deepEqual(platform.helperCommand({ ...how, sudo }), { file: 'C:\\node\\node.exe', args: ['C:\\twitch\\puppet-twitch.js', 'helper', '--config', 'C:\\c.json'] });
    }
    assert.equal(HELPER_PIPE, platform.paths.helperPipe);
  });

  it('refuses a symbolic link to a trusted file without O_NOFOLLOW, and opens one when told to follow', function () {
    const dir = mkdtempSync(join(tmpdir(), 'twitch-windows-'));
    try {
      writeFileSync(join(dir, 'file'), 'x');
      closeSync(openRefusingLinks(join(dir, 'file'), false));
      try {
        symlinkSync('file', join(dir, 'link'));
        lstatSync(join(dir, 'link')); // Wine answers the symlink call without making a link
      } catch {
        return this.skip(); // creating links needs a privilege Windows may not give, and Wine makes none
      }
      closeSync(openRefusingLinks(join(dir, 'link'), true));
      assert.throws(() => openRefusingLinks(join(dir, 'link'), false), (err: NodeJS.ErrnoException) => err.code === 'ELOOP' && /symbolic link/.test(err.message));
      assert.throws(() => openRefusingLinks(join(dir, 'missing'), false), /ENOENT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // What only Windows itself (or Wine) can show: live processes.
  const onWindows = process.platform === 'win32' ? it : it.skip;

  onWindows('is-alive and kill a tree: the child and the grandchild it started are gone', async () => {
    const platform = windowsPlatform({ elevated: () => true });
    const script = "const c=require('child_process').spawn(process.execPath,['-e','setInterval(()=>{},1000)'],{stdio:'ignore'});console.log(c.pid);setInterval(()=>{},1000)";
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore'] });
    const grandchild = await new Promise<number>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim()))));
    const pid = child.pid as number;
    assert.ok(platform.isAlive(pid) && platform.isAlive(grandchild));
    platform.killTree(pid, 30_000);
    const deadline = Date.now() + 10_000;
    while ((platform.isAlive(pid) || platform.isAlive(grandchild)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.ok(!platform.isAlive(pid), 'the child is gone');
    assert.ok(!platform.isAlive(grandchild), 'the grandchild is gone');
  });
});
