// --format github: a Markdown summary for $GITHUB_STEP_SUMMARY and one annotation per failed node. Pure.
import type { FleetDocument } from '../report';

export function githubSummary(_doc: FleetDocument): string {
  throw new Error('githubSummary: not built yet');
}

export function githubAnnotations(_doc: FleetDocument): string {
  throw new Error('githubAnnotations: not built yet');
}
