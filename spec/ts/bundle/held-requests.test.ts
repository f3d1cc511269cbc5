// Answers that wait for a run (async=false, stream=true, wait=, output followers) share one budget,
// limits.max_held; past it a request that would wait is answered 429 at once, and the rest of the connection cap
// stays free for new clients. Refused triggers are cheap: the root side's refusal is reused for a second, and
// they count against a limit of their own. Stand-in puppet.
import { strict as assert } from 'node:assert';
import * as net from 'node:net';
import { useService, type ServiceContext } from '../support/harness';
import { childPids, request, sleep, waitFor, type HttpResult } from '../support/service';

const SYNC_QUEUE = '/puppet/twitch?noop=true&when_busy=queue&async=false';

function openIdle(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' }, () => {
      socket.off('error', reject);
      socket.on('error', () => undefined); // the service may close it to make room: that is allowed
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** Starts `count` requests at once; resolves with each answer and when it came, in ms after the start. */
function flood(ctx: ServiceContext, path: string, count: number, method = 'POST'): Array<Promise<HttpResult & { ms: number }>> {
  const t0 = Date.now();
  return Array.from({ length: count }, () =>
    request(ctx.svc.port, path, { method, timeoutMs: 30_000 }).then((res) => ({ ...res, ms: Date.now() - t0 })),
  );
}

async function within(ctx: ServiceContext, path: string, ms: number, method = 'GET'): Promise<HttpResult> {
  const t0 = Date.now();
  const res = await request(ctx.svc.port, path, { method, timeoutMs: ms });
  assert.ok(Date.now() - t0 < ms, `${method} ${path} answered within ${ms} ms`);
  return res;
}

describe('bundle: held answers share one budget (limits.max_held)', function () {
  this.timeout(60_000);
  // a cap of 32: max_held is a quarter of it, 8
  const ctx = useService({ config: { max_connections: 32, limits: { triggers_per_minute: 1000 } }, behaviour: { sleep: 3 } });
  const sockets: net.Socket[] = [];
  afterEach(() => {
    for (const s of sockets.splice(0)) s.destroy();
  });

  it('24 held triggers: 8 wait, 16 get 429 at once; with the cap full, a new client gets /healthz, /metrics and a trigger at once', async () => {
    assert.equal((await request(ctx.svc.port, '/puppet/twitch', { method: 'POST' })).status, 202);
    const answers = flood(ctx, SYNC_QUEUE, 24);
    const early = await Promise.all(answers.map((p) => Promise.race([p, sleep(2500).then(() => undefined)])));
    const refused = early.filter((r) => r !== undefined);
    assert.equal(refused.length, 16, 'answered at once');
    for (const r of refused) {
      assert.equal(r!.status, 429);
      assert.match(r!.body, /^Too many answers are held open \(8, limits\.max_held\)/);
      assert.equal(r!.headers['retry-after'], '5');
    }
    // the rest of the cap: idle connections
    for (let i = 0; i < 30; i++) sockets.push(await openIdle(ctx.svc.port));
    await sleep(100);
    assert.equal((await within(ctx, '/healthz', 2500)).status, 200);
    assert.equal((await within(ctx, '/metrics', 2500)).status, 200);
    assert.equal((await within(ctx, '/puppet/twitch', 2500, 'POST')).status, 409, 'a trigger from a new client is answered: busy');
    const all = await Promise.all(answers);
    const held = all.filter((r) => r.status === 200);
    assert.equal(held.length, 8, 'the 8 held triggers end with their run');
    for (const r of held) assert.ok(r.ms > 2000, 'held until the queued run ended');
    await waitFor('both runs to end', () => ctx.sb.runs().length === 2 && ctx.sb.runs().every((r) => r.exit !== undefined), 20_000);
    assert.equal(ctx.sb.runs().length, 2, 'the run and the one queued behind it, no more');
  });

  it('wait= holders past the budget get 429 at once; a finished run is answered without a slot', async () => {
    const started = await request(ctx.svc.port, '/puppet/twitch', { method: 'POST' });
    const location = String(started.headers.location);
    const answers = await Promise.all(flood(ctx, `${location}?wait=30`, 20, 'GET'));
    assert.equal(answers.filter((r) => r.status === 200).length, 8);
    const refused = answers.filter((r) => r.status === 429);
    assert.equal(refused.length, 12);
    for (const r of refused) assert.ok(r.ms < 2500, `429 at once (${r.ms} ms)`);
    const finished = await Promise.all(flood(ctx, `${location}?wait=30`, 20, 'GET'));
    assert.deepEqual([...new Set(finished.map((r) => r.status))], [200]);
  });
});

describe('bundle: triggers count against triggers_per_minute when accepted', function () {
  this.timeout(60_000);
  const ctx = useService({ config: { limits: { triggers_per_minute: 3 } }, behaviour: { sleep: 3 } });

  it('with a limit of 3, a run and 20 held queue triggers: 2 join the queue, the rest get 429 at once', async () => {
    assert.equal((await request(ctx.svc.port, '/puppet/twitch', { method: 'POST' })).status, 202);
    const answers = await Promise.all(flood(ctx, SYNC_QUEUE, 20));
    assert.equal(answers.filter((r) => r.status === 200).length, 2, 'two more accepted, no more');
    const refused = answers.filter((r) => r.status === 429);
    assert.equal(refused.length, 18);
    for (const r of refused) {
      assert.match(r.body, /limits\.triggers_per_minute/);
      assert.ok(r.ms < 2500, `429 at once (${r.ms} ms)`);
    }
  });
});

describe('bundle: refused triggers are cheap', function () {
  this.timeout(60_000);
  const ctx = useService({ config: { limits: { triggers_per_minute: 3, refusal_reuse_seconds: 1 } } });

  it('100 triggers while the agent is disabled start at most a few root helpers; past 30 refusals a minute they get 429', async () => {
    ctx.sb.writeDisabled('{"disabled_message":"maintenance"}');
    const helpers = new Set<number>();
    let watching = true;
    const watch = (async () => {
      while (watching) {
        for (const pid of childPids(ctx.svc.servicePid())) helpers.add(pid);
        await sleep(2);
      }
    })();
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) statuses.push((await request(ctx.svc.port, '/puppet/twitch', { method: 'POST' })).status);
    watching = false;
    await watch;
    assert.equal(statuses.filter((s) => s === 423).length, 30, 'refused with the message until the limit of refusals');
    assert.equal(statuses.filter((s) => s === 429).length, 70);
    assert.ok(helpers.size >= 1 && helpers.size <= 3, `${helpers.size} helpers started`);
    assert.deepEqual(ctx.sb.runs(), []);
  });
});
