import { strict as assert } from 'node:assert';
import { DEFAULTS, normalizeConfig } from '../../../../ts/config';
import { posixPlatform } from '../../../../ts/platform/posix';
import { helperCommand, plainText } from '../../../../ts/puppet/launch';
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
});
