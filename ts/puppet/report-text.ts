// The layout Psych gives last_run_report.yaml, used to parse only what a report shows: a 10,000-resource report is
// 13 MB, which a YAML parser takes 10 s and 700 MB to read whole, while a run's report lists at most 500 resources.
// Top-level keys start at column 0; each resource status of `resource_statuses` starts at column 2, its fields at
// column 4. Each piece found here is still parsed as YAML (report-file.ts); this only says which pieces. Pure.
import type { ResourceState } from './report';

export interface StatusChunk {
  /** the status's lines, dedented to column 0: one YAML mapping of one key */
  text: string;
  /** its state as its column-4 fields say (checked again once parsed) */
  state: ResourceState;
  index: number;
}

export interface ReportText {
  /** the document without logs, metrics and resource_statuses: its top-level scalars */
  head: string;
  /** the resource statuses worth listing, in Puppet's order */
  statuses: StatusChunk[];
  /** the log entries (dedented list items) that tell why a resource was skipped */
  skipLogs: string[];
}

const TOP_KEY = /^([A-Za-z_][A-Za-z0-9_]*):(?: |$)/;
const LISTED = new Set(['logs', 'metrics', 'resource_statuses']);

/** The text's top-level sections by key, and the lines of the others. */
function sections(lines: string[]): { head: string[]; parts: Map<string, string[]> } | undefined {
  const head: string[] = [];
  const parts = new Map<string, string[]>();
  let current: string[] = head;
  for (const line of lines) {
    const key = TOP_KEY.exec(line)?.[1];
    if (key !== undefined) {
      if (LISTED.has(key)) {
        if (parts.has(key)) return undefined;
        parts.set(key, (current = []));
        continue;
      }
      current = head;
    } else if (current === head && line !== '' && !/^(---|\.\.\.|#|\s)/.test(line)) {
      // a line at column 0 that is no key: not Psych's layout
      return undefined;
    }
    current.push(line);
  }
  return { head, parts };
}

/** Splits a block into items: a new one at each line `starts` says, the lines dedented by `indent`. */
function items(lines: string[], starts: (line: string) => boolean, indent: number): string[] | undefined {
  const out: string[][] = [];
  for (const line of lines) {
    if (starts(line)) out.push([]);
    else if (out.length === 0) {
      if (line.trim() === '') continue;
      return undefined;
    }
    out[out.length - 1].push(line.slice(0, indent).trim() === '' ? line.slice(indent) : line);
  }
  return out.map((item) => item.join('\n'));
}

const field = (text: string, name: string) => new RegExp(`^  ${name}: true$`, 'm').test(text);

/** What the status's own fields say, as report.ts's stateOf says it once parsed. */
function stateOf(text: string): ResourceState | undefined {
  if (field(text, 'failed') || field(text, 'failed_to_restart')) return 'failed';
  if (field(text, 'changed')) return 'changed';
  if (field(text, 'skipped')) return 'skipped';
  if (field(text, 'out_of_sync') && /^ {4}status: noop$/m.test(text)) return 'noop';
  return undefined;
}

/** undefined when the text is not laid out as Psych writes a report. */
export function splitReport(text: string): ReportText | undefined {
  const found = sections(text.split(/\r?\n/));
  if (found === undefined) return undefined;
  // a status starts at column 2 (`  File[/x]:`, or `  ? ` for a long key, whose `  :` line goes on with it)
  const statusLines = found.parts.get('resource_statuses') ?? [];
  const chunks = items(statusLines, (line) => /^ {2}[^\s:]/.test(line), 2);
  const logLines = found.parts.get('logs') ?? [];
  const logs = items(logLines, (line) => line.startsWith('- '), 0);
  if (chunks === undefined || logs === undefined) return undefined;
  const statuses: StatusChunk[] = [];
  chunks.forEach((chunk, index) => {
    const state = stateOf(chunk);
    if (state !== undefined) statuses.push({ text: chunk, state, index });
  });
  return { head: found.head.join('\n'), statuses, skipLogs: logs.filter((log) => /^ {2}message: ['"]?Skipping/m.test(log)) };
}
