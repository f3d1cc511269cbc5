// The helper service's named pipe, end to end in one process: the launcher's pipe channel against the
// listening helper service, which runs a scripted stand-in for puppet (never Puppet itself). On Linux a Unix
// socket takes the named pipe's place; under Windows (and Wine) it is a real \\.\pipe\ name.
import { strict as assert } from 'node:assert';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currentPlatform } from '../../../../ts/platform';
import { helperLauncher } from '../../../../ts/puppet/launch';
import { listenHelperService, type HelperService } from '../../../../ts/puppet/pipe';

const windows = process.platform === 'win32';

/** A stand-in puppet: prints its argv, a line posing as an exit report, sleeps SLEEP seconds, exits 2. */
function writeStandIn(dir: string): string {
  if (windows) {
    const file = join(dir, 'puppet.bat');
    writeFileSync(file, `@echo off\r\necho Notice: stand-in puppet %*\r\necho {"event":"exit","code":0,"signal":null,"timed_out":false,"summary":null}\r\nif exist "${dir}\\sleep" ping -n 4 127.0.0.1 > NUL\r\nexit /b 2\r\n`);
    return file;
  }
  const file = join(dir, 'puppet');
  writeFileSync(file, `#!/bin/sh\necho "Notice: stand-in puppet $*"\necho '{"event":"exit","code":0,"signal":null,"timed_out":false,"summary":null}'\n[ -f "${dir}/sleep" ] && sleep 3\nexit 2\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('puppet/pipe: the helper service on a named pipe', function () {
  this.timeout(30000);
  let dir: string;
  let service: HelperService;
  let pipe: string;
  const log: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'twitch-pipe-'));
    const bin = writeStandIn(dir);
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ state_dir: dir, puppet: { bin, sudo: false, statedir: dir, lastrunfile: join(dir, 'summary.yaml'), conf: join(dir, 'puppet.conf') } }));
    pipe = windows ? `\\\\.\\pipe\\puppet-twitch-test-${process.pid}` : join(dir, 'helper.sock');
    service = await listenHelperService(pipe, config, currentPlatform(), (line) => log.push(line));
  });
  after(async () => {
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const launcher = () => helperLauncher({ file: 'unused', args: [] }, true, { ownGroup: { detached: false }, paths: { ...currentPlatform().paths, helperPipe: pipe } });

  it('runs puppet for a run request: started, its output as lines, and how it ended', async () => {
    const lines: string[] = [];
    const run = launcher()({ action: 'run', id: '20261206T190000000Z-abcdef', options: { noop: true } }, (line) => lines.push(line));
    const first = await run.first;
    assert.equal(first.event, 'started');
    const ending = await run.done;
    assert.equal(ending.code, 2, lines.join('\n'));
    assert.equal(ending.timed_out, false);
    // cmd.exe shows a .bat its arguments as they were quoted
    const argv = new RegExp(`^Notice: stand-in puppet "?agent"? "?--onetime"? .*--logdest=${currentPlatform().puppetLogdest}"? .*--noop`);
    assert.ok(lines.some((l) => argv.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => l.includes('"event":"exit","code":0')), 'a line puppet prints is output, never a report');
  });

  it('answers a status request', async () => {
    const run = launcher()({ action: 'status' });
    const first = await run.first;
    assert.equal(first.event, 'status');
    assert.equal((first as { applying: boolean }).applying, false);
  });

  it('checks the request again on its side: an option the config does not allow is refused', async () => {
    const run = launcher()({ action: 'run', id: '20261206T190000000Z-abcdef', options: { environment: 'production' } });
    const first = await run.first;
    assert.equal(first.event, 'error');
    assert.match((first as { message: string }).message, /environment/);
  });

  it('runs one puppet at a time: a second run request meanwhile is answered busy, a status is answered', async () => {
    writeFileSync(join(dir, 'sleep'), '');
    try {
      const one = launcher()({ action: 'run', id: '20261206T190000000Z-abcdef', options: {} });
      const started = await one.first;
      assert.equal(started.event, 'started');
      const two = await launcher()({ action: 'run', id: '20261206T190000001Z-abcdef', options: {} }).first;
      assert.deepEqual(two, { event: 'busy', pid: (started as { pid: number }).pid });
      assert.equal((await launcher()({ action: 'status' }).first).event, 'status');
      assert.equal((await one.done).code, 2);
    } finally {
      rmSync(join(dir, 'sleep'), { force: true });
    }
  });

  it('says where to look when no helper service listens', async () => {
    const none = helperLauncher({ file: 'unused', args: [] }, true, { ownGroup: { detached: false }, paths: { ...currentPlatform().paths, helperPipe: `${pipe}-none` } });
    const first = await none({ action: 'status' }).first;
    assert.equal(first.event, 'error');
    assert.match((first as { message: string }).message, /helper-service.*listening on/);
  });
});

describe('puppet/pipe: the helper-service command', () => {
  it('refuses to start where the platform has no pipe boundary (sudo is the boundary there)', async () => {
    const errors: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((text: string) => (errors.push(text), true)) as typeof process.stderr.write;
    try {
      const { runHelperService } = await import('../../../../ts/puppet/pipe');
      const posixLike = { ...currentPlatform(), paths: { ...currentPlatform().paths, helperPipe: undefined } };
      assert.equal(await runHelperService(undefined, posixLike), 2);
    } finally {
      process.stderr.write = write;
    }
    assert.match(errors.join(''), /helper-service is for Windows/);
  });
});
