import { strict as assert } from 'node:assert';
import { escapeData, escapeProperty, githubAnnotations, githubSummary, SUMMARY_LIMITS } from '../../../../../ts/fleet/formats/github';
import { fleetDocument, type FleetDocument } from '../../../../../ts/fleet/report';
import { groupDrift } from '../../../../../ts/fleet/drift';
import { HOSTILE, result, richDocument } from './documents';

/** The cells of a Markdown table row, split at the pipes that are not escaped. */
const cells = (row: string): string[] => row.replace(/^\| | \|$/g, '').split(/(?<!\\) \| /);
const unescapedPipes = (row: string): number => (row.match(/(?<!\\)\|/g) ?? []).length;
const section = (md: string, heading: string): string[] => {
  const lines = md.split('\n');
  const start = lines.indexOf(heading);
  assert.notEqual(start, -1, `${heading} in\n${md}`);
  const end = lines.findIndex((l, i) => i > start && l.startsWith('#'));
  return lines.slice(start + 1, end === -1 ? undefined : end).filter((l) => l !== '');
};

describe('fleet/formats/github', () => {
  const doc = richDocument();

  it('escapes a workflow command\'s data (% CR LF) and its properties (also : and ,)', () => {
    assert.equal(escapeData('50% done\r\nnext: a,b'), '50%25 done%0D%0Anext: a,b');
    assert.equal(escapeProperty('50% done\r\nnext: a,b'), '50%25 done%0D%0Anext%3A a%2Cb');
    assert.equal(escapeData('%0A'), '%250A', 'an escape in the text stays text');
    assert.equal(escapeData('a\x1b[2J\x07b\u202e'), 'a\\x1b[2J\\x07b\\u202e', 'other control characters show escaped');
  });

  it('annotates every node that is not ok, changes, drift or skipped with an error, and a stop with a warning', () => {
    const lines = githubAnnotations(doc).trimEnd().split('\n');
    assert.deepEqual(lines.slice(0, 5), [
      '::error title=puppet-twitch fleet%3A unknown1::unknown: not waited for: interrupted',
      '::error title=puppet-twitch fleet%3A busy1::busy: Puppet already running',
      '::error title=puppet-twitch fleet%3A disabled1::disabled: Puppet agent is disabled',
      '::error title=puppet-twitch fleet%3A refused1::refused: Unauthorized',
      '::error title=puppet-twitch fleet%3A unreachable1::unreachable: no connection to web:2023 within 5 s',
    ]);
    assert.equal(lines[6], '::error title=puppet-twitch fleet%3A failed1::failed: Puppet run failed: exit code 4 (the run had resource failures)');
    assert.equal(lines.length, 8);
    assert.match(lines[7], /^::warning title=puppet-twitch fleet%3A stopped::--max-failures 2 reached /);
    for (const n of ['ok1', 'changes1', 'drift1', 'skipped1']) assert.ok(!lines.some((l) => l.includes(`%3A ${n}::`)), n);
  });

  it('keeps a hostile node within its one command: the title cannot end early, no line break, no raw control character', () => {
    const lines = githubAnnotations(doc).trimEnd().split('\n');
    const evil = lines[5];
    assert.equal(
      evil,
      '::error title=puppet-twitch fleet%3A evil<&>"\'\\x1b[2J\\x07\\x00\\x0b\\x7f\\x85\\u202e%25%3A%2C%3A%3A|*_[x](y)`%0D%0A' +
        '::failed: boom <&>"\'\\x1b[2J\\x07\\x00\\x0b\\x7f\\x85\\u202e%25:,::|*_[x](y)`%0D%0A end',
    );
    const title = evil.slice('::error '.length, evil.indexOf('::', 2));
    assert.ok(title.startsWith('title=puppet-twitch fleet%3A evil') && !/[:,\r\n]/.test(title), 'the title is one property and ends where the message starts');
    assert.doesNotMatch(githubAnnotations(doc), /[\0-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]/);
    assert.ok(HOSTILE.includes('\n'));
  });

  it('writes nothing for a rollout where every node ran well', () => {
    const fine = fleetDocument({ ...doc, stopped: null, drift: null }, [result('a', 'ok'), result('b', 'drift')]);
    assert.equal(githubAnnotations(fine), '');
    assert.match(githubSummary(fine), /^## puppet-twitch fleet: every node ran\n/);
    assert.ok(!githubSummary(fine).includes('### '), 'no failed nodes, no drift section without --noop');
  });

  it('summarizes: a heading, the stop, the counts by outcome, the nodes to look at, the drift', () => {
    const md = githubSummary(doc);
    const lines = md.split('\n');
    assert.equal(lines[0], '## puppet-twitch fleet: stopped');
    assert.match(lines[2], /^\*\*Stopped\*\* \(max\\_failures\): --max-failures 2 reached /);
    assert.ok(lines.includes('13 nodes in 42.5 s: 1 ok, 1 changes, 3 drift, 1 skipped, 1 unknown, 1 busy, 1 disabled, 1 refused, 1 unreachable, 2 failed'));
    const counts = lines.slice(lines.indexOf('| outcome | nodes |') + 2, lines.indexOf('| total | 13 |'));
    assert.deepEqual(counts.map(cells), [['ok', '1'], ['changes', '1'], ['drift', '3'], ['skipped', '1'], ['unknown', '1'], ['busy', '1'], ['disabled', '1'], ['refused', '1'], ['unreachable', '1'], ['failed', '2']]);

    const bad = section(md, '### Nodes to look at (7)');
    assert.deepEqual(bad.slice(0, 2), ['| node | outcome | exit | error |', '|---|---|---:|---|']);
    const names = bad.slice(2).map((r) => cells(r)[0]);
    assert.equal(names.length, 7);
    assert.deepEqual(names.filter((n) => !n.startsWith('evil')), ['unknown1', 'busy1', 'disabled1', 'refused1', 'unreachable1', 'failed1'], 'in the table\'s order; skipped ones are counted, not listed');
    assert.deepEqual(cells(bad[8]), ['failed1', 'failed', '2', 'Puppet run failed: exit code 4 \\(the run had resource failures\\)']);

    const drift = section(md, '### Drift (noop): 2 resources would change');
    assert.deepEqual(drift.slice(0, 3), ['| nodes | resource | property | on |', '|---:|---|---|---|', '| 2 | File\\[/etc/ntp.conf\\] | content | drift1, drift2 |']);
    assert.equal(drift[4], '1 drift node whose report could not be had (see report_error).');
  });

  it('says in the drift\'s heading and below its table how many nodes\' reports were partial', () => {
    const conf = { resource: 'File[/etc/ntp.conf]', property: 'content' };
    const results = [result('web1', 'drift', { drift: [conf], drift_partial: 712 }), result('web2', 'drift', { drift: [conf], drift_partial: 3 }), result('web3', 'drift', { drift: [conf] })];
    const md = githubSummary(fleetDocument({ ...doc, stopped: null, drift: groupDrift(results) }, results));
    const drift = section(md, '### Drift (noop): 1 resource would change, at least (the reports of 2 nodes were partial)');
    assert.equal(drift[2], '| 3 | File\\[/etc/ntp.conf\\] | content | web1, web2, web3 |');
    assert.equal(drift[3], '2 drift nodes whose reports left resources out: their drift above is only part of it; see drift\\_partial.');
    assert.doesNotMatch(githubSummary(doc), /partial/);
  });

  it('keeps a hostile name and error in their cells: pipes, markup and HTML escaped, control characters shown, line breaks spaces', () => {
    const md = githubSummary(doc);
    const row = md.split('\n').find((l) => l.startsWith('| evil'));
    assert.ok(row !== undefined);
    assert.equal(unescapedPipes(row), 5, row);
    assert.deepEqual(cells(row), [
      'evil\\<\\&\\>"\'\\\\x1b\\[2J\\\\x07\\\\x00 \\\\x7f\\\\x85\\\\u202e%:,::\\|\\*\\_\\[x\\]\\(y\\)\\`',
      'failed',
      '2',
      'boom \\<\\&\\>"\'\\\\x1b\\[2J\\\\x07\\\\x00 \\\\x7f\\\\x85\\\\u202e%:,::\\|\\*\\_\\[x\\]\\(y\\)\\` end',
    ]);
    const table = (first: string) => md.split('\n').slice(md.split('\n').indexOf(first)).filter((_l, i, all) => all.slice(0, i + 1).every((x) => x.startsWith('|')));
    for (const l of table('| outcome | nodes |')) assert.equal(unescapedPipes(l), 3, l);
    for (const l of [...table('| node | outcome | exit | error |'), ...table('| nodes | resource | property | on |')]) assert.equal(unescapedPipes(l), 5, l);
    assert.doesNotMatch(md, /[\0-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]/);
    assert.ok(!md.includes('<&>'), 'no raw HTML');
  });

  it('lists at most SUMMARY_LIMITS nodes and drift rows, and says how many more there are', () => {
    const many = Array.from({ length: SUMMARY_LIMITS.nodes + 3 }, (_, i) => result(`n${String(i).padStart(4, '0')}`, 'failed', {
      error: 'boom', drift: null,
    }));
    const drift = Array.from({ length: SUMMARY_LIMITS.drift + 2 }, (_, i) => ({ resource: `File[/f${i}]`, property: 'content', count: 9, nodes: Array.from({ length: 9 }, (__, j) => `d${j}`) }));
    const big: FleetDocument = fleetDocument({ ...doc, stopped: null, drift }, many);
    const md = githubSummary(big);
    assert.equal(md.split('\n').filter((l) => /^\| n\d{4} /.test(l)).length, SUMMARY_LIMITS.nodes);
    assert.ok(md.includes('... and 3 more nodes (the --format json document lists them all)'));
    assert.ok(md.includes('... and 2 more resource properties (the --format json document lists them all)'));
    assert.ok(md.includes('| 9 | File\\[/f0\\] | content | d0, d1, d2, d3, d4, and 4 more |'));
    assert.ok(Buffer.byteLength(md) < 1024 * 1024, 'within the 1 MiB GitHub takes of a step summary');
  });
});
