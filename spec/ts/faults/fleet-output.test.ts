// `puppet-twitch fleet --format jsonl --output FILE` on a full disk: a line that cannot be appended is kept and
// written once there is room again, and what never could be is reported, not dropped silently.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { fleetCommand } from '../../../ts/fleet/command';
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
    assert.equal(out.append('{"event":"node","node":"b"}\n'), false, 'says a line is still unwritten');
    out.append('{"event":"node","node":"c"}\n');
    assert.equal(readFileSync(file, 'utf8'), first);
    unfill(filler);
    assert.equal(out.append('{"event":"node","node":"d"}\n'), true, 'says every line is written');
    assert.deepEqual(readFileSync(file, 'utf8').split('\n').slice(1), ['b', 'c', 'd', ''].map((n) => (n === '' ? '' : `{"event":"node","node":"${n}"}`)), 'the kept lines are written, in order');
    const again = fill(dir);
    try {
      // longer than the room left in the file's last page
      assert.match(String(out.finish(`{"event":"end","pad":"${'x'.repeat(8192)}"}\n`)), /^cannot write --output .*out\.jsonl: ENOSPC \(\d+ failed writes; the last 1 lines are missing\)$/);
    } finally {
      unfill(again);
    }
  });

  it('starts no node when the stream\'s start line cannot be written: exit status 2, and it says why', async () => {
    const asked: string[] = [];
    const node = createServer((req, res) => {
      asked.push(`${req.method} ${req.url}`);
      res.writeHead(404).end();
    });
    await new Promise<void>((done) => node.listen(0, '127.0.0.1', done));
    const port = (node.address() as AddressInfo).port;
    const file = join(dir, 'start.jsonl');
    const filler = fill(dir);
    try {
      const out = new PassThrough();
      const err = new PassThrough();
      const chunks: string[] = [];
      err.on('data', (c: Buffer) => chunks.push(c.toString()));
      const nodes = Array.from({ length: 300 }, (_v, i) => `node${i}.example.com`);
      const code = await fleetCommand(['--nodes', ['127.0.0.1', ...nodes].join(','), '--port', String(port), '--format', 'jsonl', '--output', file, '--connect-timeout', '1'], out as never, err as never, {});
      assert.equal(code, 2, chunks.join(''));
      assert.match(chunks.join(''), /cannot write --output .*start\.jsonl: ENOSPC.*Nothing was started/);
      assert.deepEqual(asked, [], 'no node was asked');
    } finally {
      unfill(filler);
      await new Promise((done) => node.close(done));
    }
  });
});
