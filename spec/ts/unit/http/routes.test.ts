import { strict as assert } from 'node:assert';
import { replyForError, replyForTrigger } from '../../../../ts/http/respond';
import type { RequestContext } from '../../../../ts/http/context';
import { route, routes } from '../../../../ts/http/routes';
import { createTrigger } from '../../../../ts/core/trigger';
import { heldBudget } from '../../../../ts/http/held';
import { outcomeOf } from '../../../../ts/puppet/outcome';
import { newRecord, type RecordStore } from '../../../../ts/core/records';
import type { Runner } from '../../../../ts/core/runner';

const record = newRecord({ source: 'http', client: '127.0.0.1', identity: null, options: {} });
const idle: Runner = {
  refusal: () => undefined,
  forgetRefusal: () => undefined,
  trigger: async () => ({ kind: 'started', record }),
  wait: async () => record,
  current: () => undefined,
  queued: () => undefined,
  state: () => 'idle',
  shutdown: () => undefined,
};
const store: RecordStore = { create: () => undefined, save: () => undefined, discard: () => undefined, get: (id) => (id === record.id ? record : undefined), has: (id) => id === record.id, list: async () => [record], find: (match) => [record].find(match), recent: () => [record], health: () => ({ writable: true, lastError: null }) };
const deps = { runner: idle, store, puppetStatus: () => Promise.reject(new Error('unused')), config: { puppet: { environments: [], max_splay: 0 } as never, history: 100, max_connections: 4096, limits: { max_body_bytes: 1024, triggers_per_minute: 60, min_run_interval: 0 } }, output: { stream: async () => undefined }, trigger: createTrigger({ runner: idle, store, limits: { min_run_interval: 0 }, rate: { check: () => undefined, count: () => undefined, refused: () => undefined } }), held: heldBudget(4), schedule: null, startedAt: 0 };

const ctx = (over: Partial<RequestContext> = {}): RequestContext => ({
  method: 'GET',
  path: '/',
  query: new URLSearchParams(),
  headers: {},
  peer: '127.0.0.1',
  body: '',
  contentType: '',
  params: {},
  identity: null,
  clientCert: null,
  ...over,
});

describe('http: routes and replies', () => {
  const table = routes(deps);
  it('routes known paths and methods, with path parameters', async () => {
    const trigger = route(table, '/puppet/twitch', 'POST');
    assert.deepEqual(await trigger.handler(ctx()), {
      status: 202,
      body: 'Triggered puppet run',
      headers: { Location: `/puppet/runs/${record.id}` },
      run: { options: {}, id: record.id },
    });
    assert.equal((await route(table, '/healthz', 'GET').handler(ctx())).body, 'ok');
    assert.deepEqual(route(table, `/puppet/runs/${record.id}`, 'GET').params, { id: record.id });
  });
  it('answers 404 for unknown paths and 405 with Allow for wrong methods', async () => {
    for (const path of ['/nope', '/toString', '/puppet/runs/', '/puppet/runs/a/b']) {
      assert.equal(replyForError(catchErr(() => route(table, path, 'GET'))).status, 404, path);
    }
    // a route's template is no path of it: no run is called ':id'
    for (const path of ['/puppet/runs/:id', '/puppet/runs/:id/output']) {
      const found = route(table, path, 'GET');
      assert.deepEqual(found.params, { id: ':id' });
      const err = await Promise.resolve().then(() => found.handler(ctx({ params: found.params }))).then(() => undefined, (e: unknown) => e);
      assert.equal(replyForError(err).status, 404, path);
    }
    const reply = replyForError(catchErr(() => route(table, '/puppet/twitch', 'HEAD')));
    assert.equal(reply.status, 405);
    assert.deepEqual(reply.headers, { Allow: 'GET, POST' });
  });
  it('maps every trigger result to the original bodies, and to the record as JSON when asked', () => {
    assert.deepEqual(replyForTrigger({ kind: 'busy' }), { status: 409, body: 'Puppet already running', headers: { 'Retry-After': '30' } });
    assert.deepEqual(replyForTrigger({ kind: 'disabled', message: 'maintenance' }), { status: 423, body: 'Puppet agent is disabled: maintenance', headers: {} });
    assert.deepEqual(replyForTrigger({ kind: 'disabled', message: null }).body, 'Puppet agent is disabled');
    assert.equal(replyForTrigger({ kind: 'finished', record, outcome: outcomeOf(2, null) }).body, 'Puppet run complete');
    assert.equal(replyForTrigger({ kind: 'finished', record, outcome: outcomeOf(4, null) }).status, 500);
    assert.equal(replyForTrigger({ kind: 'error', message: 'boom' }).body, 'boom');
    assert.equal(replyForTrigger({ kind: 'queued', record }).body, 'Queued puppet run');
    const json = replyForTrigger({ kind: 'started', record }, true);
    assert.equal(json.status, 202);
    assert.deepEqual(JSON.parse(json.body), record);
    assert.equal(json.headers?.['Content-Type'], 'application/json; charset=utf-8');
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
