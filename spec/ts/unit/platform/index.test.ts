import { strict as assert } from 'node:assert';
import { DEFAULTS, DEFAULT_CONFIG_FILE, normalizeConfig } from '../../../../ts/config';
import { currentPlatform } from '../../../../ts/platform';

const windows = process.platform === 'win32';

describe('platform: the one picked', () => {
  it('is windows on Windows, posix elsewhere, picked once', () => {
    assert.equal(currentPlatform().name, windows ? 'windows' : 'posix');
    assert.equal(currentPlatform(), currentPlatform());
  });

  it("gives the config its default paths: Windows paths on Windows, without a config file", () => {
    const { paths } = currentPlatform();
    assert.equal(DEFAULT_CONFIG_FILE, paths.configFile);
    assert.equal(DEFAULTS.state_dir, paths.stateDir);
    const config = normalizeConfig({}, {}, { isRoot: true, findPuppet: () => paths.aioPuppet });
    assert.equal(config.state_dir, paths.stateDir);
    assert.equal(config.puppet.statedir, paths.puppet.aio.statedir);
    if (windows) {
      assert.match(config.state_dir, /^[A-Z]:\\.*\\PuppetTwitch\\state$/);
      assert.match(config.audit_log, /^[A-Z]:\\.*\\PuppetTwitch\\state\\audit\.log$/);
      assert.match(config.puppet.bin, /\\Puppet Labs\\Puppet\\bin\\puppet\.bat$/);
    } else {
      assert.equal(config.audit_log, '/var/lib/puppet-twitch/audit.log');
    }
  });

  it('needs no config file for the boundary where it is a helper service on a pipe, and does for sudo', () => {
    const { paths } = currentPlatform();
    const host = { isRoot: false, findPuppet: () => paths.aioPuppet, helperPipe: paths.helperPipe };
    if (paths.helperPipe !== undefined) assert.equal(normalizeConfig({}, {}, host).puppet.sudo, true);
    else assert.throws(() => normalizeConfig({}, {}, host), /'puppet.sudo': needs a config file/);
  });
});
