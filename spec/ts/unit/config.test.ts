import { strict as assert } from 'node:assert';
import { normalizeConfig, type Host } from '../../../ts/config';

const root: Host = { isRoot: true, findPuppet: () => '/usr/bin/puppet' };
const user: Host = { isRoot: false, findPuppet: () => '/opt/puppetlabs/bin/puppet' };
const invalid = (code = 'CONFIG_INVALID') => (err: { code?: string }) => err.code === code;

describe('config: normalizeConfig', () => {
  it('applies every default in one place', () => {
    const c = normalizeConfig({}, {}, root);
    assert.equal(c.bind, '0.0.0.0');
    assert.equal(c.port, 2023);
    assert.equal(c.state_dir, '/var/lib/puppet-twitch');
    assert.equal(c.history, 100);
    assert.deepEqual(c.puppet, {
      bin: '/usr/bin/puppet',
      mode: 'agent',
      sudo: false,
      setsid: '/usr/bin/setsid',
      statedir: '/var/cache/puppet/state',
      lastrunfile: '/var/cache/puppet/public/last_run_summary.yaml',
      environments: [],
      max_splay: 0,
      run_timeout: 3600,
      args: [],
    });
  });
  it("uses the AIO packages' paths for an AIO puppet and sudo when not root", () => {
    const c = normalizeConfig({}, {}, user, '/etc/puppet-twitch/config.json');
    assert.equal(c.puppet.sudo, true);
    assert.equal(c.puppet.statedir, '/opt/puppetlabs/puppet/cache/state');
    assert.equal(c.puppet.lastrunfile, '/opt/puppetlabs/puppet/public/last_run_summary.yaml');
  });
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
  it('names unknown keys, nested ones too', () => {
    assert.throws(() => normalizeConfig({ prot: 1 }, {}, root), /Unknown config key 'prot'/);
    assert.throws(() => normalizeConfig({ puppet: { server: 'x' } }, {}, root), /Unknown config key 'puppet.server'/);
  });
  it('names keys with wrong types or values', () => {
    const cases: [unknown, RegExp][] = [
      [{ port: '80a' }, /'port'/],
      [{ port: '2023' }, /'port': must be an integer/],
      [{ port: 70000 }, /'port'/],
      [{ puppet: { mode: 'daemon' } }, /'puppet.mode'/],
      [{ puppet: { mode: 'apply' } }, /'puppet.manifest': is required/],
      [{ puppet: { manifest: '/etc/site.pp' } }, /'puppet.manifest': is used only when puppet.mode is "apply"/],
      [{ puppet: { lockfile: '/x' } }, /Unknown config key 'puppet.lockfile'/],
      [{ puppet: { environments: ['Production'] } }, /'puppet.environments\[0\]'/],
      [{ puppet: { environments: 'production' } }, /'puppet.environments'/],
      [{ puppet: { run_timeout: -1 } }, /'puppet.run_timeout'/],
      [{ puppet: { max_splay: 1.5 } }, /'puppet.max_splay'/],
      [{ history: 0 }, /'history'/],
      [{ state_dir: 'var/lib' }, /'state_dir': must be an absolute path/],
      [{ puppet: { bin: 'puppet' } }, /'puppet.bin': must be an absolute path/],
      [{ puppet: { sudo: 'yes' } }, /'puppet.sudo'/],
      [{ puppet: { args: '--noop' } }, /'puppet.args'/],
      [{ puppet: 'agent' }, /'puppet'/],
      [[], /JSON object/],
    ];
    for (const [raw, message] of cases) assert.throws(() => normalizeConfig(raw, {}, root), message, JSON.stringify(raw));
    assert.throws(() => normalizeConfig({ port: 'x' }, {}, root), invalid());
  });
  it('refuses extra arguments that could smuggle something to puppet as root', () => {
    // A value may hold any printable text: it stays one argv element, and no shell ever sees it.
    for (const arg of ['--server=puppet.example', '--noop', '--tags=a;b c']) normalizeConfig({ puppet: { args: [arg] } }, {}, root);
    for (const arg of ['-v', 'apply', '--tags=a\n--server=x', '--', ';id']) {
      assert.throws(() => normalizeConfig({ puppet: { args: [arg] } }, {}, root), /puppet\.args\[0\]/, arg);
    }
  });
  it('needs a config file when sudo is on, and a puppet binary', () => {
    assert.throws(() => normalizeConfig({}, {}, user), /'puppet.sudo': needs a config file/);
    assert.throws(() => normalizeConfig({}, {}, { isRoot: true, findPuppet: () => undefined }), /no puppet found/);
  });
});
