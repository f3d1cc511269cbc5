import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { normalizeConfig } from '../../../../ts/config';
import { currentPlatform } from '../../../../ts/platform';
import { root, user } from './hosts';

// Windows' AIO packages keep Puppet's files under ProgramData (platform/index.test.ts checks the paths)
const AIO = process.platform === 'win32'
  ? currentPlatform().paths.puppet.aio
  : { statedir: '/opt/puppetlabs/puppet/cache/state', lastrunfile: '/opt/puppetlabs/puppet/public/last_run_summary.yaml', conf: '/etc/puppetlabs/puppet/puppet.conf' };

describe('config: puppet', () => {
  it("uses the AIO packages' paths for an AIO puppet and sudo when not root", () => {
    const c = normalizeConfig({}, {}, user, '/etc/puppet-twitch/config.json');
    assert.equal(c.puppet.sudo, true);
    assert.equal(c.puppet.statedir, AIO.statedir);
    assert.equal(c.puppet.lastrunfile, AIO.lastrunfile);
    assert.equal(c.puppet.conf, AIO.conf);
    assert.equal(c.puppet.lastrunreport, join(AIO.statedir, 'last_run_report.yaml'));
  });
  it("takes lastrunreport as given, else Puppet's default in the statedir given", () => {
    assert.equal(normalizeConfig({ puppet: { statedir: '/srv/state' } }, {}, root).puppet.lastrunreport, join('/srv/state', 'last_run_report.yaml'));
    assert.equal(normalizeConfig({ puppet: { lastrunreport: '/srv/r.yaml' } }, {}, root).puppet.lastrunreport, '/srv/r.yaml');
    assert.throws(() => normalizeConfig({ puppet: { lastrunreport: 'r.yaml' } }, {}, root), /'puppet\.lastrunreport': must be an absolute path/);
  });
  it('names keys with wrong types or values', () => {
    const cases: [unknown, RegExp][] = [
      [{ puppet: { mode: 'daemon' } }, /'puppet.mode'/],
      [{ puppet: { mode: 'apply' } }, /'puppet.manifest': is required/],
      [{ puppet: { manifest: '/etc/site.pp' } }, /'puppet.manifest': is used only when puppet.mode is "apply"/],
      [{ puppet: { lockfile: '/x' } }, /Unknown config key 'puppet.lockfile'/],
      [{ puppet: { environments: ['Production'] } }, /'puppet.environments\[0\]'/],
      [{ puppet: { environments: 'production' } }, /'puppet.environments'/],
      [{ puppet: { run_timeout: -1 } }, /'puppet.run_timeout'/],
      [{ puppet: { max_splay: 1.5 } }, /'puppet.max_splay'/],
      [{ puppet: { bin: 'puppet' } }, /'puppet.bin': must be an absolute path/],
      [{ puppet: { sudo: 'yes' } }, /'puppet.sudo'/],
      [{ puppet: { args: '--noop' } }, /'puppet.args'/],
      [{ puppet: 'agent' }, /'puppet'/],
    ];
    for (const [raw, message] of cases) assert.throws(() => normalizeConfig(raw, {}, root), message, JSON.stringify(raw));
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
