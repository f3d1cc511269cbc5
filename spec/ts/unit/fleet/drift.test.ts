import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { driftItems, driftLine, groupDrift } from '../../../../ts/fleet/drift';
import { reportOfAnswer } from '../../../../ts/fleet/node-report';
import type { NodeResult } from '../../../../ts/fleet/outcomes';
import { extractReport, type RunReport } from '../../../../ts/puppet/report';
import { reportOfText } from '../../../../ts/puppet/report-file';

const PUPPET = '/usr/bin/puppet';

const result = (node: string, drift: NodeResult['drift']): NodeResult => ({
  node, address: node, url: null, outcome: 'drift', run_id: 'r1', exit_code: 0, resources: null, started_at: null, finished_at: null,
  duration_seconds: 1, attempts: 1, http_status: 200, error: null, batch: 1, drift, drift_partial: null, report_error: null,
});

/** A report document as Puppet writes it (parsed YAML): one resource of each state, and the shapes drift can take. */
const puppetDoc = {
  time: '2026-12-06T19:36:44.581627273+00:00', status: 'unchanged', noop: true,
  resource_statuses: {
    'File[/etc/ntp.conf]': {
      resource_type: 'File', title: '/etc/ntp.conf', file: '/site.pp', line: 3, out_of_sync: true,
      events: [
        { property: 'content', previous_value: '{md5}a', desired_value: '{md5}b', status: 'noop' },
        { property: 'mode', previous_value: '0600', desired_value: '0644', status: 'noop' },
        { property: 'content', status: 'noop' },
        { property: 'owner', status: 'audit' },
      ],
    },
    'Service[ntp]': { resource_type: 'Service', title: 'ntp', out_of_sync: true, events: [{ property: 'ensure', status: 'noop' }] },
    'File[/etc/motd]': { resource_type: 'File', title: '/etc/motd', changed: true, out_of_sync: true, events: [{ property: 'content', status: 'success' }] },
    'Exec[migrate]': { resource_type: 'Exec', title: 'migrate', failed: true, events: [{ property: 'returns', status: 'failure' }] },
    'File[/etc/app.conf]': { resource_type: 'File', title: '/etc/app.conf', skipped: true, events: [] },
    'Package[vim]': { resource_type: 'Package', title: 'vim', out_of_sync: false, events: [] },
  },
};

describe('fleet/drift', () => {
  it('takes from a report each property its noop resources would change, once, in Puppet\'s order', () => {
    const report = extractReport(puppetDoc);
    assert.equal(report.error, null);
    assert.deepEqual(driftItems(report), [
      { resource: 'File[/etc/ntp.conf]', property: 'content' },
      { resource: 'File[/etc/ntp.conf]', property: 'mode' },
      { resource: 'Service[ntp]', property: 'ensure' },
    ]);
  });

  it('lists a noop resource without a noop event as a whole (property null), and nothing of a report without resources', () => {
    const report: RunReport = {
      time: null, status: 'unchanged', noop: true, resources_left_out: 0, error: null,
      resources: [{ type: 'Exec', title: 'reload', file: null, line: null, state: 'noop', events: [] }],
    };
    assert.deepEqual(driftItems(report), [{ resource: 'Exec[reload]', property: null }]);
    assert.deepEqual(driftItems({ ...report, resources: [] }), []);
  });

  it('reads the drift of a real puppet apply --noop run, also after the report has crossed the wire as JSON', async function () {
    if (!existsSync(PUPPET)) this.skip();
    this.timeout(120_000);
    const dir = mkdtempSync(join(tmpdir(), 'twitch-drift-'));
    try {
      const [conf, kept] = [join(dir, 'ntp.conf'), join(dir, 'kept')];
      writeFileSync(conf, 'old\n');
      writeFileSync(kept, 'same\n');
      const manifest = [
        `file { '${conf}': content => "new\\n", mode => '0600' }`,
        `file { '${kept}': content => "same\\n" }`,
        `exec { 'reload': command => '/bin/true' }`,
      ].join('\n');
      writeFileSync(join(dir, 'site.pp'), manifest);
      mkdirSync(join(dir, 'var'));
      const reportFile = join(dir, 'last_run_report.yaml');
      execFileSync(PUPPET, ['apply', '--noop', `--vardir=${join(dir, 'var')}`, `--logdir=${join(dir, 'var')}`, `--lastrunreport=${reportFile}`, join(dir, 'site.pp')], { stdio: 'ignore' });
      const report = await reportOfText(readFileSync(reportFile, 'utf8'));
      const expected = [
        { resource: `File[${conf}]`, property: 'content' },
        { resource: `File[${conf}]`, property: 'mode' },
        { resource: 'Exec[reload]', property: 'returns' },
      ];
      const sorted = (items: ReturnType<typeof driftItems>) => [...items].sort((a, b) => `${a.resource} ${a.property}`.localeCompare(`${b.resource} ${b.property}`));
      assert.deepEqual(sorted(driftItems(report)), sorted(expected), JSON.stringify(report));
      const fromWire = reportOfAnswer(JSON.stringify(report));
      assert.notEqual(typeof fromWire, 'string');
      assert.deepEqual(driftItems(fromWire as RunReport), driftItems(report));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('groups by resource and property: most nodes first, then resource, then property (the whole resource first); nodes sorted', () => {
    const conf = { resource: 'File[/etc/ntp.conf]', property: 'content' };
    const mode = { resource: 'File[/etc/ntp.conf]', property: 'mode' };
    const whole = { resource: 'File[/etc/ntp.conf]', property: null };
    const svc = { resource: 'Service[ntp]', property: 'ensure' };
    const groups = groupDrift([
      result('web3', [conf, svc, conf]),
      result('web1', [conf, mode]),
      result('db1', [svc, whole]),
      result('app1', [mode]),
      result('ok1', null),
      { ...result('web9', null), outcome: 'ok' },
    ]);
    assert.deepEqual(groups, [
      { ...conf, count: 2, nodes: ['web1', 'web3'] },
      { ...mode, count: 2, nodes: ['app1', 'web1'] },
      { ...svc, count: 2, nodes: ['db1', 'web3'] },
      { ...whole, count: 1, nodes: ['db1'] },
    ]);
    assert.deepEqual(groupDrift([]), []);
  });

  it('breaks ties by resource, then by property with the whole resource before its properties', () => {
    const groups = groupDrift([result('n1', [
      { resource: 'B[x]', property: 'b' }, { resource: 'B[x]', property: null }, { resource: 'A[x]', property: 'z' }, { resource: 'B[x]', property: 'a' },
    ])]);
    assert.deepEqual(groups.map((g) => [g.resource, g.property]), [['A[x]', 'z'], ['B[x]', null], ['B[x]', 'a'], ['B[x]', 'b']]);
  });

  it('says a group in one line, singular for one node, with a node\'s control characters escaped', () => {
    assert.equal(driftLine({ resource: 'File[/etc/ntp.conf]', property: 'content', count: 37, nodes: [] }), '37 nodes: File[/etc/ntp.conf] content');
    assert.equal(driftLine({ resource: 'Exec[reload]', property: null, count: 1, nodes: ['a'] }), '1 node: Exec[reload]');
    assert.equal(driftLine({ resource: 'File[/tmp/\x1b[2J\n]', property: 'con\rtent', count: 2, nodes: [] }), '2 nodes: File[/tmp/\\x1b[2J\\x0a] con\\x0dtent');
  });
});
