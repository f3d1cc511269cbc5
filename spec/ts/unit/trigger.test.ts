import { strict as assert } from 'node:assert';
import { parseRunRequest } from '../../../ts/trigger';

const parse = (query: string) => parseRunRequest(new URLSearchParams(query));

describe('trigger: parseRunRequest', () => {
  it('is async by default and for a bare async', () => {
    assert.deepEqual(parse(''), { async: true });
    assert.deepEqual(parse('async'), { async: true });
  });
  it('accepts true/false/1/0/yes/no in any case', () => {
    for (const v of ['true', '1', 'yes', 'TRUE', 'Yes']) assert.equal(parse(`async=${v}`).async, true, v);
    for (const v of ['false', '0', 'no', 'FALSE', 'No']) assert.equal(parse(`async=${v}`).async, false, v);
  });
  it('refuses other values, naming the parameter', () => {
    for (const q of ['async=maybe', 'async=false;id', 'async=false%0a--server']) {
      assert.throws(() => parse(q), (e: Error & { code?: string }) => e.code === 'BAD_PARAMETER' && /'async'/.test(e.message), q);
    }
  });
  it('does not echo control characters back', () => {
    assert.throws(() => parse('async=a%0d%0aX-Evil:%201'), (e: Error) => !/[\r\n]/.test(e.message));
  });
  it('refuses unknown and repeated parameters, naming them', () => {
    assert.throws(() => parse('server=evil'), (e: Error & { code?: string }) => e.code === 'UNKNOWN_PARAMETER' && /'server'/.test(e.message));
    assert.throws(() => parse('async=true&async=false'), /given more than once/);
  });
});
