import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLASS_NAME, junitXml } from '../../../../../ts/fleet/formats/junit';
import { repoRoot } from '../../../support/service';
import { groupDrift } from '../../../../../ts/fleet/drift';
import { fleetDocument } from '../../../../../ts/fleet/report';
import { HOSTILE, result, richDocument } from './documents';

const XSD = join(repoRoot, 'spec', 'fleet', 'junit.xsd');
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
/** What XML 1.0 forbids, and the other controls junitXml removes with them. */
const REMOVED = /[\0-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
const removed = (text: string) => text.replace(new RegExp(REMOVED.source, 'g'), '');

describe('fleet/formats/junit', function () {
  const dir = mkdtempSync(join(tmpdir(), 'twitch-junit-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const doc = richDocument();
  const xml = junitXml(doc);
  const file = join(dir, 'fleet.xml');
  writeFileSync(file, xml);

  /** The XPath string value (entities resolved) of `expr` in the document, as xmllint reads it. */
  const xpath = (expr: string): string => execFileSync('xmllint', ['--xpath', `string(${expr})`, file], { encoding: 'utf8' }).replace(/\n$/, '');
  const caseOf = (node: string) => `//testcase[@name=${JSON.stringify(node)}]`;

  beforeEach(function () {
    if (!hasXmllint) {
      console.log('        (skipped: xmllint is not installed; apt-get install libxml2-utils, as .ci/setup.sh does)');
      this.skip();
    }
  });

  it('is valid against spec/fleet/junit.xsd, the JUnit XML that GitLab and Jenkins read', () => {
    const check = spawnSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8' });
    assert.equal(check.status, 0, `${check.stderr}\n${xml}`);
  });

  it('the schema is strict: it rejects a missing classname, a misplaced element, skipped and failed at once, a count or time that is not a number', () => {
    const broken = [
      xml.replace(`classname="${CLASS_NAME}" name="ok1"`, 'name="ok1"'),
      xml.replace('</system-out>\n    </testcase>', '</system-out>\n      <skipped/>\n    </testcase>'),
      xml.replace('<failure message="unknown', '<skipped/><failure message="unknown'),
      xml.replace(/ tests="13"/, ' tests="many"'),
      xml.replace(/(name="ok1" time=")1\.250"/, '$1-1"'),
      xml.replace(/(name="ok1" time=")1\.250"/, '$11e3"'),
    ];
    for (const [i, text] of broken.entries()) {
      assert.notEqual(text, xml, `mutation ${i} applies`);
      const bad = join(dir, `bad${i}.xml`);
      writeFileSync(bad, text);
      assert.notEqual(spawnSync('xmllint', ['--noout', '--schema', XSD, bad]).status, 0, `mutation ${i} is rejected`);
    }
  });

  it('counts every node a test: failures for every outcome but ok, changes, drift and skipped; no errors', () => {
    for (const element of ['testsuites', 'testsuites/testsuite']) {
      const attr = (name: string) => xpath(`/${element}/@${name}`);
      assert.deepEqual(
        ['name', 'tests', 'failures', 'errors', 'skipped', 'time', 'timestamp'].map(attr),
        ['puppet-twitch fleet', '13', '7', '0', '1', '42.500', '2026-12-03T10:00:00'],
      );
    }
    assert.equal(xpath('count(//testcase)'), '13');
    assert.equal(xpath('count(//testcase/failure)'), '7');
    assert.equal(xpath('count(//testcase/skipped)'), '1');
    assert.equal(xpath('count(//testcase/error)'), '0');
    for (const node of ['ok1', 'changes1', 'drift1', 'drift2']) assert.equal(xpath(`count(${caseOf(node)}/failure)`), '0', node);
    assert.equal(xpath(`count(//testcase[@classname="${CLASS_NAME}"])`), '13');
  });

  it('says each failure as outcome: error, typed by its outcome; skipped says why', () => {
    assert.equal(xpath(`${caseOf('failed1')}/failure/@message`), 'failed: Puppet run failed: exit code 4 (the run had resource failures)');
    assert.equal(xpath(`${caseOf('failed1')}/failure/@type`), 'failed');
    assert.equal(xpath(`${caseOf('unknown1')}/failure/@message`), 'unknown: not waited for: interrupted');
    assert.equal(xpath(`${caseOf('unreachable1')}/failure/@type`), 'unreachable');
    assert.match(xpath(`${caseOf('busy1')}/failure`), /^busy: Puppet already running\nurl: http:\/\/busy1:2023\nhttp status: 200$/);
    assert.equal(xpath(`${caseOf('skipped1')}/skipped/@message`), 'not started: --max-failures 2 reached');
    assert.equal(xpath(`${caseOf('ok1')}/@time`), '1.250');
  });

  it('keeps a hostile node\'s name and error readable: metacharacters escaped, control characters removed', () => {
    assert.doesNotMatch(xml, REMOVED);
    const kept = removed(HOSTILE);
    assert.equal(kept, '<&>"\'[2J%:,::|*_[x](y)`\r\n');
    // an XPath 1.0 literal holds one kind of quote only: the node is found by the start of its name
    const evil = '//testcase[starts-with(@name, "evil")]';
    assert.equal(xpath(`count(${evil})`), '1');
    assert.equal(xpath(`${evil}/@name`), `evil${kept}`, 'its name whole, line breaks and all');
    assert.equal(xpath(`${evil}/failure/@message`), `failed: boom ${kept} end`);
    assert.equal(xpath(`${evil}/@time`), '0.000', 'no duration: 0');
    assert.match(xpath(`${evil}/system-out`), /^run id: r<&>"'\[2J%:,::\|\*_\[x\]\(y\)`\r\n\nexit code: 2/);
  });

  it('shows a node\'s run, resources and drift in its system-out, and the fleet\'s drift, stop and summary in the suite\'s', () => {
    assert.equal(
      xpath(`${caseOf('drift2')}/system-out`),
      ['run id: r-drift2', 'exit code: 2', 'resources: changed=0 failed=0 total=9', 'batch: 1', 'would change (noop): File[/etc/ntp.conf] content',
        `would change (noop): File[/tmp/${removed(HOSTILE)}]`].join('\n'),
    );
    assert.match(xpath(`${caseOf('drift3')}/system-out`), /\nno report: GET \/puppet\/runs\/r\/report answered 404: No report of run r$/);
    const suite = xpath('/testsuites/testsuite/system-out').split('\n');
    assert.equal(suite[0], 'drift (noop): 2 resources would change');
    assert.equal(suite[1], '  2 nodes: File[/etc/ntp.conf] content');
    assert.match(suite[2], /^ {2}1 node: File\[\/tmp\/<&>"'\\x1b\[2J\\x07\\x00\\x0b\\x7f\\x85\\u202e%:,::\|\*_\[x\]\(y\)`\\x0d\\x0a\]$/, 'escaped as the table shows them');
    assert.equal(suite[3], '  (and 1 drift node whose report could not be had: see report_error)');
    assert.match(suite[4], /^stopped: --max-failures 2 reached /);
    assert.equal(suite[5], '13 nodes in 42.5 s: 1 ok, 1 changes, 3 drift, 1 skipped, 1 unknown, 1 busy, 1 disabled, 1 refused, 1 unreachable, 2 failed');
  });

  it('says in a node\'s system-out that its report was partial, and in the suite\'s how many were; still valid against the schema', () => {
    const conf = { resource: 'File[/etc/ntp.conf]', property: 'content' };
    const results = [result('web1', 'drift', { drift: [conf], drift_partial: 712 }), result('web2', 'drift', { drift: [conf] })];
    const partial = fleetDocument({ ...doc, stopped: null, drift: groupDrift(results) }, results);
    const partialFile = join(dir, 'partial.xml');
    writeFileSync(partialFile, junitXml(partial));
    const check = spawnSync('xmllint', ['--noout', '--schema', XSD, partialFile], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stderr);
    const text = (expr: string) => execFileSync('xmllint', ['--xpath', `string(${expr})`, partialFile], { encoding: 'utf8' }).replace(/\n$/, '');
    assert.match(text(`${caseOf('web1')}/system-out`), /\nreport partial: 712 resources not listed$/);
    assert.doesNotMatch(text(`${caseOf('web2')}/system-out`), /partial/);
    const suite = text('/testsuites/testsuite/system-out').split('\n');
    assert.equal(suite[0], 'drift (noop): 1 resource would change, at least (the report of 1 node was partial)');
    assert.equal(suite[2], '  (1 drift node whose report left resources out: their drift above is only part of it; see drift_partial)');
  });
});
