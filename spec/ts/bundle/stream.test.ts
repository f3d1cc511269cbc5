// Live run output: stream=true on /puppet/twitch, GET /puppet/runs/<id>/output, server-sent events, the stored
// output (output_max_bytes) and the bound on slow watchers, over real HTTP against the real bundle with the
// stand-in puppet (spec/fixtures/fake-puppet), which can print numbered, time-stamped lines.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import { join } from 'node:path';
import { PATHS, TEXT } from '../../../ts/api';
import { trigger, useService } from '../support/harness';
import { pidAlive, request, sleep, startService, waitFor } from '../support/service';

interface Received {
  text: string;
  /** when the client had the line (ms since the epoch) */
  at: number;
}

interface Streamed {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** lines as they arrive */
  lines: Received[];
  /** resolves with the whole body once the answer ends */
  done: Promise<string>;
}

const SSE = { Accept: 'text/event-stream' };
const idOf = (location: string | string[] | undefined) => String(location ?? '').replace(`${PATHS.runs}/`, '');
const outputOf = (id: string) => `${PATHS.runs}/${id}/output`;
const finishedLine = (id: string) => new RegExp(`^puppet-twitch: run ${id} finished: exit code 0 \\(no changes\\)$`);

/** A request whose answer is read line by line as it comes; resolves once the head is in. */
function stream(port: number, path: string, opts: { method?: string; headers?: http.OutgoingHttpHeaders } = {}): Promise<Streamed> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers, agent: false }, (res) => {
      const lines: Received[] = [];
      let body = '';
      let rest = '';
      res.setEncoding('utf8');
      const done = new Promise<string>((end, fail) => {
        res.on('data', (chunk: string) => {
          const at = Date.now();
          body += chunk;
          const parts = (rest + chunk).split('\n');
          rest = parts.pop() ?? '';
          for (const text of parts) lines.push({ text, at });
        });
        res.on('end', () => end(body));
        res.on('error', fail);
      });
      resolve({ status: res.statusCode ?? 0, headers: res.headers, lines, done });
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`request ${path} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/** Server-sent events of a body: [event, data] pairs. */
function events(body: string): Array<[string, string]> {
  assert.ok(body.endsWith('\n\n'), `an event stream ends with a blank line: ${JSON.stringify(body.slice(-80))}`);
  return body
    .slice(0, -2)
    .split('\n\n')
    .map((block) => {
      const m = /^event: (\w+)\ndata: (.*)$/.exec(block);
      assert.ok(m, `malformed event ${JSON.stringify(block)}`);
      return [m[1], m[2]] as [string, string];
    });
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

describe('bundle: streamed run output (stand-in puppet printing timed lines)', function () {
  this.timeout(30_000);
  const ctx = useService({ shared: true, config: { max_connections: 16 } });

  it('stream=true answers 200 at once, chunked, with Location, then each line as it is printed, then how the run ended', async function () {
    ctx.sb.setBehaviour({ lines: 10, interval: 0.1 });
    const res = await stream(ctx.svc.port, `${PATHS.trigger}?stream=true`, { method: 'POST' });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8');
    assert.equal(res.headers['transfer-encoding'], 'chunked');
    assert.equal(res.headers['content-length'], undefined);
    const id = idOf(res.headers.location);
    assert.match(res.headers.location ?? '', new RegExp(`^${PATHS.runs}/\\d{8}T\\d{9}Z-[0-9a-f]{6}$`));
    await res.done;
    const numbered = res.lines.map((l) => ({ ...l, m: /^Notice: line (\d+) at (\d+)$/.exec(l.text) })).filter((l) => l.m !== null);
    assert.deepEqual(numbered.map((l) => Number(l.m![1])), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const delays = numbered.map((l) => l.at - Number(l.m![2]));
    console.log(`      line delay (printed → received): p50 ${percentile(delays, 0.5)} ms, max ${Math.max(...delays)} ms`);
    // live, not at the end: the first line reached the client before the stand-in printed its last (0.9 s later)
    assert.ok(numbered[0].at < Number(numbered[9].m![2]), `line 1 reached the client ${delays[0]} ms after it was printed, after line 10 was printed`);
    assert.match(res.lines[0].text, /^Notice: stand-in puppet run \d+ started with: agent /);
    assert.match(res.lines[res.lines.length - 1].text, finishedLine(id));
    assert.equal(readFileSync(join(ctx.sb.recordsDir, `${id}.log`), 'utf8'), res.lines.slice(0, -1).map((l) => `${l.text}\n`).join(''));
  });

  it('with Accept: text/event-stream: output events, then a finished event whose data is the run record', async function () {
    ctx.sb.setBehaviour({ lines: 3 });
    const res = await stream(ctx.svc.port, `${PATHS.trigger}?stream=true`, { method: 'POST', headers: SSE });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'text/event-stream; charset=utf-8');
    const all = events(await res.done);
    const last = all.pop()!;
    assert.equal(last[0], 'finished');
    const record = JSON.parse(last[1]);
    assert.equal(record.id, idOf(res.headers.location));
    assert.equal(record.state, 'finished');
    assert.equal(record.exit_code, 0);
    assert.ok(all.every(([event]) => event === 'output'));
    assert.deepEqual(all.map(([, data]) => data.replace(/ at \d+$/, '')).filter((d) => d.startsWith('Notice: line')), ['Notice: line 1', 'Notice: line 2', 'Notice: line 3']);
    // the stored output read back as events is the same
    const again = events((await request(ctx.svc.port, outputOf(record.id), { headers: SSE })).body);
    assert.deepEqual(again.slice(0, -1), all);
  });

  it('two watchers of a running run get the same lines, from the start of the run', async function () {
    ctx.sb.setBehaviour({ lines: 10 });
    const started = await trigger(ctx.svc, '', { method: 'POST' });
    assert.equal(started.status, 202);
    const id = idOf(started.headers.location);
    await sleep(400);
    const [a, b] = await Promise.all([stream(ctx.svc.port, outputOf(id)), stream(ctx.svc.port, outputOf(id))]);
    assert.equal(a.status, 200);
    assert.equal(a.headers['transfer-encoding'], 'chunked');
    const [bodyA, bodyB] = await Promise.all([a.done, b.done]);
    assert.equal(bodyA, bodyB);
    const lines = bodyA.split('\n').slice(0, -1);
    assert.match(lines[0], /^Notice: stand-in puppet run \d+ started with/);
    assert.deepEqual(lines.filter((l) => l.startsWith('Notice: line')).map((l) => l.split(' ')[2]), ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    assert.match(lines[lines.length - 1], finishedLine(id));
    // one of them started late: it got the first lines at once, the later ones as they came
    assert.ok(a.lines[0].at < a.lines[a.lines.length - 1].at - 300);
  });

  it('after the run, and after a restart, GET .../output has the stored output and the finished line', async function () {
    ctx.sb.setBehaviour({ lines: 2 });
    const res = await stream(ctx.svc.port, `${PATHS.trigger}?stream=1`, { method: 'POST' });
    const live = await res.done;
    const id = idOf(res.headers.location);
    const after = await request(ctx.svc.port, outputOf(id));
    assert.equal(after.status, 200);
    assert.equal(after.headers['transfer-encoding'], 'chunked');
    assert.equal(after.body, live);
    const mode = statSync(join(ctx.sb.recordsDir, `${id}.log`)).mode & 0o777;
    assert.equal(mode & 0o137, 0, `mode ${mode.toString(8)}`);
    await ctx.svc.stop();
    ctx.svc = await startService({ config: ctx.sb.configPath });
    assert.equal((await request(ctx.svc.port, outputOf(id))).body, live);
    // a stored output that is gone: said so, then the finished line
    rmSync(join(ctx.sb.recordsDir, `${id}.log`));
    const gone = await request(ctx.svc.port, outputOf(id));
    assert.equal(gone.status, 200);
    const lines = gone.body.split('\n');
    assert.deepEqual(lines.slice(0, 1), [`puppet-twitch: the output of run ${id} is not kept (output_max_bytes is 0, or the file is gone)`]);
    assert.match(lines[1], finishedLine(id));
  });

  it('answers 404 for an unknown run, 400 for a parameter, as GET /puppet/runs/<id> does', async function () {
    const unknown = await request(ctx.svc.port, outputOf('20260101T000000000Z-abcdef'));
    assert.equal(unknown.status, 404);
    assert.match(unknown.body, /^No run 20260101T000000000Z-abcdef: GET \/puppet\/runs lists/);
    assert.equal((await request(ctx.svc.port, outputOf('nonsense'))).status, 404);
    ctx.sb.setBehaviour({});
    const done = await trigger(ctx.svc, '?async=false');
    const param = await request(ctx.svc.port, `${outputOf(idOf(done.headers.location))}?follow=1`);
    assert.equal(param.status, 400);
    assert.match(param.body, /^Unknown parameter 'follow'/);
    assert.equal((await request(ctx.svc.port, outputOf(idOf(done.headers.location)), { method: 'POST' })).status, 405);
  });

  it('stream=true&async=true is a 400 naming stream; a busy service answers 409 without streaming', async function () {
    const both = await trigger(ctx.svc, '?stream=true&async=true', { method: 'POST' });
    assert.equal(both.status, 400);
    assert.match(both.body, /^Parameter 'stream' needs async=false/);
    ctx.sb.setBehaviour({ sleep: 2 });
    assert.equal((await trigger(ctx.svc, '', { method: 'POST' })).status, 202);
    const busy = await trigger(ctx.svc, '?stream=true', { method: 'POST' });
    assert.equal(busy.status, 409);
    assert.equal(busy.body, TEXT.busy);
    assert.equal(busy.headers['content-length'], String(TEXT.busy.length));
    assert.equal(busy.headers['transfer-encoding'], undefined);
  });

  it('a queued run streams once it starts; streams past the limit (a quarter of max_connections) get 429', async function () {
    ctx.sb.setBehaviour({ sleep: 1, lines: 2 });
    const first = await stream(ctx.svc.port, `${PATHS.trigger}?stream=true`, { method: 'POST' });
    const queued = await stream(ctx.svc.port, `${PATHS.trigger}?stream=true&when_busy=queue`, { method: 'POST' });
    assert.equal(queued.status, 200);
    assert.notEqual(queued.headers.location, first.headers.location);
    const watchers = await Promise.all([stream(ctx.svc.port, outputOf(idOf(first.headers.location))), stream(ctx.svc.port, outputOf(idOf(first.headers.location)))]);
    const over = await request(ctx.svc.port, outputOf(idOf(first.headers.location)));
    assert.equal(over.status, 429);
    assert.match(over.body, /^Too many answers are held open \(4, limits\.max_held\)/);
    assert.equal(over.headers['retry-after'], '5');
    await first.done;
    const body = await queued.done;
    assert.match(body, /^Notice: stand-in puppet run \d+ started with/);
    assert.match(body.trimEnd().split('\n').pop()!, finishedLine(idOf(queued.headers.location)));
    await Promise.all(watchers.map((w) => w.done));
    // the slots are free again
    assert.equal((await request(ctx.svc.port, outputOf(idOf(first.headers.location)))).status, 200);
  });
});

describe('bundle: slow watchers and the stored output cap (stand-in puppet)', function () {
  this.timeout(60_000);

  describe('a watcher that stops reading', function () {
    // 8 MB in bursts of 50 kB, at most 1 MB/s: a client that reads keeps up; one that does not falls behind by
    // more than the kernel's socket buffers (about 4 MB on loopback), the stored output (1 MiB) and the live
    // window (1 MiB here) together
    const ctx = useService({
      behaviour: { flood: 8000, floodWidth: 1000, floodBurst: 50, floodPause: 0.05, sleep: 1 },
      config: { output_window_bytes: 1024 * 1024 },
    });

    it('is cut off without delaying another watcher or /healthz', async function () {
      const started = await trigger(ctx.svc, '', { method: 'POST' });
      const id = idOf(started.headers.location);
      // a raw client that sends its request and never reads
      const stalled = net.connect({ port: ctx.svc.port, host: '127.0.0.1' });
      stalled.on('error', () => undefined);
      await new Promise((resolve) => stalled.once('connect', resolve));
      stalled.pause();
      stalled.write(`GET ${outputOf(id)} HTTP/1.1\r\nHost: node01\r\n\r\n`);
      let closed = false;
      stalled.once('close', () => (closed = true));
      const reader = await stream(ctx.svc.port, outputOf(id));
      const waits: number[] = [];
      await sleep(1000);
      // a watcher that comes while the stalled one is stuck gets the output so far at once
      const asked = Date.now();
      const late = await stream(ctx.svc.port, outputOf(id));
      await waitFor('the late watcher to get the first line', () => late.lines.length > 0);
      const lateWait = late.lines[0].at - asked;
      while (ctx.sb.finishedRuns().length === 0) {
        const t = Date.now();
        const health = await request(ctx.svc.port, PATHS.healthz);
        assert.equal(health.status, 200);
        waits.push(Date.now() - t);
        await sleep(50);
      }
      const body = await reader.done;
      const lines = body.split('\n').slice(0, -1);
      assert.equal(lines.filter((l) => l.startsWith('Notice: flood')).length, 8000);
      assert.match(lines[lines.length - 1], finishedLine(id));
      console.log(`      /healthz during the flood: p50 ${percentile(waits, 0.5)} ms, max ${Math.max(...waits)} ms (${waits.length} requests)`);
      // answered while the flood goes on, not held behind the stalled watcher (a loaded machine may be slow)
      assert.ok(Math.max(...waits) < 2000, `a /healthz took ${Math.max(...waits)} ms`);
      console.log(`      a watcher coming during the flood had its first line after ${lateWait} ms`);
      assert.ok(lateWait < 2000, `the late watcher waited ${lateWait} ms`);
      assert.equal(await late.done, body);
      const cutOff = ctx.svc.stdout.match(/output stream of run \S+ cut off: the client read too slowly/g) ?? [];
      assert.equal(cutOff.length, 1, 'the stalled watcher, and only it, is cut off');
      // what the stalled client gets when it reads at last: part of the output, then the connection is closed
      stalled.resume();
      await waitFor('the stalled connection to be closed by the service', () => closed, 10_000);
    });
  });

  describe('output_max_bytes', function () {
    const ctx = useService({ behaviour: { lines: 20, interval: 0 }, config: { output_max_bytes: 300 } });

    it('caps the stored output, with a truncation note; the live stream has every line', async function () {
      const res = await stream(ctx.svc.port, `${PATHS.trigger}?stream=true`, { method: 'POST' });
      const live = await res.done;
      const id = idOf(res.headers.location);
      assert.equal(live.split('\n').filter((l) => l.startsWith('Notice: line')).length, 20);
      const note = 'puppet-twitch: output truncated at 300 bytes (output_max_bytes)\n';
      const file = join(ctx.sb.recordsDir, `${id}.log`);
      const stored = readFileSync(file, 'utf8');
      assert.ok(stored.endsWith(note), stored);
      assert.ok(statSync(file).size <= 300 + note.length, `${statSync(file).size} bytes`);
      assert.ok(live.startsWith(stored.slice(0, -note.length)));
      const after = await request(ctx.svc.port, outputOf(id));
      assert.equal(after.body, `${stored}${live.trimEnd().split('\n').pop()}\n`);
    });
  });

  describe('output_max_bytes 0', function () {
    const ctx = useService({ behaviour: { lines: 2, interval: 0 }, config: { output_max_bytes: 0 } });

    it('keeps no file; the live stream still has every line', async function () {
      const res = await stream(ctx.svc.port, `${PATHS.trigger}?stream=true`, { method: 'POST' });
      const live = await res.done;
      const id = idOf(res.headers.location);
      assert.equal(live.split('\n').filter((l) => l.startsWith('Notice: line')).length, 2);
      assert.equal(existsSync(join(ctx.sb.recordsDir, `${id}.log`)), false);
      assert.match((await request(ctx.svc.port, outputOf(id))).body, /^puppet-twitch: the output of run \S+ is not kept/);
    });
  });

  describe('shutdown while streaming', function () {
    const ctx = useService({ behaviour: { lines: 30, interval: 0.1 } });

    it('the stream ends with a line saying so, the service stops promptly, the run goes on', async function () {
      const res = await stream(ctx.svc.port, `${PATHS.trigger}?stream=true`, { method: 'POST' });
      const id = idOf(res.headers.location);
      await waitFor('a line of output', () => res.lines.some((l) => l.text.startsWith('Notice: line')));
      const t = Date.now();
      const exit = await ctx.svc.stop(5000);
      assert.equal(exit.code, 0);
      const body = await res.done;
      assert.ok(Date.now() - t < 3000, `stopping took ${Date.now() - t} ms`);
      assert.equal(body.trimEnd().split('\n').pop(), `puppet-twitch: the service is shutting down; run ${id} goes on (GET ${PATHS.runs}/${id} has its result once the service is back)`);
      const run = ctx.sb.runs()[0];
      assert.ok(pidAlive(run.pid), 'the stand-in run is still running');
      await ctx.sb.waitForFinishedRuns(1, 10_000);
    });
  });
});
