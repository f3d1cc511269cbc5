// What crosses the sudo boundary, as data: one JSON request line on the helper's stdin, and one JSON report
// per line on its stdout. Puppet's own output goes to the helper's stderr, so nothing it prints can pose as a
// report. The helper checks the request again, as root, against its own config (parseRequest).
import type { PuppetConfig } from '../config';
import { isJsonObject } from '../json';
import { checkOptions, type RunOptions } from '../core/options';
import type { Summary } from './summary';
import { parseControlRequest, type ControlReport, type ControlRequest } from './control';
import type { RunReport } from './report';

/** Run ids: sortable by time, unique across restarts (README, "Run records"). */
export const RUN_ID = /^\d{8}T\d{9}Z-[0-9a-f]{6}$/;
export const MAX_REQUEST_BYTES = 64 * 1024;

export type HelperRequest = { action: 'run'; id: string; options: RunOptions } | { action: 'status' } | ControlRequest;

export interface PuppetStatus {
  /** a catalog run holds the lock with a live PID (this service's or anyone's) */
  applying: boolean;
  pid: number | null;
  enabled: boolean;
  disabled_message: string | null;
  /** when the agent was disabled (the disabled lock's mtime), epoch seconds; null when enabled */
  disabled_since: number | null;
  /** Puppet's server setting from puppet.conf (server_list's first entry, else server); null when unset */
  server: string | null;
  summary: Summary | null;
  /** when the catalog run holding the lock began (the lock's mtime), epoch seconds; null when none holds it */
  applying_since?: number | null;
}

export type Report =
  | { event: 'started'; pid: number }
  | { event: 'busy'; pid: number }
  | { event: 'disabled'; message: string | null }
  | { event: 'error'; message: string }
  | { event: 'exit'; code: number | null; signal: string | null; timed_out: boolean; summary: Summary | null; report?: RunReport | null }
  | ({ event: 'status' } & PuppetStatus)
  | ControlReport;

export function encodeRequest(request: HelperRequest): string {
  return `${JSON.stringify(request)}\n`;
}

/** The request line, checked: exact keys, a well-formed id, options the config allows. Throws with the reason. */
export function parseRequest(line: string, puppet: Pick<PuppetConfig, 'environments'>): HelperRequest {
  if (Buffer.byteLength(line) > MAX_REQUEST_BYTES) throw new Error(`the request is over ${MAX_REQUEST_BYTES} bytes`);
  let doc: unknown;
  try {
    doc = JSON.parse(line);
  } catch {
    throw new Error('the request is not JSON');
  }
  if (!isJsonObject(doc)) throw new Error('the request is not a JSON object');
  const keys = Object.keys(doc).sort().join(',');
  if (doc.action === 'status') {
    if (keys !== 'action') throw new Error(`a status request has no other keys (got ${keys})`);
    return { action: 'status' };
  }
  if (doc.action === 'disable' || doc.action === 'enable') return parseControlRequest(doc);
  if (doc.action !== 'run') throw new Error('the action must be "run" or "status" (or "disable" or "enable")');
  if (keys !== 'action,id,options') throw new Error(`a run request has exactly the keys action, id, options (got ${keys})`);
  if (typeof doc.id !== 'string' || !RUN_ID.test(doc.id)) throw new Error('the run id is malformed');
  if (!isJsonObject(doc.options)) throw new Error('the options are not a JSON object');
  return { action: 'run', id: doc.id, options: checkOptions(doc.options, puppet) };
}

export function encodeReport(report: Report): string {
  return `${JSON.stringify(report)}\n`;
}

export function parseReport(line: string): Report | undefined {
  try {
    const value = JSON.parse(line) as Report;
    return typeof value === 'object' && value !== null && typeof value.event === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Exit statuses of the helper when it does not run puppet (otherwise it mirrors puppet's). */
export const HELPER_EXIT = { ok: 0, busy: 75, disabled: 76, error: 78 } as const;

/**
 * Over the helper service's named pipe there is one stream, not stdout and stderr: puppet's output travels as
 * `{"event":"output","text":…}` lines, so nothing it prints can pose as a report there either.
 */
export function encodeOutput(text: string): string {
  return `${JSON.stringify({ event: 'output', text })}\n`;
}

/** A line from the pipe: puppet's output, a report, or (malformed) undefined. */
export function parsePipeLine(line: string): { output: string } | { report: Report } | undefined {
  const report = parseReport(line);
  if (report === undefined) return undefined;
  const { event, text } = report as unknown as { event: string; text?: unknown };
  if (event !== 'output') return { report };
  return typeof text === 'string' ? { output: text } : undefined;
}
