// Puppet's last_run_report.yaml, as a plain document → the resources a run changed, failed, found out of sync in
// noop, or skipped for failed dependencies: bounded, with what was left out counted. Pure.
// Values of an event Puppet redacted (a Sensitive parameter) are never copied: they show as SENSITIVE.
import { isJsonObject, type JsonObject } from '../json';

export const REPORT_LIMITS = {
  /** resources listed at most */
  resources: 500,
  /** the JSON of the listed resources at most */
  bytes: 256 * 1024,
  /** a value, a message, a title at most, in bytes (a cut one ends with CUT) */
  value: 1024,
} as const;

export const SENSITIVE = '(sensitive)';
export const CUT = '…';

export type ResourceState = 'failed' | 'changed' | 'noop' | 'skipped';

export interface ReportEvent {
  property: string | null;
  previous_value: string | null;
  desired_value: string | null;
  /** Puppet's event status: success, failure, noop, audit */
  status: string | null;
  message: string | null;
}

export interface ReportResource {
  type: string;
  title: string;
  file: string | null;
  line: number | null;
  state: ResourceState;
  events: ReportEvent[];
}

export interface RunReport {
  /** the report's time: when Puppet began the run (ISO 8601) */
  time: string | null;
  /** Puppet's own status of the run: changed, unchanged, failed */
  status: string | null;
  noop: boolean | null;
  resources: ReportResource[];
  /** resources of those states left out to keep within REPORT_LIMITS (failures are listed first) */
  resources_left_out: number;
  /** why the report could not be read; then `resources` is empty */
  error: string | null;
}


export function reportError(message: string): RunReport {
  return { time: null, status: null, noop: null, resources: [], resources_left_out: 0, error: message };
}

/** At most `max` bytes of UTF-8, a cut one ending with CUT (never half a character). */
function cut(text: string, max: number): string {
  if (text.length * 3 <= max || Buffer.byteLength(text) <= max) return text;
  const head = Buffer.from(text.slice(0, max)).subarray(0, max - Buffer.byteLength(CUT)).toString('utf8');
  return `${head.replace(/\uFFFD+$/, '')}${CUT}`;
}

const text = (v: unknown): string | null => (typeof v === 'string' ? cut(v, REPORT_LIMITS.value) : null);

// Puppet writes some checksums as base64 of their binary string ("{sha256}…" → "e3NoYTI1Nn0…"): shown as Puppet logs them.
const CHECKSUM = /^\{(md5|md5lite|sha1|sha1lite|sha224|sha256|sha256lite|sha384|sha512|mtime|ctime)\}[0-9a-f:TZ+. -]*$/;
function plainChecksum(v: string): string {
  if (v.length > 200 || !/^[A-Za-z0-9+/]+=*$/.test(v)) return v;
  const decoded = Buffer.from(v, 'base64').toString('latin1');
  return CHECKSUM.test(decoded) ? decoded : v;
}

/** A property's value as text: strings as they are, anything else as JSON; cut at REPORT_LIMITS.value. */
function value(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return cut(plainChecksum(v), REPORT_LIMITS.value);
  try {
    return cut(JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x)) ?? String(v), REPORT_LIMITS.value);
  } catch {
    return cut(String(v), REPORT_LIMITS.value);
  }
}

/** `sensitive`: the resource has a redacted event; none of its values, nor messages Puppet did not redact, leave. */
function event(e: JsonObject, sensitive: boolean): ReportEvent {
  return {
    property: text(e.property),
    previous_value: sensitive ? SENSITIVE : value(e.previous_value),
    desired_value: sensitive ? SENSITIVE : value(e.desired_value),
    status: text(e.status),
    // Puppet words a redacted event's message itself ("changed [redacted] to [redacted]")
    message: sensitive && e.redacted !== true ? SENSITIVE : text(e.message),
  };
}

/** The state a resource status is listed under, or undefined when it is not listed (in sync, not evaluated). */
export function stateOf(status: JsonObject, events: JsonObject[]): ResourceState | undefined {
  if (status.failed === true || status.failed_to_restart === true) return 'failed';
  if (status.changed === true) return 'changed';
  if (status.skipped === true) return 'skipped';
  if (status.out_of_sync === true && events.some((e) => e.status === 'noop')) return 'noop';
  return undefined;
}

/** Which states are listed first when not all fit. */
export const RANK: Record<ResourceState, number> = { failed: 0, changed: 1, noop: 2, skipped: 3 };

function resource(key: string, status: JsonObject, state: ResourceState, events: JsonObject[], skipMessage: string | null): ReportResource {
  const sensitive = events.some((e) => e.redacted === true);
  const typeName = typeof status.resource_type === 'string' ? status.resource_type : /^([^[]+)\[/.exec(key)?.[1] ?? key;
  const listed = events.map((e) => event(e, sensitive));
  if (state === 'skipped' && listed.length === 0) {
    listed.push({ property: null, previous_value: null, desired_value: null, status: 'skipped', message: skipMessage ?? 'Skipping because of failed dependencies' });
  }
  return {
    type: cut(typeName, REPORT_LIMITS.value),
    title: text(status.title) ?? cut(key, REPORT_LIMITS.value),
    file: text(status.file),
    line: typeof status.line === 'number' && Number.isInteger(status.line) ? status.line : null,
    state,
    events: listed,
  };
}

/** Puppet's log lines about a resource that was skipped, by the resource's path (`/Stage[main]/Main/File[x]`). */
function skipMessages(logs: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!Array.isArray(logs)) return out;
  for (const log of logs) {
    if (isJsonObject(log) && typeof log.source === 'string' && typeof log.message === 'string' && /^Skipping/.test(log.message)) {
      out.set(log.source, log.message);
    }
  }
  return out;
}

function pathOf(status: JsonObject): string | null {
  const path = status.containment_path;
  return Array.isArray(path) && path.every((p) => typeof p === 'string') ? `/${path.join('/')}` : null;
}

/** The report document (parsed YAML, tags resolved to plain maps) → the run's report. */
export function extractReport(doc: unknown, limits: typeof REPORT_LIMITS = REPORT_LIMITS): RunReport {
  if (!isJsonObject(doc)) return reportError('the report is not a YAML mapping');
  const statuses = doc.resource_statuses;
  if (statuses !== undefined && statuses !== null && !isJsonObject(statuses)) return reportError('the report has no resource_statuses mapping');
  const skips = skipMessages(doc.logs);
  const candidates: { index: number; item: ReportResource }[] = [];
  let index = 0;
  for (const [key, status] of Object.entries(statuses ?? {})) {
    if (!isJsonObject(status)) continue;
    const events = Array.isArray(status.events) ? status.events.filter(isJsonObject) : [];
    const state = stateOf(status, events);
    if (state === undefined) continue;
    const path = pathOf(status);
    candidates.push({ index: index++, item: resource(key, status, state, events, path === null ? null : skips.get(path) ?? null) });
  }
  // within the bounds, failures first, then changes, drift, skips; listed in Puppet's order
  const ranked = [...candidates].sort((a, b) => RANK[a.item.state] - RANK[b.item.state] || a.index - b.index);
  const kept: typeof candidates = [];
  let bytes = 2;
  for (const c of ranked) {
    if (kept.length >= limits.resources) break;
    const size = Buffer.byteLength(JSON.stringify(c.item)) + 1;
    if (bytes + size > limits.bytes) continue;
    bytes += size;
    kept.push(c);
  }
  kept.sort((a, b) => a.index - b.index);
  return {
    time: typeof doc.time === 'string' ? cut(doc.time, 64) : null,
    status: text(doc.status),
    noop: typeof doc.noop === 'boolean' ? doc.noop : null,
    resources: kept.map((c) => c.item),
    resources_left_out: candidates.length - kept.length,
    error: null,
  };
}
