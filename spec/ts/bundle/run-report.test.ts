// End to end with the real Debian `puppet apply` (/usr/bin/puppet): a noop run that finds drift, then a real run
// with a change, a failure, a resource skipped for it and a Sensitive value; each run's report as Puppet wrote it.
import { strict as assert } from 'node:assert';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { trigger, useService } from '../support/harness';
import { request, startService } from '../support/service';

describe("bundle: a run's resource report (real puppet apply)", function () {
  this.timeout(120_000);
  const ctx = useService({ autoStart: false });

  it('a noop run with drift is noop_changes and lists what would change; a real run lists changes, failures, skips, and no sensitive value', async function () {
    const dir = ctx.sb.dir;
    const [changed, secret, skipped] = ['changed', 'secret', 'skipped'].map((name) => join(dir, name));
    writeFileSync(changed, 'old\n');
    writeFileSync(secret, 'old secret\n');
    const manifest = ctx.sb.writeRawConfig(
      'site.pp',
      [
        `file { '${changed}': content => "new\\n" }`,
        `file { '${secret}': content => Sensitive("the secret\\n") }`,
        `exec { 'fails': command => '/bin/false' }`,
        `file { '${skipped}': content => "x\\n", require => Exec['fails'] }`,
      ].join('\n'),
    );
    const lastrunfile = join(dir, 'last_run_summary.yaml');
    const lastrunreport = join(dir, 'last_run_report.yaml');
    ctx.sb.writeConfig({
      puppet: { bin: '/usr/bin/puppet', mode: 'apply', manifest, lastrunfile, lastrunreport, args: [`--lastrunfile=${lastrunfile}`, `--lastrunreport=${lastrunreport}`] },
    });
    ctx.svc = await startService({ config: ctx.sb.configPath });
    const json = { Accept: 'application/json' };

    const noop = await trigger(ctx.svc, '?async=false&noop=true', { method: 'POST', timeoutMs: 100_000, headers: json });
    assert.equal(noop.status, 200, noop.body);
    const noopRecord = JSON.parse(noop.body);
    assert.equal(noopRecord.outcome, 'noop_changes', 'Puppet exits 0 for noop; the summary says there is drift');
    const noopReport = JSON.parse((await request(ctx.svc.port, `/puppet/runs/${noopRecord.id}/report`)).body);
    assert.equal(noopReport.noop, true);
    assert.equal(noopReport.error, null);
    const byTitle = (report: { resources: { title: string }[] }) => new Map(report.resources.map((r) => [r.title, r as Record<string, any>]));
    const drift = byTitle(noopReport);
    assert.deepEqual([...drift.keys()].sort(), [changed, secret, 'fails', skipped].sort(), JSON.stringify(noopReport));
    assert.ok([...drift.values()].every((r) => r.state === 'noop'));
    assert.equal(drift.get(changed)?.state, 'noop');
    assert.equal(drift.get(changed)?.events[0].property, 'content');
    assert.match(drift.get(changed)?.events[0].desired_value, /^\{sha256\}[0-9a-f]{64}$/);
    assert.deepEqual([drift.get(secret)?.events[0].previous_value, drift.get(secret)?.events[0].desired_value], ['(sensitive)', '(sensitive)']);
    assert.ok(existsSync(join(ctx.sb.recordsDir, `${noopRecord.id}.report.json`)), 'kept beside the record');

    const real = await trigger(ctx.svc, '?async=false', { method: 'POST', timeoutMs: 100_000, headers: json });
    assert.equal(real.status, 500, real.body);
    const record = JSON.parse(real.body);
    assert.equal(record.outcome, 'changes_and_failures');
    const report = JSON.parse((await request(ctx.svc.port, `/puppet/runs/${record.id}/report`)).body);
    const listed = byTitle(report);
    assert.deepEqual([...listed.keys()].sort(), [changed, secret, 'fails', skipped].sort(), JSON.stringify(report));
    assert.equal(listed.get('fails')?.state, 'failed');
    assert.equal(listed.get('fails')?.type, 'Exec');
    assert.equal(listed.get('fails')?.line, 3);
    assert.match(listed.get('fails')?.events[0].message, /'\/bin\/false' returned 1 instead of one of \[0\]/);
    assert.equal(listed.get(skipped)?.state, 'skipped');
    assert.match(listed.get(skipped)?.events[0].message, /Skipping because of failed dependencies/);
    assert.equal(listed.get(changed)?.state, 'changed');
    const body = JSON.stringify(report);
    assert.ok(!body.includes('the secret') && !body.includes('old secret'), 'no sensitive value leaves root');

    const missing = await request(ctx.svc.port, '/puppet/runs/20260101T000000000Z-000000/report');
    assert.equal(missing.status, 404);
  });
});
