import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ATOMIC_TEMP_FILE, writeFileAtomic } from '../../../ts/files';

describe('files: atomic writes', () => {
  let dir = '';
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'twitch-files-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes through a temporary file named like ATOMIC_TEMP_FILE', () => {
    writeFileAtomic(join(dir, 'a.json'), 'text\n', 0o640);
    assert.equal(readFileSync(join(dir, 'a.json'), 'utf8'), 'text\n');
    assert.deepEqual(readdirSync(dir), ['a.json']);
    assert.match(`.a.json.${process.pid}.tmp`, ATOMIC_TEMP_FILE);
  });

  it('removes its temporary file when the write fails', () => {
    mkdirSync(join(dir, 'taken.json')); // the rename onto a directory fails after the temporary file was written
    // Windows answers a rename onto a directory with EPERM
    const refusal = process.platform === 'win32' ? /EPERM/ : /EISDIR|ENOTEMPTY|EEXIST/;
    assert.throws(() => writeFileAtomic(join(dir, 'taken.json'), 'text\n', 0o640), refusal);
    assert.deepEqual(readdirSync(dir), ['taken.json']);
  });
});
