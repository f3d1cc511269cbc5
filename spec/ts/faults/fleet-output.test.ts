// `puppet-twitch fleet --format jsonl --output FILE` on a full disk: a line that cannot be appended is kept and
// written once there is room again, and what never could be is reported, not dropped silently.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openOutput } from '../../../ts/fleet/output-file';
import { fill, mountTmpfs, requireRoot, unfill } from '../support/faults';

describe('faults: the fleet\'s --output file on a full disk', function () {
  let dir: string;
  let unmount = () => undefined as void;
  before(function () {
    requireRoot(this);
    dir = mkdtempSync(join(tmpdir(), 'fleet-output-fault-'));
    unmount = mountTmpfs(dir, 64 * 1024, 0o755);
  });
  after(() => {
    unmount();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the lines it could not append, writes them when there is room, and says when there never was', () => {
    const file = join(dir, 'out.jsonl');
    const out = openOutput(file, true);
    // a whole page: tmpfs has no room left in the file's last page for the next line
    const first = `{"event":"node","node":"a","error":"${'x'.repeat(4096 - 39)}"}\n`;
    assert.equal(first.length, 4096);
    out.append(first);
    const filler = fill(dir);
    out.append('{"event":"node","node":"b"}\n');
    out.append('{"event":"node","node":"c"}\n');
    assert.equal(readFileSync(file, 'utf8'), first);
    unfill(filler);
    out.append('{"event":"node","node":"d"}\n');
    assert.deepEqual(readFileSync(file, 'utf8').split('\n').slice(1), ['b', 'c', 'd', ''].map((n) => (n === '' ? '' : `{"event":"node","node":"${n}"}`)), 'the kept lines are written, in order');
    const again = fill(dir);
    try {
      // longer than the room left in the file's last page
      assert.match(String(out.finish(`{"event":"end","pad":"${'x'.repeat(8192)}"}\n`)), /^cannot write --output .*out\.jsonl: ENOSPC \(\d+ failed writes; the last 1 lines are missing\)$/);
    } finally {
      unfill(again);
    }
  });
});
