// What a noop rollout found: each node's report → the resource properties it would change, grouped across the
// fleet ("37 nodes: File[/etc/ntp.conf] content"). Pure.
import type { RunReport } from '../puppet/report';
import { printable } from '../text';
import type { DriftItem, NodeResult } from './outcomes';

export type { DriftItem } from './outcomes';

export interface DriftGroup {
  resource: string;
  property: string | null;
  count: number;
  nodes: string[];
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** null (the resource as a whole) before any property */
const byProperty = (a: string | null, b: string | null): number => (a === b ? 0 : a === null ? -1 : b === null ? 1 : byText(a, b));

const keyOf = (item: DriftItem): string => JSON.stringify([item.resource, item.property]);

/**
 * The report's noop resources → one item per property of their noop events (a resource with none: property
 * null), each distinct one once, in Puppet's order. Resources that changed, failed or were skipped are not drift.
 */
export function driftItems(report: RunReport): DriftItem[] {
  const items = new Map<string, DriftItem>();
  const add = (item: DriftItem) => {
    if (!items.has(keyOf(item))) items.set(keyOf(item), item);
  };
  for (const r of report.resources) {
    if (r.state !== 'noop') continue;
    const resource = `${r.type}[${r.title}]`;
    const events = r.events.filter((e) => e.status === 'noop');
    if (events.length === 0) add({ resource, property: null });
    for (const e of events) add({ resource, property: e.property });
  }
  return [...items.values()];
}

/** Every node's drift by resource and property: most nodes first, then by resource, then property; nodes sorted. */
export function groupDrift(results: readonly NodeResult[]): DriftGroup[] {
  const groups = new Map<string, DriftGroup>();
  for (const r of results) {
    for (const item of new Map((r.drift ?? []).map((i) => [keyOf(i), i])).values()) {
      const key = keyOf(item);
      const group = groups.get(key) ?? { resource: item.resource, property: item.property, count: 0, nodes: [] };
      group.count++;
      group.nodes.push(r.node);
      groups.set(key, group);
    }
  }
  for (const g of groups.values()) g.nodes.sort(byText);
  return [...groups.values()].sort((a, b) => b.count - a.count || byText(a.resource, b.resource) || byProperty(a.property, b.property));
}

/** `37 nodes: File[/etc/ntp.conf] content`, for a terminal: a node's words show their control characters escaped. */
export function driftLine(group: DriftGroup): string {
  const what = group.property === null ? group.resource : `${group.resource} ${group.property}`;
  return `${group.count} ${group.count === 1 ? 'node' : 'nodes'}: ${printable(what, Infinity)}`;
}
