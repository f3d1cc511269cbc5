import { strict as assert } from 'node:assert';
import { normalizeConfig, redactSecrets } from '../../../../ts/config';
import { root } from './hosts';

const config = (raw: object) => normalizeConfig(raw, {}, root);
const refused = (pattern: RegExp) => (err: Error & { code?: string }) => err.code === 'CONFIG_INVALID' && pattern.test(err.message);

describe('config: auth', () => {
  it('defaults to an open service', () => {
    const c = config({ state_dir: '/srv/twitch' });
    assert.deepEqual(c.auth, { tokens: [], webhooks: [], allow_from: [], public_read: false });
  });
  it('refuses a plaintext token, an unknown scope, a duplicate id, a short secret and a bad CIDR, naming the key', () => {
    const t = { id: 'deploy', sha256: 'a'.repeat(64), scopes: ['trigger'] };
    assert.throws(() => config({ auth: { tokens: [{ ...t, sha256: 'my-token' }] } }), refused(/auth\.tokens\[0\]\.sha256/));
    assert.throws(() => config({ auth: { tokens: [{ ...t, scopes: ['admin'] }] } }), refused(/auth\.tokens\[0\]\.scopes\[0\]/));
    assert.throws(() => config({ auth: { tokens: [t, t] } }), refused(/auth\.tokens\[1\]\.id.*used twice/));
    assert.throws(() => config({ auth: { tokens: [{ ...t, extra: 1 }] } }), refused(/Unknown config key 'auth\.tokens\[0\]\.extra'/));
    assert.throws(() => config({ auth: { webhooks: [{ id: 'x', type: 'github', secret: 'short' }] } }), refused(/auth\.webhooks\[0\]\.secret/));
    assert.throws(() => config({ auth: { webhooks: [{ id: 'x', type: 'bitbucket', secret: 'x'.repeat(20) }] } }), refused(/auth\.webhooks\[0\]\.type/));
    assert.throws(() => config({ auth: { allow_from: ['10.0.0.0/33'] } }), refused(/auth\.allow_from\[0\]/));
    assert.throws(() => config({ auth: { public_read: 'yes' } }), refused(/auth\.public_read/));
  });
  it("takes a webhook's run options, checked as an HTTP caller's against puppet.environments, and names a bad one", () => {
    const hook = { id: 'control-repo', type: 'github', secret: 'a-long-enough-secret' };
    const withHook = (options: unknown) => config({ puppet: { environments: ['production'] }, auth: { webhooks: [{ ...hook, options }] } });
    assert.deepEqual(withHook({ noop: true, tags: ['NTP'], skip_tags: [], environment: 'production' }).auth.webhooks[0].options, {
      noop: true,
      tags: ['ntp'],
      environment: 'production',
    });
    assert.equal('options' in config({ auth: { webhooks: [hook] } }).auth.webhooks[0], false, 'no options: none added');
    assert.throws(() => withHook('noop'), refused(/'auth\.webhooks\[0\]\.options': must be an object of run options/));
    assert.throws(() => withHook({ async: false }), refused(/Unknown config key 'auth\.webhooks\[0\]\.options\.async'/));
    assert.throws(() => withHook({ tags: ['--server=x'] }), refused(/'auth\.webhooks\[0\]\.options': Invalid value for parameter 'tags'/));
    assert.throws(() => withHook({ environment: 'staging' }), refused(/'auth\.webhooks\[0\]\.options': Environment 'staging' is not allowed/));
  });
  it('never puts a secret into an error message, and redacts secrets in the printed config', () => {
    const secret = 'S3CRET\u0001-with-a-control-character';
    assert.throws(() => config({ auth: { webhooks: [{ id: 'x', type: 'github', secret }] } }), (err: Error) => !err.message.includes('S3CRET'));
    const c = config({ auth: { webhooks: [{ id: 'x', type: 'gitlab', secret: 'a-long-enough-secret' }] } });
    assert.equal(JSON.stringify(redactSecrets(c)).includes('a-long-enough-secret'), false);
  });
});
