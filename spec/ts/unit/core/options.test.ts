import { strict as assert } from 'node:assert';
import { checkOptions, optionArgs, sameOptions } from '../../../../ts/core/options';

const puppet = { environments: ['production', 'staging_2'] };
const code = (c: string) => (err: { code?: string }) => err.code === c;

describe('options: what a caller may ask of puppet', () => {
  it('turns each option into separate puppet arguments', () => {
    const options = checkOptions({ noop: true, tags: ['Web', 'ntp::server'], skip_tags: ['slow'], environment: 'staging_2' }, puppet);
    assert.deepEqual(optionArgs(options), ['--noop', '--tags', 'web,ntp::server', '--skip_tags', 'slow', '--environment', 'staging_2']);
    assert.deepEqual(optionArgs(checkOptions({ noop: false }, puppet)), ['--no-noop']);
    assert.deepEqual(optionArgs(checkOptions({}, puppet)), []);
  });
  it("refuses tags outside Puppet's tag syntax, and too many or too long", () => {
    for (const tag of ['--server', 'a b', '', ':a', 'a;b', 'a\nb', 'é']) {
      assert.throws(() => checkOptions({ tags: [tag] }, puppet), code('BAD_PARAMETER'), JSON.stringify(tag));
    }
    assert.throws(() => checkOptions({ tags: Array.from({ length: 33 }, (_, i) => `t${i}`) }, puppet), /at most 32 tags/);
    assert.throws(() => checkOptions({ skip_tags: ['a'.repeat(1025)] }, puppet), /at most 1024 characters/);
    assert.throws(() => checkOptions({ tags: 'web' }, puppet), /'tags': must be a list/);
  });
  it('allows only the environments of the config: 403 for another, 400 for a bad name', () => {
    assert.throws(() => checkOptions({ environment: 'development' }, puppet), (e: Error & { code?: string }) =>
      e.code === 'FORBIDDEN' && e.message.startsWith("Environment 'development' is not allowed"));
    assert.throws(() => checkOptions({ environment: 'production' }, { environments: [] }), code('FORBIDDEN'));
    assert.throws(() => checkOptions({ environment: 'Prod--server=x' }, puppet), code('BAD_PARAMETER'));
  });
  it('refuses unknown keys and wrong types', () => {
    assert.throws(() => checkOptions({ server: 'evil' }, puppet), code('UNKNOWN_PARAMETER'));
    assert.throws(() => checkOptions({ noop: 'true' }, puppet), /'noop': use true or false/);
  });
  it('compares options regardless of tag order', () => {
    assert.equal(sameOptions({ tags: ['a', 'b'] }, { tags: ['b', 'a'] }), true);
    assert.equal(sameOptions({ noop: true }, {}), false);
  });
});
