// The latest lines of a running run, at most `maxBytes` of them (always the last one, however long): what its
// followers read once they are past the stored output. Lines are counted from the run's first (0) and placed by
// byte offset in the run's output as plain text (each line with its newline). Pure; O(1) per line, amortized.

export interface Window {
  /** the number of the first line still kept */
  readonly first: number;
  /** the number of the next line to come (all lines so far) */
  readonly next: number;
  /** the byte offset of the first line still kept */
  readonly start: number;
  /** the byte offset past the last line: all bytes so far */
  readonly end: number;
  /** `bytes`: the line's size with its newline; drops the oldest lines past the bound */
  push(line: string, bytes: number): void;
  /** Lines from line number `from` (kept, at most `next`), as many as fit in `budget` bytes but at least one. */
  slice(from: number, budget: number): { lines: string[]; bytes: number };
}

/** Dropped lines are compacted away once this many have piled up (and they are most of the array). */
const COMPACT_AFTER = 1024;

export function createWindow(maxBytes: number): Window {
  let lines: string[] = [];
  let sizes: number[] = [];
  /** the index in `lines` of the first line kept */
  let head = 0;
  let first = 0;
  let start = 0;
  let end = 0;

  function trim(): void {
    while (end - start > maxBytes && lines.length - head > 1) {
      start += sizes[head];
      lines[head] = '';
      head++;
      first++;
    }
    if (head >= COMPACT_AFTER && head * 2 >= lines.length) {
      lines = lines.slice(head);
      sizes = sizes.slice(head);
      head = 0;
    }
  }

  return {
    get first() {
      return first;
    },
    get next() {
      return first + lines.length - head;
    },
    get start() {
      return start;
    },
    get end() {
      return end;
    },
    push(line, bytes) {
      lines.push(line);
      sizes.push(bytes);
      end += bytes;
      trim();
    },
    slice(from, budget) {
      const out: string[] = [];
      let bytes = 0;
      for (let i = head + (from - first); i < lines.length; i++) {
        if (out.length > 0 && bytes + sizes[i] > budget) break;
        out.push(lines[i]);
        bytes += sizes[i];
      }
      return { lines: out, bytes };
    },
  };
}
