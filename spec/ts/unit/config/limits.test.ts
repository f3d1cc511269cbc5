import { strict as assert } from 'node:assert';
import { normalizeConfig } from '../../../../ts/config';
import { root } from './hosts';

describe('config: limits', () => {
  it('has the documented limits by default', () => {
    assert.deepEqual(normalizeConfig({ state_dir: '/srv/twitch' }, {}, root).limits, { max_body_bytes: 1048576, triggers_per_minute: 60, min_run_interval: 0 });
  });
  it('names the limit that is wrong', () => {
    assert.throws(
      () => normalizeConfig({ limits: { triggers_per_minute: 0 } }, {}, root),
      (err: Error & { code?: string }) => err.code === 'CONFIG_INVALID' && /limits\.triggers_per_minute/.test(err.message),
    );
  });
});
