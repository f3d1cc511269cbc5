import { strict as assert } from 'node:assert';
import { createWindow } from '../../../../ts/output/window';

describe('output window: the latest lines of a running run', () => {
  it('keeps the last lines within its bound, counted by line and by byte from the run start', () => {
    const w = createWindow(10);
    for (const line of ['aaa', 'bbb', 'ccc']) w.push(line, 4);
    assert.deepEqual([w.first, w.next, w.start, w.end], [1, 3, 4, 12]);
    assert.deepEqual(w.slice(1, 100), { lines: ['bbb', 'ccc'], bytes: 8 });
    assert.deepEqual(w.slice(2, 100), { lines: ['ccc'], bytes: 4 });
    assert.deepEqual(w.slice(3, 100), { lines: [], bytes: 0 });
  });

  it('gives at least one line however small the budget, and no more than fit', () => {
    const w = createWindow(100);
    for (const line of ['one', 'two', 'three']) w.push(line, line.length + 1);
    assert.deepEqual(w.slice(0, 1), { lines: ['one'], bytes: 4 });
    assert.deepEqual(w.slice(0, 8), { lines: ['one', 'two'], bytes: 8 });
  });

  it('always keeps the last line, even one longer than the bound', () => {
    const w = createWindow(10);
    w.push('short', 6);
    w.push('x'.repeat(50), 51);
    assert.deepEqual([w.first, w.next, w.start, w.end], [1, 2, 6, 57]);
    assert.deepEqual(w.slice(1, 10).lines, ['x'.repeat(50)]);
  });

  it('stays right over many lines (the dropped ones are compacted away)', () => {
    const w = createWindow(1000);
    for (let i = 0; i < 100_000; i++) w.push(String(i).padStart(9, '0'), 10);
    assert.deepEqual([w.first, w.next, w.start, w.end], [99_900, 100_000, 999_000, 1_000_000]);
    assert.deepEqual(w.slice(99_998, 1000).lines, ['000099998', '000099999']);
  });
});
