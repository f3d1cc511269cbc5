import { strict as assert } from 'node:assert';
import { createHmac } from 'node:crypto';
import { allowList } from '../../../ts/auth/addresses';
import { createGate } from '../../../ts/auth/gate';
import { slidingWindow } from '../../../ts/auth/limiter';
import { bearerToken, findToken, tokenHash } from '../../../ts/auth/tokens';
import { verifyWebhook } from '../../../ts/auth/webhooks';
import type { WebhookEntry } from '../../../ts/config';

const hmac = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest('hex');

describe('auth: tokens', () => {
  it('parses Bearer headers strictly', () => {
    assert.equal(bearerToken(undefined), undefined);
    assert.equal(bearerToken('Bearer abc-_.~+/='), 'abc-_.~+/=');
    assert.equal(bearerToken('bearer abc'), 'abc');
    assert.equal(bearerToken('Basic abc'), null);
    assert.equal(bearerToken('Bearer a b'), null);
    assert.equal(bearerToken('Bearer'), null);
  });
  it('finds the entry by hash, and nothing for a near miss', () => {
    const tokens = [
      { id: 'a', sha256: tokenHash('token-a'), scopes: ['read' as const] },
      { id: 'b', sha256: tokenHash('token-b'), scopes: ['trigger' as const] },
    ];
    assert.equal(findToken(tokens, 'token-b')?.id, 'b');
    assert.equal(findToken(tokens, 'token-c'), undefined);
    assert.equal(findToken(tokens, tokenHash('token-a')), undefined);
  });
});

describe('auth: webhook signatures', () => {
  const hooks: WebhookEntry[] = [
    { id: 'one', type: 'github', secret: 'first-secret-value' },
    { id: 'two', type: 'github', secret: 'second-secret-value' },
    { id: 'mine', type: 'hmac', secret: 'hmac-secret-value!' },
  ];
  const body = Buffer.from('{"ref":"main"}');
  it('matches the github hook whose secret signed the body', () => {
    const v = verifyWebhook(hooks, 'github', { 'x-hub-signature-256': `sha256=${hmac('second-secret-value', body.toString())}` }, body);
    assert.deepEqual(v, { hook: hooks[1] });
    const wrong = verifyWebhook(hooks, 'github', { 'x-hub-signature-256': `sha256=${hmac('third', body.toString())}` }, body);
    assert.ok('error' in wrong);
  });
  it('checks the hmac window at both ends; a signature used again verifies (the trigger answers it as a repeated delivery)', () => {
    const now = 1_800_000_000_000;
    const sign = (t: number) => ({ 'x-twitch-signature': `t=${t},v1=${hmac('hmac-secret-value!', `${t}.${body}`)}` });
    const t = now / 1000;
    assert.ok('hook' in verifyWebhook(hooks, 'hmac', sign(t - 300), body, now));
    assert.ok('hook' in verifyWebhook(hooks, 'hmac', sign(t - 300), body, now), 'a repeat is judged by auth/deliveries.ts');
    assert.ok('error' in verifyWebhook(hooks, 'hmac', sign(t - 301), body, now), 'too old');
    assert.ok('error' in verifyWebhook(hooks, 'hmac', sign(t + 301), body, now), 'too far ahead');
    assert.ok('hook' in verifyWebhook(hooks, 'hmac', sign(t + 300), body, now));
  });
  it('says when no hook of a type is configured', () => {
    const v = verifyWebhook(hooks, 'gitlab', { 'x-gitlab-token': 'x' }, body);
    assert.deepEqual(v, { error: 'no gitlab webhook is configured on this node (auth.webhooks), so x-gitlab-token is not accepted' });
  });
});

describe('auth: allowlists and limits', () => {
  it('matches IPv4 and IPv6 CIDRs, and IPv4-mapped addresses as IPv4', () => {
    const allowed = allowList(['10.0.0.0/8', '2001:db8::/32', '192.0.2.7']);
    assert.equal(allowed('10.200.0.1'), true);
    assert.equal(allowed('::ffff:10.1.2.3'), true);
    assert.equal(allowed('11.0.0.1'), false);
    assert.equal(allowed('2001:db8:1::5'), true);
    assert.equal(allowed('2001:db9::1'), false);
    assert.equal(allowed('192.0.2.7'), true);
    assert.equal(allowed('192.0.2.8'), false);
    assert.equal(allowList([])('203.0.113.1'), true);
  });
  it('counts in a sliding window and says when to retry', () => {
    const w = slidingWindow(2, 60_000);
    assert.equal(w.hit('a', 0), undefined);
    assert.equal(w.hit('a', 10_000), undefined);
    assert.equal(w.hit('a', 20_000), 40);
    assert.equal(w.over('b', 20_000), undefined);
    assert.equal(w.hit('a', 60_001), undefined);
  });
  it('blocks an address for a minute after more than 10 failed authentications', () => {
    let now = 0;
    const gate = createGate({
      auth: { tokens: [{ id: 'a', sha256: tokenHash('good'), scopes: ['read'] }], webhooks: [], allow_from: [], public_read: false },
      clientCerts: false,
      now: () => now,
    });
    const identify = (token: string) => gate.identify({ authorization: `Bearer ${token}` }, null, '192.0.2.1', 'read');
    for (let i = 0; i < 11; i++) assert.throws(() => identify('bad'), { code: 'UNAUTHORIZED' });
    assert.throws(() => identify('good'), { code: 'TOO_MANY_REQUESTS' });
    assert.equal(gate.identify({ authorization: 'Bearer good' }, null, '192.0.2.2', 'read')?.name, 'token:a', 'other addresses are not blocked');
    now = 61_000;
    assert.equal(identify('good')?.name, 'token:a');
  });
  it("does not refuse a valid webhook signature for its address's failed authentications; a wrong one is refused", () => {
    const secret = 'a-webhook-secret-value';
    const gate = createGate({
      auth: { tokens: [{ id: 'a', sha256: tokenHash('good'), scopes: ['read'] }], webhooks: [{ id: 'gh', type: 'github', secret }], allow_from: [], public_read: false },
      clientCerts: false,
      now: () => 0,
    });
    for (let i = 0; i < 11; i++) assert.throws(() => gate.identify({ authorization: 'Bearer bad' }, null, '192.0.2.1', 'trigger'), { code: 'UNAUTHORIZED' });
    const body = Buffer.from('{"zen":"hi"}');
    const signed = { 'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}` };
    assert.equal(gate.identify(signed, null, '192.0.2.1', 'trigger'), null, 'judged with its body');
    assert.equal(gate.verify('github', signed, body, '192.0.2.1').name, 'webhook:gh');
    assert.throws(() => gate.verify('github', { 'x-hub-signature-256': 'sha256=00' }, body, '192.0.2.1'), { code: 'TOO_MANY_REQUESTS' });
  });
});
