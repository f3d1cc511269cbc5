// --format jsonl: one line naming the plan and every node, written before any node starts; one line per node as
// it ends; then one line for the whole rollout. A stream with no end line was cut short. Pure.
// Each line is JSON with no control character raw (printableJson): a line break can only end a line.
import { printableJson } from '../../text';
import type { NodeResult } from '../outcomes';
import type { Batch } from '../plan';
import type { FleetDocument, FleetPlan } from '../report';

/**
 * `{"event":"start",...}`: the plan (the document's fields known before any node starts) and every node targeted,
 * in the order they start, with its address and batch: what --retry-from needs when no line says how a node ended.
 */
export function jsonlStart(plan: FleetPlan, batches: readonly Batch[]): string {
  const nodes = batches.flatMap((b) => b.targets.map((t) => ({ node: t.node, address: t.address, batch: b.index })));
  return `${printableJson({ event: 'start', ...plan, nodes })}\n`;
}

/** `{"event":"node",...}`: one node's result, the fields of the --json document's `nodes`. */
export function jsonlNode(result: NodeResult): string {
  return `${printableJson({ event: 'node', ...result })}\n`;
}

/** `{"event":"end",...}`: the --json document without `nodes` (each had its own line). */
export function jsonlEnd(doc: FleetDocument): string {
  const { nodes: _nodes, ...rest } = doc;
  return `${printableJson({ event: 'end', ...rest })}\n`;
}
