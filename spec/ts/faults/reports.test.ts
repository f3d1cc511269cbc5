// A run's resource report when state_dir fills up after the run's record was written: the report is served from
// the service's memory, its failed write is counted, and once space is freed it is written beside its record,
// without a restart. The real bundle with the scripted stand-in puppet (spec/fixtures/fake-puppet), which writes
// a small last_run_report.yaml as Puppet does (REPORT=1); state_dir is a small tmpfs.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PATHS } from '../../../ts/api';
import { fill, mountTmpfs, requireRoot, unfill } from '../support/faults';
import { request, startService, waitFor, type Service } from '../support/service';
import { Sandbox } from '../support/standin';

describe("faults: a run's report when state_dir is full (tmpfs, stand-in puppet)", function () {
  this.timeout(60_000);
  let sb: Sandbox | undefined;
  let svc: Service | undefined;
  let unmount = (): void => undefined;
  let filler: string | undefined;
  before(function () {
    requireRoot(this);
  });
  beforeEach(function () {
    sb = new Sandbox('twitch-faults-reports-');
    unmount = mountTmpfs(sb.recordsDir, 512 * 1024);
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed' && svc !== undefined) console.log(`    service log:\n${svc.logs}`);
    svc?.kill();
    svc = undefined;
    if (filler !== undefined) unfill(filler);
    filler = undefined;
    unmount();
    sb?.cleanup();
  });

  it('serves the report from memory, counts the failed write, and writes the same report once space is freed', async function () {
    const box = sb as Sandbox;
    box.setBehaviour({ sleep: 1, exit: 2, report: true });
    svc = await startService({ config: box.configPath });
    const trigger = await request(svc.port, PATHS.trigger, { method: 'POST' });
    assert.equal(trigger.status, 202, trigger.body);
    const id = String(trigger.headers.location).split('/').pop() as string;
    assert.ok(existsSync(join(box.recordsDir, `${id}.json`)), 'the record was written before the run started');
    filler = fill(box.recordsDir);

    await box.waitForFinishedRuns(1);
    const record = await waitFor(`run ${id} to be finished, as GET ${PATHS.runs}/${id} says`, async () => {
      const res = await request(svc!.port, `${PATHS.runs}/${id}`, { headers: { Accept: 'application/json' } });
      const r = JSON.parse(res.body) as { state: string; outcome: string };
      return r.state === 'finished' ? r : undefined;
    }, 15_000);
    assert.equal(record.outcome, 'changes');
    await waitFor('the log line of the report that cannot be written', () => new RegExp(`cannot write the report of run ${id} to ${box.recordsDir}: ENOSPC`).test(svc!.stdout), 5000);

    const answer = await request(svc.port, `${PATHS.runs}/${id}/report`);
    assert.equal(answer.status, 200, answer.body);
    const served = JSON.parse(answer.body) as { status: string; resources: { type: string; title: string; state: string; events: { message: string }[] }[] };
    assert.equal(served.status, 'changed');
    assert.equal(served.resources.length, 1);
    assert.equal(served.resources[0].type, 'File');
    assert.equal(served.resources[0].state, 'changed');
    assert.match(served.resources[0].events[0].message, /^content changed '\{sha256\}01d0' to '\{sha256\}7aa7' by stand-in run \d+$/);
    const file = join(box.recordsDir, `${id}.report.json`);
    assert.equal(existsSync(file), false, 'not on disk: the disk is full');
    const metrics = (await request(svc.port, PATHS.metrics)).body;
    const counted = /^puppet_twitch_state_write_errors_total\{kind="ENOSPC"\} (\d+)$/m.exec(metrics);
    assert.ok(counted !== null && Number(counted[1]) >= 1, metrics);

    const pid = svc.servicePid();
    unfill(filler);
    filler = undefined;
    await waitFor(`${id}.report.json to be written once space is freed`, () => existsSync(file), 20_000);
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), served, 'the report served before, as it was');
    assert.equal(svc.servicePid(), pid, 'the same service, not restarted');
    assert.equal(svc.running, true);
    assert.deepEqual(JSON.parse((await request(svc.port, `${PATHS.runs}/${id}/report`)).body), served, 'now read from its file');
    await waitFor('the log line of the report written', () => new RegExp(`wrote the report of run ${id} to ${box.recordsDir}`).test(svc!.stdout), 5000);
  });
});
