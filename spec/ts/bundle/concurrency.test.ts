// Single-flight: however many triggers arrive, one puppet run at a time; external lock files are honoured.
import { strict as assert } from 'node:assert';
import { trigger, useService } from '../support/harness';
import { pidAlive, sleep, waitFor } from '../support/service';
import { deadPid } from '../support/standin';

describe('bundle: one run at a time (stand-in puppet)', function () {
  const ctx = useService({ behaviour: { sleep: 1 }, shared: true });

  it('100 parallel triggers start exactly one stand-in run: one 202, 99 × 409', async function () {
    const results = await Promise.all(Array.from({ length: 100 }, () => trigger(ctx.svc, '?async=true')));
    const counts = new Map<number, number>();
    for (const r of results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(counts), { 202: 1, 409: 99 });
    for (const r of results.filter((r) => r.status === 409)) assert.equal(r.body, 'Puppet already running');
    await ctx.sb.waitForFinishedRuns(1);
    assert.equal(ctx.sb.runs().length, 1);
  });

  it('100 parallel synchronous triggers: one 200 after the run, 99 × 409, one run', async function () {
    const results = await Promise.all(Array.from({ length: 100 }, () => trigger(ctx.svc, '?async=false')));
    const counts = new Map<number, number>();
    for (const r of results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(counts), { 200: 1, 409: 99 });
    assert.equal(ctx.sb.runs().length, 1);
  });

  it('20 triggers 50 ms apart during a run start exactly one run; the next trigger after it runs again', async function () {
    ctx.sb.setBehaviour({ sleep: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      statuses.push((await trigger(ctx.svc)).status);
      await sleep(50);
    }
    assert.deepEqual(statuses, [202, ...Array<number>(19).fill(409)]);
    await ctx.sb.waitForFinishedRuns(1);
    assert.equal(ctx.sb.runs().length, 1);
    ctx.sb.setBehaviour({ sleep: 0 });
    // once the run is over the service accepts a new one (409s only while the service still winds down)
    await waitFor('a 202 after the run ended', async () => {
      const res = await trigger(ctx.svc);
      assert.ok(res.status === 202 || res.status === 409, `${res.status} ${res.body}`);
      return res.status === 202;
    }, 3000, 50);
    await ctx.sb.waitForFinishedRuns(2);
    assert.equal(ctx.sb.runs().length, 2);
  });
});

describe('bundle: external puppet lock file (stand-in puppet)', function () {
  const ctx = useService({ shared: true });

  it('a lock file holding a live PID → 409 with Retry-After and no run', async function () {
    const holder = ctx.sb.spawnLiveProcess();
    ctx.sb.writeLock(holder);
    for (const query of ['', '?async=false']) {
      const res = await trigger(ctx.svc, query);
      assert.equal(res.status, 409, `${query}: ${res.body}`);
      assert.equal(res.body, 'Puppet already running');
      assert.match(String(res.headers['retry-after']), /^\d+$/);
    }
    // the blocked triggers did not start anything: once the holder is gone a synchronous run is the only run
    process.kill(holder, 'SIGKILL');
    await waitFor('lock holder gone', () => !pidAlive(holder));
    const res = await trigger(ctx.svc, '?async=false');
    assert.equal(res.status, 200, res.body);
    assert.equal(ctx.sb.runs().length, 1);
  });

  it('a lock file holding a live PID and a newline → 409', async function () {
    ctx.sb.writeLock(`${ctx.sb.spawnLiveProcess()}\n`);
    assert.equal((await trigger(ctx.svc)).status, 409);
    assert.deepEqual(ctx.sb.runs(), []);
  });

  it('a stale lock file (dead PID) does not block: 202 and a run', async function () {
    const pid = await deadPid();
    assert.equal(pidAlive(pid), false);
    ctx.sb.writeLock(pid);
    const res = await trigger(ctx.svc);
    assert.equal(res.status, 202, res.body);
    assert.equal((await ctx.sb.waitForFinishedRuns(1)).length, 1);
  });

  it('an empty lock file does not block: 200 for a synchronous run', async function () {
    ctx.sb.writeLock('');
    const res = await trigger(ctx.svc, '?async=false');
    assert.equal(res.status, 200, res.body);
    assert.equal(ctx.sb.runs().length, 1);
  });

  it('the disabled lock file wins over a free lock: 423, no run', async function () {
    ctx.sb.writeLock(await deadPid());
    ctx.sb.writeDisabled('{"disabled_message":"maintenance"}');
    const res = await trigger(ctx.svc);
    assert.equal(res.status, 423);
    assert.deepEqual(ctx.sb.runs(), []);
  });
});
