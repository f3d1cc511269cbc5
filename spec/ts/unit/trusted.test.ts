import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRegularFile } from '../../../ts/trusted';

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
  it('refuses a file over maxBytes unread, and gives each refusal a code for its caller to word', () => {
    writeFileSync(join(dir, 'big'), 'y'.repeat(2048));
    assert.equal(readRegularFile(join(dir, 'big'), { followSymlinks: false, maxBytes: 2048 }), 'y'.repeat(2048));
    assert.throws(() => readRegularFile(join(dir, 'big'), { followSymlinks: false, maxBytes: 2047 }), (err: NodeJS.ErrnoException) => err.code === 'EFBIG' && !err.message.includes('yyy'));
    assert.throws(() => readRegularFile(join(dir, 'link'), { followSymlinks: false }), (err: NodeJS.ErrnoException) => err.code === 'ELOOP');
    assert.throws(() => readRegularFile(dir, { followSymlinks: false }), (err: NodeJS.ErrnoException) => err.code === 'ENOTREG');
  });
});
