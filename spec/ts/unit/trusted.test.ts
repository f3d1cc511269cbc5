import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRegularFile } from '../../../ts/trusted';
import { trySymlink } from './fs-by-platform';

const windows = process.platform === 'win32';

/** Windows has no FIFO in the file system: its equivalent is a named pipe, one a reader would wait on too. */
async function servePipe(): Promise<{ path: string; server: Server }> {
  const path = `\\\\.\\pipe\\twitch-trusted-${process.pid}`;
  const server = createServer(() => undefined);
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(path, resolve));
  return { path, server };
}

describe('trusted: files whose content decides what root does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'twitch-trusted-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a regular file, and says undefined for a missing one', () => {
    writeFileSync(join(dir, 'a.json'), '{}');
    assert.equal(readRegularFile(join(dir, 'a.json'), { followSymlinks: false }), '{}');
    assert.equal(readRegularFile(join(dir, 'missing'), { followSymlinks: false }), undefined);
  });
  it('refuses a FIFO at once instead of waiting for a writer, and a directory', async () => {
    const pipe = windows ? await servePipe() : undefined;
    const fifo = pipe?.path ?? join(dir, 'fifo');
    if (!pipe) execFileSync('mkfifo', [fifo]);
    try {
      const started = Date.now();
      // libuv calls a Windows pipe a FIFO; Wine's answers make it a device
      assert.throws(() => readRegularFile(fifo, { followSymlinks: true }), windows ? /is a (FIFO|device), not a regular file/ : /is a FIFO, not a regular file/);
      assert.ok(Date.now() - started < 1000);
    } finally {
      pipe?.server.close();
    }
    assert.throws(() => readRegularFile(dir, { followSymlinks: true }), /is a directory, not a regular file/);
  });
  let linked = false;
  it('follows a symbolic link only when told to', () => {
    writeFileSync(join(dir, 'real'), 'x');
    linked = trySymlink(join(dir, 'real'), join(dir, 'link'));
    assert.ok(linked || windows, 'Linux makes the link');
    if (!linked) {
      // no link could be made here (Windows without the privilege, or Wine): nothing is there to follow
      assert.equal(readRegularFile(join(dir, 'link'), { followSymlinks: true }), undefined);
      return;
    }
    assert.equal(readRegularFile(join(dir, 'link'), { followSymlinks: true }), 'x');
    assert.throws(() => readRegularFile(join(dir, 'link'), { followSymlinks: false }), /is a symbolic link/);
  });
  it('refuses a file over maxBytes unread, and gives each refusal a code for its caller to word', () => {
    writeFileSync(join(dir, 'big'), 'y'.repeat(2048));
    assert.equal(readRegularFile(join(dir, 'big'), { followSymlinks: false, maxBytes: 2048 }), 'y'.repeat(2048));
    assert.throws(() => readRegularFile(join(dir, 'big'), { followSymlinks: false, maxBytes: 2047 }), (err: NodeJS.ErrnoException) => err.code === 'EFBIG' && !err.message.includes('yyy'));
    if (linked) assert.throws(() => readRegularFile(join(dir, 'link'), { followSymlinks: false }), (err: NodeJS.ErrnoException) => err.code === 'ELOOP');
    assert.throws(() => readRegularFile(dir, { followSymlinks: false }), (err: NodeJS.ErrnoException) => err.code === 'ENOTREG');
  });
});
