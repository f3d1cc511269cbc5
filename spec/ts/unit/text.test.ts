import { strict as assert } from 'node:assert';
import { printable } from '../../../ts/text';

describe('text', () => {
  it('shows control characters escaped: C0, DEL, C1, line separators and bidirectional overrides', () => {
    assert.equal(printable('a\x1b[2J\r\n\t\0\x7f'), 'a\\x1b[2J\\x0d\\x0a\\x09\\x00\\x7f');
    assert.equal(printable('\x80\x85\x9b\x9f\xa0é'), '\\x80\\x85\\x9b\\x9f\xa0é');
    assert.equal(printable('\u2028\u2029\u202a\u202e\u2066\u2069\u200b'), '\\u2028\\u2029\\u202a\\u202e\\u2066\\u2069\u200b');
  });
  it('clips to max characters before escaping', () => {
    assert.equal(printable('x'.repeat(70)), `${'x'.repeat(64)}...`);
    assert.equal(printable('\x1b'.repeat(3), 2), '\\x1b\\x1b...');
    assert.equal(printable('long text', Infinity), 'long text');
  });
});
