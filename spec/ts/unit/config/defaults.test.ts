import { strict as assert } from 'node:assert';
import { normalizeConfig } from '../../../../ts/config';
import { root } from './hosts';

describe('config: defaults', () => {
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
      lastrunreport: '/var/cache/puppet/state/last_run_report.yaml',
      conf: '/etc/puppet/puppet.conf',
      environments: [],
      max_splay: 0,
      run_timeout: 3600,
      args: [],
    });
  });
});
