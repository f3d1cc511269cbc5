import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { normalizeConfig } from '../../../../ts/config';
import { currentPlatform } from '../../../../ts/platform';
import { root } from './hosts';

// Windows' defaults are its platform's (platform/index.test.ts checks them): ProgramData, no setsid, AIO paths
const PLATFORM = process.platform === 'win32'
  ? (({ stateDir, setsid, puppet }) => ({ state_dir: stateDir, setsid, puppet: puppet.distro }))(currentPlatform().paths)
  : {
      state_dir: '/var/lib/puppet-twitch',
      setsid: '/usr/bin/setsid',
      puppet: { statedir: '/var/cache/puppet/state', lastrunfile: '/var/cache/puppet/public/last_run_summary.yaml', conf: '/etc/puppet/puppet.conf' },
    };

describe('config: defaults', () => {
  it('applies every default in one place', () => {
    const c = normalizeConfig({}, {}, root);
    assert.equal(c.bind, '0.0.0.0');
    assert.equal(c.port, 2023);
    assert.equal(c.state_dir, PLATFORM.state_dir);
    assert.equal(c.history, 100);
    assert.deepEqual(c.puppet, {
      bin: '/usr/bin/puppet',
      mode: 'agent',
      sudo: false,
      setsid: PLATFORM.setsid,
      statedir: PLATFORM.puppet.statedir,
      lastrunfile: PLATFORM.puppet.lastrunfile,
      lastrunreport: join(PLATFORM.puppet.statedir, 'last_run_report.yaml'),
      conf: PLATFORM.puppet.conf,
      environments: [],
      max_splay: 0,
      run_timeout: 3600,
      args: [],
    });
  });
});
