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
    this.timeout(60_000);
    dir = mkdtempSync(join(tmpdir(), 'twitch-fresh-'));
    const build = spawnSync(process.execPath, ['ts/build.mjs', 'bundle', join(dir, 'puppet-twitch.js')], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(build.status, 0, `build failed: ${build.stderr}`);
  });
  after(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  it('files/puppet-twitch.js is byte-identical to a fresh build of ts/', function () {
    const fresh = readFileSync(join(dir, 'puppet-twitch.js'));
    const committed = readFileSync(join(repoRoot, 'files', 'puppet-twitch.js'));
    assert.ok(
      fresh.equals(committed),
      'files/puppet-twitch.js is out of date with ts/: run `npm run build` and commit the result',
    );
  });

  it('files/THIRD-PARTY-LICENSES.txt names every library in the bundle with its licence text, as the build writes it', function () {
    const notices = readFileSync(join(repoRoot, 'files', 'THIRD-PARTY-LICENSES.txt'), 'utf8');
    assert.equal(notices, readFileSync(join(dir, 'THIRD-PARTY-LICENSES.txt'), 'utf8'), 'out of date: run `npm run build` and commit the result');
    const named = [...notices.matchAll(/^(@?[a-z0-9][\w./-]*) (\d+\.\d+\.\d+) \(([^)]+)\)$/gm)].map((m) => m[1]);
    // the runtime dependencies and what they pull in: each once, with a licence text after it
    for (const name of ['execa', 'node-cron', 'yaml', 'cross-spawn']) assert.ok(named.includes(name), `${name} is not named`);
    assert.equal(new Set(named).size, named.length);
    const sections = notices.split(/\n-{78}\n\n/).slice(1);
    assert.equal(sections.length, named.length);
    for (const section of sections) {
      const [header, ...text] = section.split('\n');
      assert.match(text.join('\n'), /copyright|licen[cs]e/i, `no licence text for ${header}`);
    }
  });
});
