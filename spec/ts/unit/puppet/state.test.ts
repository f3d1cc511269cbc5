import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { posixPlatform } from '../../../../ts/platform/posix';

const { isAlive } = posixPlatform();
import { disabledMessage, lockedSince, parseDisabledMessage, parseLockPid, runningPid } from '../../../../ts/puppet/state';

describe('puppet/state', () => {
  const dir = mkdtempSync(join(tmpdir(), 'twitch-state-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the PID of a lock file and ignores empty or garbage ones', () => {
    assert.equal(parseLockPid('1234\n'), 1234);
    for (const text of [undefined, '', 'abc', '0', '12 34']) assert.equal(parseLockPid(text), undefined, String(text));
  });
  it('treats a lock as held only while its PID is alive', () => {
    const lock = join(dir, 'lock');
    writeFileSync(lock, `${process.pid}\n`);
    assert.equal(runningPid(lock, isAlive), process.pid);
    assert.equal(runningPid(lock, () => false), undefined);
    assert.equal(runningPid(join(dir, 'missing'), isAlive), undefined);
    assert.equal(isAlive(process.pid), true);
    assert.equal(isAlive(2 ** 22 + 17), false);
  });
  it('reads the disabled message, or null when none was given', () => {
    assert.equal(parseDisabledMessage('{"disabled_message":"maintenance"}'), 'maintenance');
    assert.equal(parseDisabledMessage('{}'), null);
    assert.equal(parseDisabledMessage('not json'), null);
    assert.equal(parseDisabledMessage('{"disabled_message":"a\\nb"}'), 'a b');
    const file = join(dir, 'disabled');
    assert.equal(disabledMessage(file), undefined);
    writeFileSync(file, '{"disabled_message":"upgrade"}');
    assert.equal(disabledMessage(file), 'upgrade');
  });
  it("says when the run holding the lock began, from the lock's mtime, and never follows a link", () => {
    const lock = join(dir, 'agent_catalog_run.lock');
    writeFileSync(lock, '123');
    utimesSync(lock, 1_800_000_000, 1_800_000_000);
    assert.equal(lockedSince(lock), 1_800_000_000);
    assert.equal(lockedSince(join(dir, 'missing.lock')), null);
    symlinkSync(lock, join(dir, 'link.lock'));
    assert.equal(lockedSince(join(dir, 'link.lock')), null);
  });
});
