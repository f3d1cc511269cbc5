// A node's answer to GET /puppet/runs/<id>/report → the run's report, read field by field as the service writes
// it (a node may send anything: what is not of its type is left out), or why it could not be read. Pure.
import { isJsonObject, type JsonObject } from '../json';
import type { ReportEvent, ReportResource, ResourceState, RunReport } from '../puppet/report';

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const STATES: ReadonlySet<string> = new Set<ResourceState>(['failed', 'changed', 'noop', 'skipped']);

function event(e: JsonObject): ReportEvent {
  return { property: text(e.property), previous_value: text(e.previous_value), desired_value: text(e.desired_value), status: text(e.status), message: text(e.message) };
}

function resource(r: JsonObject): ReportResource | undefined {
  if (typeof r.type !== 'string' || typeof r.title !== 'string' || typeof r.state !== 'string' || !STATES.has(r.state)) return undefined;
  return {
    type: r.type,
    title: r.title,
    file: text(r.file),
    line: Number.isInteger(r.line) ? (r.line as number) : null,
    state: r.state as ResourceState,
    events: Array.isArray(r.events) ? r.events.filter(isJsonObject).map(event) : [],
  };
}

/** The report in `body`, or a sentence saying why there is none to read (not JSON, not a report, the node's own error). */
export function reportOfAnswer(body: string): RunReport | string {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return 'the report is not JSON';
  }
  if (!isJsonObject(value) || !Array.isArray(value.resources)) return 'the answer is not a run report (no resources list)';
  if (typeof value.error === 'string') return `the node could not read Puppet's report: ${value.error}`;
  return {
    time: text(value.time),
    status: text(value.status),
    noop: typeof value.noop === 'boolean' ? value.noop : null,
    resources: value.resources.filter(isJsonObject).flatMap((r) => resource(r) ?? []),
    resources_left_out: Number.isInteger(value.resources_left_out) ? (value.resources_left_out as number) : 0,
    error: null,
  };
}
