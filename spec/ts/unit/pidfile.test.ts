import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { inspectPid, isServiceCmdline, parsePid } from '../../../ts/daemon/pidfile';
import { lastFile } from '../../../ts/daemon/remember';

describe('daemon: PID file helpers', () => {
  it('parsePid takes one positive integer, surrounding white space allowed', () => {
    assert.equal(parsePid('1234\n'), 1234);
    assert.equal(parsePid('  42 '), 42);
    for (const text of ['', '0', '-1', '12 34', 'abc', '1.5', '99999999999']) assert.equal(parsePid(text), undefined, text);
  });
  it('isServiceCmdline recognises this bundle running serve, and nothing else', () => {
    const bundle = '/opt/puppet-twitch/puppet-twitch.js';
    assert.equal(isServiceCmdline(`/usr/bin/node\0${bundle}\0serve\0--config\0/c.json\0`, bundle), true);
    assert.equal(isServiceCmdline(`node\0/elsewhere/puppet-twitch.js\0serve\0`, bundle), true);
    assert.equal(isServiceCmdline(['sleep', '300', ''].join('\0'), bundle), false);
    assert.equal(isServiceCmdline(`/usr/bin/node\0${bundle}\0status\0`, bundle), false);
    assert.equal(isServiceCmdline(`/usr/bin/node\0${bundle}\0helper\0serve\0`, bundle), false);
    assert.equal(isServiceCmdline('', bundle), false);
  });
  it('lastFile uses XDG_STATE_HOME when it is absolute, else ~/.local/state', () => {
    // joined the platform's way: Windows joins with a backslash
    assert.equal(lastFile({ XDG_STATE_HOME: '/s' }, () => '/home/u'), join('/s', 'puppet-twitch', 'last.json'));
    assert.equal(lastFile({ XDG_STATE_HOME: 'rel' }, () => '/home/u'), join('/home/u', '.local', 'state', 'puppet-twitch', 'last.json'));
    assert.equal(lastFile({}, () => '/home/u'), join('/home/u', '.local', 'state', 'puppet-twitch', 'last.json'));
  });
  it('inspectPid asks the platform whether a PID lives and what its command line is', () => {
    const bundle = '/opt/puppet-twitch/puppet-twitch.js';
    const probe = (alive: boolean, args: string[] | undefined) => ({ isAlive: () => alive, commandLine: () => args });
    assert.deepEqual(inspectPid(7, bundle, probe(false, ['node', bundle, 'serve'])), { kind: 'dead', pid: 7 });
    assert.deepEqual(inspectPid(7, bundle, probe(true, ['/usr/bin/node', bundle, 'serve', '--config', '/c.json'])), { kind: 'ours', pid: 7 });
    assert.deepEqual(inspectPid(7, bundle, probe(true, ['sleep', '300'])), { kind: 'other', pid: 7, cmdline: 'sleep 300' });
    assert.deepEqual(inspectPid(7, bundle, probe(true, undefined)), { kind: 'other', pid: 7, cmdline: '' });
  });
});
