// Fleet documents for the format tests: one node of every outcome, hostile names and errors, drift, a stop.
import { groupDrift } from '../../../../../ts/fleet/drift';
import { NODE_OUTCOMES, type NodeOutcome, type NodeResult } from '../../../../../ts/fleet/outcomes';
import { fleetDocument, type FleetDocument } from '../../../../../ts/fleet/report';

/** Terminal escapes, XML's forbidden C0 controls and metacharacters, a workflow command's, Markdown's. */
export const HOSTILE = '<&>"\'\x1b[2J\x07\0\x0b\x7f\x85\u202e%:,::|*_[x](y)`\r\n';

export const result = (node: string, outcome: NodeOutcome, fields: Partial<NodeResult> = {}): NodeResult => ({
  node, address: node, url: `http://${node}:2023`, outcome, run_id: `r-${node}`, exit_code: outcome === 'ok' ? 0 : 2,
  resources: { changed: outcome === 'changes' ? 3 : 0, failed: 0, total: 9 }, started_at: '2026-12-03T10:00:00.000Z',
  finished_at: '2026-12-03T10:00:01.250Z', duration_seconds: 1.25, attempts: 1, http_status: 200, error: null, batch: 1,
  drift: null, drift_partial: null, report_error: null, ...fields,
});

const ERRORS: Partial<Record<NodeOutcome, string>> = {
  skipped: 'not started: --max-failures 2 reached',
  unknown: 'not waited for: interrupted',
  busy: 'Puppet already running',
  disabled: 'Puppet agent is disabled',
  refused: 'Unauthorized',
  unreachable: 'no connection to web:2023 within 5 s',
  failed: 'Puppet run failed: exit code 4 (the run had resource failures)',
};

/** A node of each outcome named `<outcome>1`, a hostile failed node, drift with --noop, stopped by --max-failures. */
export function richDocument(): FleetDocument {
  const conf = { resource: 'File[/etc/ntp.conf]', property: 'content' };
  const results = NODE_OUTCOMES.map((o) => result(`${o}1`, o, { error: ERRORS[o] ?? null, batch: o === 'skipped' ? null : 1 }));
  results.push(
    result('drift2', 'drift', { drift: [conf, { resource: `File[/tmp/${HOSTILE}]`, property: null }] }),
    result('drift3', 'drift', { drift: null, report_error: 'GET /puppet/runs/r/report answered 404: No report of run r' }),
    result(`evil${HOSTILE}`, 'failed', { error: `boom ${HOSTILE} end`, run_id: `r${HOSTILE}`, duration_seconds: null, attempts: 3 }),
  );
  results[NODE_OUTCOMES.indexOf('drift')].drift = [conf];
  return fleetDocument({
    started_at: '2026-12-03T10:00:00.000Z', finished_at: '2026-12-03T10:00:42.500Z', duration_seconds: 42.5, selection: { nodes: ['x'] },
    puppetdb_query_seconds: null, concurrency: 10, max_failures: 2, busy_timeout: 0, options: { noop: true },
    order: 'name', seed: null, canary: null, batch_size: null, batch_sleep: 0, max_failures_given: '2', batches: 1,
    stopped: { reason: 'max_failures', message: `--max-failures 2 reached ${HOSTILE}` }, drift: groupDrift(results), exit_status: 3,
  }, results);
}
