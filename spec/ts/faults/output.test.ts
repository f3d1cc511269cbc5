// A run's own output fills state_dir (a small tmpfs): the stored output ends with whole lines and a last line
// saying it is incomplete and why; a client following the run live still gets every line. Runs the real bundle
// with the stand-in puppet (spec/fixtures/fake-puppet) flooding its output.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PATHS } from '../../../ts/api';
import { trigger } from '../support/harness';
import { mountTmpfs, requireRoot } from '../support/faults';
import { request, startService, waitFor, type Service } from '../support/service';
import { Sandbox } from '../support/standin';

const FLOOD_LINE = `Notice: flood ${'0'.repeat(86)}`;
const INCOMPLETE = /^puppet-twitch: output incomplete: writing (\S+) failed after (\d+) bytes \(ENOSPC: no space left on device\); the rest was not stored$/;

describe('faults: a run whose output fills state_dir', function () {
  this.timeout(60_000);
  // 20,000 lines of 101 bytes (2 MB) into a state_dir of 256 KiB; output_max_bytes stays 1 MiB
  const ctx = {} as { sb: Sandbox; svc: Service };
  let unmount = () => undefined as void;
  before(function () {
    requireRoot(this);
  });
  beforeEach(async function () {
    ctx.sb = new Sandbox();
    ctx.sb.setBehaviour({ flood: 20_000, floodWidth: 86 });
    unmount = mountTmpfs(ctx.sb.recordsDir, 256 * 1024);
    ctx.svc = await startService({ config: ctx.sb.configPath });
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log(ctx.svc?.logs.split('\n').filter((l) => !l.includes('Notice: flood')).join('\n'));
    ctx.svc?.kill();
    unmount();
    ctx.sb?.cleanup();
  });

  it('stores whole lines, then a line saying the output is incomplete and why; the live follower gets every line', async function () {
    const live = await trigger(ctx.svc, '?stream=true', { method: 'POST' });
    assert.equal(live.status, 200);
    const id = String(live.headers.location).replace(`${PATHS.runs}/`, '');
    const streamed = live.body.split('\n').slice(0, -1);
    // every line the service had (its run log, in run_dir, not on the full disk), in order; the flood lines about
    // all there (the root helper forwards puppet's stdout and stderr as they come: a stderr line can land inside one)
    const runLogFile = join(ctx.sb.runDir, 'last-run.log');
    await waitFor('the run log to be complete', () => readFileSync(runLogFile, 'utf8').includes(`puppet run ${id} finished after`), 5000, 20);
    const runLog = readFileSync(join(ctx.sb.runDir, 'last-run.log'), 'utf8').split('\n').slice(1, -2);
    assert.deepEqual(streamed.slice(0, -1), runLog, 'the live follower got every line');
    assert.ok(streamed.filter((l) => l === FLOOD_LINE).length >= 19_998);

    const file = join(ctx.sb.recordsDir, `${id}.log`);
    assert.ok(existsSync(file));
    const stored = readFileSync(file, 'utf8');
    assert.ok(stored.endsWith('\n'), `no line is left cut in the middle: ${JSON.stringify(stored.slice(-300))}`);
    const lines = stored.split('\n').slice(0, -1);
    assert.match(lines[0], /^Notice: stand-in puppet run \d+ started with: agent /);
    // what the file holds: the run's first lines, whole, in order; then the note, unless even that did not fit
    const last = INCOMPLETE.exec(lines[lines.length - 1]);
    const body = last === null ? lines : lines.slice(0, -1);
    assert.deepEqual(body, streamed.slice(0, body.length));
    assert.ok(body.length < 20_000);
    if (last !== null) {
      assert.equal(last[1], file);
      assert.equal(Number(last[2]), Buffer.byteLength(body.map((l) => `${l}\n`).join('')));
    }
    assert.match(ctx.svc.stdout, new RegExp(`cannot write the output of puppet run ${id} to ${file}: ENOSPC`));
    // counted apart from the record writes: the note's own write is counted too when the full disk refused it
    const metrics = (await request(ctx.svc.port, PATHS.metrics)).body;
    const counted = /^puppet_twitch_output_write_errors_total\{kind="ENOSPC"\} (\d+)$/m.exec(metrics);
    assert.ok(counted, metrics);
    assert.ok(Number(counted[1]) >= 1 && Number(counted[1]) <= 3, `one failed write of the lines, at most two of the note: ${counted[1]}`);

    // read back: the same whole lines, then the note (from the file, or from the service's memory)
    const answer = await request(ctx.svc.port, `${PATHS.runs}/${id}/output`);
    const read = answer.body.split('\n').slice(0, -1);
    assert.deepEqual(read.slice(0, body.length), body);
    const note = INCOMPLETE.exec(read[body.length]);
    assert.ok(note, `after the stored lines: ${read[body.length]}`);
    assert.equal(Number(note[2]), Buffer.byteLength(body.map((l) => `${l}\n`).join('')));
    const record = await request(ctx.svc.port, `${PATHS.runs}/${id}`, { headers: { Accept: 'application/json' } });
    // the run finished all the same (the service's answer; whether its record file survives the full disk is
    // the record store's concern, not checked here)
    assert.equal(JSON.parse(record.body).state, 'finished');
    assert.match(streamed[streamed.length - 1], new RegExp(`^puppet-twitch: run ${id} finished: exit code 0`));
    console.log(`      stored ${note[2]} bytes of the run's output, then: ${last === null ? 'the note from memory' : 'the note in the file'}`);
  });
});
