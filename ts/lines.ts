// A byte stream → its lines, each as soon as its newline arrives (node:readline would cost the service
// memory at start for no more than this). A line longer than `maxLine` is passed on in pieces of that size,
// so output without newlines cannot grow without bound.
import type { Readable } from 'node:stream';

export const MAX_LINE_BYTES = 64 * 1024;

/** Pure: splits `text` (the pending part and a new chunk) into whole lines and the new pending part. */
export function splitLines(pending: string, chunk: string, maxLine = MAX_LINE_BYTES): { lines: string[]; rest: string } {
  const parts = (pending + chunk).split('\n');
  let rest = parts.pop() as string;
  const lines = parts.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  while (rest.length > maxLine) {
    lines.push(rest.slice(0, maxLine));
    rest = rest.slice(maxLine);
  }
  return { lines, rest };
}

/** Calls `onLine` for each line of `stream` (utf-8), the last one too when it has no newline. */
export function eachLine(stream: Readable, onLine: (line: string) => void, maxLine = MAX_LINE_BYTES): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const { lines, rest } = splitLines(pending, chunk, maxLine);
    pending = rest;
    for (const line of lines) onLine(line);
  });
  stream.on('end', () => {
    if (pending !== '') onLine(pending);
    pending = '';
  });
}
