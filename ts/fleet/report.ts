// What the rollout prints: the table and summary line, the --json document, the progress line. Pure.
import type { RunOptions } from '../core/options';
import { printable, printableJson } from '../text';
import type { Selection } from './args';
import { NODE_OUTCOMES, sortResults, summarize, type NodeResult, type Stopped, type Summary } from './outcomes';
import type { Progress } from './rollout';
import type { DriftGroup } from './drift';

export interface FleetDocument {
  started_at: string;
  finished_at: string;
  duration_seconds: number;
  selection: Selection;
  puppetdb_query_seconds: number | null;
  concurrency: number;
  max_failures: number | null;
  busy_timeout: number;
  options: RunOptions;
  order: 'name' | 'random';
  /** the --seed of a random order (one is chosen and reported when none is given) */
  seed: string | null;
  canary: number | null;
  /** nodes a batch (resolved from N or N%) */
  batch_size: number | null;
  batch_sleep: number;
  /** the --max-failures text as given (N or N%); max_failures is the count it came to */
  max_failures_given: string | null;
  /** batches in the plan, the canary included */
  batches: number;
  /** why the rollout stopped before every node was started; null: it did not */
  stopped: Stopped | null;
  /** with --noop: the drift of all nodes grouped by resource and property, most nodes first (null otherwise) */
  drift: DriftGroup[] | null;
  exit_status: number;
  summary: Summary;
  nodes: NodeResult[];
}

export function fleetDocument(fields: Omit<FleetDocument, 'summary' | 'nodes'>, results: readonly NodeResult[]): FleetDocument {
  return { ...fields, summary: summarize(results), nodes: sortResults(results) };
}

/**
 * Every value the table and the progress line show goes through here: most come from the nodes' answers and
 * from PuppetDB, and none of their control characters may reach the terminal (--json needs no such care).
 */
const shown = (value: unknown): string => printable(String(value), Infinity);

const cell = (value: unknown): string => (value === null || value === undefined || value === '' ? '-' : shown(value));
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

function detail(r: NodeResult): string {
  const where = r.address !== null && r.address !== r.node ? `at ${shown(r.address)}` : '';
  const what = r.error !== null ? shown(oneLine(String(r.error))) : r.run_id !== null ? `run ${shown(r.run_id)}` : '';
  const tries = r.attempts > 1 ? `after ${r.attempts} tries` : '';
  const drift = r.outcome === 'drift' ? `${cell(r.resources?.out_of_sync)} out of sync (noop)` : '';
  return [what, drift, where, tries].filter((s) => s !== '').join(', ');
}

/** The --json document, which a terminal shows without acting on a node's control characters either. */
export const jsonText = (doc: FleetDocument): string => `${printableJson(doc, 2)}\n`;

/** `N nodes in X s: a ok, b changes, ...`, naming only the outcomes that occurred. */
export function summaryLine(summary: Summary, seconds: number): string {
  const parts = NODE_OUTCOMES.filter((o) => summary[o] > 0).map((o) => `${summary[o]} ${o}`);
  return `${summary.total} ${summary.total === 1 ? 'node' : 'nodes'} in ${seconds.toFixed(1)} s: ${parts.join(', ')}`;
}

/** The table, sorted by outcome then node; the first six columns never hold spaces (`-` when empty). */
export function table(doc: FleetDocument): string {
  const header = ['NODE', 'OUTCOME', 'EXIT', 'CHANGED', 'FAILED', 'SECONDS', 'DETAIL'];
  const rows = doc.nodes.map((r) => [
    shown(r.node),
    shown(r.outcome),
    cell(r.exit_code),
    cell(r.resources?.changed),
    cell(r.resources?.failed),
    cell(r.duration_seconds === null ? null : r.duration_seconds.toFixed(1)),
    detail(r),
  ]);
  const widths = header.slice(0, -1).map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (row: string[]) => row.map((c, i) => (i < widths.length ? c.padEnd(widths[i]) : c)).join('  ').trimEnd();
  return [line(header), ...rows.map(line), summaryLine(doc.summary, doc.duration_seconds)].join('\n') + '\n';
}

/** The line a terminal shows while the rollout goes on (rewritten in place with \r). */
export function progressLine(p: Progress): string {
  return `fleet: ${shown(p.done)}/${shown(p.total)} done, ${shown(p.running)} running, ${shown(p.failed)} failed, ${Math.round(p.elapsedSeconds)} s`;
}
