// --format github: a Markdown summary for $GITHUB_STEP_SUMMARY and one annotation per failed node. Pure.
import { printable } from '../../text';
import { NODE_OUTCOMES } from '../outcomes';
import { driftResources, partialFooter, partialHeader, summaryLine, toLookAt, unreadReports, type FleetDocument } from '../report';

export const TITLE = 'puppet-twitch fleet';
/** Rows the summary lists at most (GitHub takes up to 1 MiB of a step's summary); the rest are counted. */
export const SUMMARY_LIMITS = { nodes: 500, drift: 200, nodesPerDrift: 5 } as const;

/** Control characters shown escaped, except the line breaks the workflow command escapes its own way. */
const visible = (text: string): string => text.replace(/[^\r\n]+/g, (run) => printable(run, Infinity));
/** A workflow command's message (its data). */
export const escapeData = (text: string): string => visible(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** A workflow command's property value: also `:` and `,`, which would end it. */
export const escapeProperty = (text: string): string => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `::error title=puppet-twitch fleet: <node>::<outcome>: <error>` per failed node, `::warning` for a stop. */
export function githubAnnotations(doc: FleetDocument): string {
  const lines = doc.nodes.filter(toLookAt).map((r) => {
    const text = r.error === null ? r.outcome : `${r.outcome}: ${r.error}`;
    return `::error title=${escapeProperty(`${TITLE}: ${r.node}`)}::${escapeData(text)}`;
  });
  if (doc.stopped !== null) lines.push(`::warning title=${escapeProperty(`${TITLE}: stopped`)}::${escapeData(doc.stopped.message)}`);
  return lines.map((l) => `${l}\n`).join('');
}

/**
 * A table cell: a node's words cannot make markup (links, HTML, emphasis) or leave their cell; control characters
 * show escaped and line breaks become spaces.
 */
export const cell = (value: unknown): string => {
  const text = value === null || value === undefined || value === '' ? '-' : String(value);
  return printable(text.replace(/\s+/g, ' ').trim(), Infinity).replace(/[\\`*_{}[\]()<>#+!|~&]/g, '\\$&');
};

const row = (cells: unknown[]): string => `| ${cells.map(cell).join(' | ')} |`;
const more = (n: number, what: string): string[] => (n > 0 ? ['', `... and ${n} more ${what} (the --format json document lists them all)`] : []);

/**
 * Markdown: a heading, the stop, the counts by outcome, the nodes to look at (those annotated: skipped ones are
 * counted, not listed), the drift found with --noop.
 */
export function githubSummary(doc: FleetDocument): string {
  const bad = doc.nodes.filter(toLookAt);
  const total = doc.summary.total;
  let verdict = 'every node ran';
  if (doc.stopped !== null) verdict = 'stopped';
  else if (bad.length > 0) verdict = `${bad.length} of ${total} ${total === 1 ? 'node' : 'nodes'} to look at`;
  else if (doc.summary.skipped > 0) verdict = `${doc.summary.skipped} of ${total} ${total === 1 ? 'node' : 'nodes'} skipped`;
  const out = [`## ${TITLE}: ${verdict}`, ''];
  if (doc.stopped !== null) out.push(`**Stopped** (${cell(doc.stopped.reason)}): ${cell(doc.stopped.message)}`, '');
  out.push(cell(summaryLine(doc.summary, doc.duration_seconds)), '');
  out.push('| outcome | nodes |', '|---|---:|');
  for (const o of NODE_OUTCOMES) if (doc.summary[o] > 0) out.push(row([o, doc.summary[o]]));
  out.push(row(['total', doc.summary.total]), '');
  if (bad.length > 0) {
    out.push(`### Nodes to look at (${bad.length})`, '', '| node | outcome | exit | error |', '|---|---|---:|---|');
    for (const r of bad.slice(0, SUMMARY_LIMITS.nodes)) out.push(row([r.node, r.outcome, r.exit_code, r.error]));
    out.push(...more(bad.length - SUMMARY_LIMITS.nodes, 'nodes'), '');
  }
  if (doc.drift !== null) {
    const resources = driftResources(doc.drift);
    out.push(`### Drift (noop): ${resources} ${resources === 1 ? 'resource' : 'resources'} would change${partialHeader(doc.nodes)}`, '');
    if (doc.drift.length > 0) {
      out.push('| nodes | resource | property | on |', '|---:|---|---|---|');
      for (const g of doc.drift.slice(0, SUMMARY_LIMITS.drift)) {
        const on = g.nodes.slice(0, SUMMARY_LIMITS.nodesPerDrift).join(', ') + (g.count > SUMMARY_LIMITS.nodesPerDrift ? `, and ${g.count - SUMMARY_LIMITS.nodesPerDrift} more` : '');
        out.push(row([g.count, g.resource, g.property, on]));
      }
      out.push(...more(doc.drift.length - SUMMARY_LIMITS.drift, 'resource properties'), '');
    }
    const unread = unreadReports(doc.nodes);
    if (unread > 0) out.push(`${unread} drift ${unread === 1 ? 'node' : 'nodes'} whose report could not be had (see report_error).`, '');
    const partial = partialFooter(doc.nodes);
    if (partial !== null) out.push(`${cell(partial)}.`, '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
