// The daemonised service's log file on a full tmpfs: a batch of lines the disk refuses part way is cut back, so
// the file holds whole lines only and the next batch starts a line of its own.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLogFile } from '../../../ts/daemon/logfile';
import { fill, mountTmpfs, requireRoot, unfill } from '../support/faults';

describe('faults: the service log file on a full disk', function () {
  let dir = '';
  let unmount = () => undefined as void;
  before(function () {
    requireRoot(this);
    dir = mkdtempSync(join(tmpdir(), 'twitch-faults-'));
    unmount = mountTmpfs(join(dir, 'log'), 256 * 1024);
  });
  after(() => {
    unmount();
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('holds whole lines only, and writes the next batch on a line of its own once there is room', () => {
    const path = join(dir, 'log', 'puppet-twitch.log');
    const log = openLogFile(path);
    log.write('2026-01-01T00:00:00.000Z INFO first\n');
    const filler = fill(join(dir, 'log'));
    // more than the last page of the file has left: the write stops part way
    const batch = Array.from({ length: 200 }, (_, i) => `2026-01-01T00:00:01.000Z INFO line ${i} ${'x'.repeat(40)}\n`).join('');
    log.write(batch);
    assert.equal(readFileSync(path, 'utf8'), '2026-01-01T00:00:00.000Z INFO first\n');
    unfill(filler);
    log.write('2026-01-01T00:00:02.000Z INFO after\n');
    assert.equal(readFileSync(path, 'utf8'), '2026-01-01T00:00:00.000Z INFO first\n2026-01-01T00:00:02.000Z INFO after\n');
  });
});
