import { strict as assert } from 'node:assert';
import { normalizeConfig } from '../../../../ts/config';
import { root } from './hosts';

describe('config: normalizeConfig', () => {
  it('names unknown keys, nested ones too', () => {
    assert.throws(() => normalizeConfig({ prot: 1 }, {}, root), /Unknown config key 'prot'/);
    assert.throws(() => normalizeConfig({ puppet: { server: 'x' } }, {}, root), /Unknown config key 'puppet.server'/);
  });
  it('takes only a JSON object', () => {
    assert.throws(() => normalizeConfig([], {}, root), /JSON object/, '[]');
  });
});
