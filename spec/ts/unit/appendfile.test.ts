import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendWhole, openAppendFile, type AppendFile, type AppendFileOptions } from '../../../ts/appendfile';
import { faultyIo } from '../support/faulty-io';
import { removeBehindItsBack } from './fs-by-platform';

describe('append file: a batch whole or not at all', () => {
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(join(tmpdir(), 'twitch-append-'));
  });
  /** every file a test opened, closed before its directory goes: Windows removes no directory with a file open */
  const opened: AppendFile[] = [];
  afterEach(() => {
    for (const file of opened.splice(0)) file.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const open = (path: string, options: AppendFileOptions): AppendFile => {
    const file = openAppendFile(path, options);
    opened.push(file);
    return file;
  };
  const read = (file: string) => fs.readFileSync(file, 'utf8');

  it('completes a short write', () => {
    const io = faultyIo();
    const file = open(join(dir, 'f'), { mode: 0o640, dirMode: 0o750, io });
    io.chunk = 3;
    file.append(Buffer.from('one line\nanother\n'));
    assert.equal(read(join(dir, 'f')), 'one line\nanother\n');
    assert.equal(file.size, 17);
    assert.equal(io.writes, 6);
  });

  it('cuts a batch that failed part way back to where it began, and appends the next one after what was whole', () => {
    const io = faultyIo();
    const path = join(dir, 'f');
    const file = open(path, { mode: 0o640, dirMode: 0o750, io });
    file.append(Buffer.from('first\n'));
    io.room = 4;
    assert.throws(() => file.append(Buffer.from('second\nthird\n')), /ENOSPC/);
    assert.equal(read(path), 'first\n', 'no half line left');
    assert.equal(file.size, 6);
    io.room = Infinity;
    file.append(Buffer.from('fourth\n'));
    assert.equal(read(path), 'first\nfourth\n');
  });

  it('cuts the torn end off before the next batch when it could not at once, and writes nothing until it can', () => {
    const io = faultyIo();
    const path = join(dir, 'f');
    const file = open(path, { mode: 0o640, dirMode: 0o750, io });
    file.append(Buffer.from('first\n'));
    io.room = 3;
    io.truncates = false;
    assert.throws(() => file.append(Buffer.from('second\n')), /ENOSPC/);
    assert.equal(read(path), 'first\nsec');
    io.room = Infinity;
    assert.throws(() => file.append(Buffer.from('third\n')), /could not be cut off/);
    assert.equal(read(path), 'first\nsec', 'nothing glued to the torn line');
    io.truncates = true;
    file.append(Buffer.from('fourth\n'));
    assert.equal(read(path), 'first\nfourth\n');
  });

  it('appendWhole: says how many bytes it left torn when it could not cut them off', () => {
    const io = faultyIo();
    const path = join(dir, 'f');
    const fd = fs.openSync(path, 'a');
    try {
      io.room = 5;
      assert.throws(() => appendWhole(fd, Buffer.from('a line\n'), io), (err: Error & { torn?: number }) => err.torn === undefined);
      assert.equal(read(path), '');
      io.room = 5;
      io.truncates = false;
      assert.throws(() => appendWhole(fd, Buffer.from('a line\n'), io), (err: Error & { torn?: number }) => err.torn === 5);
    } finally {
      fs.closeSync(fd);
    }
  });

  it('fails, writing nothing, when the file takes no bytes', () => {
    const io = faultyIo();
    io.chunk = 0;
    const file = open(join(dir, 'f'), { mode: 0o640, dirMode: 0o750, io });
    assert.throws(() => file.append(Buffer.from('x\n')), /took no bytes/);
    assert.equal(read(join(dir, 'f')), '');
  });

  it('reopens a file deleted or replaced behind its back, and makes its directory again (0750) when it is gone', () => {
    const io = faultyIo();
    const sub = join(dir, 'state');
    fs.mkdirSync(sub);
    const path = join(sub, 'f');
    const file = open(path, { mode: 0o640, dirMode: 0o750, io });
    file.append(Buffer.from('one\n'));
    removeBehindItsBack(path);
    file.append(Buffer.from('two\n'));
    assert.equal(read(path), 'two\n');
    assert.equal(file.size, 4);
    fs.renameSync(path, `${path}.old`);
    fs.writeFileSync(path, 'other\n');
    file.append(Buffer.from('three\n'));
    assert.equal(read(path), 'other\nthree\n');
    removeBehindItsBack(sub);
    file.append(Buffer.from('four\n'));
    assert.equal(read(path), 'four\n');
    // Windows has no POSIX modes: Node reports 0666 there, and the ACLs the module sets decide
    const [dirMode, fileMode] = process.platform === 'win32' ? [0o666, 0o666] : [0o750 & ~process.umask(), 0o640 & ~process.umask()];
    assert.equal(fs.statSync(sub).mode & 0o777, dirMode);
    assert.equal(fs.statSync(path).mode & 0o777, fileMode);
  });

  it('looks at the path once per batch, not once per line', () => {
    const io = faultyIo();
    const file = open(join(dir, 'f'), { mode: 0o640, dirMode: 0o750, io });
    file.append(Buffer.from('a\nb\nc\nd\n'));
    file.append(Buffer.from('e\n'));
    assert.equal(io.stats, 2);
    assert.equal(io.writes, 2);
  });

  it('rotates: the file moved to the name given, a new one started', () => {
    const path = join(dir, 'f');
    const file = open(path, { mode: 0o640, dirMode: 0o750 });
    file.append(Buffer.from('old\n'));
    file.rotate(`${path}.1`);
    assert.equal(file.size, 0);
    file.append(Buffer.from('new\n'));
    assert.equal(read(`${path}.1`), 'old\n');
    assert.equal(read(path), 'new\n');
    fs.rmSync(path);
    file.rotate(`${path}.1`);
    assert.ok(fs.existsSync(path), 'a file gone before its rotation is started anew');
  });

  it('refuses to open a file whose directory is missing (at the start, nothing is made)', () => {
    assert.throws(() => openAppendFile(join(dir, 'missing', 'f'), { mode: 0o640, dirMode: 0o750 }), /ENOENT/);
  });
});
