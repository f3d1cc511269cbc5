import { strict as assert } from 'node:assert';
import { pendingNoop, parseSummary } from '../../../../ts/puppet/summary';

const SAMPLE = `---
version:
  config: 1795589189
  puppet: 7.23.0
application:
  run_mode: user
  initial_environment: production
  converged_environment: production
resources:
  changed: 1
  failed: 0
  total: 8
time:
  file: 0.006991163
  filebucket: 6.0855e-05
  config_retrieval: 0.8123
  total: 0.041983469
  last_run: 1795589189
changes:
  total: 1
events:
  failure: 0
  success: 1
  total: 1
`;

describe('puppet/summary', () => {
  it("reads the counts, times, version and environment of Puppet's last_run_summary.yaml", () => {
    assert.deepEqual(parseSummary(SAMPLE), {
      last_run: 1795589189,
      total_time: 0.041983469,
      config_retrieval: 0.8123,
      config_version: '1795589189',
      environment: 'production',
      resources: { changed: 1, failed: 0, total: 8 },
      events: { failure: 0, success: 1, total: 1 },
      changes: 1,
    });
  });
  it('says undefined for text that is not a summary', () => {
    for (const text of ['', 'just text', '---\nversion:\n  - a list\n', '{"json": true}']) assert.equal(parseSummary(text), undefined, text);
  });
  it('tells drift from a noop run (a real `puppet apply --noop` summary) and from noop events in a run that was not noop', () => {
    const noop = parseSummary(
      '---\nversion:\n  config: 1796585628\n  puppet: 7.23.0\nresources:\n  changed: 0\n  failed: 0\n  out_of_sync: 1\n  total: 8\n' +
        'time:\n  total: 0.03\n  last_run: 1796585628\nchanges:\n  total: 0\nevents:\n  failure: 0\n  noop: 1\n  success: 0\n  total: 1\n',
    );
    assert.ok(noop !== undefined);
    assert.equal(pendingNoop(noop, false), true, 'noop events say so');
    assert.equal(pendingNoop(noop, true), true);
    const inSync = { ...noop, resources: { ...noop.resources, out_of_sync: 0 }, events: { ...noop.events, noop: 0 } };
    assert.equal(pendingNoop(inSync, true), false, 'nothing pending');
    const noEvents = { ...noop, events: { ...noop.events, noop: 0 } };
    assert.equal(pendingNoop(noEvents, false), false);
    assert.equal(pendingNoop(noEvents, true), true, 'the run was noop');
    assert.equal(pendingNoop(null, true), false);
  });
});
