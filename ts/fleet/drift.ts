// What a noop rollout found: each node's report → the resource properties it would change, grouped across the
// fleet ("37 nodes: File[/etc/ntp.conf] content"). Pure.
import type { RunReport } from '../puppet/report';
import type { DriftItem, NodeResult } from './outcomes';

export type { DriftItem } from './outcomes';

export interface DriftGroup {
  resource: string;
  property: string | null;
  count: number;
  nodes: string[];
}

export function driftItems(_report: RunReport): DriftItem[] {
  throw new Error('driftItems: not built yet');
}

export function groupDrift(_results: readonly NodeResult[]): DriftGroup[] {
  throw new Error('groupDrift: not built yet');
}

export function driftLine(_group: DriftGroup): string {
  throw new Error('driftLine: not built yet');
}
