// --format jsonl: one line per node as it ends, then one line for the whole rollout. Pure.
import type { NodeResult } from '../outcomes';
import type { FleetDocument } from '../report';

export function jsonlNode(_result: NodeResult): string {
  throw new Error('jsonlNode: not built yet');
}

export function jsonlEnd(_doc: FleetDocument): string {
  throw new Error('jsonlEnd: not built yet');
}
