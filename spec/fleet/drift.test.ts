// Fleet drift end to end: five real puppet-twitch instances (the built bundle), each running the real Debian
// `puppet apply` (/usr/bin/puppet) on a manifest of its own, with drift planted on some of them; `puppet-twitch
// fleet --noop` over them groups what their reports say would change, by resource and property. No PuppetDB: the
// nodes are named by address (--nodes).
import { strict as assert } from 'node:assert';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FleetDocument } from '../../ts/fleet/report';
import { runCli, startService, type Service } from '../ts/support/service';
import { Sandbox } from '../ts/support/standin';
import { freePort } from './simulator';

const PUPPET = '/usr/bin/puppet';
const NTP = 'server ntp.fleet.test iburst\n';
const MOTD = 'managed by Puppet\n';

/** What is planted on each node: an ntp.conf with other content, a motd with another mode, or both, or neither. */
const NODES = [
  { ip: '127.78.0.1', ntp: 'server pool.ntp.org\n', motdMode: 0o644 },
  { ip: '127.78.0.2', ntp: 'server 10.0.0.1\n', motdMode: 0o600 },
  { ip: '127.78.0.3', ntp: '', motdMode: 0o644 },
  { ip: '127.78.0.4', ntp: NTP, motdMode: 0o640 },
  { ip: '127.78.0.5', ntp: NTP, motdMode: 0o644 },
];

describe('fleet drift: --noop over real instances running real puppet apply, grouped by resource and property', function () {
  this.timeout(180_000);
  const nodes: Array<{ ip: string; sb: Sandbox; svc: Service; ntp: string; motd: string }> = [];
  let port = 0;

  before(async function () {
    port = await freePort(NODES[0].ip);
    for (const n of NODES) {
      const sb = new Sandbox('fleet-drift-');
      const ntp = join(sb.dir, 'ntp.conf');
      const motd = join(sb.dir, 'motd');
      writeFileSync(ntp, n.ntp);
      writeFileSync(motd, MOTD);
      chmodSync(motd, n.motdMode);
      // the same titles on every node, each managing its own files
      const manifest = sb.writeRawConfig(
        'site.pp',
        [
          `file { 'ntp.conf': path => '${ntp}', content => "${NTP.replace('\n', '\\n')}" }`,
          `file { 'motd': path => '${motd}', content => "${MOTD.replace('\n', '\\n')}", mode => '0644' }`,
        ].join('\n'),
      );
      const vardir = join(sb.dir, 'var');
      const statedir = join(vardir, 'state');
      const lastrunfile = join(statedir, 'last_run_summary.yaml');
      const lastrunreport = join(statedir, 'last_run_report.yaml');
      sb.writeConfig({
        puppet: {
          bin: PUPPET,
          mode: 'apply',
          manifest,
          statedir,
          lastrunfile,
          lastrunreport,
          args: [`--vardir=${vardir}`, `--lastrunfile=${lastrunfile}`, `--lastrunreport=${lastrunreport}`],
        },
      });
      const svc = await startService({ config: sb.configPath, args: ['--config', sb.configPath, '--bind', n.ip, '--port', String(port)], timeoutMs: 30_000 });
      nodes.push({ ip: n.ip, sb, svc, ntp, motd });
    }
  });

  after(async function () {
    await Promise.all(nodes.map(({ svc }) => svc.stop().catch(() => svc.kill())));
    for (const { sb } of nodes) sb.cleanup();
  });

  it('two kinds of planted drift: 3 nodes would change File[ntp.conf] content, 2 File[motd] mode; nothing is changed', async function () {
    const before = nodes.map((n) => [readFileSync(n.ntp, 'utf8'), statSync(n.motd).mode & 0o777]);
    const args = ['fleet', '--nodes', NODES.map((n) => n.ip).join(','), '--port', String(port), '--noop', '--concurrency', '5', '--wait=150'];
    const json = await runCli([...args, '--json'], { timeoutMs: 170_000 });
    assert.equal(json.code, 0, `${json.stdout}\n${json.stderr}`);
    const d = JSON.parse(json.stdout) as FleetDocument;
    const outcomes = Object.fromEntries(d.nodes.map((r) => [r.node, r.outcome]));
    assert.deepEqual(outcomes, { '127.78.0.1': 'drift', '127.78.0.2': 'drift', '127.78.0.3': 'drift', '127.78.0.4': 'drift', '127.78.0.5': 'ok' }, JSON.stringify(d.nodes, null, 1));
    assert.deepEqual(d.drift, [
      { resource: 'File[ntp.conf]', property: 'content', count: 3, nodes: ['127.78.0.1', '127.78.0.2', '127.78.0.3'] },
      { resource: 'File[motd]', property: 'mode', count: 2, nodes: ['127.78.0.2', '127.78.0.4'] },
    ]);
    for (const r of d.nodes) assert.equal(r.report_error, null, `${r.node}: ${r.report_error}`);
    const both = d.nodes.find((r) => r.node === '127.78.0.2')?.drift ?? [];
    assert.deepEqual(
      both.map((x) => `${x.resource} ${x.property}`).sort(),
      ['File[motd] mode', 'File[ntp.conf] content'],
      'a node with both kinds lists both',
    );
    // noop changed nothing
    assert.deepEqual(nodes.map((n) => [readFileSync(n.ntp, 'utf8'), statSync(n.motd).mode & 0o777]), before);

    // the table says the same, most nodes first, the summary line last
    const table = await runCli(args, { timeoutMs: 170_000 });
    assert.equal(table.code, 0, `${table.stdout}\n${table.stderr}`);
    const lines = table.stdout.trimEnd().split('\n');
    const at = lines.findIndex((l) => /^drift \(noop\)/.test(l));
    assert.ok(at > 0, table.stdout);
    assert.deepEqual(lines.slice(at + 1, at + 3).map((l) => l.trim()), ['3 nodes: File[ntp.conf] content', '2 nodes: File[motd] mode']);
    assert.match(lines[lines.length - 1], /^5 nodes in \d+\.\d s: 1 ok, 4 drift$/);
  });
});
