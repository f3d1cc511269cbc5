import { strict as assert } from 'node:assert';
import { parseSummary } from '../../../../ts/puppet/summary';

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
});
