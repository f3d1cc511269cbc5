// files/puppet-twitch.js must be exactly what `npm run build` produces from ts/.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/service';

describe('bundle: freshness', function () {
  let dir = '';
  before(function () {
    dir = mkdtempSync(join(tmpdir(), 'twitch-fresh-'));
  });
  after(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  it('files/puppet-twitch.js is byte-identical to a fresh build of ts/', function () {
    const out = join(dir, 'puppet-twitch.js');
    const build = spawnSync(process.execPath, ['ts/build.mjs', 'bundle', out], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(build.status, 0, `build failed: ${build.stderr}`);
    const fresh = readFileSync(out);
    const committed = readFileSync(join(repoRoot, 'files', 'puppet-twitch.js'));
    assert.ok(
      fresh.equals(committed),
      'files/puppet-twitch.js is out of date with ts/: run `npm run build` and commit the result',
    );
  });
});
