import { strict as assert } from 'node:assert';
import { interruptNotice, newSeed } from '../../../../ts/fleet/command';

describe('fleet/command: its pure parts', () => {
  it('says at the first Ctrl-C how many runs it waits for, and how to stop waiting', () => {
    assert.equal(interruptNotice(3), 'fleet: interrupted: waiting for 3 runs in flight (Ctrl-C again to stop waiting)\n');
  });
  it('chooses a new seed each time for a random order without --seed', () => {
    assert.match(newSeed(), /^[0-9a-f]{16}$/);
    assert.notEqual(newSeed(), newSeed());
  });
});
