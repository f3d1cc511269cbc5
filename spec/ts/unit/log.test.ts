import { strict as assert } from 'node:assert';
import { createLogger } from '../../../ts/log';
import { oneLine } from '../../../ts/text';

describe('service log: one line per message', () => {
  it('starts every line with the time and the level', () => {
    let out = '';
    const log = createLogger((text) => (out += text));
    log.info('listening');
    log.error('cannot do it');
    log.flush();
    const lines = out.split('\n');
    assert.equal(lines.pop(), '');
    assert.match(lines[0], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INFO listening$/);
    assert.match(lines[1], /^\S+Z ERROR cannot do it$/);
  });

  it('writes a message with line breaks as one line (an error from spawning a missing program has one)', () => {
    let out = '';
    const log = createLogger((text) => (out += text));
    log.error('Cannot run /opt/puppet: Command failed with ENOENT: /opt/puppet agent --onetime\nspawn /opt/puppet ENOENT');
    log.info('a\r\nb\rc\n');
    log.flush();
    assert.deepEqual(out.split('\n').slice(0, -1).map((line) => line.replace(/^\S+Z /, '')), [
      'ERROR Cannot run /opt/puppet: Command failed with ENOENT: /opt/puppet agent --onetime\\nspawn /opt/puppet ENOENT',
      'INFO a\\r\\nb\\rc\\n',
    ]);
  });

  it('leaves a message without line breaks as it is', () => {
    const text = 'tab\there, a backslash \\n and é';
    assert.equal(oneLine(text), text);
  });
});
