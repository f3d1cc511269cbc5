// The audit log on an operator's bad day, against the real bundle with the stand-in puppet: state_dir on a
// tmpfs made full (whole lines kept, the ones beyond the backlog counted and noted, every request accounted for),
// the audit file and then state_dir removed while the service runs; and a config file with a key given twice.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as http from 'node:http';
import { join } from 'node:path';
import { fill, mountTmpfs, requireRoot, unfill } from '../support/faults';
import { request, runCli, startService, waitFor, type Service } from '../support/service';
import { Sandbox } from '../support/standin';

/** What the audit log keeps in memory of lines it cannot write (ts/audit.ts, AUDIT_BACKLOG_BYTES). */
const BACKLOG_BYTES = 1024 * 1024;
const RUNS = '/puppet/runs/';
/** The longest path an audit line keeps (its first 200 characters): the fewer lines overflow the backlog. */
const PATH_CHARS = 200;
const pathOf = (n: number) => `${RUNS}${String(n).padStart(6, '0')}`.padEnd(PATH_CHARS, 'x');
const numberOf = (line: Record<string, unknown>): number => Number(String(line.path).slice(RUNS.length, RUNS.length + 6));

/** An audited request that changes nothing: a run that does not exist, its number in its id. */
function lookUp(svc: Service, n: number): Promise<number> {
  return request(svc.port, pathOf(n)).then((res) => res.status);
}

/** Requests `from` to `to` - 1, `lanes` at a time over kept-alive connections; resolves with their statuses. */
async function lookUpMany(svc: Service, from: number, to: number, lanes = 8): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: lanes });
  const statuses: number[] = [];
  let next = from;
  const lane = async () => {
    while (next < to) {
      const n = next++;
      statuses.push(
        await new Promise<number>((resolve, reject) => {
          http
            .get({ host: '127.0.0.1', port: svc.port, path: pathOf(n), agent }, (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode ?? 0));
            })
            .on('error', reject);
        }),
      );
    }
  };
  try {
    await Promise.all(Array.from({ length: lanes }, lane));
  } finally {
    agent.destroy();
  }
  return statuses;
}

/** Every line of the audit file parsed, as jq reads it; throws at a line that is not JSON or a torn last line. */
function auditLines(file: string): Array<Record<string, unknown>> {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  if (text !== '' && !text.endsWith('\n')) throw new Error(`the audit file ends in a torn line: ${JSON.stringify(text.slice(-80))}`);
  return text
    .split('\n')
    .slice(0, -1)
    .map((line, i) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`line ${i + 1} of the audit file is not JSON: ${JSON.stringify(line.slice(0, 120))}`);
      }
    });
}
const waitLines = (file: string, count: number) =>
  waitFor(`${count} audit lines in ${file}`, () => {
    const lines = auditLines(file);
    return lines.length >= count ? lines : undefined;
  });

const hasJq = (): boolean => {
  try {
    execFileSync('sh', ['-c', 'command -v jq'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

describe('faults: the audit log on a full disk', function () {
  this.timeout(60_000);
  let sb: Sandbox | undefined;
  let svc: Service | undefined;
  let unmount = () => undefined as void;
  before(function () {
    requireRoot(this);
    sb = new Sandbox('twitch-faults-');
    // room for the kept lines and the ones after, once the filler is gone
    unmount = mountTmpfs(sb.recordsDir, 8 * 1024 * 1024);
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed' && svc) console.log(`    service log:\n${svc.logs}`);
  });
  after(() => {
    svc?.kill();
    unmount();
    sb?.cleanup();
  });

  it('keeps whole lines only, writes the kept ones once freed, and notes how many were lost: every request accounted for', async () => {
    const box = sb as Sandbox;
    svc = await startService({ config: box.configPath });
    const file = join(box.recordsDir, 'audit.log');
    const before = 5;
    for (let n = 0; n < before; n++) assert.equal(await lookUp(svc, n), 404);
    await waitLines(file, before);

    const lineBytes = statSync(file).size / before;
    const filler = fill(box.recordsDir);
    // more than the backlog holds: about a fifth of these cannot be kept
    const during = Math.ceil((BACKLOG_BYTES * 1.25) / lineBytes);
    assert.deepEqual(new Set(await lookUpMany(svc, before, before + during)), new Set([404]), 'requests are still answered');
    await waitFor('the service log to say the audit log cannot be written', () => /ERROR cannot write the audit log .*ENOSPC/.test(svc!.stdout));
    assert.doesNotThrow(() => auditLines(file), 'no torn line while the disk is full');

    unfill(filler);
    const after = 5;
    const total = before + during + after;
    for (let n = before + during; n < total; n++) assert.equal(await lookUp(svc, n), 404);
    const lines = await waitFor('the requests after the disk was freed', () => {
      const all = auditLines(file);
      return all.some((l) => l.path !== undefined && numberOf(l) === total - 1) ? all : undefined;
    });

    const lost = lines.filter((l) => l.event === 'audit_lines_lost');
    assert.equal(lost.length, 1, 'one lost-lines entry');
    const at = lines.indexOf(lost[0]);
    const numbers = (part: Array<Record<string, unknown>>) => part.map(numberOf);
    // in order: those before, the ones kept of those while the disk was full, the entry, those after
    assert.deepEqual(numbers(lines.slice(0, before)), [...Array(before).keys()]);
    const kept = numbers(lines.slice(before, at));
    assert.ok(kept.length > 0 && kept.length < during, `${kept.length} of ${during} kept`);
    assert.ok(kept.every((n) => n >= before && n < before + during), 'only requests made while the disk was full before the entry');
    assert.equal(new Set(kept).size, kept.length, 'each once');
    // the lines of the last batch sent while the disk was full are written after it when it was freed before their batch
    const late = numbers(lines.slice(at + 1, lines.length - after));
    assert.ok(late.every((n) => n >= before && n < before + during && !kept.includes(n)), `late lines: ${late.join(' ')}`);
    assert.deepEqual(numbers(lines.slice(-after)), Array.from({ length: after }, (_, i) => before + during + i), 'those after, all there');
    assert.equal(lost[0].lost, during - kept.length - late.length, 'the entry counts the requests that are not in the file');
    for (const key of ['time', 'from', 'to']) assert.match(String(lost[0][key]), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.ok(String(lost[0].from) <= String(lost[0].to) && String(lost[0].to) <= String(lost[0].time));

    if (hasJq()) execFileSync('jq', ['-c', '.'], { input: readFileSync(file), stdio: ['pipe', 'ignore', 'pipe'] });
    const metrics = await request(svc.port, '/metrics');
    assert.match(metrics.body, new RegExp(`^puppet_twitch_audit_lines_lost_total ${lost[0].lost}$`, 'm'));
    assert.equal(svc.stdout.match(/cannot write the audit log/g)?.length, 1, 'said once, not once per batch');
    assert.match(svc.stdout, new RegExp(`INFO the audit log .* is written again \\(${lost[0].lost} lines lost, from `));
    for (const line of svc.logLines()) assert.match(line, /^\d{4}-\d\d-\d\dT\S+Z (INFO|ERROR) /);
  });
});

describe('faults: the audit file or state_dir removed while the service runs', function () {
  this.timeout(30_000);
  let sb: Sandbox | undefined;
  let svc: Service | undefined;
  afterEach(function () {
    if (this.currentTest?.state === 'failed' && svc) console.log(`    service log:\n${svc.logs}`);
  });
  after(() => {
    svc?.kill();
    sb?.cleanup();
  });

  it('writes the next lines to a new file, in a state_dir made again (0750), without a restart', async () => {
    sb = new Sandbox('twitch-faults-');
    svc = await startService({ config: sb.configPath });
    const pid = svc.servicePid();
    const file = join(sb.recordsDir, 'audit.log');
    assert.equal(await lookUp(svc, 1), 404);
    await waitLines(file, 1);

    rmSync(file);
    assert.equal(await lookUp(svc, 2), 404);
    assert.deepEqual((await waitLines(file, 1)).map(numberOf), [2]);

    rmSync(sb.recordsDir, { recursive: true });
    assert.equal(await lookUp(svc, 3), 404);
    assert.equal(await lookUp(svc, 4), 404);
    assert.deepEqual((await waitLines(file, 2)).map(numberOf), [3, 4]);
    assert.equal(statSync(sb.recordsDir).mode & 0o777, 0o750);
    assert.equal(svc.servicePid(), pid);
    assert.ok(svc.running);
    // each time, one line says what happened; nothing else went wrong
    await waitFor('the second line about the audit log', () => (svc!.stdout.match(/ ERROR /g) ?? []).length >= 2);
    const errors = svc.stdout.split('\n').filter((line) => / ERROR /.test(line));
    assert.equal(errors.length, 2, svc.stdout);
    assert.match(errors[0], /the audit log .* was deleted or replaced: writing a new one there$/);
    assert.match(errors[1], /the audit log .* was deleted or replaced: writing a new one there, its directory made again \(mode 0750\)$/);
  });
});

describe('faults: a config file with a key given twice', function () {
  this.timeout(20_000);
  let sb: Sandbox | undefined;
  after(() => sb?.cleanup());

  it('refuses to start (exit 2), in one line naming the key', async () => {
    sb = new Sandbox('twitch-faults-');
    const config = JSON.stringify(sb.defaultConfig({ bind: '127.0.0.1', port: 0 }), null, 2);
    const path = sb.writeRawConfig('twice.json', config.replace('"mode": "agent",', '"mode": "agent",\n    "mode": "apply",'));
    const res = await runCli(['serve', '--config', path], { timeoutMs: 5000 });
    assert.equal(res.code, 2, res.stderr);
    assert.equal(res.stderr, `puppet-twitch: Config file ${path}: key 'puppet.mode' is given twice; JSON keeps only the last one, so give it once\n`);
    assert.equal(res.stdout, '');
  });
});
