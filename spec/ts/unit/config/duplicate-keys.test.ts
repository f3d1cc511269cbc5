import { strict as assert } from 'node:assert';
import { duplicateKey } from '../../../../ts/config/duplicate-keys';

describe('config: a key given twice', () => {
  it('finds none in a document whose keys are each given once per object', () => {
    for (const text of [
      '{}',
      '[]',
      '"port"',
      '{"port": 8140, "puppet": {"port": 1, "bin": "/x"}, "auth": {"tokens": [{"id": "a"}, {"id": "b"}]}}',
      '{"a": "\\"a\\"", "b": ["a", "a", {"a": 1}, {"a": 2}], "c": {"a": {"a": {"a": null}}}}',
      '{"k": "{\\"k\\": 1, \\"k\\": 2}"}',
      ' { "a" : 1 , "A" : 2 , "a\\u0000" : 3 } ',
    ]) {
      assert.equal(duplicateKey(text), undefined, text);
    }
  });
  it('names a key given twice at the top, by its name', () => {
    assert.equal(duplicateKey('{"port": 1, "bind": "::", "port": 2}'), 'port');
  });
  it('names a nested one by its full name, through objects and arrays', () => {
    assert.equal(duplicateKey('{"puppet": {"bin": "/a", "mode": "agent", "bin": "/b"}}'), 'puppet.bin');
    assert.equal(duplicateKey('{"auth": {"tokens": [{"id": "a"}, {"id": "b", "scopes": [], "id": "c"}]}}'), 'auth.tokens[1].id');
    assert.equal(duplicateKey('[[1, 2], [{"x": 1, "x": 2}]]'), '[1][0].x');
  });
  it('compares keys as JSON.parse reads them: escapes decoded', () => {
    assert.equal(duplicateKey('{"port": 1, "p\\u006frt": 2}'), 'port');
    assert.equal(duplicateKey('{"a\\"b": 1, "a\\u0022b": 2}'), 'a"b');
  });
  it('is not misled by braces, brackets, commas, colons or quotes inside strings', () => {
    assert.equal(duplicateKey('{"a": "}", "b": "{\\"a\\":", "c": "[,]", "a": 2}'), 'a');
    assert.equal(duplicateKey('{"x\\\\": {"y": 1}, "z": "\\\\", "y": 1}'), undefined);
  });
  it('reads a large config, with many objects of the same keys', () => {
    const tokens = Array.from({ length: 5000 }, (_, i) => ({ id: `t${i}`, hash: 'x'.repeat(64), scopes: ['trigger'] }));
    assert.equal(duplicateKey(JSON.stringify({ auth: { tokens } }, null, 2)), undefined);
    assert.equal(duplicateKey(JSON.stringify({ auth: { tokens } }).replace(/\}\]\}\}$/, ',"id":"again"}]}}')), 'auth.tokens[4999].id');
  });
});
