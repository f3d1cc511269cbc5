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
  it('takes tls with cert, key and ca, and applies the tls defaults', () => {
    assert.equal(normalizeConfig({}, {}, root).tls, undefined);
    const files = { cert: '/ssl/certs/node01.pem', key: '/ssl/private_keys/node01.pem', ca: '/ssl/certs/ca.pem' };
    assert.deepEqual(normalizeConfig({ tls: files }, {}, root).tls, { ...files, client_certs: 'none', allowed_certnames: [] });
    const full = { ...files, crl: '/ssl/crl.pem', client_certs: 'required', allowed_certnames: ['*.ops.example.com', 'deploy01.example.com'] };
    assert.deepEqual(normalizeConfig({ tls: full }, {}, root).tls, full);
  });
  it('names the tls key that is wrong', () => {
    const files = { cert: '/c.pem', key: '/k.pem', ca: '/ca.pem' };
    const cases: [unknown, RegExp][] = [
      ['on', /'tls': must be an object/],
      [{ ...files, cert: undefined }, /'tls.cert': is required when tls is set/],
      [{ ...files, key: undefined }, /'tls.key': is required when tls is set/],
      [{ ...files, ca: undefined }, /'tls.ca': is required when tls is set/],
      [{ ...files, key: 'private/k.pem' }, /'tls.key': must be an absolute path/],
      [{ ...files, crl: 'crl.pem' }, /'tls.crl': must be an absolute path/],
      [{ ...files, client_certs: 'yes' }, /'tls.client_certs': must be "none", "optional", "required", got "yes"/],
      [{ ...files, client_certs: true }, /'tls.client_certs'/],
      [{ ...files, allowed_certnames: '*.ops.example.com' }, /'tls.allowed_certnames': must be an array/],
      [{ ...files, allowed_certnames: ['ok.example.com', 'Bad.example.com'] }, /'tls.allowed_certnames\[1\]': must be a certname pattern/],
      [{ ...files, allowed_certnames: [''] }, /'tls.allowed_certnames\[0\]': must be a non-empty string/],
      [{ ...files, certificate: '/x' }, /Unknown config key 'tls.certificate'/],
    ];
    for (const [tls, message] of cases) assert.throws(() => normalizeConfig({ tls }, {}, root), message, JSON.stringify(tls));
  });
  it('needs a config file when sudo is on, and a puppet binary', () => {
    assert.throws(() => normalizeConfig({}, {}, user), /'puppet.sudo': needs a config file/);
    assert.throws(() => normalizeConfig({}, {}, { isRoot: true, findPuppet: () => undefined }), /no puppet found/);
  });
});
