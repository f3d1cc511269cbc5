import { strict as assert } from 'node:assert';
import type { Identity } from '../../../../ts/auth/identity';
import { triggerRate } from '../../../../ts/auth/trigger-rate';
import { isTwitchError } from '../../../../ts/errors';

const refusedWith = (fn: () => void): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    assert.ok(isTwitchError(err));
    return err.message;
  }
};

describe('auth/trigger-rate: accepted and refused triggers a minute, per caller', () => {
  const alice: Identity = { kind: 'token', name: 'token:alice', scopes: new Set(['trigger']) };

  it('counts an anonymous caller by its address, an IPv4-mapped IPv6 address as the IPv4 one', () => {
    const rate = triggerRate({ accepted: 2, refused: 100 }, () => 1_000_000);
    rate.count(null, '192.0.2.7');
    rate.count(null, '::ffff:192.0.2.7');
    assert.match(refusedWith(() => rate.check(null, '192.0.2.7')) ?? '', /2 a minute for address:192\.0\.2\.7 \(limits\.triggers_per_minute\)/);
    assert.equal(refusedWith(() => rate.check(null, '192.0.2.8')), undefined);
  });

  it('keeps callers apart when they take turns, and counts a named identity by its name wherever it comes from', () => {
    const rate = triggerRate({ accepted: 100, refused: 2 }, () => 1_000_000);
    for (const peer of ['192.0.2.1', '192.0.2.2', '192.0.2.1']) rate.refused(null, peer);
    rate.refused(alice, '192.0.2.2');
    rate.refused(alice, '192.0.2.3');
    assert.match(refusedWith(() => rate.check(null, '192.0.2.1')) ?? '', /Too many refused triggers: 2 a minute for address:192\.0\.2\.1/);
    assert.equal(refusedWith(() => rate.check(null, '192.0.2.2')), undefined);
    assert.match(refusedWith(() => rate.check(alice, '192.0.2.9')) ?? '', /for token:alice \(limits\.refused_triggers_per_minute\)/);
    assert.equal(refusedWith(() => rate.check(null, '192.0.2.3')), undefined);
  });
});
