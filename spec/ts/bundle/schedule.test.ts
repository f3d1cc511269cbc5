// Scheduled runs, over real HTTP against the real bundle, with the stand-in puppet (spec/fixtures/fake-puppet):
// ticks go through the same runner as HTTP triggers, so they start runs with source "schedule", skip (and say
// why) while a run is going, and never overlap a run.
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PATHS } from '../../../ts/api';
import { trigger, useService } from '../support/harness';
import { request, runCli, startService, waitFor, type HttpResult } from '../support/service';
import type { ConfigObject, Sandbox } from '../support/standin';

const EVERY_2S = '*/2 * * * * *';
const idOf = (res: HttpResult) => String(res.headers.location ?? '').replace(`${PATHS.runs}/`, '');

interface RunRecordView {
  id: string;
  state: string;
  source: string;
  client: string | null;
  options: Record<string, unknown>;
  pid: number | null;
  started_at: string | null;
  finished_at: string | null;
  outcome: string | null;
}

async function records(port: number): Promise<RunRecordView[]> {
  const res = await request(port, PATHS.runs);
  assert.equal(res.status, 200, res.body);
  return JSON.parse(res.body) as RunRecordView[];
}

/** Waits until `count` scheduled runs have finished; newest first. */
function finishedScheduled(port: number, count: number, timeoutMs = 15000): Promise<RunRecordView[]> {
  return waitFor(`${count} finished scheduled run(s)`, async () => {
    const done = (await records(port)).filter((r) => r.source === 'schedule' && r.state === 'finished');
    return done.length >= count ? done : undefined;
  }, timeoutMs, 100);
}

/** The stand-in appends `start PID` and `end PID` lines as its runs begin and end: no start may come while one is open. */
function assertNoOverlap(sb: Sandbox): void {
  const log = readFileSync(join(sb.binDir, 'runs.log'), 'utf8').split('\n').filter((l) => l !== '');
  let open: string | undefined;
  for (const line of log) {
    const [kind, pid] = line.split(' ');
    if (kind === 'start') {
      assert.equal(open, undefined, `stand-in run ${pid} started while run ${open} was going:\n${log.join('\n')}`);
      open = pid;
    } else if (kind === 'end') {
      assert.equal(pid, open, `run ${pid} ended but ${open} was the open one:\n${log.join('\n')}`);
      open = undefined;
    }
  }
}

describe('bundle: scheduled runs (stand-in puppet)', function () {
  this.timeout(40000);
  const ctx = useService({ autoStart: false });
  const start = async (schedule: unknown, extra: ConfigObject = {}) => {
    ctx.sb.writeConfig({ ...extra, schedule });
    ctx.svc = await startService({ config: ctx.sb.configPath });
  };

  it('a schedule every 2 seconds makes run records with source "schedule" and its options', async function () {
    await start({ cron: EVERY_2S, options: { noop: true, tags: ['web'], skip_tags: [] } });
    assert.ok(
      ctx.svc.logLines()[0].includes(`scheduled runs "${EVERY_2S}" (`),
      `the start line names the schedule: ${ctx.svc.logLines()[0]}`,
    );
    const done = await finishedScheduled(ctx.svc.port, 2);
    for (const record of done) {
      assert.equal(record.client, null);
      assert.deepEqual(record.options, { noop: true, tags: ['web'] });
      assert.equal(record.outcome, 'no_changes');
    }
    const runs = ctx.sb.runs();
    assert.ok(runs.length >= 2);
    for (const run of runs) assert.deepEqual(run.argv.slice(-3), ['--noop', '--tags', 'web']);
    assert.match(ctx.svc.stdout, /INFO scheduled puppet run \d{8}T\d{9}Z-[0-9a-f]{6} triggered/);
    assert.deepEqual(await ctx.svc.stop(), { code: 0, signal: null });
  });

  it('a tick while a triggered run is in progress is skipped, with one log line naming that run', async function () {
    ctx.sb.setBehaviour({ sleep: 5 });
    await start({ cron: EVERY_2S });
    // a scheduled run may hold the service first: then the trigger gets 409 until that run is over
    const res = await waitFor('a 202 for the trigger', async () => {
      const r = await trigger(ctx.svc);
      return r.status === 202 ? r : undefined;
    }, 15000, 100);
    const id = idOf(res);
    const done = await request(ctx.svc.port, `${PATHS.runs}/${id}?wait=20`);
    assert.equal(JSON.parse(done.body).state, 'finished');
    const skips = ctx.svc.logLines().filter((l) => l.includes(`scheduled puppet run skipped: puppet run ${id} (http) is still`));
    assert.ok(skips.some((l) => l.endsWith('is still running')), `no skip line naming run ${id}:\n${ctx.svc.stdout}`);
    assertNoOverlap(ctx.sb);
  });

  it('scheduled runs longer than the interval never overlap: the ticks between them are skipped', async function () {
    ctx.sb.setBehaviour({ sleep: 3 });
    await start({ cron: EVERY_2S });
    const done = await finishedScheduled(ctx.svc.port, 2, 20000);
    assert.ok(
      done.some((r) => ctx.svc.stdout.includes(`scheduled puppet run skipped: puppet run ${r.id} (schedule) is still running`)),
      `no tick was skipped for a scheduled run:\n${ctx.svc.stdout}`,
    );
    assertNoOverlap(ctx.sb);
    const spans = (await records(ctx.svc.port)).filter((r) => r.started_at !== null && r.finished_at !== null).reverse();
    for (let i = 1; i < spans.length; i++) {
      assert.ok(Date.parse(spans[i].started_at!) >= Date.parse(spans[i - 1].finished_at!), `run ${spans[i].id} started before ${spans[i - 1].id} finished`);
    }
  });

  it('with a splay, the runner draws the wait: the record carries the splay and the log says how long', async function () {
    await start({ cron: EVERY_2S, splay: 1 });
    const [record] = await finishedScheduled(ctx.svc.port, 1);
    assert.deepEqual(record.options, { splay: 1 });
    assert.match(ctx.svc.stdout, new RegExp(`puppet run ${record.id} splaying for [01]\\.\\ds`));
    assertNoOverlap(ctx.sb);
  });

  it('a tick while the agent is disabled is skipped and logged, and starts nothing', async function () {
    ctx.sb.writeDisabled('{"disabled_message":"maintenance"}');
    await start({ cron: EVERY_2S });
    await waitFor('a skip line for the disabled agent', () =>
      ctx.svc.stdout.includes('INFO scheduled puppet run skipped: the agent is disabled: maintenance'), 8000, 100);
    assert.deepEqual(ctx.sb.runs(), []);
    assert.deepEqual(await records(ctx.svc.port), []);
  });

  it('GET /puppet/status shows the expression and the next scheduled run', async function () {
    await start({ cron: '0 0 1 1 *', timezone: 'UTC' });
    const res = await request(ctx.svc.port, PATHS.status);
    assert.equal(res.status, 200, res.body);
    const status = JSON.parse(res.body);
    assert.equal(status.schedule, '0 0 1 1 *');
    assert.equal(status.next_scheduled_run, `${new Date().getUTCFullYear() + 1}-01-01T00:00:00.000Z`);
  });

  it('GET /puppet/status without a schedule says null for both', async function () {
    ctx.svc = await startService({ config: ctx.sb.configPath });
    const status = JSON.parse((await request(ctx.svc.port, PATHS.status)).body);
    assert.equal(status.schedule, null);
    assert.equal(status.next_scheduled_run, null);
  });

  it('an invalid expression makes serve and config exit 2, naming schedule.cron and the expression', async function () {
    for (const cron of ['*/0 * * * *', '* * * *', '61 * * * *']) {
      ctx.sb.writeConfig({ schedule: { cron } });
      for (const command of [['serve', '--bind', '127.0.0.1', '--port', '0'], ['config']]) {
        const res = await runCli([command[0], '--config', ctx.sb.configPath, ...command.slice(1)], { timeoutMs: 5000 });
        assert.equal(res.timedOut, false, `${command[0]} still running after 5 s: ${res.stdout}`);
        assert.equal(res.code, 2, `${command[0]} with ${cron}: ${res.stderr}`);
        assert.ok(res.stderr.includes(`Invalid config key 'schedule.cron': "${cron}" is not a cron expression`), res.stderr);
      }
    }
  });

  it("without a schedule node-cron's code never runs: node:crypto, which it loads, stays unloaded", async function () {
    // A preload reports, at exit, which of the modules in question the process loaded.
    const probe = join(ctx.sb.dir, 'probe.cjs');
    writeFileSync(
      probe,
      "process.on('exit', () => require('fs').writeFileSync(process.env.PROBE_OUT, JSON.stringify(process.moduleLoadList.includes('NativeModule crypto'))));\n",
    );
    const loaded = async (schedule: unknown) => {
      const out = join(ctx.sb.dir, `probe-${String(schedule !== undefined)}.json`);
      ctx.sb.writeConfig(schedule === undefined ? {} : { schedule });
      ctx.svc = await startService({ config: ctx.sb.configPath, env: { ...process.env, NODE_OPTIONS: `--require ${probe}`, PROBE_OUT: out } });
      assert.equal((await request(ctx.svc.port, '/healthz')).status, 200);
      assert.deepEqual(await ctx.svc.stop(), { code: 0, signal: null });
      return JSON.parse(readFileSync(out, 'utf8')) as boolean;
    };
    assert.equal(await loaded(undefined), false, 'a service without a schedule loaded node:crypto');
    // the same probe sees it once a schedule is configured (one that does not tick during the test)
    assert.equal(await loaded({ cron: '0 0 1 1 *' }), true);
  });
});
