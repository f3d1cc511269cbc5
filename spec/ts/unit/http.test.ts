import { strict as assert } from 'node:assert';
import { replyForError, replyForTrigger } from '../../../ts/http/respond';
import { route, routes } from '../../../ts/http/routes';
import { outcomeOf } from '../../../ts/puppet/outcome';
import type { Runner } from '../../../ts/runner';

const idle: Runner = { trigger: async () => ({ kind: 'started' }), state: () => 'idle', shutdown: () => undefined };

describe('http: routes and replies', () => {
  const table = routes(idle);
  it('routes known paths and methods', async () => {
    assert.deepEqual(await route(table, '/puppet/twitch', 'POST')(new URLSearchParams()), { status: 202, body: 'Triggered puppet run' });
    assert.equal((await route(table, '/healthz', 'GET')(new URLSearchParams())).body, 'ok');
  });
  it('answers 404 for unknown paths and 405 with Allow for wrong methods', () => {
    assert.deepEqual(replyForError(catchErr(() => route(table, '/nope', 'GET'))).status, 404);
    assert.equal(replyForError(catchErr(() => route(table, '/toString', 'GET'))).status, 404);
    const reply = replyForError(catchErr(() => route(table, '/puppet/twitch', 'HEAD')));
    assert.equal(reply.status, 405);
    assert.deepEqual(reply.headers, { Allow: 'GET, POST' });
  });
  it('maps every trigger result to the original bodies', () => {
    assert.deepEqual(replyForTrigger({ kind: 'busy' }), { status: 409, body: 'Puppet already running', headers: { 'Retry-After': '30' } });
    assert.deepEqual(replyForTrigger({ kind: 'disabled', message: 'maintenance' }), { status: 423, body: 'Puppet agent is disabled: maintenance' });
    assert.deepEqual(replyForTrigger({ kind: 'disabled', message: null }), { status: 423, body: 'Puppet agent is disabled' });
    assert.deepEqual(replyForTrigger({ kind: 'finished', outcome: outcomeOf(2, null) }), { status: 200, body: 'Puppet run complete' });
    assert.equal(replyForTrigger({ kind: 'finished', outcome: outcomeOf(4, null) }).status, 500);
    assert.equal(replyForTrigger({ kind: 'error', message: 'boom' }).body, 'boom');
  });
});

function catchErr(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}
