import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../../ts/config';
import { root } from './hosts';

describe('config: loading the file', () => {
  let dir = '';
  const write = (text: string) => {
    const file = join(dir, 'config.json');
    writeFileSync(file, text);
    return file;
  };
  const refusal = (text: string): Error => {
    try {
      loadConfig({ config: write(text) }, root);
    } catch (err) {
      return err as Error;
    }
    throw new Error(`accepted ${text}`);
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'twitch-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a key given twice, naming it and the file (exit 2)', () => {
    const err = refusal('{\n  "port": 8140,\n  "port": 8141\n}\n');
    assert.equal((err as Error & { code: string }).code, 'CONFIG_INVALID');
    assert.equal(err.message, `Config file ${join(dir, 'config.json')}: key 'port' is given twice; JSON keeps only the last one, so give it once`);
    assert.match(refusal('{"puppet": {"mode": "agent", "mode": "apply"}}').message, /key 'puppet\.mode' is given twice/);
  });

  it('says every refusal in one line, JSON.parse quoting the text with its line breaks too', () => {
    for (const text of ['{\n  "port": \n}\n', '{\n "p\\nrt": 1, "p\\nrt": 2}', '{"prot\\n": 1}']) {
      const { message } = refusal(text);
      assert.doesNotMatch(message, /[\r\n]/, message);
      const file = join(dir, 'config.json'); // a Windows path's backslashes make no RegExp
      assert.ok(message.startsWith(file) || message.startsWith(`Config file ${file}`), message);
    }
  });

  it('reads a config whose objects share key names', () => {
    const config = loadConfig({ config: write('{"port": 8140, "metrics": {"enabled": true}, "limits": {"max_held": 8}}') }, root);
    assert.equal(config.port, 8140);
  });
});
