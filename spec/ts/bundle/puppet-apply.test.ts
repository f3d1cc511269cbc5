// End to end with the real Debian `puppet apply` (/usr/bin/puppet): the service runs it and reports the result.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { trigger, useService } from '../support/harness';
import { request, startService } from '../support/service';

describe('bundle: real puppet apply (/usr/bin/puppet)', function () {
  this.timeout(90000);
  const ctx = useService({ autoStart: false });

  it('POST ?async=false runs puppet apply, answers 200 "Puppet run complete" and the manifest\'s file exists', async function () {
    const target = join(ctx.sb.dir, 'made-by-puppet.txt');
    const manifest = ctx.sb.writeRawConfig(
      'site.pp',
      `file { '${target}':\n  ensure  => file,\n  content => "created by puppet apply\\n",\n}\n`,
    );
    // Puppet writes its summary where the config says the helper reads it: a file of this test's own
    const lastrunfile = join(ctx.sb.dir, 'last_run_summary.yaml');
    ctx.sb.writeConfig({ puppet: { bin: '/usr/bin/puppet', mode: 'apply', manifest, lastrunfile, args: [`--lastrunfile=${lastrunfile}`] } });
    ctx.svc = await startService({ config: ctx.sb.configPath });
    assert.equal(existsSync(target), false);
    const res = await trigger(ctx.svc, '?async=false', { method: 'POST', timeoutMs: 80000 });
    assert.equal(res.status, 200, `${res.body}\n${ctx.sb.lastRunLog()}`);
    assert.equal(res.body, 'Puppet run complete');
    assert.equal(readFileSync(target, 'utf8'), 'created by puppet apply\n');
    assert.match(ctx.sb.lastRunLog(), /made-by-puppet\.txt/, 'puppet output in last-run.log');

    // the run's record has puppet's exit code and the resource counts of its real summary
    const id = String(res.headers.location).split('/').pop();
    const record = JSON.parse((await request(ctx.svc.port, `/puppet/runs/${id}`)).body);
    assert.equal(record.state, 'finished');
    assert.equal(record.exit_code, 2);
    assert.equal(record.outcome, 'changes');
    assert.equal(record.summary.resources.changed, 1);
    assert.equal(record.summary.resources.failed, 0);
    assert.ok(record.summary.resources.total >= 1);
    assert.equal(record.summary.events.success, 1);
    assert.ok(Math.abs(record.summary.last_run - Date.now() / 1000) < 120);
    assert.ok(record.output_tail.some((line: string) => line.includes('made-by-puppet.txt')));

    // a second run changes nothing
    const again = await trigger(ctx.svc, '?async=false', { method: 'POST', timeoutMs: 80000, headers: { Accept: 'application/json' } });
    assert.equal(again.status, 200);
    const second = JSON.parse(again.body);
    assert.equal(second.outcome, 'no_changes');
    assert.equal(second.summary.resources.changed, 0);
  });
});
