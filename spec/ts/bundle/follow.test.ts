// Followers of a running run, over real HTTP against the real bundle with the stand-in puppet
// (spec/fixtures/fake-puppet) flooding its output: a follower that comes right after the trigger's answer gets
// every line of a run far past output_max_bytes; one that never reads costs the others nothing and is cut off,
// with a line saying what it missed, once it is behind both the live window and the stored output.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import { PATHS } from '../../../ts/api';
import { trigger, useService } from '../support/harness';
import { waitFor } from '../support/service';
import type { Sandbox } from '../support/standin';

const idOf = (location: string | string[] | undefined) => String(location ?? '').replace(`${PATHS.runs}/`, '');
const outputOf = (id: string) => `${PATHS.runs}/${id}/output`;
const finishedLine = (id: string) => new RegExp(`^puppet-twitch: run ${id} finished: exit code 0 \\(no changes\\)$`);
const CUT_OFF = /^puppet-twitch: output cut off: this client read too slowly and missed (\d+) lines \((\d+) bytes\) of run (\S+), more than output_window_bytes behind/;

/**
 * The lines the service had of run `id`, in order: its run log (run_dir/last-run.log), once the run has ended.
 * The reference for "every line": the root helper forwards puppet's stdout and stderr as they come, so a line
 * of the stand-in's stderr can land inside a flood line (it does, now and then) and the flood lines are not
 * always exactly as many as were printed.
 */
async function runLog(sb: Sandbox, id: string): Promise<string[]> {
  const file = `${sb.runDir}/last-run.log`;
  await waitFor('the run log to be complete', () => readFileSync(file, 'utf8').includes(`puppet run ${id} finished after`), 5000, 20);
  const lines = readFileSync(file, 'utf8').split('\n').slice(0, -1);
  assert.match(lines[0], new RegExp(`^puppet run ${id} started `));
  return lines.slice(1, -1);
}

/** The body of a chunked HTTP/1.1 answer as far as it came (the connection may end in the middle of a chunk). */
function dechunk(raw: Buffer): string {
  let at = raw.indexOf('\r\n\r\n') + 4;
  const parts: Buffer[] = [];
  while (at < raw.length) {
    const eol = raw.indexOf('\r\n', at);
    if (eol === -1) break;
    const size = parseInt(raw.subarray(at, eol).toString('latin1'), 16);
    if (!(size > 0)) break;
    parts.push(raw.subarray(eol + 2, Math.min(raw.length, eol + 2 + size)));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(parts).toString('utf8');
}

/** GET `path`, read as fast as it comes; resolves with the whole body. */
function follow(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      assert.equal(res.statusCode, 200);
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      res.on('error', reject);
    });
    req.setTimeout(60_000, () => req.destroy(new Error(`GET ${path} timed out`)));
    req.on('error', reject);
  });
}

describe('bundle: followers of a running run (stand-in puppet flooding)', function () {
  this.timeout(90_000);

  describe('a follower attached right after the trigger answered', function () {
    // 20,000 lines of 91 bytes: 1.8 MB, as fast as the stand-in can print them; output_max_bytes stays 1 MiB. The
    // run then lasts 2 s more, so that on a loaded machine the follower still comes while it runs (one that comes
    // after the end reads the stored output, which output_max_bytes caps)
    const ctx = useService({ behaviour: { flood: 20_000, floodWidth: 76, sleep: 2 } });

    it('gets all 20,000 lines, in order and without a gap, then the finished line', async function () {
      const started = await trigger(ctx.svc, '', { method: 'POST' });
      assert.equal(started.status, 202);
      const id = idOf(started.headers.location);
      const lines = (await follow(ctx.svc.port, outputOf(id))).split('\n');
      assert.equal(lines.pop(), '');
      assert.match(lines[0], /^Notice: stand-in puppet run \d+ started with: agent /);
      const flood = lines.filter((l) => l.startsWith('Notice: flood '));
      assert.ok(flood.length >= 19_998 && flood.length <= 20_000, `${flood.length} flood lines`);
      // nothing but the run's own lines and the finished line: every line the service had, in order, no note of a gap
      assert.deepEqual(lines.slice(0, -1), await runLog(ctx.sb, id));
      assert.equal(lines.filter((l) => l.startsWith('puppet-twitch:')).length, 1);
      assert.match(lines[lines.length - 1], finishedLine(id));
      assert.match(lines[lines.length - 2], /^(Notice|Info): stand-in puppet run \d+ (finishing|stderr at end)$/);
      assert.doesNotMatch(ctx.svc.stdout, /cut off/);
    });
  });

  describe('a follower that never reads, beside one that does', function () {
    // 8 MB in bursts of 50 kB, about 2 MB/s: more than the window (2 MiB), the stored output (64 KiB) and what the
    // kernel's socket buffers take for the client that does not read (about 4 MB on loopback) together; the
    // window lets the client that reads fall a second behind on a busy machine
    const ctx = useService({
      behaviour: { flood: 80_000, floodWidth: 86, floodBurst: 500, floodPause: 0.025 },
      config: { output_max_bytes: 64 * 1024, output_window_bytes: 2 * 1024 * 1024 },
    });

    it('costs the other nothing: it gets every line and the finished line; the one that never reads is cut off, told what it missed', async function () {
      const started = await trigger(ctx.svc, '', { method: 'POST' });
      const id = idOf(started.headers.location);
      // a raw client that sends its request and does not read
      const stalled = net.connect({ port: ctx.svc.port, host: '127.0.0.1' });
      stalled.on('error', () => undefined);
      await new Promise((resolve) => stalled.once('connect', resolve));
      stalled.pause();
      stalled.write(`GET ${outputOf(id)} HTTP/1.1\r\nHost: node01\r\n\r\n`);
      const received: Buffer[] = [];
      const closed = new Promise<void>((resolve) => stalled.once('close', () => resolve()));
      stalled.on('data', (chunk: Buffer) => received.push(chunk));
      const reader = follow(ctx.svc.port, outputOf(id));
      await waitFor('the service to cut off the client that does not read', () => /output stream of run \S+ cut off: the client read too slowly/.test(ctx.svc.stdout), 60_000, 20);
      // it reads at last, within the grace the service gives a cut-off connection: the last line says what it missed
      stalled.resume();
      await closed;
      const text = dechunk(Buffer.concat(received));
      const last = text.trimEnd().split('\n').pop() ?? '';
      const note = CUT_OFF.exec(last);
      assert.ok(note, `its last line: ${JSON.stringify(last.slice(-300))}`);
      assert.equal(note[3], id);
      assert.ok(Number(note[1]) > 0);
      assert.ok(Number(note[2]) >= Number(note[1]) * 101 - 200 && Number(note[2]) <= Number(note[1]) * 101 + 200, 'the flood lines it missed, 101 bytes each');
      assert.match(last, new RegExp(`GET ${PATHS.runs}/${id}/output has its first \\d+ bytes, GET ${PATHS.runs}/${id} its result$`));
      const body = await reader;
      const lines = body.split('\n').slice(0, -1);
      assert.deepEqual(lines.slice(0, -1), await runLog(ctx.sb, id), 'every line the service had, in order');
      assert.ok(lines.filter((l) => l.startsWith('Notice: flood')).length >= 79_998);
      assert.match(lines[lines.length - 1], finishedLine(id));
      const cutOff = ctx.svc.stdout.match(/output stream of run \S+ cut off: the client read too slowly/g) ?? [];
      assert.equal(cutOff.length, 1, 'the client that does not read, and only it, is cut off');
    });
  });
});
