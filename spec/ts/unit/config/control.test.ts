import { strict as assert } from 'node:assert';
import { DEFAULTS, normalizeConfig } from '../../../../ts/config';
import { root } from './hosts';

describe('config: the control key', () => {
  it('keeps a disable over the API to 7 days unless told otherwise', () => {
    assert.equal(normalizeConfig({}, {}, root).control.max_disable_ttl, 604_800);
    assert.equal(DEFAULTS.control.max_disable_ttl, 604_800);
    assert.equal(normalizeConfig({ control: { max_disable_ttl: 3600 } }, {}, root).control.max_disable_ttl, 3600);
  });
  it('refuses a TTL limit out of range and unknown keys', () => {
    assert.throws(() => normalizeConfig({ control: { max_disable_ttl: 59 } }, {}, root), /'control.max_disable_ttl': must be an integer from 60 to 7776000/);
    assert.throws(() => normalizeConfig({ control: { max_disable_ttl: 7_776_001 } }, {}, root), /'control.max_disable_ttl'/);
    assert.throws(() => normalizeConfig({ control: { ttl: 1 } }, {}, root), /Unknown config key 'control.ttl'/);
    assert.throws(() => normalizeConfig({ control: [] }, {}, root), /'control': must be an object/);
  });
});
