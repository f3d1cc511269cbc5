import { strict as assert } from 'node:assert';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveTrusted, type PathFs } from '../../../../ts/platform/trusted-path';

type Node = { type: 'dir' | 'file' | 'link' | 'fifo'; uid?: number; mode?: number; target?: string };

/** A file system as a table: path → entry; a missing path is ENOENT. */
function tableFs(table: Record<string, Node>): PathFs & { looked: string[] } {
  const looked: string[] = [];
  const entry = (path: string) => {
    const node = table[path];
    if (node === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return node;
  };
  return {
    looked,
    lstat(path) {
      looked.push(path);
      const node = entry(path);
      const type = node.type;
      const mode = node.mode ?? (type === 'dir' ? 0o755 : type === 'link' ? 0o777 : 0o755);
      return {
        uid: node.uid ?? 0,
        mode,
        isFile: () => type === 'file',
        isDirectory: () => type === 'dir',
        isSymbolicLink: () => type === 'link',
        isFIFO: () => type === 'fifo',
        isSocket: () => false,
      };
    },
    readlink: (path) => entry(path).target as string,
  };
}

// Puppet's AIO layout: /opt/puppetlabs/bin/puppet → ../puppet/bin/wrapper.sh
const aio: Record<string, Node> = {
  '/': { type: 'dir' },
  '/opt': { type: 'dir' },
  '/opt/puppetlabs': { type: 'dir' },
  '/opt/puppetlabs/bin': { type: 'dir' },
  '/opt/puppetlabs/bin/puppet': { type: 'link', target: '../puppet/bin/wrapper.sh' },
  '/opt/puppetlabs/puppet': { type: 'dir' },
  '/opt/puppetlabs/puppet/bin': { type: 'dir' },
  '/opt/puppetlabs/puppet/bin/wrapper.sh': { type: 'file' },
};

describe('platform/trusted-path: a path root uses, checked hop by hop', () => {
  it('resolves a link chain through root-only directories, keeping the name as the path to use', () => {
    const fs = tableFs(aio);
    assert.deepEqual(resolveTrusted('/opt/puppetlabs/bin/puppet', 'The puppet binary', ['file'], fs), {
      given: '/opt/puppetlabs/bin/puppet',
      path: '/opt/puppetlabs/bin/puppet',
      real: '/opt/puppetlabs/puppet/bin/wrapper.sh',
    });
    // every directory on the way, as written and as the link leads, and the link itself
    for (const path of ['/', '/opt/puppetlabs/bin', '/opt/puppetlabs/bin/puppet', '/opt/puppetlabs/puppet/bin', '/opt/puppetlabs/puppet/bin/wrapper.sh']) {
      assert.ok(fs.looked.includes(path), `looked at ${path}`);
    }
  });

  it('resolves every directory of the path to use: a linked directory is replaced by its target', () => {
    const fs = tableFs({
      ...aio,
      '/usr': { type: 'dir' },
      '/usr/local': { type: 'dir' },
      '/usr/local/puppet': { type: 'link', target: '/opt/puppetlabs/bin' },
    });
    const checked = resolveTrusted('/usr/local/puppet/./puppet', 'The puppet binary', ['file'], fs);
    assert.equal(checked.path, '/opt/puppetlabs/bin/puppet');
    assert.equal(checked.real, '/opt/puppetlabs/puppet/bin/wrapper.sh');
    assert.equal(resolveTrusted('/opt/puppetlabs/bin/../puppet/bin/wrapper.sh', 'x', ['file'], fs).path, '/opt/puppetlabs/puppet/bin/wrapper.sh');
  });

  it('refuses a link in a directory someone else owns, naming the directory, whatever the link points to', () => {
    const fs = tableFs({ ...aio, '/home': { type: 'dir' }, '/home/twitch': { type: 'dir', uid: 998, mode: 0o700 }, '/home/twitch/puppet': { type: 'link', uid: 998, target: '/opt/puppetlabs/bin/puppet' } });
    assert.throws(
      () => resolveTrusted('/home/twitch/puppet', 'The puppet binary', ['file'], fs),
      /^Error: The directory \/home\/twitch must be owned by root and not writable by group or others \(it is uid 998, mode 700\)/,
    );
  });

  it('refuses a writable directory a link leads through, and a link not owned by root', () => {
    const writable = tableFs({ ...aio, '/opt/puppetlabs/puppet/bin': { type: 'dir', mode: 0o775 } });
    assert.throws(() => resolveTrusted('/opt/puppetlabs/bin/puppet', 'The puppet binary', ['file'], writable), /The directory \/opt\/puppetlabs\/puppet\/bin must be owned by root .*mode 775/);
    const foreignLink = tableFs({ ...aio, '/opt/puppetlabs/bin/puppet': { type: 'link', uid: 5, target: '../puppet/bin/wrapper.sh' } });
    assert.throws(() => resolveTrusted('/opt/puppetlabs/bin/puppet', 'The puppet binary', ['file'], foreignLink), /The symbolic link \/opt\/puppetlabs\/bin\/puppet .* must be owned by root \(it is uid 5\)/);
  });

  it('refuses a sticky world-writable directory such as /tmp', () => {
    const fs = tableFs({ '/': { type: 'dir' }, '/tmp': { type: 'dir', mode: 0o1777 }, '/tmp/puppet': { type: 'file' } });
    assert.throws(() => resolveTrusted('/tmp/puppet', 'The puppet binary', ['file'], fs), /The directory \/tmp must be owned by root .*mode 1777/);
  });

  it('refuses the file itself when it is not root\'s alone, or of the wrong kind', () => {
    const fs = tableFs({ ...aio, '/opt/puppetlabs/puppet/bin/wrapper.sh': { type: 'file', mode: 0o757 }, '/opt/puppetlabs/fifo': { type: 'fifo' } });
    assert.throws(() => resolveTrusted('/opt/puppetlabs/bin/puppet', 'The puppet binary', ['file'], fs), /The puppet binary \/opt\/puppetlabs\/puppet\/bin\/wrapper.sh must be owned by root .*mode 757/);
    assert.throws(() => resolveTrusted('/opt/puppetlabs/fifo', 'The manifest', ['file', 'directory'], fs), /The manifest \/opt\/puppetlabs\/fifo is a FIFO; expected a regular file or a directory/);
    assert.throws(() => resolveTrusted('/opt/puppetlabs/bin', 'The puppet binary', ['file'], fs), /is a directory; expected a regular file/);
    assert.equal(resolveTrusted('/opt/puppetlabs/bin', 'The manifest', ['file', 'directory'], fs).real, '/opt/puppetlabs/bin');
  });

  it('says what is missing, refuses a loop and a relative path', () => {
    const fs = tableFs({ ...aio, '/opt/loop': { type: 'link', target: '/opt/loop' } });
    assert.throws(() => resolveTrusted('/opt/puppetlabs/nothing/puppet', 'The puppet binary', ['file'], fs), /does not exist \(\/opt\/puppetlabs\/nothing is missing\)/);
    assert.throws(() => resolveTrusted('/opt/loop', 'The puppet binary', ['file'], fs), /too many levels of symbolic links/);
    assert.throws(() => resolveTrusted('bin/puppet', 'The puppet binary', ['file'], fs), /must be an absolute path/);
    assert.throws(() => resolveTrusted('/opt/puppetlabs/bin/puppet/x', 'The puppet binary', ['file'], fs), /wrapper.sh is a regular file, not a directory/);
  });

  it('on the real file system: a root-owned path below root-only directories, and a writable directory above one', function () {
    if (process.getuid?.() !== 0) this.skip(); // ownership by uid 0 needs root to arrange
    const root = mkdtempSync('/var/lib/twitch-trusted-');
    const tmp = mkdtempSync(join(tmpdir(), 'twitch-trusted-'));
    try {
      chmodSync(root, 0o755);
      const file = join(root, 'sub', 'puppet');
      mkdirSync(join(root, 'sub'), { mode: 0o755 });
      writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
      symlinkSync('sub', join(root, 'link'));
      assert.deepEqual(resolveTrusted(join(root, 'link', 'puppet'), 'The puppet binary'), { given: join(root, 'link', 'puppet'), path: file, real: file });
      chmodSync(join(root, 'sub'), 0o775);
      assert.throws(() => resolveTrusted(file, 'The puppet binary'), new RegExp(`The directory ${root}/sub must be owned by root`));
      chmodSync(join(root, 'sub'), 0o755);
      chmodSync(file, 0o757);
      assert.throws(() => resolveTrusted(file, 'The puppet binary'), /The puppet binary .* not writable by group or others \(it is uid 0, mode 757\)/);
      assert.throws(() => resolveTrusted(join(root, 'sub'), 'The manifest'), /is a directory; expected a regular file/);
      // /tmp is writable by everyone: nothing below it is trusted
      writeFileSync(join(tmp, 'real'), 'x');
      assert.throws(() => resolveTrusted(join(tmp, 'real'), 'The config file'), /The directory \/tmp must be owned by root and not writable/);
    } finally {
      rmSync(root, { recursive: true, force: true });
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
