import { strict as assert } from 'node:assert';
import { normalizeConfig, type Host } from '../../../ts/config';
import { PATHS } from '../../../ts/api';
import { ROUTE_SCOPES, routeScopes } from '../../../ts/http/scopes';
import type { Logger } from '../../../ts/log';
import { createMetrics } from '../../../ts/metrics/metrics';
import { posixPlatform } from '../../../ts/platform/posix';
import { lastRunSucceeded, puppetFamilies } from '../../../ts/metrics/puppet';
import { encode, escapeLabelValue, formatValue, histogramSamples } from '../../../ts/metrics/text';
import { puppetServer, serverFromArgs } from '../../../ts/puppet/conf';
import type { PuppetStatus } from '../../../ts/puppet/protocol';
import type { Summary } from '../../../ts/puppet/summary';
import { newRecord } from '../../../ts/core/records';

const host: Host = { isRoot: true, findPuppet: () => '/usr/bin/puppet' };
const SUMMARY: Summary = {
  last_run: 1700000000,
  total_time: 12.5,
  config_retrieval: 2.25,
  config_version: 'abc "1"',
  environment: 'production',
  resources: { changed: 1, failed: 0, failed_to_restart: 0, total: 8 },
  events: { failure: 0, success: 1, total: 1 },
  changes: 1,
};
const STATUS: PuppetStatus = { applying: false, pid: null, enabled: true, disabled_message: null, disabled_since: null, server: null, summary: null };
const names = (text: string) => [...new Set(text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => /^[a-z_]+/.exec(l)?.[0]))];

function logger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`INFO ${m}`), error: (m) => lines.push(`ERROR ${m}`), flush: () => undefined };
}

describe('metrics: text format', () => {
  it('escapes backslash, double quote and line feed in label values, and nothing else', () => {
    assert.equal(escapeLabelValue('a\\b"c\nd\te'), 'a\\\\b\\"c\\nd\te');
    assert.equal(
      encode([{ name: 'x', help: 'line\none \\', type: 'gauge', samples: [{ labels: { v: 'q"\\' }, value: 1 }] }]),
      '# HELP x line\\none \\\\\n# TYPE x gauge\nx{v="q\\"\\\\"} 1\n',
    );
  });
  it('writes special values as the format spells them, and leaves out families without samples', () => {
    assert.deepEqual([NaN, Infinity, -Infinity, 0.5, 3].map(formatValue), ['NaN', '+Inf', '-Inf', '0.5', '3']);
    assert.equal(encode([{ name: 'empty', help: 'h', type: 'gauge', samples: [] }]), '');
  });
  it('makes histogram buckets cumulative, ending with +Inf, _sum and _count', () => {
    const samples = histogramSamples([1, 5], [2, 0, 1], 14);
    assert.deepEqual(
      samples.map((s) => [s.suffix, s.labels?.le, s.value]),
      [['_bucket', '1', 2], ['_bucket', '5', 2], ['_bucket', '+Inf', 3], ['_sum', undefined, 14], ['_count', undefined, 3]],
    );
  });
});

describe('metrics: puppet.conf server', () => {
  it('takes the server puppet.args give the runs over puppet.conf: --server_list (its first host) over --server', () => {
    assert.equal(serverFromArgs(['--ssldir=/x', '--server=a.example']), 'a.example');
    assert.equal(serverFromArgs(['--server=a.example', '--server_list=b.example:8140,c.example']), 'b.example');
    assert.equal(serverFromArgs(['--server=']), undefined);
    assert.equal(serverFromArgs(['--noop']), undefined);
  });

  it('takes [agent] over [main], and server_list (its first host) over server', () => {
    assert.equal(puppetServer('[main]\nserver = main.example\n[agent]\nserver = agent.example\n'), 'agent.example');
    assert.equal(puppetServer('[main]\nserver = main.example\n[agent]\ncertname = x\n'), 'main.example');
    assert.equal(puppetServer('[main]\nserver_list = one.example:8140, two.example\n[agent]\nserver = agent.example\n'), 'one.example');
    assert.equal(puppetServer('[agent]\nserver_list=[2001:db8::1]:8140\n'), '2001:db8::1');
    assert.equal(puppetServer('server = top.example\n[user]\nserver = user.example\n'), 'top.example');
  });
  it('ignores comments, other sections and CRLF line ends; null when no server is set', () => {
    assert.equal(puppetServer('# server = no\n; server = no\n[server]\nserver = no\n[agent]\r\nserver = yes.example\r\n'), 'yes.example');
    assert.equal(puppetServer('[main]\nvardir = /var\n'), null);
    assert.equal(puppetServer(''), null);
    assert.equal(puppetServer('[agent]\nserver =\n'), null);
  });
});

describe('metrics: Puppet state', () => {
  it('counts a run as a success only with a resources section and no failed resources, restarts or events', () => {
    assert.equal(lastRunSucceeded(SUMMARY), true);
    assert.equal(lastRunSucceeded({ ...SUMMARY, resources: { ...SUMMARY.resources, failed: 1 } }), false);
    assert.equal(lastRunSucceeded({ ...SUMMARY, resources: { ...SUMMARY.resources, failed_to_restart: 2 } }), false);
    assert.equal(lastRunSucceeded({ ...SUMMARY, events: { failure: 1 } }), false);
    assert.equal(lastRunSucceeded({ ...SUMMARY, resources: {} }), false);
  });
  it('gives no last-run samples without a summary, but the disabled time and the config when known', () => {
    const text = encode(puppetFamilies({ ...STATUS, disabled_since: 1699999999.5, server: 'puppet.example' }));
    assert.deepEqual(names(text), ['puppet_disabled_since_seconds', 'puppet_config']);
    assert.match(text, /^puppet_disabled_since_seconds 1699999999\.5$/m);
    assert.match(text, /^puppet_config\{environment="",server="puppet\.example"\} 1$/m);
    assert.deepEqual(names(encode(puppetFamilies(STATUS))), ['puppet_disabled_since_seconds']);
  });
  it("gives the last run under the agent exporter's names, totals as state=\"total\" and no gauge ending in _total", () => {
    const text = encode(puppetFamilies({ ...STATUS, summary: SUMMARY }));
    for (const line of [
      'puppet_last_run_at_seconds 1700000000',
      'puppet_last_run_duration_seconds 12.5',
      'puppet_last_run_success 1',
      'puppet_last_catalog_version{version="abc \\"1\\""} 1',
      'puppet_config{environment="production",server=""} 1',
      'puppet_config_retrieval_duration_seconds 2.25',
      'puppet_last_catalog_resources{state="total"} 8',
      'puppet_last_catalog_resources{state="failed_to_restart"} 0',
      'puppet_last_catalog_events{state="success"} 1',
      'puppet_last_catalog_changes 1',
    ]) {
      assert.ok(text.split('\n').includes(line), `${line} in\n${text}`);
    }
    assert.ok(!/_total[ {]/.test(text));
  });
});

describe('metrics: counters', () => {
  const runner = { state: () => 'idle' as const, queued: () => undefined, current: () => undefined };
  it('counts requests by route and status, runs by source and outcome, and durations of runs that started', async () => {
    const metrics = createMetrics(logger(), posixPlatform());
    metrics.observeRequest(PATHS.run, 200);
    metrics.observeRequest(PATHS.run, 200);
    metrics.observeRequest('other', 400);
    const run = { ...newRecord({ source: 'schedule', client: null, identity: null, options: {} }), outcome: 'changes' as const };
    metrics.observeRun({ ...run, started_at: '2024-01-01T00:00:00.000Z', finished_at: '2024-01-01T00:00:42.000Z' });
    metrics.observeRun({ ...run, outcome: 'disabled', finished_at: '2024-01-01T00:00:00.000Z' });
    const text = await metrics.render({ puppetStatus: async () => STATUS, runner });
    const lines = text.split('\n');
    for (const line of [
      'puppet_twitch_requests_total{route="/puppet/runs/:id",code="200"} 2',
      'puppet_twitch_requests_total{route="other",code="400"} 1',
      'puppet_twitch_runs_total{source="schedule",outcome="changes"} 1',
      'puppet_twitch_runs_total{source="schedule",outcome="disabled"} 1',
      'puppet_twitch_runs_total{source="http",outcome="failures"} 0',
      'puppet_twitch_run_duration_seconds_bucket{le="30"} 0',
      'puppet_twitch_run_duration_seconds_bucket{le="60"} 1',
      'puppet_twitch_run_duration_seconds_sum 42',
      'puppet_twitch_run_duration_seconds_count 1',
      'puppet_twitch_puppet_state_up 1',
    ]) {
      assert.ok(lines.includes(line), `${line} in\n${text}`);
    }
  });
  it("says when this service's disable ends (0 when none is in force), beside when the agent was disabled", async () => {
    const metrics = createMetrics(logger(), posixPlatform());
    const disabledUntil = (message: string | null) => (message === 'ours' ? '2026-12-06T10:10:00.000Z' : null);
    const disabled = { ...STATUS, enabled: false, disabled_message: 'ours', disabled_since: 1796551200 };
    assert.match(await metrics.render({ puppetStatus: async () => disabled, runner, disabledUntil }), /^puppet_twitch_disabled_until_seconds 1796551800$/m);
    const theirs = { ...disabled, disabled_message: 'theirs' };
    assert.match(await metrics.render({ puppetStatus: async () => theirs, runner, disabledUntil }), /^puppet_twitch_disabled_until_seconds 0$/m);
    assert.match(await metrics.render({ puppetStatus: async () => STATUS, runner }), /^puppet_twitch_disabled_until_seconds 0$/m);
  });
  it('counts the audit lines that could not be written, as the audit log counts them', async () => {
    let lost = 0;
    const metrics = createMetrics(logger(), posixPlatform(), () => lost);
    assert.match(await metrics.render({ puppetStatus: async () => STATUS, runner }), /^puppet_twitch_audit_lines_lost_total 0$/m);
    lost = 7;
    const text = await metrics.render({ puppetStatus: async () => STATUS, runner });
    assert.match(text, /^# TYPE puppet_twitch_audit_lines_lost_total counter$/m);
    assert.match(text, /^puppet_twitch_audit_lines_lost_total 7$/m);
  });
  it('counts failed writes to state_dir by error code, with no series before the first', async () => {
    const metrics = createMetrics(logger(), posixPlatform());
    const before = await metrics.render({ puppetStatus: async () => STATUS, runner });
    assert.ok(!before.includes('puppet_twitch_state_write_errors_total{'), before);
    metrics.observeStateWriteError('ENOSPC');
    metrics.observeStateWriteError('ENOSPC');
    metrics.observeStateWriteError('EROFS');
    const lines = (await metrics.render({ puppetStatus: async () => STATUS, runner })).split('\n');
    assert.ok(lines.includes('# TYPE puppet_twitch_state_write_errors_total counter'));
    assert.ok(lines.includes('puppet_twitch_state_write_errors_total{kind="ENOSPC"} 2'));
    assert.ok(lines.includes('puppet_twitch_state_write_errors_total{kind="EROFS"} 1'));
  });
  it("counts failed writes of runs' stored output apart, by error code, with no series before the first", async () => {
    const metrics = createMetrics(logger(), posixPlatform());
    const before = await metrics.render({ puppetStatus: async () => STATUS, runner });
    assert.ok(!before.includes('puppet_twitch_output_write_errors_total{'), before);
    metrics.observeOutputWriteError('ENOSPC');
    metrics.observeOutputWriteError('ENOSPC');
    const lines = (await metrics.render({ puppetStatus: async () => STATUS, runner })).split('\n');
    assert.ok(lines.includes('# TYPE puppet_twitch_output_write_errors_total counter'));
    assert.ok(lines.includes('puppet_twitch_output_write_errors_total{kind="ENOSPC"} 2'));
    assert.ok(!lines.some((l) => l.startsWith('puppet_twitch_state_write_errors_total{')), 'not counted as a record write');
  });
  it('answers without Puppet state when the helper fails, logging once per burst of failures', async () => {
    const log = logger();
    const metrics = createMetrics(log, posixPlatform());
    let fail = true;
    const puppetStatus = async () => {
      if (fail) throw new Error('sudo: a password is required');
      return STATUS;
    };
    for (let i = 0; i < 3; i++) {
      const text = await metrics.render({ puppetStatus, runner });
      assert.match(text, /^puppet_twitch_puppet_state_up 0$/m);
      assert.doesNotMatch(text, /^puppet_disabled_since_seconds/m);
    }
    fail = false;
    assert.match(await metrics.render({ puppetStatus, runner }), /^puppet_twitch_puppet_state_up 1$/m);
    fail = true;
    await metrics.render({ puppetStatus, runner });
    assert.deepEqual(
      log.lines.map((l) => l.slice(0, 14)),
      ['ERROR metrics:', 'INFO metrics: ', 'ERROR metrics:'],
    );
  });
});

describe('metrics: a stuck run', () => {
  it("gives the age of the run in progress: this service's from its record, else the lock's, 0 when none", async () => {
    const metrics = createMetrics({ info: () => undefined, error: () => undefined } as never, posixPlatform());
    const idle = { state: () => 'idle' as const, queued: () => undefined, current: () => undefined };
    assert.match(await metrics.render({ puppetStatus: async () => STATUS, runner: idle }), /^puppet_twitch_run_in_progress_age_seconds 0$/m);
    const started = new Date(Date.now() - 3_600_000).toISOString();
    const running = { ...idle, state: () => 'running' as const, current: () => ({ ...newRecord({ source: 'http', client: null, identity: null, options: {} }), started_at: started }) };
    assert.match(await metrics.render({ puppetStatus: async () => STATUS, runner: running }), /^puppet_twitch_run_in_progress_age_seconds 360[01]$/m);
    const locked = { ...STATUS, applying: true, pid: 9, applying_since: Date.now() / 1000 - 120 };
    assert.match(await metrics.render({ puppetStatus: async () => locked, runner: idle }), /^puppet_twitch_run_in_progress_age_seconds 12[01]$/m);
    const failing = async () => {
      throw new Error('no helper');
    };
    assert.match(await metrics.render({ puppetStatus: failing, runner: running }), /^puppet_twitch_run_in_progress_age_seconds 360[01]$/m, 'without Puppet state too');
  });
});

describe('metrics: config', () => {
  it('is on and needs the read scope by default; metrics.public opens /metrics, and only it', () => {
    assert.deepEqual(normalizeConfig({}, {}, host).metrics, { enabled: true, public: false });
    assert.equal(routeScopes({ public: false })[PATHS.metrics], 'read');
    const open = routeScopes(normalizeConfig({ metrics: { public: true } }, {}, host).metrics);
    assert.equal(open[PATHS.metrics], undefined);
    assert.deepEqual({ ...open, [PATHS.metrics]: 'read' }, ROUTE_SCOPES);
  });
  it('names the key of a bad value', () => {
    assert.throws(() => normalizeConfig({ metrics: { enabled: 'yes' } }, {}, host), /'metrics\.enabled': must be true or false/);
    assert.throws(() => normalizeConfig({ metrics: { public: 1 } }, {}, host), /'metrics\.public': must be true or false/);
    assert.throws(() => normalizeConfig({ metrics: { path: '/m' } }, {}, host), /Unknown config key 'metrics\.path'/);
    assert.throws(() => normalizeConfig({ puppet: { conf: 'puppet.conf' } }, {}, host), /'puppet\.conf': must be an absolute path/);
  });
});
