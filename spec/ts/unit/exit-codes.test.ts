import { strict as assert } from 'node:assert';
import { ERROR_STATUS, type ErrorCode } from '../../../ts/errors';
import { EXIT, exitCodeOf } from '../../../ts/exit-codes';

describe('exit-codes', () => {
  it('0 ok, 1 failure, 2 usage; status follows LSB (1 dead with a PID file, 3 not running); fleet: 3 stopped, 130 interrupted', () => {
    assert.deepEqual(EXIT, { ok: 0, failure: 1, usage: 2, deadWithPidFile: 1, notRunning: 3, stopped: 3, interrupted: 130 });
  });
  it('a wrong command line, an unusable config and an unanswering PuppetDB exit 2; every other error 1', () => {
    for (const code of Object.keys(ERROR_STATUS) as ErrorCode[]) {
      const expected = ['USAGE', 'CONFIG_INVALID', 'PUPPETDB_FAILED'].includes(code) ? 2 : 1;
      assert.equal(exitCodeOf(code), expected, code);
    }
  });
});
