import { strict as assert } from 'node:assert';
import { oneLine, printable, printableJson } from '../../../ts/text';

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
  it('writes JSON with no control character raw, that parses to the same value', () => {
    const value = { 'k\x9b': ['\x1b[2J\r\x7f\x85\u2028\u202e', 1, null, 'é\u200b'] };
    const text = printableJson(value, 2);
    assert.doesNotMatch(text, /[\0-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    assert.match(text, /"k\\u009b": \[\n    "\\u001b\[2J\\r\\u007f\\u0085\\u2028\\u202e",/);
    assert.deepEqual(JSON.parse(text), value);
    assert.equal(printableJson({ a: 1 }), '{"a":1}');
  });
  it('writes line breaks as \\n and \\r, so a text is one line', () => {
    assert.equal(oneLine('a\nb\r\nc\rd'), 'a\\nb\\r\\nc\\rd');
    assert.equal(oneLine('no break\there'), 'no break\there');
  });
});
