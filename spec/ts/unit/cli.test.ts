import { strict as assert } from 'node:assert';
import { parseArgs } from '../../../ts/cli';

describe('cli: parseArgs', () => {
  it('defaults to serve, as the original ran in the foreground with key=value arguments', () => {
    assert.deepEqual(parseArgs(['bind=127.0.0.1', 'port=8090']), { command: 'serve', bind: '127.0.0.1', port: '8090' });
  });
  it('takes --flag value and --flag=value', () => {
    assert.deepEqual(parseArgs(['serve', '--config', '/etc/x.json', '--port=0']), { command: 'serve', config: '/etc/x.json', port: '0' });
  });
  it('gives help and version precedence', () => {
    assert.equal(parseArgs(['serve', '--help']).command, 'help');
    assert.equal(parseArgs(['--version']).command, 'version');
  });
  it('lets the helper service (Windows) take only --config', () => {
    assert.deepEqual(parseArgs(['helper-service', '--config', 'C:\\c.json']), { command: 'helper-service', config: 'C:\\c.json' });
    assert.deepEqual(parseArgs(['helper-service']), { command: 'helper-service' });
    assert.throws(() => parseArgs(['helper-service', '--bind', '0.0.0.0']), /Unknown option '--bind' for 'helper-service'/);
  });
  it('lets the helper take only --config', () => {
    assert.deepEqual(parseArgs(['helper', '--config', '/etc/c.json']), { command: 'helper', config: '/etc/c.json' });
    assert.throws(() => parseArgs(['helper', '--port', '1']), /Unknown option '--port' for 'helper'/);
    assert.throws(() => parseArgs(['helper', '--config', '/a', '--']), /Unexpected argument '--'|Unknown option/);
  });
  it('refuses unknown commands, options, bare words, repeats and missing values with a USAGE error', () => {
    for (const argv of [['frobnicate'], ['--bogus'], ['serve', 'extra'], ['--port', '1', '--port', '2'], ['--config']]) {
      assert.throws(() => parseArgs(argv), (err: { code?: string }) => err.code === 'USAGE', argv.join(' '));
    }
  });
  it('parses the daemon commands in the original form: start dir=DIR -- port=N', () => {
    assert.deepEqual(parseArgs(['start', 'dir=/var/run/puppet-twitch', '--', 'port=8090']), {
      command: 'start',
      dir: '/var/run/puppet-twitch',
      port: '8090',
    });
    assert.deepEqual(parseArgs(['stop', 'dir=/var/run/puppet-twitch']), { command: 'stop', dir: '/var/run/puppet-twitch' });
  });
  it('takes --dir and --config before --, bind and port after it', () => {
    assert.deepEqual(parseArgs(['restart', '--dir', '/r', '--config', '/c.json', '--', 'bind=127.0.0.1', '--port', '0']), {
      command: 'restart',
      dir: '/r',
      config: '/c.json',
      bind: '127.0.0.1',
      port: '0',
    });
    assert.deepEqual(parseArgs(['status']), { command: 'status' });
    assert.deepEqual(parseArgs(['start', '--']), { command: 'start' });
  });
  it('refuses dir or config after --, service options for stop and status, and -- twice', () => {
    for (const argv of [
      ['start', '--', 'dir=/r'],
      ['start', '--', '--config', '/c'],
      ['stop', '--port', '1'],
      ['status', '--', 'port=1'],
      ['start', '--', '--', 'port=1'],
      ['serve', '--dir', '/r'],
      ['stop', 'dir='],
    ]) {
      assert.throws(() => parseArgs(argv), (err: { code?: string }) => err.code === 'USAGE', argv.join(' '));
    }
  });
});
