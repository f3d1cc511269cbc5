// Puppet's state (read as root by the helper) → the puppet-agent-exporter's metric names. Pure.
// Its `*_total` gauges are given here as the state="total" sample and as puppet_last_catalog_changes: a gauge
// named `_total` is refused by `promtool check metrics` (README, "Metrics").
import type { PuppetStatus } from '../puppet/protocol';
import type { Summary } from '../puppet/summary';
import type { Family, Sample } from './text';

/** Puppet's own idea of success: a resources section, and no failed resources, restarts or events. */
export function lastRunSucceeded(summary: Pick<Summary, 'resources' | 'events'>): boolean {
  const { resources, events } = summary;
  if (Object.keys(resources).length === 0) return false;
  return (resources.failed ?? 0) === 0 && (resources.failed_to_restart ?? 0) === 0 && (events.failure ?? 0) === 0;
}

const gauge = (name: string, help: string, samples: Sample[]): Family => ({ name, help, type: 'gauge', samples });
const one = (value: number | null | undefined): Sample[] => (value === null || value === undefined ? [] : [{ value }]);
const byState = (counts: Record<string, number>): Sample[] => Object.entries(counts).map(([state, value]) => ({ labels: { state }, value }));

/** The puppet_* families; without a summary, only what does not come from it. */
export function puppetFamilies(status: PuppetStatus): Family[] {
  const s = status.summary;
  const environment = s?.environment ?? null;
  const config: Sample[] =
    environment === null && status.server === null ? [] : [{ labels: { environment: environment ?? '', server: status.server ?? '' }, value: 1 }];
  const families = [
    gauge('puppet_disabled_since_seconds', 'When the agent was disabled (Unix time); 0 when enabled.', [{ value: status.disabled_since ?? 0 }]),
    gauge('puppet_config', "The agent's environment (of its last run) and server (puppet.conf); always 1.", config),
  ];
  if (s === null) return families;
  return [
    ...families,
    gauge('puppet_last_run_at_seconds', 'When the last run ended (Unix time; time.last_run).', one(s.last_run)),
    gauge('puppet_last_run_duration_seconds', 'How long the last run took (time.total).', one(s.total_time)),
    gauge('puppet_last_run_success', '1 when the last run had a resources section and no failed resources, restarts or events.', [
      { value: lastRunSucceeded(s) ? 1 : 0 },
    ]),
    gauge('puppet_last_catalog_version', "The last run's catalog version (version.config); always 1.", s.config_version === null ? [] : [{ labels: { version: s.config_version }, value: 1 }]),
    gauge('puppet_config_retrieval_duration_seconds', 'How long the last run took to get its catalog (time.config_retrieval).', one(s.config_retrieval)),
    gauge('puppet_last_catalog_resources', "Resources of the last run by state (last_run_summary.yaml's resources; state=\"total\": all).", byState(s.resources)),
    gauge('puppet_last_catalog_events', "Events of the last run by state (last_run_summary.yaml's events; state=\"total\": all).", byState(s.events)),
    gauge('puppet_last_catalog_changes', 'Changes the last run made (changes.total).', one(s.changes)),
  ];
}
