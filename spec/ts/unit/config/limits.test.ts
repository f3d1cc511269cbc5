import { strict as assert } from 'node:assert';
import { normalizeConfig } from '../../../../ts/config';
import { root } from './hosts';

describe('config: limits', () => {
  it('has the documented limits by default', () => {
    assert.deepEqual(normalizeConfig({ state_dir: '/srv/twitch' }, {}, root).limits, {
      max_body_bytes: 1048576,
      triggers_per_minute: 60,
      min_run_interval: 0,
      refused_triggers_per_minute: 600,
      refusal_reuse_seconds: 1,
      max_held: null,
    });
  });
  it('refuses ten times triggers_per_minute a minute by default, and takes the held-answer budget and refusal reuse as given', () => {
    const limits = normalizeConfig({ limits: { triggers_per_minute: 3, max_held: 8, refusal_reuse_seconds: 0 } }, {}, root).limits;
    assert.equal(limits.refused_triggers_per_minute, 30);
    assert.equal(limits.max_held, 8);
    assert.equal(limits.refusal_reuse_seconds, 0);
    for (const bad of [{ max_held: 0 }, { refusal_reuse_seconds: 61 }, { refused_triggers_per_minute: 'x' }]) {
      assert.throws(() => normalizeConfig({ limits: bad }, {}, root), { code: 'CONFIG_INVALID', message: new RegExp(`limits\\.${Object.keys(bad)[0]}`) });
    }
  });
  it('takes allowed_hosts as host names or "*", naming a bad one', () => {
    assert.deepEqual(normalizeConfig({}, {}, root).allowed_hosts, []);
    assert.deepEqual(normalizeConfig({ allowed_hosts: ['node01.example.com', 'puppet-node01', '*'] }, {}, root).allowed_hosts, ['node01.example.com', 'puppet-node01', '*']);
    for (const bad of ['http://x', 'a b', '', 7]) {
      assert.throws(() => normalizeConfig({ allowed_hosts: ['ok', bad] }, {}, root), { code: 'CONFIG_INVALID', message: /allowed_hosts\[1\]/ });
    }
  });
  it('names the limit that is wrong', () => {
    assert.throws(
      () => normalizeConfig({ limits: { triggers_per_minute: 0 } }, {}, root),
      (err: Error & { code?: string }) => err.code === 'CONFIG_INVALID' && /limits\.triggers_per_minute/.test(err.message),
    );
  });
});
