// What became of each node, and what the whole rollout amounts to. Pure.
import { EXIT } from '../exit-codes';
import type { OutcomeName } from '../puppet/outcome';

/** In the order the table lists them: the good first, the ones to look at last, next to the summary. */
export const NODE_OUTCOMES = ['ok', 'changes', 'drift', 'skipped', 'unknown', 'busy', 'disabled', 'refused', 'unreachable', 'failed'] as const;
export type NodeOutcome = (typeof NODE_OUTCOMES)[number];

/**
 * What --retry-from knows a node by: its outcome, or `unrecorded`: an interrupted jsonl stream's start line names
 * the node but no line says how it ended. Not an outcome: a rollout always knows what became of its nodes (a
 * node not waited for is `unknown`); only a file can lack it, when the client that wrote it is gone.
 */
export const RETRY_OUTCOME_NAMES = [...NODE_OUTCOMES, 'unrecorded'] as const;
export type RetryOutcome = (typeof RETRY_OUTCOME_NAMES)[number];

export interface NodeResult {
  node: string;
  /** where it was reached: its certname, or the value of --address-fact */
  address: string | null;
  url: string | null;
  outcome: NodeOutcome;
  run_id: string | null;
  exit_code: number | null;
  /** the run record's summary.resources (changed, failed, total, ...) */
  resources: Record<string, number> | null;
  started_at: string | null;
  finished_at: string | null;
  duration_seconds: number | null;
  /** triggers sent (more than one when the node was busy and retried) */
  attempts: number;
  /** the status of the last answer that decided the outcome */
  http_status: number | null;
  error: string | null;
  /** 0: the canary; 1, 2, ...: the batches; null: never started */
  batch: number | null;
  /** outcome drift with --noop: what the run's report says would change (null otherwise) */
  drift: DriftItem[] | null;
  /** resources the run's report left out (past the service's bound), so `drift` may be only part: null when none */
  drift_partial: number | null;
  /** why the run's report could not be had (null: it was, or it was not asked for) */
  report_error: string | null;
}

/** One resource property a noop run would change: `File[/etc/ntp.conf]` content. */
export interface DriftItem {
  resource: string;
  property: string | null;
}

/** drift: a noop run that found changes pending succeeded as a run; the report says so apart. */
export const SUCCESS: ReadonlySet<NodeOutcome> = new Set(['ok', 'changes', 'drift']);
/** Outcomes that count against --max-failures and make the exit status 1. */
export const isFailure = (o: NodeOutcome): boolean => !SUCCESS.has(o) && o !== 'skipped' && o !== 'unknown';

/** A run record's outcome → the node's. */
export function recordOutcome(outcome: OutcomeName | null): NodeOutcome {
  if (outcome === 'no_changes') return 'ok';
  if (outcome === 'changes') return 'changes';
  if (outcome === 'noop_changes') return 'drift';
  if (outcome === 'disabled') return 'disabled';
  return 'failed';
}

export type Summary = Record<'total' | NodeOutcome, number>;

export function summarize(results: readonly NodeResult[]): Summary {
  const summary = { total: results.length } as Summary;
  for (const o of NODE_OUTCOMES) summary[o] = 0;
  for (const r of results) summary[r.outcome]++;
  return summary;
}

export function sortResults(results: readonly NodeResult[]): NodeResult[] {
  const rank = (r: NodeResult) => NODE_OUTCOMES.indexOf(r.outcome);
  return [...results].sort((a, b) => rank(a) - rank(b) || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
}

/** Why a rollout ended before every node was started. */
export type StopReason = 'canary' | 'max_failures' | 'interrupted';
export interface Stopped {
  reason: StopReason;
  message: string;
}

export type FleetExit = typeof EXIT.ok | typeof EXIT.failure | typeof EXIT.stopped | typeof EXIT.interrupted;

/**
 * interrupted (Ctrl-C) before stopped (the canary failed, --max-failures reached), before failure (a node that did
 * not end ok, changes or drift), else ok. Usage and PuppetDB errors never get this far.
 */
export function exitStatus(results: readonly NodeResult[], stopped: StopReason | null): FleetExit {
  if (stopped === 'interrupted') return EXIT.interrupted;
  if (stopped !== null) return EXIT.stopped;
  return results.every((r) => SUCCESS.has(r.outcome)) ? EXIT.ok : EXIT.failure;
}
