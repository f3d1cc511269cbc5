// A web page cannot make a browser trigger a run: a Host that does not name the node (DNS rebinding) is a 421,
// and a trigger with a browser's cross-site marks is a 403. curl-like clients are unaffected. Stand-in puppet.
import { strict as assert } from 'node:assert';
import { hostname } from 'node:os';
import { useService, waitIdle } from '../support/harness';
import { request } from '../support/service';

describe('bundle: browsers cannot trigger', function () {
  this.timeout(30_000);
  // the default Host names: no allowed_hosts
  const ctx = useService({ shared: true, config: { allowed_hosts: [] } });
  const post = (headers: Record<string, string>) => request(ctx.svc.port, '/puppet/twitch', { method: 'POST', headers });

  it('answers a rebinding Host with 421 naming allowed_hosts, on every route, and starts no run', async () => {
    for (const path of ['/puppet/twitch', '/puppet/runs', '/healthz']) {
      const res = await request(ctx.svc.port, path, { method: path === '/puppet/twitch' ? 'POST' : 'GET', headers: { Host: `evil.example.net:${ctx.svc.port}` } });
      assert.equal(res.status, 421, path);
      assert.match(res.body, /^Host "evil\.example\.net:\d+" does not name this node: .*allowed_hosts/);
      assert.equal(res.headers.connection, 'close');
    }
    assert.deepEqual(ctx.sb.runs(), []);
  });

  it('accepts an IP address, localhost and the host name as Host', async () => {
    for (const host of [`127.0.0.1:${ctx.svc.port}`, `localhost:${ctx.svc.port}`, `${hostname()}:${ctx.svc.port}`, `${hostname().toUpperCase()}.`]) {
      assert.equal((await request(ctx.svc.port, '/healthz', { headers: { Host: host } })).status, 200, host);
    }
  });

  it("refuses a trigger with a browser's cross-site marks with 403, and starts no run", async () => {
    const own = `127.0.0.1:${ctx.svc.port}`;
    const cases: Array<Record<string, string>> = [
      { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'no-cors' },
      { 'Sec-Fetch-Site': 'same-site' },
      { Origin: 'http://evil.example.net', 'Content-Type': 'application/x-www-form-urlencoded' },
      { Origin: 'null' },
      { Origin: `https://${own}` },
    ];
    for (const headers of cases) {
      const res = await post({ Host: own, ...headers });
      assert.equal(res.status, 403, JSON.stringify(headers));
      assert.match(res.body, /^Forbidden: a web page .*not from a browser\.$/);
    }
    assert.deepEqual(ctx.sb.runs(), []);
  });

  it('accepts a trigger from the service\'s own origin, a typed URL and a client without either mark', async () => {
    const own = `127.0.0.1:${ctx.svc.port}`;
    assert.equal((await post({ Host: own, Origin: `http://${own}`, 'Sec-Fetch-Site': 'same-origin' })).status, 202);
    await waitIdle(ctx);
    assert.equal((await post({ Host: own, 'Sec-Fetch-Site': 'none' })).status, 202);
  });
});
