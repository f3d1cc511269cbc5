import { strict as assert } from 'node:assert';
import { DEFAULTS, normalizeConfig } from '../../../../ts/config';
import { posixPlatform } from '../../../../ts/platform/posix';
import { helperCommand, helperLauncher, plainText } from '../../../../ts/puppet/launch';
import { encodeReport, parseReport } from '../../../../ts/puppet/protocol';

describe('puppet/launch', () => {
  const host = { isRoot: false, findPuppet: () => '/usr/bin/puppet' };

  it('runs exactly the sudoers command: setsid --fork, then fixed node, bundle and config', () => {
    const config = normalizeConfig({}, {}, host, '/etc/puppet-twitch/config.json');
    assert.deepEqual(helperCommand(config, '/usr/bin/node', '/opt/puppet-twitch/puppet-twitch.js', posixPlatform()), {
      file: 'sudo',
      args: [
        '-n',
        DEFAULTS.puppet.setsid, // /usr/bin/setsid ('' on Windows, where sudo is never run)
        '--fork',
        '/usr/bin/node',
        '/opt/puppet-twitch/puppet-twitch.js',
        'helper',
        '--config',
        '/etc/puppet-twitch/config.json',
      ],
    });
  });
  it('runs the helper directly when sudo is off', () => {
    const config = normalizeConfig({ puppet: { sudo: false } }, {}, host);
    assert.deepEqual(helperCommand(config, '/usr/bin/node', '/b.js', posixPlatform()), { file: '/usr/bin/node', args: ['/b.js', 'helper'] });
  });
  it('strips colours and control characters from puppet output', () => {
    assert.equal(plainText('\x1b[1;31mError: x\x1b[0m\r'), 'Error: x ');
  });
  it('round-trips reports and ignores lines that are not reports', () => {
    assert.deepEqual(parseReport(encodeReport({ event: 'started', pid: 9 }).trim()), { event: 'started', pid: 9 });
    assert.equal(parseReport('Notice: Applied catalog'), undefined);
    assert.equal(parseReport('42'), undefined);
  });
  it("takes an exit report whole however long the run's report in it (up to 1 MiB), where output lines are cut at 64 KiB", async () => {
    const script = `
      const resources = Array.from({ length: 500 }, (_, i) => ({ type: 'File', title: '/f' + i, file: null, line: null, state: 'changed', events: [{ property: 'content', previous_value: 'x'.repeat(500), desired_value: 'y'.repeat(500), status: 'success', message: 'm' }] }));
      const report = { time: null, status: 'changed', noop: false, resources, resources_left_out: 0, error: null };
      process.stdout.write(JSON.stringify({ event: 'started', pid: 1 }) + '\\n');
      process.stdout.write(JSON.stringify({ event: 'exit', code: 2, signal: null, timed_out: false, summary: null, report }) + '\\n');
    `;
    const launch = helperLauncher({ file: process.execPath, args: ['-e', script] }, false, posixPlatform());
    const run = launch({ action: 'status' });
    assert.equal((await run.first).event, 'started');
    const end = await run.done;
    assert.equal(end.code, 2);
    assert.equal(end.report?.resources.length, 500);
  });
});
