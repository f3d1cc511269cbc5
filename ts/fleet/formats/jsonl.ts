// --format jsonl: one line per node as it ends, then one line for the whole rollout. Pure.
// Each line is JSON with no control character raw (printableJson): a line break can only end a line.
import { printableJson } from '../../text';
import type { NodeResult } from '../outcomes';
import type { FleetDocument } from '../report';

/** `{"event":"node",...}`: one node's result, the fields of the --json document's `nodes`. */
export function jsonlNode(result: NodeResult): string {
  return `${printableJson({ event: 'node', ...result })}\n`;
}

/** `{"event":"end",...}`: the --json document without `nodes` (each had its own line). */
export function jsonlEnd(doc: FleetDocument): string {
  const { nodes: _nodes, ...rest } = doc;
  return `${printableJson({ event: 'end', ...rest })}\n`;
}
