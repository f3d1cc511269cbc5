import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { eachLine, splitLines } from '../../../ts/lines';

describe('lines', () => {
  it('splits whole lines and keeps the unfinished rest', () => {
    assert.deepEqual(splitLines('', 'a\nb\nc'), { lines: ['a', 'b'], rest: 'c' });
    assert.deepEqual(splitLines('c', 'd\n'), { lines: ['cd'], rest: '' });
    assert.deepEqual(splitLines('', 'crlf\r\n\n'), { lines: ['crlf', ''], rest: '' });
  });

  it('passes a line with no newline on in pieces of the limit', () => {
    assert.deepEqual(splitLines('', 'x'.repeat(10), 4), { lines: ['xxxx', 'xxxx'], rest: 'xx' });
  });

  it('reads a stream line by line, a multi-byte character split across chunks included, and the last line without a newline', async () => {
    const stream = new PassThrough();
    const got: string[] = [];
    eachLine(stream, (line) => got.push(line));
    const euro = Buffer.from('€');
    stream.write(Buffer.concat([Buffer.from('one\nprice '), euro.subarray(0, 1)]));
    stream.write(Buffer.concat([euro.subarray(1), Buffer.from('\ntail')]));
    stream.end();
    await new Promise((resolve) => stream.on('end', resolve));
    assert.deepEqual(got, ['one', 'price €', 'tail']);
  });
});
