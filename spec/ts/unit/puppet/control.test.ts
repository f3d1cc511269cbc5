import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { controlCommand, controlSteps, MAX_LOCK_MESSAGE, MAX_MESSAGE, messageProblem, runControl } from '../../../../ts/puppet/control';
import { parseRequest } from '../../../../ts/puppet/protocol';

import { currentPlatform } from '../../../../ts/platform';

const WINDOWS = process.platform === 'win32';

const puppet = { environments: ['production'] };

describe('puppet/control: disable and enable, asked as data and checked again as root', () => {
  it('parses a disable (with the message it may replace) and an enable', () => {
    assert.deepEqual(parseRequest('{"action":"disable","message":"db upgrade"}', puppet), { action: 'disable', message: 'db upgrade' });
    assert.deepEqual(parseRequest('{"action":"disable","message":"b","replace":"a"}', puppet), { action: 'disable', message: 'b', replace: 'a' });
    assert.deepEqual(parseRequest('{"action":"enable","message":"db upgrade"}', puppet), { action: 'enable', message: 'db upgrade' });
  });

  it('refuses hostile or malformed control requests', () => {
    const hostile: Array<[string, RegExp]> = [
      ['{"action":"disable"}', /keys action, message and perhaps replace/],
      ['{"action":"disable","message":"   "}', /message is required/],
      ['{"action":"disable","message":42}', /message is required/],
      ['{"action":"disable","message":"a\\nInfo: forged"}', /printable/],
      ['{"action":"disable","message":"a\\u001b[2Jb"}', /printable/],
      ['{"action":"disable","message":"a\\u202eb"}', /printable/],
      ['{"action":"disable","message":"a\\u0085b"}', /printable/],
      [`{"action":"disable","message":"${'x'.repeat(MAX_LOCK_MESSAGE + 1)}"}`, /at most 1024/],
      ['{"action":"disable","message":"a","args":["--server=x"]}', /keys action, message and perhaps replace/],
      ['{"action":"disable","message":"a","replace":"b\\u0000"}', /replace must be printable/],
      ['{"action":"enable"}', /exactly the keys action, message/],
      ['{"action":"enable","message":"a","force":true}', /exactly the keys action, message/],
    ];
    for (const [line, message] of hostile) assert.throws(() => parseRequest(line, puppet), message, line.slice(0, 80));
  });

  it("checks a caller's message with the same rule, at the caller's limit", () => {
    assert.equal(messageProblem('maintenance: kernel update', MAX_MESSAGE), undefined);
    assert.match(messageProblem('x'.repeat(MAX_MESSAGE + 1), MAX_MESSAGE) ?? '', /at most 256/);
    assert.match(messageProblem('tab\there', MAX_MESSAGE) ?? '', /printable/);
  });

  it('puts the message in one argv element that no option parser can take for an option', () => {
    const config = { bin: '/opt/puppetlabs/bin/puppet', args: ['--confdir=/etc/p'] };
    assert.deepEqual(controlCommand(config, 'disable', '--enable; rm -rf / $(id)'), {
      file: config.bin,
      args: ['agent', '--confdir=/etc/p', '--disable=--enable; rm -rf / $(id)'],
    });
    assert.deepEqual(controlCommand(config, 'enable').args, ['agent', '--confdir=/etc/p', '--enable']);
  });

  it("never replaces or ends someone else's disable", () => {
    assert.deepEqual(controlSteps({ action: 'disable', message: 'm' }, undefined), ['disable']);
    assert.deepEqual(controlSteps({ action: 'disable', message: 'm' }, 'm'), []);
    assert.deepEqual(controlSteps({ action: 'disable', message: 'm' }, 'theirs'), []);
    assert.deepEqual(controlSteps({ action: 'disable', message: 'm' }, null), []);
    assert.deepEqual(controlSteps({ action: 'disable', message: 'm2', replace: 'm' }, 'm'), ['enable', 'disable']);
    assert.deepEqual(controlSteps({ action: 'disable', message: 'm2', replace: 'm' }, 'theirs'), []);
    assert.deepEqual(controlSteps({ action: 'enable', message: 'm' }, 'm'), ['enable']);
    assert.deepEqual(controlSteps({ action: 'enable', message: 'm' }, 'theirs'), []);
    assert.deepEqual(controlSteps({ action: 'enable', message: 'm' }, null), []);
    assert.deepEqual(controlSteps({ action: 'enable', message: 'm' }, undefined), []);
  });

  describe('runControl, with a stand-in puppet that writes the lock as Puppet does', () => {
    let dir: string;
    let config: Parameters<typeof runControl>[0];
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'control-'));
      // a stand-in for puppet, in Node so that it runs the same on every platform: --disable=MSG writes the lock
      // as Puppet does, --enable removes it, --fail exits 3
      const script = join(dir, 'stand-in.js');
      writeFileSync(
        script,
        `const fs = require('fs'); const lock = ${JSON.stringify(join(dir, 'agent_disabled.lock'))};\n` +
          `for (const a of process.argv.slice(2)) {\n` +
          `  if (a.startsWith('--disable=')) fs.writeFileSync(lock, JSON.stringify({ disabled_message: a.slice(10) }));\n` +
          `  if (a === '--enable') fs.rmSync(lock, { force: true });\n` +
          `  if (a === '--fail') process.exit(3);\n` +
          `}\n`,
      );
      const bin = join(dir, WINDOWS ? 'puppet.cmd' : 'puppet');
      writeFileSync(bin, WINDOWS ? `@"${process.execPath}" "${script}" %*\r\n` : `#!${process.execPath}\nrequire(${JSON.stringify(script)});\n`, { mode: 0o755 });
      config = { bin, args: [], statedir: dir } as unknown as Parameters<typeof runControl>[0];
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    // cmd.exe, which runs a .cmd stand-in on Windows, has its own quoting: there the message has no quotes in it
    const ours = WINDOWS ? 'ours, for the window' : 'ours "quoted"';
    it('disables, leaves a foreign disable alone, and ends only its own', async () => {
      const platform = { ownGroup: { detached: false }, paths: currentPlatform().paths };
      assert.deepEqual(await runControl(config, { action: 'disable', message: ours }, platform), {
        event: 'control',
        enabled: false,
        message: ours,
        changed: true,
      });
      assert.deepEqual(await runControl(config, { action: 'enable', message: 'not ours' }, platform), {
        event: 'control',
        enabled: false,
        message: ours,
        changed: false,
      });
      assert.deepEqual(await runControl(config, { action: 'enable', message: ours }, platform), {
        event: 'control',
        enabled: true,
        message: null,
        changed: true,
      });
    });

    it('says how puppet failed', async () => {
      config = { ...config, args: ['--fail'] };
      await assert.rejects(runControl(config, { action: 'disable', message: 'm' }, { ownGroup: { detached: false }, paths: currentPlatform().paths }), /puppet agent --disable failed \(exit 3\)/);
    });
  });
});
