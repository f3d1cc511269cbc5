import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { normalizeConfig } from '../../../../ts/config';
import { invalid, root } from './hosts';

describe('config: top-level keys', () => {
  it('takes only an IP address to bind to, from the file or a flag', () => {
    for (const bind of ['127.0.0.1', '::', '::1', '10.1.2.3']) assert.equal(normalizeConfig({ bind }, {}, root).bind, bind);
    assert.throws(() => normalizeConfig({ bind: 'localhost' }, {}, root), /'bind': must be an IP address.*"localhost"/);
    assert.throws(() => normalizeConfig({}, { bind: 'node01.example' }, root), /'bind': must be an IP address/);
    assert.throws(() => normalizeConfig({ bind: '127.0.0.1 ' }, {}, root), /'bind'/);
  });
  it('lets flags override the file', () => {
    const c = normalizeConfig({ bind: '10.0.0.1', port: 2023 }, { bind: '127.0.0.1', port: '8090' }, root);
    assert.equal(c.bind, '127.0.0.1');
    assert.equal(c.port, 8090);
  });
  it('checks the file even where a flag overrides it', () => {
    assert.throws(() => normalizeConfig({ port: 99999 }, { port: '0' }, root), /'port'/);
    assert.throws(() => normalizeConfig({}, { port: '8o8o' }, root), /'port'/);
    assert.throws(() => normalizeConfig({ bind: 127 }, { bind: '127.0.0.1' }, root), /'bind'/);
  });
  it('names keys with wrong types or values', () => {
    const cases: [unknown, RegExp][] = [
      [{ port: '80a' }, /'port'/],
      [{ port: '2023' }, /'port': must be an integer/],
      [{ port: 70000 }, /'port'/],
      [{ history: 0 }, /'history'/],
      [{ state_dir: 'var/lib' }, /'state_dir': must be an absolute path/],
    ];
    for (const [raw, message] of cases) assert.throws(() => normalizeConfig(raw, {}, root), message, JSON.stringify(raw));
    assert.throws(() => normalizeConfig({ port: 'x' }, {}, root), invalid());
  });
  it('keeps the audit log in state_dir unless told otherwise', () => {
    const c = normalizeConfig({ state_dir: '/srv/twitch' }, {}, root);
    assert.equal(c.audit_log, join('/srv/twitch', 'audit.log'));
    assert.equal(c.audit_max_bytes, 10 * 1024 * 1024);
  });
  it('keeps a window of 4 MiB of a running run for its followers unless told otherwise, 64 KiB to 1 GiB', () => {
    assert.equal(normalizeConfig({}, {}, root).output_window_bytes, 4 * 1024 * 1024);
    assert.equal(normalizeConfig({ output_window_bytes: 65536 }, {}, root).output_window_bytes, 65536);
    for (const output_window_bytes of [65535, 1024 ** 3 + 1, '4194304', 1.5]) {
      assert.throws(() => normalizeConfig({ output_window_bytes }, {}, root), /'output_window_bytes'/, String(output_window_bytes));
    }
  });
});
