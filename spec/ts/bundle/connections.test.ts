// Idle, silent and slow connections must not starve new clients.
import { strict as assert } from 'node:assert';
import * as net from 'node:net';
import { useService, type ServiceContext } from '../support/harness';
import { request, sleep, waitFor } from '../support/service';

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

/** A client that sent the headers of a POST and a few bytes of its 1000-byte body, and then nothing more. */
function openSlowPost(port: number): Promise<net.Socket> {
  return openIdle(port).then((socket) => {
    socket.write(
      'POST /puppet/twitch HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
        'Content-Length: 1000\r\n\r\nasync=f',
    );
    return socket;
  });
}

/** Opens slow POSTs in batches, each followed by a /healthz probe, until `sockets` (oldest first) holds `count`. */
async function floodWithSlowPosts(ctx: ServiceContext, count: number, sockets: net.Socket[]): Promise<void> {
  while (sockets.length < count) {
    const batch = Math.min(BATCH, count - sockets.length);
    sockets.push(...(await Promise.all(Array.from({ length: batch }, () => openSlowPost(ctx.svc.port)))));
    // Connected is not yet read: let the service read the batch's requests, so the probe meets them unfinished.
    await sleep(50);
    assert.equal((await request(ctx.svc.port, '/healthz', { timeoutMs: 10000 })).status, 200, `after ${sockets.length} slow POSTs`);
  }
}

async function expectHealthzWithin(ctx: ServiceContext, ms: number): Promise<void> {
  const started = Date.now();
  const res = await request(ctx.svc.port, '/healthz', { timeoutMs: ms });
  const took = Date.now() - started;
  assert.equal(res.status, 200);
  assert.equal(res.body, 'ok');
  assert.ok(took < ms, `/healthz took ${took} ms`);
}

const isClosed = (socket: net.Socket) => socket.destroyed || socket.readyState === 'closed' || socket.readableEnded;

describe('bundle: connections with unfinished requests at the cap', function () {
  const ctx = useService({ config: { max_connections: 200 } });
  const sockets: net.Socket[] = [];

  afterEach(function () {
    for (const s of sockets.splice(0)) s.resetAndDestroy();
  });

  it('a new client gets /healthz within 1 s while 300 unfinished POSTs hold a cap of 200; the oldest are closed first', async function () {
    this.timeout(30000);
    await floodWithSlowPosts(ctx, 300, sockets);
    await expectHealthzWithin(ctx, 1000);
    // 300 POSTs and the probes made room by closing the oldest connections; the newest are still open.
    await waitFor('the oldest 100 slow POSTs to be closed', () => sockets.slice(0, 100).every(isClosed));
    await sleep(100);
    assert.ok(sockets.slice(-50).every((s) => !isClosed(s)), 'the newest slow POSTs are still open');
    assert.ok(ctx.svc.running, 'the service is still running');
    assert.deepEqual(ctx.sb.runs(), [], 'no unfinished POST started a run');
    assert.doesNotMatch(ctx.svc.stdout, / 500 |ERROR/, 'closing them is not logged as an error');
    assert.match(ctx.svc.stdout, /POST \/puppet\/twitch - closed before the request was complete, to make room for a new connection/);
  });

  it('a trigger still starts a run while the cap is full of unfinished POSTs', async function () {
    this.timeout(30000);
    await floodWithSlowPosts(ctx, 300, sockets);
    const res = await request(ctx.svc.port, '/puppet/twitch?async=false', { timeoutMs: 10000 });
    assert.equal(res.status, 200, res.body);
    assert.equal(ctx.sb.runs().length, 1, 'exactly the one run triggered');
  });
});

describe('bundle: 5,000 unfinished POSTs at the default cap', function () {
  const ctx = useService();
  const sockets: net.Socket[] = [];

  afterEach(function () {
    for (const s of sockets.splice(0)) s.resetAndDestroy();
  });

  it('a new client gets /healthz within 1 s while 5,000 unfinished POSTs overfill the default cap (4,096)', async function () {
    this.timeout(60000);
    await floodWithSlowPosts(ctx, 5000, sockets);
    await expectHealthzWithin(ctx, 1000);
    assert.ok(ctx.svc.running, 'the service is still running');
    assert.deepEqual(ctx.sb.runs(), [], 'no unfinished POST started a run');
  });
});

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
