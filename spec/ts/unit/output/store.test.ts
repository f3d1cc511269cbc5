import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../../../ts/log';
import { NOTE, outputEvent } from '../../../../ts/output/format';
import { OUTPUT_LIMITS } from '../../../../ts/output/limits';
import { createCap, createOutputStore, outputFile } from '../../../../ts/output/store';

const windows = process.platform === 'win32';

const ID = '20260101T000000000Z-abcdef';
const bytesOf = (line: string) => Buffer.byteLength(line) + 1;

function logger(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return { errors, info: () => undefined, error: (m) => errors.push(m), flush: () => undefined };
}

async function collect(chunks: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const chunk of chunks) all.push(chunk);
  return all;
}

describe('output store: the stored output of a run', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'twitch-store-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps whole lines up to the cap, notes the truncation once, then drops the rest', () => {
    const cap = createCap(10);
    assert.deepEqual([4, 4, 4, 1, 1].map((n) => cap.take(n)), ['keep', 'keep', 'truncate', 'drop', 'drop']);
    assert.equal(cap.used, 8);
    assert.equal(cap.full, true);
    const exact = createCap(8);
    assert.deepEqual([4, 4].map((n) => exact.take(n)), ['keep', 'keep']);
    assert.equal(exact.full, false);
    const none = createCap(0);
    assert.deepEqual([1, 1].map((n) => none.take(n)), ['drop', 'drop']);
    assert.equal(none.full, false);
  });

  it('stores a run as <id>.log in the state dir, in batches, complete once closed', async () => {
    const store = createOutputStore({ dir, maxBytes: 1024, log: logger() });
    assert.equal(outputFile(dir, ID), join(dir, `${ID}.log`));
    const run = store.open(ID);
    run.write('Notice: one', bytesOf('Notice: one'));
    run.write('Notice: two', bytesOf('Notice: two'));
    assert.equal(existsSync(outputFile(dir, ID)), false, 'nothing is written line by line');
    await new Promise((resolve) => setTimeout(resolve, OUTPUT_LIMITS.storeFlushMs + 50));
    assert.equal(readFileSync(outputFile(dir, ID), 'utf8'), 'Notice: one\nNotice: two\n');
    run.write('Notice: three', bytesOf('Notice: three'));
    run.close();
    assert.equal(readFileSync(outputFile(dir, ID), 'utf8'), 'Notice: one\nNotice: two\nNotice: three\n');
  });

  it('writes a batch at once when it reaches the chunk size', () => {
    const store = createOutputStore({ dir, maxBytes: 1024 * 1024, log: logger() });
    const run = store.open(ID);
    const line = 'x'.repeat(1023);
    for (let i = 0; i < OUTPUT_LIMITS.storeChunkBytes / 1024; i++) run.write(line, bytesOf(line));
    assert.equal(readFileSync(outputFile(dir, ID), 'utf8').length, OUTPUT_LIMITS.storeChunkBytes);
    run.close();
  });

  it('cuts the stored output at output_max_bytes, with whole lines and one note', () => {
    const store = createOutputStore({ dir, maxBytes: 10, log: logger() });
    const run = store.open(ID);
    for (const line of ['abcd', 'efgh', 'ijkl', 'm']) run.write(line, bytesOf(line));
    run.close();
    assert.equal(readFileSync(outputFile(dir, ID), 'utf8'), `abcd\nefgh\n${NOTE.truncated(10)}\n`);
  });

  it('leaves no file for a run that printed nothing, or when output_max_bytes is 0', async () => {
    createOutputStore({ dir, maxBytes: 1024, log: logger() }).open(ID).close();
    assert.equal(existsSync(outputFile(dir, ID)), false);
    const none = createOutputStore({ dir, maxBytes: 0, log: logger() });
    const run = none.open(ID);
    run.write('Notice: x', bytesOf('Notice: x'));
    run.close();
    assert.equal(existsSync(outputFile(dir, ID)), false);
    await assert.rejects(collect(none.read(ID, false)), { code: 'ENOENT' });
  });

  it('says once that it cannot write, and stores nothing more of that run', () => {
    const log = logger();
    let failures = 0;
    const store = createOutputStore({ dir: join(dir, 'missing'), maxBytes: 1024, log, onWriteError: () => void failures++ });
    const run = store.open(ID);
    run.write('one', 4);
    run.close();
    const again = store.open(ID);
    again.write('two', 4);
    again.close();
    assert.equal(log.errors.length, 2, 'one error per run');
    assert.equal(failures, 6, 'counted at each failed write: the lines, the note at once, the note at close, for each run');
    assert.match(log.errors[0], new RegExp(`^cannot write the output of puppet run ${ID} to .*: ENOENT`));
  });

  it('a run whose file cannot take even the line saying it is incomplete: read back, it says so all the same', async () => {
    const log = logger();
    const failures: string[] = [];
    const store = createOutputStore({ dir, maxBytes: 1024, log, onWriteError: (err) => failures.push(String((err as NodeJS.ErrnoException).code)) });
    // every write fails: ENOSPC on Linux; Windows has no /dev/full, and a directory in the file's place refuses the open
    const [cause, failed] = windows ? ['EISDIR: illegal operation on a directory', 'open .*'] : ['ENOSPC: no space left on device', 'write'];
    if (windows) mkdirSync(outputFile(dir, ID));
    else symlinkSync('/dev/full', outputFile(dir, ID));
    const run = store.open(ID);
    run.write('one', 4);
    run.close();
    assert.equal(run.stored, 0);
    assert.equal(log.errors.length, 1, 'one error per run');
    assert.deepEqual(failures, windows ? ['EISDIR', 'EISDIR', 'EISDIR'] : ['ENOSPC', 'ENOSPC', 'ENOSPC'], 'every failed write is counted: the lines, the note at once, the note at close');
    assert.match(log.errors[0], new RegExp(`${cause}, ${failed} \\(0 bytes stored; all of it stays in the service log\\)$`));
    const note = NOTE.incomplete(outputFile(dir, ID), 0, cause);
    assert.equal((await collect(store.read(ID, false))).join(''), `${note}\n`);
    assert.equal((await collect(store.read(ID, true))).join(''), outputEvent(note));
    // a run whose directory is missing: the same
    const missing = createOutputStore({ dir: join(dir, 'missing'), maxBytes: 1024, log });
    const lost = missing.open(ID);
    lost.write('one', 4);
    lost.close();
    assert.equal((await collect(missing.read(ID, false))).join(''), `${NOTE.incomplete(outputFile(join(dir, 'missing'), ID), 0, 'ENOENT: no such file or directory')}\n`);
  });

  it('says what is stored so far, and reads whole lines of it from a byte offset', async () => {
    const store = createOutputStore({ dir, maxBytes: 1024 * 1024, log: logger() });
    const run = store.open(ID);
    const lines = Array.from({ length: 2000 }, (_, i) => `line ${i} ${'w'.repeat(i % 97)}`);
    for (const line of lines) run.write(line, bytesOf(line));
    run.flush();
    const all = lines.map((l) => `${l}\n`).join('');
    assert.equal(run.stored, Buffer.byteLength(all));
    const from = bytesOf(lines[0]) + bytesOf(lines[1]);
    const got = await store.readLines(ID, from, run.stored);
    assert.ok(got.bytes > 0 && got.bytes <= OUTPUT_LIMITS.storeChunkBytes);
    assert.equal(got.text, all.slice(from, from + got.bytes));
    assert.ok(got.text.endsWith('\n'));
    assert.equal(got.lines, got.text.split('\n').length - 1);
    const end = await store.readLines(ID, from, from + bytesOf(lines[2]));
    assert.deepEqual(end, { text: `${lines[2]}\n`, bytes: bytesOf(lines[2]), lines: 1 });
    run.close();
  });

  it('reads a stored output back as plain text or as output events, the last line without a newline too', async () => {
    const store = createOutputStore({ dir, maxBytes: 1024, log: logger() });
    writeFileSync(outputFile(dir, ID), 'one\ntwo\nthree');
    assert.equal((await collect(store.read(ID, false))).join(''), 'one\ntwo\nthree');
    assert.equal((await collect(store.read(ID, true))).join(''), ['one', 'two', 'three'].map(outputEvent).join(''));
  });

  it('reads a large output in chunks, and stops reading when the reader stops', async () => {
    const store = createOutputStore({ dir, maxBytes: 1024 * 1024, log: logger() });
    const line = `${'y'.repeat(99)}\n`;
    writeFileSync(outputFile(dir, ID), line.repeat(3000));
    const chunks = await collect(store.read(ID, false));
    assert.ok(chunks.length > 1);
    assert.ok(chunks.every((chunk) => chunk.length <= OUTPUT_LIMITS.storeChunkBytes));
    assert.equal(chunks.join(''), line.repeat(3000));
    const events = (await collect(store.read(ID, true))).join('');
    assert.equal(events, outputEvent(line.slice(0, -1)).repeat(3000));
    for await (const chunk of store.read(ID, false)) {
      assert.ok(chunk.length > 0);
      break;
    }
  });
});
