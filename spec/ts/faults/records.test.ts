// Run records against a state_dir on a real bad day, with the real bundle and the scripted stand-in puppet
// (spec/fixtures/fake-puppet, which notes each run it makes in runs.log, outside state_dir): a full disk before a
// trigger and during a run, a read-only or missing state_dir at start, the service killed while its last write
// failed, state_dir removed during a run, and junk named like records.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newRecord, newRunId, type RunRecord } from '../../../ts/core/records';
import { fill, mountTmpfs, requireRoot, setReadOnly, unfill } from '../support/faults';
import { request, runCli, startService, waitFor, type Service } from '../support/service';
import { Sandbox } from '../support/standin';

const TMPFS_BYTES = 256 * 1024;

interface Case {
  sb: Sandbox;
  svc: Service | undefined;
  unmount: () => void;
}

/** A sandbox whose state_dir is a small tmpfs (mounted before the service starts), cleaned up whatever happens. */
function useTmpfsStateDir(): Case {
  const c: Case = { sb: undefined as unknown as Sandbox, svc: undefined, unmount: () => undefined };
  beforeEach(function () {
    requireRoot(this);
    c.sb = new Sandbox('twitch-faults-records-');
    c.unmount = mountTmpfs(c.sb.recordsDir, TMPFS_BYTES);
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed' && c.svc !== undefined) console.log(`    service log:\n${c.svc.logs}`);
    c.svc?.kill();
    c.svc = undefined;
    try {
      setReadOnly(c.sb.recordsDir, false);
    } catch {
      // not mounted, or writable already
    }
    c.unmount();
    c.sb?.cleanup();
  });
  return c;
}

const json = <T>(body: string): T => JSON.parse(body) as T;
const getJson = async <T>(svc: Service, path: string): Promise<T> => {
  const res = await request(svc.port, path);
  assert.equal(res.status, 200, `${path}: ${res.status} ${res.body}`);
  return json<T>(res.body);
};
const tempFiles = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.tmp'));
const linesMatching = (svc: Service, re: RegExp) => svc.logLines().filter((line) => re.test(line));
const onDisk = (dir: string, id: string): RunRecord => json<RunRecord>(readFileSync(join(dir, `${id}.json`), 'utf8'));

/** Triggers an async run and returns its id once the service says it started. */
async function started(svc: Service): Promise<string> {
  const res = await request(svc.port, '/puppet/twitch', { method: 'POST' });
  assert.equal(res.status, 202, res.body);
  return String(res.headers.location).split('/').pop() as string;
}

const finishedInMemory = (svc: Service, id: string) =>
  waitFor(`run ${id} finished, as /puppet/runs/${id} says`, async () => {
    const record = await getJson<RunRecord>(svc, `/puppet/runs/${id}`);
    return record.state === 'finished' ? record : undefined;
  }, 15000);

describe('faults: run records when state_dir fails (tmpfs)', function () {
  this.timeout(60000);
  const c = useTmpfsStateDir();

  it('full before a trigger: 503 CANNOT_RECORD, no puppet started, status and metrics say so; freed, the next trigger works', async () => {
    c.svc = await startService({ config: c.sb.configPath });
    const filler = fill(c.sb.recordsDir);
    const refused = await request(c.svc.port, '/puppet/twitch?async=false', { method: 'POST' });
    assert.equal(refused.status, 503, refused.body);
    assert.match(refused.body, new RegExp(`^Cannot record the run: state_dir ${c.sb.recordsDir}: ENOSPC: .*Nothing was started: free space in state_dir`));
    assert.match(String(refused.headers['retry-after']), /^\d+$/);
    assert.deepEqual(c.sb.runs(), [], 'the stand-in puppet never ran');
    assert.deepEqual(tempFiles(c.sb.recordsDir), [], 'the failed write left no temporary file');
    await request(c.svc.port, '/puppet/twitch', { method: 'POST' }); // a second refusal: still one log line
    const status = await getJson<{ state_dir_writable: boolean; state_write_error: { time: string; message: string } | null }>(c.svc, '/puppet/status');
    assert.equal(status.state_dir_writable, false);
    assert.match(status.state_write_error?.message ?? '', /ENOSPC/);
    const metrics = (await request(c.svc.port, '/metrics')).body;
    assert.match(metrics, /^puppet_twitch_state_write_errors_total\{kind="ENOSPC"\} 2$/m);

    unfill(filler);
    const ok = await request(c.svc.port, '/puppet/twitch?async=false', { method: 'POST' });
    assert.equal(ok.status, 200, ok.body);
    assert.equal(c.sb.runs().length, 1);
    assert.equal((await getJson<{ state_dir_writable: boolean }>(c.svc, '/puppet/status')).state_dir_writable, true);
    await waitFor('the recovered line', () => linesMatching(c.svc!, /run records are written to state_dir .* again/).length === 1, 5000);
    assert.equal(linesMatching(c.svc, /cannot write run records in state_dir/).length, 1, c.svc.logs);
  });

  it('read-only at start: exit 2 with one line saying what to do', async () => {
    setReadOnly(c.sb.recordsDir, true);
    const res = await runCli(['serve', '--config', c.sb.configPath, '--bind', '127.0.0.1', '--port', '0']);
    assert.equal(res.code, 2, res.stdout + res.stderr);
    const lines = res.stderr.trim().split('\n');
    assert.equal(lines.length, 1, res.stderr);
    assert.match(lines[0], new RegExp(`^puppet-twitch: Cannot use state_dir ${c.sb.recordsDir} for run records: EROFS: .*make state_dir writable for the service user`));
  });

  it('full during a run: the run is served finished with its exit code, and written once space is freed', async () => {
    c.sb.setBehaviour({ sleep: 1, exit: 2 });
    c.svc = await startService({ config: c.sb.configPath });
    const id = await started(c.svc);
    const filler = fill(c.sb.recordsDir);
    await c.sb.waitForFinishedRuns(1);
    const record = await finishedInMemory(c.svc, id);
    assert.equal(record.exit_code, 2);
    assert.equal(record.outcome, 'changes');
    assert.equal(onDisk(c.sb.recordsDir, id).state, 'running', 'the final write failed');
    assert.ok((await getJson<RunRecord[]>(c.svc, '/puppet/runs')).some((r) => r.id === id && r.state === 'finished'));
    unfill(filler);
    await waitFor('the retried write', () => onDisk(c.sb.recordsDir, id).state === 'finished', 20000);
    const written = onDisk(c.sb.recordsDir, id);
    assert.equal(written.exit_code, 2);
    assert.equal(written.outcome, 'changes');
    assert.equal(written.finished_at, record.finished_at);
  });

  it("killed while its final write failed: after a restart the run is unknown, its end not recorded, and no later run's summary", async () => {
    c.sb.setBehaviour({ sleep: 1, exit: 2 });
    c.svc = await startService({ config: c.sb.configPath });
    const id = await started(c.svc);
    const filler = fill(c.sb.recordsDir);
    await c.sb.waitForFinishedRuns(1);
    await finishedInMemory(c.svc, id);
    c.svc.kill(); // SIGKILL: no chance to write
    await c.svc.exited;
    unfill(filler);
    assert.equal(onDisk(c.sb.recordsDir, id).state, 'running');
    // A later run (recorded by this service) wrote Puppet's summary since.
    const laterStart = Date.now() + 2000;
    const later: RunRecord = {
      ...newRecord({ source: 'http', client: '127.0.0.1', identity: null, options: {} }, new Date(laterStart)),
      state: 'finished',
      started_at: new Date(laterStart).toISOString(),
      finished_at: new Date(laterStart + 1000).toISOString(),
      pid: 1,
      exit_code: 0,
      outcome: 'no_changes',
    };
    writeFileSync(join(c.sb.recordsDir, `${later.id}.json`), JSON.stringify(later));
    const summary = readFileSync(c.sb.summaryFile, 'utf8');
    assert.match(summary, /last_run: \d+/);
    writeFileSync(c.sb.summaryFile, summary.replace(/last_run: \d+/, `last_run: ${Math.floor(laterStart / 1000) + 1}`));
    await waitFor('the later summary to be in the past', () => Date.now() > laterStart + 2000, 5000);

    c.svc = await startService({ config: c.sb.configPath });
    const record = await finishedInMemory(c.svc, id);
    assert.equal(record.outcome, 'unknown');
    assert.equal(record.exit_code, null);
    assert.match(record.error ?? '', /^the end of this run was not recorded/);
    assert.doesNotMatch(record.error ?? '', /the service restarted during this run/);
    assert.equal(record.summary, null, "the later run's summary is not this run's");
    await waitFor('the record written', () => onDisk(c.sb.recordsDir, id).state === 'finished', 5000);
  });

  it('junk named like records: a 2 MB file, a link to a root-only file and a file not JSON are skipped, never quoted; leftover temporary files go', async () => {
    const secret = join(c.sb.dir, 'root-only');
    writeFileSync(secret, 'root:SECRET-CONTENT-of-a-root-only-file:19000:0:99999:7:::\n', { mode: 0o600 });
    const [big, link, text] = [newRunId(new Date(Date.UTC(2026, 0, 1, 0, 0, 1))), newRunId(new Date(Date.UTC(2026, 0, 1, 0, 0, 2))), newRunId(new Date(Date.UTC(2026, 0, 1, 0, 0, 3)))];
    const junk = 'JUNK-CONTENT'.repeat(180_000);
    c.unmount();
    c.unmount = mountTmpfs(c.sb.recordsDir, 4 * 1024 * 1024); // room for the 2 MB file
    writeFileSync(join(c.sb.recordsDir, `${big}.json`), `{"id":"${big}","junk":"${junk}"}`);
    symlinkSync(secret, join(c.sb.recordsDir, `${link}.json`));
    writeFileSync(join(c.sb.recordsDir, `${text}.json`), 'SECRET-CONTENT not json\n');
    writeFileSync(join(c.sb.recordsDir, `.${text}.json.4242.tmp`), '{"half a rec');
    c.svc = await startService({ config: c.sb.configPath });
    await waitFor('three skip lines', () => linesMatching(c.svc!, /skipping run record/).length >= 3);
    const skipped = linesMatching(c.svc, /skipping run record/);
    assert.equal(skipped.length, 3, c.svc.logs);
    assert.ok(skipped.some((l) => l.includes(`${big}.json: it is larger than 1048576 bytes (not read)`)), skipped.join('\n'));
    assert.ok(skipped.some((l) => l.includes(`${link}.json: it is a symbolic link (not followed)`)), skipped.join('\n'));
    assert.ok(skipped.some((l) => l.includes(`${text}.json: not valid JSON`)), skipped.join('\n'));
    assert.ok(!c.svc.logs.includes('SECRET-CONTENT') && !c.svc.logs.includes('JUNK-CONTENT'), 'no content in the log');
    assert.deepEqual(tempFiles(c.sb.recordsDir), []);
    assert.deepEqual(await getJson<RunRecord[]>(c.svc, '/puppet/runs'), []);
  });
});

describe('faults: state_dir missing or removed', function () {
  this.timeout(60000);
  let sb: Sandbox | undefined;
  let svc: Service | undefined;
  beforeEach(function () {
    requireRoot(this);
    sb = new Sandbox('twitch-faults-records-');
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed' && svc !== undefined) console.log(`    service log:\n${svc.logs}`);
    svc?.kill();
    svc = undefined;
    sb?.cleanup();
  });

  it('missing at start: created, mode 0750', async () => {
    assert.equal(existsSync(sb!.recordsDir), false);
    svc = await startService({ config: sb!.configPath });
    assert.equal(statSync(sb!.recordsDir).mode & 0o777, 0o750);
  });

  it('removed during a run: made again, and the record written', async () => {
    sb!.setBehaviour({ sleep: 1, exit: 0 });
    svc = await startService({ config: sb!.configPath });
    const id = await started(svc);
    rmSync(sb!.recordsDir, { recursive: true, force: true });
    await sb!.waitForFinishedRuns(1);
    await finishedInMemory(svc, id);
    const written = onDisk(sb!.recordsDir, id);
    assert.equal(written.state, 'finished');
    assert.equal(written.exit_code, 0);
    assert.equal(statSync(sb!.recordsDir).mode & 0o777, 0o750);
    // whichever writer comes first (the record or the audit log) makes it again, and says so
    await waitFor('a line saying state_dir or a file in it was made again', () => linesMatching(svc!, /made again/).length > 0);
  });
});
