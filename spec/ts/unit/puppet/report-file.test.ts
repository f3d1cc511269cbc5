// Reports written by real `puppet apply` runs (/usr/bin/puppet) in this test, and hostile ones.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { trySymlink } from '../fs-by-platform';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRunReport, reportOfText, REPORT_FILE_LIMITS } from '../../../../ts/puppet/report-file';
import { REPORT_LIMITS, type ReportResource, type RunReport } from '../../../../ts/puppet/report';

const PUPPET = '/usr/bin/puppet';

/** Runs `puppet apply` on `manifest` with a vardir of its own; the text of the report it wrote. */
function apply(dir: string, manifest: string, args: string[] = []): string {
  const vardir = join(dir, 'var');
  mkdirSync(vardir, { recursive: true });
  const file = join(dir, 'site.pp');
  writeFileSync(file, manifest);
  const report = join(dir, 'last_run_report.yaml');
  try {
    execFileSync(PUPPET, ['apply', `--vardir=${vardir}`, `--logdir=${vardir}`, `--lastrunreport=${report}`, ...args, file], { stdio: 'ignore' });
  } catch {
    // a run with failures exits non-zero with --detailed-exitcodes only; a failure here is the report's to tell
  }
  return readFileSync(report, 'utf8');
}

const byTitle = (report: RunReport) => new Map<string, ReportResource>(report.resources.map((r) => [r.title, r]));

describe('puppet/report-file: reports of real puppet apply runs', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'twitch-report-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  let real: string;
  let noop: string;

  before(function () {
    if (!existsSync(PUPPET)) this.skip();
    const files = ['changed', 'secret', 'skipped', 'marked'].map((name) => join(dir, name));
    for (const file of files.slice(0, 2)) writeFileSync(file, 'old\n');
    writeFileSync(files[3], 'old\n');
    const manifest = [
      `file { '${files[0]}': content => "new\\n" }`,
      `file { '${files[1]}': content => Sensitive("the secret\\n") }`,
      `exec { 'fails': command => '/bin/false' }`,
      `file { '${files[2]}': content => "x\\n", require => Exec['fails'] }`,
      `file { '${files[3]}': content => "would\\n", noop => true }`,
    ].join('\n');
    noop = apply(join(dir, 'noop'), manifest, ['--noop']);
    real = apply(join(dir, 'real'), manifest);
  });

  it('lists the changed, failed, skipped and noop resources of a real run, with file, line and events', async () => {
    const report = await reportOfText(real);
    assert.equal(report.error, null);
    assert.equal(report.noop, false);
    assert.equal(report.status, 'failed');
    const r = byTitle(report);
    assert.deepEqual(
      report.resources.map((x) => [x.type, x.state, x.line]),
      [['File', 'changed', 1], ['File', 'changed', 2], ['Exec', 'failed', 3], ['File', 'skipped', 4], ['File', 'noop', 5]],
    );
    const failed = r.get('fails')?.events[0];
    assert.deepEqual([failed?.property, failed?.previous_value, failed?.desired_value, failed?.status], ['returns', 'notrun', '["0"]', 'failure']);
    assert.match(String(failed?.message), /'\/bin\/false' returned 1 instead of one of \[0\]/);
    assert.equal(r.get(join(dir, 'skipped'))?.events[0].message, 'Skipping because of failed dependencies');
    const changed = r.get(join(dir, 'changed'))?.events[0];
    assert.equal(changed?.property, 'content');
    assert.match(String(changed?.desired_value), /^\{sha256\}[0-9a-f]{64}$/, 'the checksum as Puppet logs it');
    assert.equal(r.get(join(dir, 'marked'))?.events[0].status, 'noop');
  });

  it('shows (sensitive) for every value of a resource with a Sensitive parameter', async () => {
    for (const text of [real, noop]) {
      const report = await reportOfText(text);
      const secret = byTitle(report).get(join(dir, 'secret'));
      assert.deepEqual([secret?.events[0].previous_value, secret?.events[0].desired_value], ['(sensitive)', '(sensitive)']);
      assert.ok(!JSON.stringify(report).includes('the secret'));
    }
  });

  it('lists what a noop run would change', async () => {
    const report = await reportOfText(noop);
    assert.equal(report.noop, true);
    assert.ok(report.resources.length >= 4);
    assert.ok(report.resources.every((r) => r.state === 'noop' && r.events.every((e) => e.status === 'noop')), JSON.stringify(report));
  });

  it('takes a report only when it is the run\'s: written after the run started', async () => {
    const file = join(dir, 'real', 'last_run_report.yaml');
    assert.notEqual(await readRunReport(file, Date.now() - 600_000), null);
    assert.equal(await readRunReport(file, Date.now() + 1000), null, 'an earlier run\'s');
    utimesSync(file, new Date(), new Date(Date.now() + 60_000));
    assert.equal(await readRunReport(file, Date.now() + 1000), null, "an mtime after the start, but the report's time before it");
    assert.equal(await readRunReport(join(dir, 'none.yaml'), 0), null);
  });

  it('reads a 10,000-resource report within the bounds', async function () {
    // A real run's report, its one resource status repeated 10,000 times under other titles: the report Puppet
    // would write for 10,000 such resources (a real run of them takes Puppet a minute or more)
    const small = apply(join(dir, 'big'), "notify { 'grow_0': message => 'a changed message' }");
    const lines = small.split('\n');
    const from = lines.indexOf('resource_statuses:');
    let to = from + 1;
    while (to < lines.length && (lines[to].startsWith('  ') || lines[to] === '')) to++;
    const entry = lines.slice(from + 1, to).join('\n');
    assert.match(entry, /^  Notify\[grow_0\]:\n/, 'the run reported its one resource');
    const statuses = Array.from({ length: 10_000 }, (_, i) => entry.replaceAll('grow_0', `grow_${i}`));
    const text = [...lines.slice(0, from + 1), ...statuses, ...lines.slice(to)].join('\n');
    const t0 = process.hrtime.bigint();
    const report = await reportOfText(text);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    // how long it takes is bench/report.mjs's to measure, not a test's
    console.log(`      read a 10,000-resource report in ${Math.round(ms)} ms`);
    assert.equal(report.resources.length, REPORT_LIMITS.resources);
    assert.equal(report.resources_left_out, 10_000 - REPORT_LIMITS.resources);
    assert.ok(Buffer.byteLength(JSON.stringify(report.resources)) <= REPORT_LIMITS.bytes);
  });
});

describe('puppet/report-file: hostile reports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'twitch-report-hostile-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('says what is wrong in the error field: not YAML, too deep, too many aliases, not a mapping', async () => {
    const cases: [string, RegExp][] = [
      ['key: [unclosed\n', /not YAML/],
      [`${'['.repeat(100_000)}${']'.repeat(100_000)}`, /nests \[ or \{ deeper than 64/],
      [`a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [${'*a, '.repeat(9)}*a]\nc: [${'*b, '.repeat(200)}*b]\n`, /[Ee]xcessive alias count/],
      ['just text\n', /not a YAML mapping/],
    ];
    for (const [text, why] of cases) {
      const report = await readRunReport(file('r.yaml', text), 0);
      assert.match(String(report?.error), why, text.slice(0, 40));
      assert.deepEqual(report?.resources, []);
    }
  });

  it('never instantiates a tag: unknown ones are plain values', async () => {
    const text = `--- !ruby/object:Puppet::Transaction::Report\ntime: '2030-01-01T00:00:00+00:00'\nstatus: !ruby/object:Evil::Thing {x: 1}\nresource_statuses:\n  File[/x]:\n    title: !!js/function 'x'\n    changed: true\n    events: []\n`;
    const report = await reportOfText(text);
    assert.equal(report.error, null);
    assert.deepEqual(report.resources.map((r) => [r.title, r.state]), [['x', 'changed']]);
    assert.equal(report.status, null, 'a map where a string belongs is not shown');
  });

  it('refuses a report over the size bound unread, a link, a FIFO; a deep block layout is parsed bounded', async () => {
    const big = join(dir, 'big.yaml');
    writeFileSync(big, '');
    truncateSync(big, REPORT_FILE_LIMITS.bytes + 1);
    assert.match(String((await readRunReport(big, 0))?.error), /more than 67108864/);
    if (trySymlink(big, join(dir, 'link.yaml'))) {
      assert.match(String((await readRunReport(join(dir, 'link.yaml'), 0))?.error), /symbolic link/);
    }
    // Windows has no FIFOs in its file system: a directory is the thing that is not a regular file there
    const odd = join(dir, 'odd.yaml');
    if (process.platform === 'win32') mkdirSync(odd);
    else execFileSync('mkfifo', [odd]);
    assert.match(String((await readRunReport(odd, 0))?.error), /not a regular file/);
    const deep = Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n');
    const report = await readRunReport(file('deep.yaml', deep), 0);
    assert.ok(report === null || report.error !== null || report.resources.length === 0);
  });

  it('cuts values at 1 KiB and keeps within 256 KiB, counting what it left out', async () => {
    const big = 'v'.repeat(5000);
    const statuses = Array.from({ length: 300 }, (_, i) =>
      `  File[/f${i}]:\n    title: "/f${i}"\n    changed: true\n    events:\n    - property: content\n      previous_value: ${big}\n      desired_value: ${big}\n      status: success\n      message: m\n`,
    );
    const report = await reportOfText(`--- !ruby/object:Puppet::Transaction::Report\ntime: '2030-01-01T00:00:00+00:00'\nresource_statuses:\n${statuses.join('')}`);
    assert.ok(report.resources.length > 0 && report.resources.length < 300);
    assert.equal(report.resources.length + report.resources_left_out, 300);
    assert.ok(Buffer.byteLength(JSON.stringify(report.resources)) <= REPORT_LIMITS.bytes);
    const value = String(report.resources[0].events[0].previous_value);
    assert.ok(Buffer.byteLength(value) <= REPORT_LIMITS.value && value.endsWith('…'));
  });
});
