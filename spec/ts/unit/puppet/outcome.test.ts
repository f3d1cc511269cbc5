import { strict as assert } from 'node:assert';
import { describeFailure, outcomeOf } from '../../../../ts/puppet/outcome';

describe('puppet/outcome', () => {
  it('counts 0 and 2 as success and 1, 4, 6 as failure', () => {
    assert.deepEqual([0, 2, 1, 4, 6, 3].map((c) => outcomeOf(c, null).ok), [true, true, false, false, false, false]);
  });
  it('says the exit code and what it means', () => {
    assert.equal(describeFailure(outcomeOf(4, null)), 'Puppet run failed: exit code 4 (the run had resource failures)');
    assert.match(describeFailure(outcomeOf(1, null)), /exit code 1 \(the run failed, or was not attempted/);
    assert.equal(describeFailure(outcomeOf(null, 'SIGKILL')), 'Puppet run failed: killed by signal SIGKILL');
    assert.match(describeFailure(outcomeOf(null, null)), /ended without reporting how puppet ended/);
  });
  it('a noop run that found drift is noop_changes, a success; exit 0 without drift stays no_changes', () => {
    const drift = outcomeOf(0, null, false, true);
    assert.deepEqual([drift.name, drift.ok, drift.code], ['noop_changes', true, 0]);
    assert.equal(outcomeOf(0, null).name, 'no_changes');
    assert.equal(outcomeOf(2, null, false, true).name, 'changes', 'drift speaks only for exit 0');
    assert.equal(outcomeOf(4, null, false, true).name, 'failures');
    assert.equal(outcomeOf(0, null, true, true).name, 'timeout');
  });
});
