import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { BATCH_BYTES, createLineWriter, FLUSH_MS } from '../../../ts/linewriter';

// Run as a child process by the exit test below: queues a line, then exits before the timer could write it.
if (process.env.LINEWRITER_EXIT_TEST === '1') {
  const writer = createLineWriter({ write: (batch) => process.stdout.write(Buffer.from(batch)), flushMs: 60_000 });
  writer.add('queued before exit');
  process.exit(0);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function recorder() {
  const batches: string[][] = [];
  // a batch as the lines it holds, each with its newline
  return { batches, write: (batch: Buffer) => void batches.push(batch.toString('utf8').split(/(?<=\n)/)) };
}

describe('line writer: whole lines in batches', () => {
  it('writes the lines of a FLUSH_MS in one batch, each with its newline', async () => {
    const sink = recorder();
    const writer = createLineWriter({ write: sink.write });
    writer.add('one');
    writer.add('two');
    writer.add('three with a € sign');
    assert.deepEqual(sink.batches, [], 'nothing is written line by line');
    await sleep(FLUSH_MS + 30);
    assert.deepEqual(sink.batches, [['one\n', 'two\n', 'three with a € sign\n']]);
    writer.add('four');
    await sleep(FLUSH_MS + 30);
    assert.deepEqual(sink.batches, [['one\n', 'two\n', 'three with a € sign\n'], ['four\n']]);
  });

  it('waits as long as it is told', async () => {
    const sink = recorder();
    const writer = createLineWriter({ write: sink.write, flushMs: 120 });
    writer.add('slow');
    await sleep(60);
    assert.deepEqual(sink.batches, []);
    await sleep(100);
    assert.deepEqual(sink.batches, [['slow\n']]);
  });

  it('writes at once on flush(), and never an empty batch', async () => {
    const sink = recorder();
    const writer = createLineWriter({ write: sink.write });
    writer.flush();
    writer.add('a');
    writer.flush();
    assert.deepEqual(sink.batches, [['a\n']]);
    await sleep(FLUSH_MS + 30);
    assert.deepEqual(sink.batches, [['a\n']], 'the timer of a flushed batch writes nothing');
  });

  it('writes a batch at once when it reaches flushBytes (counted, or as the caller says)', async () => {
    const sink = recorder();
    const writer = createLineWriter({ write: sink.write, flushBytes: 10 });
    writer.add('1234');
    writer.add('€€'); // 6 bytes with its newline: 11 in all
    assert.deepEqual(sink.batches, [['1234\n', '€€\n']]);
    writer.add('x', 10);
    assert.deepEqual(sink.batches, [['1234\n', '€€\n'], ['x\n']]);
    writer.add('y', 0);
    await sleep(FLUSH_MS + 30);
    assert.deepEqual(sink.batches, [['1234\n', '€€\n'], ['x\n'], ['y\n']]);
  });

  it('writes what is queued when the process exits', () => {
    const out = execFileSync(process.execPath, [__filename], { env: { ...process.env, LINEWRITER_EXIT_TEST: '1' }, encoding: 'utf8' });
    assert.equal(out, 'queued before exit\n');
  });
  it('writes a batch as soon as its buffer is full, and a line longer than a whole batch alone', () => {
    const sink = recorder();
    const writer = createLineWriter({ write: sink.write, flushMs: 60_000 });
    const line = 'x'.repeat(1000);
    for (let i = 0; i < 66; i++) writer.add(line);
    assert.equal(sink.batches.length, 1, 'the 66th line did not fit the 64 KiB buffer');
    assert.equal(sink.batches[0].length, 65);
    writer.add('y'.repeat(BATCH_BYTES));
    assert.equal(sink.batches.length, 3, 'what was queued, then the long line alone');
    assert.equal(sink.batches[2][0], `${'y'.repeat(BATCH_BYTES)}\n`);
    writer.flush();
    assert.equal(sink.batches.length, 3);
  });
});
