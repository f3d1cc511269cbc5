import { strict as assert } from 'node:assert';
import type { Control, DisableCall } from '../../../../ts/core/control';
import type { RequestContext } from '../../../../ts/http/context';
import { controlRoutes } from '../../../../ts/http/control-routes';
import { heldBudget } from '../../../../ts/http/held';
import { PATHS } from '../../../../ts/api';

const ctx = (over: Partial<RequestContext> = {}): RequestContext => ({
  method: 'POST',
  path: PATHS.disable,
  query: new URLSearchParams(),
  headers: {},
  peer: '10.0.0.5',
  body: '',
  contentType: '',
  params: {},
  identity: { kind: 'token', name: 'token:ops', scopes: new Set(['control']) } as never,
  clientCert: null,
  ...over,
});

describe('http/control-routes: POST /puppet/disable and /puppet/enable', () => {
  const calls: DisableCall[] = [];
  const answer = { enabled: false, disabled_message: 'm', disabled_until: '2026-12-06T11:00:00.000Z', record_id: '20261206T100000000Z-a1b2c3' };
  const control = {
    maxTtl: 3600,
    disable: async (call: DisableCall) => (calls.push(call), answer),
    enable: async () => ({ ...answer, enabled: true, disabled_message: null, disabled_until: null }),
  } as unknown as Control;
  const table = controlRoutes(control, heldBudget(4), false);

  it('reads message, ttl and wait from the query or a form or JSON body, and names them in the audit line', async () => {
    const reply = await table[PATHS.disable].POST(ctx({ query: new URLSearchParams('message=kernel+update&ttl=600&wait=30') }));
    assert.equal(reply.status, 200);
    assert.deepEqual(JSON.parse(reply.body), answer);
    assert.deepEqual(reply.run, { id: answer.record_id, options: { message: 'kernel update', ttl: 600, wait: 30 } });
    assert.equal(calls[0].identity, 'token:ops');
    assert.equal(calls[0].peer, '10.0.0.5');
    await table[PATHS.disable].POST(ctx({ body: 'message=x', contentType: 'application/x-www-form-urlencoded' }));
    assert.equal(calls[1].ttl, undefined);
    assert.equal(calls[1].wait, 0);
    await table[PATHS.disable].POST(ctx({ body: '{"message":"y","ttl":5}', contentType: 'application/json' }));
    assert.equal(calls[2].ttl, 5);
  });

  it('answers a wrong parameter with a 400 naming it', async () => {
    const refused: Array<[string, RegExp]> = [
      ['message=x&ttl=soon', /'ttl': "soon". Use whole seconds from 0 to 3600/],
      ['message=x&ttl=3601', /'ttl': "3601". Use whole seconds from 0 to 3600/],
      ['message=x&wait=601', /'wait'.*from 0 to 600/],
      ['message=x&force=1', /Unknown parameter 'force'.*'message', 'ttl', 'wait'/],
      ['message=x&message=y', /'message' is given more than once/],
    ];
    for (const [query, message] of refused) await assert.rejects(async () => table[PATHS.disable].POST(ctx({ query: new URLSearchParams(query) })), message, query);
    await assert.rejects(async () => table[PATHS.enable].POST(ctx({ query: new URLSearchParams('force=1') })), /takes no parameters/);
  });

  it('with no auth configured, refuses callers on other hosts (403) and serves this host', async () => {
    const open = controlRoutes(control, heldBudget(4), true);
    const refused = await open[PATHS.disable].POST(ctx({ query: new URLSearchParams('message=m') }));
    assert.equal(refused.status, 403);
    assert.match(refused.body, /scope control/);
    await assert.rejects(async () => open[PATHS.enable].POST(ctx({ path: PATHS.enable })), { code: 'FORBIDDEN' });
    assert.equal((await open[PATHS.disable].POST(ctx({ peer: '127.0.0.1', query: new URLSearchParams('message=m') }))).status, 200);
    assert.equal((await open[PATHS.enable].POST(ctx({ peer: '::1', path: PATHS.enable }))).status, 200);
  });

  it('audits a refused disable with what was asked', async () => {
    const { twitchError } = await import('../../../../ts/errors');
    const refusing = { ...control, disable: async () => Promise.reject(twitchError('CONTROL_CONFLICT', 'The agent is already disabled by someone else')) } as unknown as Control;
    const reply = await controlRoutes(refusing, heldBudget(4), false)[PATHS.disable].POST(ctx({ query: new URLSearchParams('message=m&ttl=60') }));
    assert.equal(reply.status, 409);
    assert.deepEqual(reply.run, { id: null, options: { message: 'm', ttl: 60, wait: 0 } });
  });

  it('enables', async () => {
    const reply = await table[PATHS.enable].POST(ctx({ path: PATHS.enable }));
    assert.equal(JSON.parse(reply.body).enabled, true);
    assert.deepEqual(reply.run, { id: answer.record_id });
  });
});
