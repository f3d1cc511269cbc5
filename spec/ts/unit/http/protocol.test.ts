import { strict as assert } from 'node:assert';
import { loggedPath, splitTarget } from '../../../../ts/http/protocol';

describe('http/protocol: the request target', () => {
  it('splits an origin-form target into path and query, and refuses any other form', () => {
    assert.deepEqual(splitTarget('/puppet/runs?limit=20'), { path: '/puppet/runs', query: 'limit=20' });
    assert.deepEqual(splitTarget('/healthz'), { path: '/healthz', query: '' });
    assert.equal(splitTarget('*'), undefined);
    assert.equal(splitTarget('http://node01/healthz'), undefined);
  });

  it('logs a target without its query, also one that is not a path, and at most 200 characters of it', () => {
    assert.equal(loggedPath('/puppet/twitch?token=secret&noop=true'), '/puppet/twitch');
    assert.equal(loggedPath('/healthz'), '/healthz');
    assert.equal(loggedPath('http://node01/x?token=secret'), 'http://node01/x');
    assert.equal(loggedPath('?token=secret'), '');
    assert.equal(loggedPath(`/${'a'.repeat(300)}?q`), `/${'a'.repeat(199)}`);
    assert.equal(loggedPath('-'), '-');
  });
});
