// --format junit: a JUnit XML report, one test case per node, as GitLab and Jenkins read it. Pure.
// A node's words (its name, its errors) are XML-escaped, and the characters XML 1.0 forbids (most C0 controls,
// unpaired surrogates, U+FFFE/U+FFFF) are removed, with the other controls a terminal or a browser would act on.
import type { NodeResult } from '../outcomes';
import { driftLines, partialNote, stoppedLines, summaryLine, toLookAt, type FleetDocument } from '../report';

export const SUITE_NAME = 'puppet-twitch fleet';
export const CLASS_NAME = 'puppet-twitch.fleet';

const REMOVED = /[\0-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Element text: `]]>` and markup cannot form; a CR survives the parser's line-end normalization. */
export const xmlText = (value: unknown): string =>
  String(value).replace(REMOVED, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');

/** An attribute's value: also quotes, and tab and line breaks as references (a parser would make them spaces). */
export const xmlAttr = (value: unknown): string =>
  xmlText(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');

const attrs = (fields: Record<string, string | number | null>): string =>
  Object.entries(fields)
    .filter((e): e is [string, string | number] => e[1] !== null)
    .map(([k, v]) => ` ${k}="${xmlAttr(v)}"`)
    .join('');

/** Seconds as xs:decimal (never an exponent, never negative). */
const seconds = (value: number | null): string => (value !== null && Number.isFinite(value) && value > 0 ? value : 0).toFixed(3);

/** YYYY-MM-DDTHH:MM:SS in UTC, as the Ant format has it (no zone); null when the time is not ISO 8601 UTC. */
const timestamp = (iso: string): string | null => /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.\d+)?Z$/.exec(iso)?.[1] ?? null;

/** Failures: the nodes to look at (every outcome but ok, changes, drift and skipped). JUnit errors are not used. */
const failed = toLookAt;
const message = (r: NodeResult): string => (r.error === null ? r.outcome : `${r.outcome}: ${r.error}`);

function failureText(r: NodeResult): string {
  const lines = [message(r)];
  if (r.url !== null) lines.push(`url: ${r.url}`);
  if (r.http_status !== null) lines.push(`http status: ${r.http_status}`);
  if (r.attempts > 1) lines.push(`tries: ${r.attempts}`);
  return lines.join('\n');
}

function systemOut(r: NodeResult): string[] {
  const lines: string[] = [];
  if (r.run_id !== null) lines.push(`run id: ${r.run_id}`);
  if (r.exit_code !== null) lines.push(`exit code: ${r.exit_code}`);
  if (r.resources !== null) lines.push(`resources: ${Object.entries(r.resources).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  if (r.batch !== null) lines.push(`batch: ${r.batch === 0 ? '0 (canary)' : r.batch}`);
  for (const d of r.drift ?? []) lines.push(`would change (noop): ${d.property === null ? d.resource : `${d.resource} ${d.property}`}`);
  if (r.drift_partial !== null) lines.push(partialNote(r.drift_partial));
  if (r.report_error !== null) lines.push(`no report: ${r.report_error}`);
  return lines;
}

function testcase(r: NodeResult): string {
  const head = `    <testcase${attrs({ classname: CLASS_NAME, name: r.node, time: seconds(r.duration_seconds) })}`;
  const body: string[] = [];
  if (r.outcome === 'skipped') body.push(`      <skipped${attrs({ message: r.error ?? 'skipped' })}/>`);
  else if (failed(r)) body.push(`      <failure${attrs({ message: message(r), type: r.outcome })}>${xmlText(failureText(r))}</failure>`);
  const out = systemOut(r);
  if (out.length > 0) body.push(`      <system-out>${xmlText(out.join('\n'))}</system-out>`);
  return body.length === 0 ? `${head}/>` : [`${head}>`, ...body, '    </testcase>'].join('\n');
}

/** The whole rollout: one <testsuite> of one <testcase> per node; its <system-out> has the drift, the stop, the summary. */
export function junitXml(doc: FleetDocument): string {
  const counts = {
    tests: doc.nodes.length,
    failures: doc.nodes.filter(failed).length,
    errors: 0,
    skipped: doc.nodes.filter((r) => r.outcome === 'skipped').length,
    time: seconds(doc.duration_seconds),
    timestamp: timestamp(doc.started_at),
  };
  const suiteOut = [...driftLines(doc), ...stoppedLines(doc), summaryLine(doc.summary, doc.duration_seconds)].join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: SUITE_NAME, ...counts })}>`,
    `  <testsuite${attrs({ name: SUITE_NAME, ...counts })}>`,
    ...doc.nodes.map(testcase),
    `    <system-out>${xmlText(suiteOut)}</system-out>`,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
