import { strict as assert } from 'node:assert';
import { splitReport } from '../../../../ts/puppet/report-text';

const REPORT = `--- !ruby/object:Puppet::Transaction::Report
host: vm
time: '2026-12-06T19:36:44.581627273+00:00'
status: failed
logs:
- level: warning
  message: Skipping because of failed dependencies
  source: "/Stage[main]/Main/File[/b]"
- level: notice
  message: Applied catalog in 0.07 seconds
  source: Puppet
metrics:
  resources:
    name: resources
resource_statuses:
  File[/a]:
    title: "/a"
    failed: false
    changed: true
    out_of_sync: true
    skipped: false
    events:
    - property: content
      status: success
  File[/b]:
    title: "/b"
    failed: false
    changed: false
    out_of_sync: false
    skipped: true
    events: []
  Notify[in sync]:
    title: in sync
    failed: false
    changed: false
    out_of_sync: false
    skipped: false
    events: []
  File[/c]:
    title: "/c"
    changed: false
    out_of_sync: true
    events:
    - property: content
      status: noop
corrective_change: false
`;

describe('puppet/report-text: the pieces of a report worth parsing', () => {
  it('keeps the top-level scalars, the statuses worth listing with their state, and the skip lines', () => {
    const split = splitReport(REPORT);
    assert.ok(split !== undefined);
    assert.match(split.head, /^time: '2026/m);
    assert.match(split.head, /^corrective_change: false$/m);
    assert.doesNotMatch(split.head, /resource_statuses|Applied catalog/);
    assert.deepEqual(split.statuses.map((s) => [s.state, s.index, s.text.split('\n')[0]]), [
      ['changed', 0, 'File[/a]:'],
      ['skipped', 1, 'File[/b]:'],
      ['noop', 3, 'File[/c]:'],
    ]);
    assert.deepEqual(split.skipLogs.length, 1);
    assert.match(split.skipLogs[0], /^- level: warning/);
  });
  it("says undefined for a layout that is not Psych's", () => {
    assert.equal(splitReport('{"time": "x", "resource_statuses": {}}'), undefined);
    assert.equal(splitReport('resource_statuses:\nstray line at column 0\n'), undefined);
    assert.equal(splitReport('logs: []\nlogs: []\n'), undefined, 'a section twice');
  });
});
