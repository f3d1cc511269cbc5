import { strict as assert } from 'node:assert';
import { parseRunRequest, type TriggerInput } from '../../../../ts/http/params';

const puppet = { environments: ['production'], max_splay: 60 };
const input = (query: string, body = '', contentType = ''): TriggerInput => ({
  query: new URLSearchParams(query),
  body,
  contentType,
  client: '127.0.0.1',
  identity: null,
});
const parse = (query: string, body?: string, contentType?: string) => {
  const { request, stream } = parseRunRequest(input(query, body, contentType), puppet);
  return { ...request, stream };
};
const code = (c: string, re?: RegExp) => (e: Error & { code?: string }) => e.code === c && (re === undefined || re.test(e.message));

describe('trigger: parseRunRequest', () => {
  it('is async, rejecting when busy, without options by default', () => {
    assert.deepEqual(parse(''), { options: {}, splay: 0, async: true, stream: false, when_busy: 'reject', source: 'http', client: '127.0.0.1', identity: null });
    assert.equal(parse('async').async, true);
  });
  it('stream=true implies async=false; with async=true it is a 400 naming stream', () => {
    assert.deepEqual([parse('stream=true').stream, parse('stream=true').async], [true, false]);
    assert.deepEqual([parse('stream=1&async=false').stream, parse('stream=1&async=false').async], [true, false]);
    assert.equal(parse('stream=false').async, true);
    assert.throws(() => parse('stream=true&async=true'), code('BAD_PARAMETER', /^Parameter 'stream' needs async=false/));
    assert.throws(() => parse('stream=later'), code('BAD_PARAMETER', /'stream'/));
    assert.equal(parse('', '{"stream":true}', 'application/json').stream, true);
  });
  it('accepts true/false/1/0/yes/no in any case', () => {
    for (const v of ['true', '1', 'yes', 'TRUE', 'Yes']) assert.equal(parse(`async=${v}`).async, true, v);
    for (const v of ['false', '0', 'no', 'FALSE', 'No']) assert.equal(parse(`async=${v}`).async, false, v);
  });
  it('reads every option from the query, a form body or a JSON body', () => {
    const want = { noop: true, tags: ['web', 'db'], environment: 'production' };
    assert.deepEqual(parse('noop=true&tags=web,db&environment=production').options, want);
    assert.deepEqual(parse('', 'noop=1&tags=web%2Cdb&environment=production', 'application/x-www-form-urlencoded').options, want);
    assert.deepEqual(parse('', '{"noop":true,"tags":["web","db"],"environment":"production","splay":5}', 'application/json').options, want);
    assert.equal(parse('', '{"splay":5,"when_busy":"queue"}', 'application/json').splay, 5);
  });
  it('refuses bad values, naming the parameter', () => {
    for (const q of ['async=maybe', 'async=false;id', 'noop=perhaps', 'tags=a%20b', 'splay=-1', 'splay=1e3', 'when_busy=later', 'environment=a--b']) {
      assert.throws(() => parse(q), code('BAD_PARAMETER', new RegExp(`'${q.split('=')[0]}'`)), q);
    }
  });
  it('403 for an environment the config does not list and for splay over max_splay', () => {
    assert.throws(() => parse('environment=development'), code('FORBIDDEN', /^Environment 'development' is not allowed/));
    assert.throws(() => parse('splay=61'), code('FORBIDDEN', /over this node's limit of 60 seconds/));
    assert.throws(() => parseRunRequest(input('splay=1'), { environments: [], max_splay: 0 }), code('FORBIDDEN', /not allowed/));
  });
  it('refuses unknown and repeated parameters, in the query, the body, or across both', () => {
    assert.throws(() => parse('server=evil'), code('UNKNOWN_PARAMETER', /'server'/));
    assert.throws(() => parse('async=true&async=false'), /'async' is given more than once/);
    assert.throws(() => parse('noop=true', 'noop=false', 'application/x-www-form-urlencoded'), /'noop' is given more than once/);
    assert.throws(() => parse('', '{"noop":{"x":1}}', 'application/json'), code('BAD_PARAMETER', /'noop'/));
    for (const body of ['{"noop":true,"noop":false}', '{ "noop" : true ,\n "\\u006eoop":false}', '{"tags":["a"],"x":{"noop":1},"tags":"b"}']) {
      assert.throws(() => parse('', body, 'application/json'), code('BAD_PARAMETER', /^Parameter '(noop|tags)' is given more than once/), body);
    }
    assert.deepEqual(parse('', '{"tags":["noop", "noop:"], "noop" :true}', 'application/json').options, { tags: ['noop', 'noop:'], noop: true });
    assert.throws(() => parse('', 'noop=true', 'text/plain'), code('UNSUPPORTED_MEDIA_TYPE'));
    assert.throws(() => parse('', '{"noop":', 'application/json'), code('BAD_REQUEST', /not valid JSON/));
  });
  it('does not echo control characters back', () => {
    assert.throws(() => parse('async=a%0d%0aX-Evil:%201'), (e: Error) => !/[\r\n]/.test(e.message));
  });
});
