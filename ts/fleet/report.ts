// What the rollout prints: the table and summary line, the --json document, the progress line. Pure.
import type { RunOptions } from '../core/options';
import { printable, printableJson } from '../text';
import type { Selection } from './args';
import { NODE_OUTCOMES, SUCCESS, sortResults, summarize, type NodeResult, type Stopped, type Summary } from './outcomes';
import type { Progress } from './rollout';
import { driftLine, type DriftGroup } from './drift';

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

/** What the rollout was asked to do, known before any node starts: the jsonl start line has it too. */
export type FleetPlan = Omit<FleetDocument, 'finished_at' | 'duration_seconds' | 'stopped' | 'drift' | 'exit_status' | 'summary' | 'nodes'>;

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
  const report = r.report_error !== null ? `no report: ${shown(oneLine(String(r.report_error)))}` : '';
  const partial = r.drift_partial !== null ? partialNote(r.drift_partial) : '';
  return [what, drift, report, partial, where, tries].filter((s) => s !== '').join(', ');
}

/** The --json document, which a terminal shows without acting on a node's control characters either. */
export const jsonText = (doc: FleetDocument): string => `${printableJson(doc, 2)}\n`;

/** `N nodes in X s: a ok, b changes, ...`, naming only the outcomes that occurred. */
export function summaryLine(summary: Summary, seconds: number): string {
  const parts = NODE_OUTCOMES.filter((o) => summary[o] > 0).map((o) => `${summary[o]} ${o}`);
  return `${summary.total} ${summary.total === 1 ? 'node' : 'nodes'} in ${seconds.toFixed(1)} s: ${parts.join(', ')}`;
}

/** The nodes a CI report flags (JUnit failures, GitHub errors): every outcome but SUCCESS and skipped (never run). */
export const toLookAt = (r: NodeResult): boolean => !SUCCESS.has(r.outcome) && r.outcome !== 'skipped';

/** Resources the drift groups name (a resource with several properties once). */
export const driftResources = (groups: readonly DriftGroup[]): number => new Set(groups.map((g) => g.resource)).size;

/** Drift nodes whose report could not be had: their drift is in no group, so the formats count them. */
export const unreadReports = (nodes: readonly NodeResult[]): number => nodes.filter((r) => r.outcome === 'drift' && r.report_error !== null).length;

/** Drift nodes whose report left resources out: their drift is in the groups only in part. */
export const partialReports = (nodes: readonly NodeResult[]): number => nodes.filter((r) => r.drift_partial !== null).length;

/** `report partial: N resources not listed`: a node's drift_partial, as the table, JUnit and GitHub say it. */
export const partialNote = (leftOut: number): string => `report partial: ${leftOut} ${leftOut === 1 ? 'resource' : 'resources'} not listed`;

/** `, at least: the reports of N nodes were partial` after the drift's header, so that a count is not read as all. */
export function partialHeader(nodes: readonly NodeResult[]): string {
  const partial = partialReports(nodes);
  return partial === 0 ? '' : `, at least (the ${partial === 1 ? 'report of 1 node was' : `reports of ${partial} nodes were`} partial)`;
}

/** The drift's last line when some reports were partial: which nodes to look at for the rest. */
export function partialFooter(nodes: readonly NodeResult[]): string | null {
  const partial = partialReports(nodes);
  if (partial === 0) return null;
  const which = partial === 1 ? '1 drift node whose report' : `${partial} drift nodes whose reports`;
  return `${which} left resources out: their drift above is only part of it; see drift_partial`;
}

/** Drift lines a text format shows at most; the rest are counted, and --format json has them all. */
export const DRIFT_LINES_SHOWN = 100;

/**
 * With --noop: `drift (noop): N resources would change`, then one line per resource and property (most nodes
 * first), each indented by `indent`; nothing without --noop. Nodes whose report could not be had are counted.
 */
export function driftLines(doc: Pick<FleetDocument, 'drift' | 'nodes'>, indent = '  '): string[] {
  if (doc.drift === null) return [];
  const resources = driftResources(doc.drift);
  const lines = [`drift (noop): ${resources} ${resources === 1 ? 'resource' : 'resources'} would change${partialHeader(doc.nodes)}`];
  lines.push(...doc.drift.slice(0, DRIFT_LINES_SHOWN).map((g) => `${indent}${driftLine(g)}`));
  if (doc.drift.length > DRIFT_LINES_SHOWN) lines.push(`${indent}... and ${doc.drift.length - DRIFT_LINES_SHOWN} more (--format json lists them all)`);
  const unread = unreadReports(doc.nodes);
  if (unread > 0) lines.push(`${indent}(and ${unread} drift ${unread === 1 ? 'node' : 'nodes'} whose report could not be had: see report_error)`);
  const partial = partialFooter(doc.nodes);
  if (partial !== null) lines.push(`${indent}(${partial})`);
  return lines;
}

/** `stopped: <why>` when the rollout stopped before every node was started; nothing otherwise. */
export const stoppedLines = (doc: Pick<FleetDocument, 'stopped'>): string[] => (doc.stopped === null ? [] : [`stopped: ${shown(doc.stopped.message)}`]);

/**
 * The table, sorted by outcome then node; the first six columns never hold spaces (`-` when empty). Below the
 * rows: the drift found (with --noop), why the rollout stopped (if it did), and the summary line, always last.
 */
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
  return [line(header), ...rows.map(line), ...driftLines(doc), ...stoppedLines(doc), summaryLine(doc.summary, doc.duration_seconds)].join('\n') + '\n';
}

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : NaN);

/**
 * The line a terminal shows while the rollout goes on (rewritten in place with \r): `fleet: 412/1000 done (380
 * ok, 20 changes, 12 failed), 40 running, batch 3/10, 8.2 nodes/s, about 72 s left`. The outcomes named are
 * those that occurred; the batch shows when the plan has more than one (`canary` while the canary runs); the
 * rate and the time left once a node is done (`-` before).
 */
export function progressLine(p: Progress): string {
  const outcomes = NODE_OUTCOMES.filter((o) => count(p.counts?.[o]) > 0).map((o) => `${shown(p.counts[o])} ${o}`);
  const done = `${shown(p.done)}/${shown(p.total)} done${outcomes.length > 0 ? ` (${outcomes.join(', ')})` : ''}`;
  const batch = p.batch === 0 ? 'canary' : p.batches > 1 && p.batch !== null ? `batch ${shown(p.batch)}/${shown(p.batches)}` : '';
  const rate = count(p.done) / count(p.elapsedSeconds);
  const known = count(p.done) > 0 && Number.isFinite(rate) && rate > 0;
  const left = known ? Math.max(0, (count(p.total) - count(p.done)) / rate) : NaN;
  const pace = known ? `${rate.toFixed(1)} nodes/s` : '- nodes/s';
  const eta = Number.isFinite(left) ? `about ${Math.round(left)} s left` : '- s left';
  return ['fleet: ' + done, `${shown(p.running)} running`, batch, pace, eta].filter((s) => s !== '').join(', ');
}
