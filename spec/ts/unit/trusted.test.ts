import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkRootOnlyPath, readRegularFile } from '../../../ts/trusted';

describe('trusted: files whose content decides what root does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'twitch-trusted-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a regular file, and says undefined for a missing one', () => {
    writeFileSync(join(dir, 'a.json'), '{}');
    assert.equal(readRegularFile(join(dir, 'a.json'), { followSymlinks: false }), '{}');
    assert.equal(readRegularFile(join(dir, 'missing'), { followSymlinks: false }), undefined);
  });
  it('refuses a FIFO at once instead of waiting for a writer, and a directory', () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    assert.throws(() => readRegularFile(fifo, { followSymlinks: true }), /is a FIFO, not a regular file/);
    assert.ok(Date.now() - started < 1000);
    assert.throws(() => readRegularFile(dir, { followSymlinks: true }), /is a directory, not a regular file/);
  });
  it('follows a symbolic link only when told to', () => {
    writeFileSync(join(dir, 'real'), 'x');
    symlinkSync(join(dir, 'real'), join(dir, 'link'));
    assert.equal(readRegularFile(join(dir, 'link'), { followSymlinks: true }), 'x');
    assert.throws(() => readRegularFile(join(dir, 'link'), { followSymlinks: false }), /is a symbolic link/);
  });
  it('accepts a root-owned path below root-only directories, and names a writable directory above one', function () {
    if (process.getuid?.() !== 0) this.skip(); // ownership by uid 0 needs root to arrange
    const root = mkdtempSync('/var/lib/twitch-trusted-');
    try {
      chmodSync(root, 0o755);
      const file = join(root, 'sub', 'puppet');
      mkdirSync(join(root, 'sub'), { mode: 0o755 });
      writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
      checkRootOnlyPath(file, 'The puppet binary');
      chmodSync(join(root, 'sub'), 0o775);
      assert.throws(() => checkRootOnlyPath(file, 'The puppet binary'), new RegExp(`The directory ${root}/sub must be owned by root`));
      chmodSync(join(root, 'sub'), 0o755);
      chmodSync(file, 0o757);
      assert.throws(() => checkRootOnlyPath(file, 'The puppet binary'), /The puppet binary .* not writable by group or others \(it is uid 0, mode 757\)/);
      assert.throws(() => checkRootOnlyPath(join(root, 'sub'), 'The manifest'), /is a directory; expected a regular file/);
      // /tmp is writable by everyone: nothing below it is trusted
      assert.throws(() => checkRootOnlyPath(join(dir, 'real'), 'The config file'), /The directory \/tmp must be owned by root and not writable/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
