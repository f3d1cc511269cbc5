// The fault suite's own check: the faults it injects are real (a full tmpfs refuses writes with ENOSPC, a
// read-only remount refuses root too), so the cases beside it test what an operator's bad day does.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fill, mountTmpfs, requireRoot, setReadOnly, unfill } from '../support/faults';

describe('faults: the injected faults are real', function () {
  let dir = '';
  let unmount = () => undefined as void;
  before(function () {
    requireRoot(this);
    dir = mkdtempSync(join(tmpdir(), 'twitch-faults-'));
    unmount = mountTmpfs(join(dir, 'state'), 64 * 1024);
  });
  after(() => {
    unmount();
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('a full tmpfs refuses a write with ENOSPC, and takes it once freed', () => {
    const filler = fill(join(dir, 'state'));
    assert.throws(() => writeFileSync(join(dir, 'state', 'x'), 'x'.repeat(8192)), /ENOSPC/);
    unfill(filler);
    writeFileSync(join(dir, 'state', 'x'), 'x'.repeat(8192));
  });

  it('a read-only remount refuses root', () => {
    setReadOnly(join(dir, 'state'), true);
    try {
      assert.throws(() => writeFileSync(join(dir, 'state', 'y'), 'y'), /EROFS/);
    } finally {
      setReadOnly(join(dir, 'state'), false);
    }
  });
});
