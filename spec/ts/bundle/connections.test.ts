// Idle connections must not starve new clients.
import { strict as assert } from 'node:assert';
import * as net from 'node:net';
import { useService } from '../support/harness';
import { request } from '../support/service';

const IDLE = 10_000;
// Clients see a connection as open once the kernel has queued it, before the service accepts it; a probe
// request after every batch keeps the listen queue (backlog 511 by default) from overflowing, which would
// only slow the test down through SYN retransmits.
const BATCH = 250;

function openIdle(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.off('error', reject);
      socket.on('error', () => {
        // the server may drop idle connections; that is allowed
      });
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

describe('bundle: many idle connections', function () {
  const ctx = useService();
  const sockets: net.Socket[] = [];

  afterEach(function () {
    // reset instead of close: no TIME_WAIT left behind on 10,000 local ports
    for (const s of sockets.splice(0)) s.resetAndDestroy();
  });

  it(`still answers a new client while ${IDLE.toLocaleString('en')} idle connections are open`, async function () {
    this.timeout(60000);
    for (let opened = 0; opened < IDLE; opened += BATCH) {
      sockets.push(...(await Promise.all(Array.from({ length: BATCH }, () => openIdle(ctx.svc.port)))));
      assert.equal((await request(ctx.svc.port, '/healthz', { timeoutMs: 10000 })).status, 200, `after ${sockets.length} idle connections`);
    }
    assert.equal(sockets.length, IDLE);
    const started = Date.now();
    const res = await request(ctx.svc.port, '/healthz', { timeoutMs: 10000 });
    assert.equal(res.status, 200);
    assert.equal(res.body, 'ok');
    const trig = await request(ctx.svc.port, '/puppet/twitch?async=false', { timeoutMs: 10000 });
    assert.equal(trig.status, 200, trig.body);
    assert.ok(Date.now() - started < 10000);
    assert.ok(ctx.svc.running, 'the service is still running');
  });
});
