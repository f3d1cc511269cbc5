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
  it('lets the helper take only --config', () => {
    assert.deepEqual(parseArgs(['helper', '--config', '/etc/c.json']), { command: 'helper', config: '/etc/c.json' });
    assert.throws(() => parseArgs(['helper', '--port', '1']), /Unknown option '--port' for 'helper'/);
    assert.throws(() => parseArgs(['helper', '--config', '/a', '--']), /Unexpected argument '--'|Unknown option/);
  });
  it('refuses unknown commands, options, bare words, repeats and missing values with a USAGE error', () => {
    for (const argv of [['start'], ['--bogus'], ['serve', 'extra'], ['--port', '1', '--port', '2'], ['--config']]) {
      assert.throws(() => parseArgs(argv), (err: { code?: string }) => err.code === 'USAGE', argv.join(' '));
    }
  });
});
