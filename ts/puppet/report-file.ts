// The root helper's reading of Puppet's last_run_report.yaml after a run: the file is taken only when it belongs
// to the run, read with the same care as Puppet's other files (trusted.ts), parsed as plain data (Puppet's Ruby
// object tags become plain maps, never objects), and bounded in size, aliases and nesting. Whatever is wrong with it
// becomes the report's error: the run's end is reported all the same.
import { lstatSync } from 'node:fs';
import { isJsonObject } from '../json';
import { readRegularFile } from '../trusted';
import { extractReport, RANK, REPORT_LIMITS, reportError, type RunReport } from './report';
import { splitReport } from './report-text';

export const REPORT_FILE_LIMITS = {
  /** a larger file is refused unread */
  bytes: 64 * 1024 * 1024,
  /** YAML aliases expanded at most (a billion laughs stops here) */
  aliases: 100,
  /** [ and { nested at most (the parser recurses) */
  depth: 64,
  /** a report not laid out as Psych writes one is parsed whole only up to this size */
  wholeBytes: 4 * 1024 * 1024,
} as const;

// The tags Psych writes for Puppet's report objects (older report formats nest more of them): plain maps here.
const RUBY_MAPS = [
  'Puppet::Transaction::Report',
  'Puppet::Resource::Status',
  'Puppet::Transaction::Event',
  'Puppet::Util::Log',
  'Puppet::Util::Metric',
].map((name) => ({ tag: `!ruby/object:${name}`, collection: 'map' as const }));
const RUBY_SYMBOL = { tag: '!ruby/sym', resolve: (text: string) => text };

/** How deep [ and { nest outside quotes and comments; stops counting past `max`. */
export function flowDepth(text: string, max: number): number {
  let depth = 0;
  let deepest = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== '') {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (c === '[' || c === '{') {
      depth++;
      if (depth > deepest && (deepest = depth) > max) return deepest;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return deepest;
}

type ParseDocument = typeof import('yaml').parseDocument;

/** One YAML document as plain data; throws with what is wrong. */
function parseYaml(parseDocument: ParseDocument, text: string): unknown {
  const doc = parseDocument(text, {
    schema: 'core',
    customTags: [...RUBY_MAPS, RUBY_SYMBOL],
    prettyErrors: false,
    logLevel: 'silent',
    uniqueKeys: false,
  });
  if (doc.errors.length > 0) throw new Error(`the report is not YAML: ${doc.errors[0].message.split('\n')[0]}`);
  return doc.toJS({ maxAliasCount: REPORT_FILE_LIMITS.aliases });
}


/**
 * The report of `text`. Laid out as Psych writes it, only the pieces it lists are parsed (report-text.ts); any
 * other layout is parsed whole, when it is small enough for that.
 */
export async function reportOfText(text: string, limits: typeof REPORT_LIMITS = REPORT_LIMITS): Promise<RunReport> {
  if (flowDepth(text, REPORT_FILE_LIMITS.depth) > REPORT_FILE_LIMITS.depth) {
    throw new Error(`the report nests [ or { deeper than ${REPORT_FILE_LIMITS.depth}`);
  }
  // loaded here, in the root helper only: the service never loads the parser (see ts/build.mjs)
  const { parseDocument } = await import('yaml');
  const split = splitReport(text);
  if (split === undefined) {
    if (text.length > REPORT_FILE_LIMITS.wholeBytes) throw new Error(`it is not laid out as Puppet writes a report, and too large (over ${REPORT_FILE_LIMITS.wholeBytes} bytes) to parse whole`);
    return extractReport(parseYaml(parseDocument, text), limits);
  }
  const head = parseYaml(parseDocument, split.head);
  if (!isJsonObject(head)) return extractReport(head, limits);
  const chosen = [...split.statuses].sort((a, b) => RANK[a.state] - RANK[b.state] || a.index - b.index).slice(0, limits.resources);
  chosen.sort((a, b) => a.index - b.index);
  const statuses: Record<string, unknown> = {};
  for (const chunk of chosen) {
    const one = parseYaml(parseDocument, chunk.text);
    if (isJsonObject(one)) Object.assign(statuses, one);
  }
  const logs = split.skipLogs.flatMap((log) => {
    const item = parseYaml(parseDocument, log);
    return Array.isArray(item) ? item : [];
  });
  const report = extractReport({ ...head, logs, resource_statuses: statuses }, limits);
  return { ...report, resources_left_out: report.resources_left_out + split.statuses.length - chosen.length };
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * The report of the run that started at `since` (epoch ms), or null when the file is missing or is an earlier
 * run's (its mtime or its time before `since`). Never throws.
 */
export async function readRunReport(file: string, since: number): Promise<RunReport | null> {
  try {
    const st = lstatSync(file, { throwIfNoEntry: false });
    if (st === undefined || (st.isFile() && st.mtimeMs < since)) return null;
    const text = readRegularFile(file, { followSymlinks: false, maxBytes: REPORT_FILE_LIMITS.bytes });
    if (text === undefined) return null;
    const report = await reportOfText(text);
    const time = report.time === null ? Number.NaN : Date.parse(report.time);
    return time < since ? null : report;
  } catch (err) {
    const why = err instanceof RangeError ? 'it nests too deeply to parse' : message(err);
    return reportError(`Cannot read Puppet's report ${file}: ${why}`);
  }
}
