import { strict as assert } from 'node:assert';
import { parseCidr } from '../../../../ts/auth/cidr';

describe('auth/cidr', () => {
  it('reads an address or a CIDR, IPv4 and IPv6; a lone address is its own network', () => {
    assert.deepEqual(parseCidr('10.0.0.0/8'), { address: '10.0.0.0', family: 4, prefix: 8 });
    assert.deepEqual(parseCidr('192.0.2.7'), { address: '192.0.2.7', family: 4, prefix: 32 });
    assert.deepEqual(parseCidr('2001:db8::/32'), { address: '2001:db8::', family: 6, prefix: 32 });
    assert.deepEqual(parseCidr('::1'), { address: '::1', family: 6, prefix: 128 });
  });
  it('refuses a prefix too long for the family, a name, and anything but digits after the slash', () => {
    for (const text of ['10.0.0.0/33', '2001:db8::/129', 'localhost', '10.0.0.0/', '10.0.0.0/+8', '10.0.0.0/8 ', '10.0.0.0/0008', '']) {
      assert.equal(parseCidr(text), undefined, text);
    }
  });
});
