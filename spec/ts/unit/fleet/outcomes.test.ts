import { strict as assert } from 'node:assert';
import { EXIT } from '../../../../ts/exit-codes';
import { exitStatus, type NodeOutcome, type NodeResult } from '../../../../ts/fleet/outcomes';

const results = (...outcomes: NodeOutcome[]) => outcomes.map((outcome, i) => ({ node: `n${i}`, outcome }) as NodeResult);

describe('fleet/outcomes: the exit status', () => {
  it('is 130 when interrupted, else 3 when stopped, else 1 when a node did not end well, else 0', () => {
    assert.equal(exitStatus(results('ok', 'changes', 'drift'), null), EXIT.ok);
    assert.equal(exitStatus(results('ok', 'failed'), null), EXIT.failure);
    assert.equal(exitStatus(results('ok', 'unknown'), null), EXIT.failure);
    assert.equal(exitStatus(results('ok', 'skipped'), 'canary'), EXIT.stopped);
    assert.equal(exitStatus(results('failed', 'skipped'), 'max_failures'), EXIT.stopped);
    assert.equal(exitStatus(results('ok', 'ok'), 'interrupted'), EXIT.interrupted);
    assert.equal(exitStatus(results('ok', 'unknown'), 'interrupted'), EXIT.interrupted);
    assert.deepEqual([EXIT.stopped, EXIT.interrupted], [3, 130]);
  });
});
