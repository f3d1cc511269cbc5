// Whole lines, written in batches: one write every `flushMs` at most, not one per line (a write is a system call;
// under load one per line would cost more than the work the line reports). Used by the service log (log.ts), the
// audit log (audit.ts) and the stored output of runs (output/store.ts). What is still queued when the process
// exits is written then, so a line logged just before an exit is not lost.

/** How long a line may wait to be written with the ones after it, unless the writer says otherwise. */
export const FLUSH_MS = 20;

export interface LineWriter {
  /** Queues `line` (the newline is added here); `bytes`, its size with the newline, saves counting it again. */
  add(line: string, bytes?: number): void;
  /** Writes what is queued, now. */
  flush(): void;
}

export interface LineWriterOptions {
  /**
   * Writes one batch: the queued lines in order, each ending in its newline, as UTF-8; never called with none.
   * The buffer is the writer's own until the call returns: a writer that keeps it copies it.
   */
  write(batch: Buffer): void;
  /** The longest a line waits (default FLUSH_MS). */
  flushMs?: number;
  /** A batch of this many bytes is written at once, without waiting (default: when the batch buffer is full). */
  flushBytes?: number;
}

/** The bytes a batch holds at most; a longer line is written alone. */
export const BATCH_BYTES = 64 * 1024;

/** Writers with lines queued: written when the process exits. */
const queued = new Set<LineWriter>();
let exitHooked = false;

function flushAtExit(): void {
  for (const writer of [...queued]) {
    try {
      writer.flush();
    } catch {
      // the process is going: the other writers still get their turn
    }
  }
}

// Queued lines are kept as bytes in a buffer outside the JavaScript heap, not as strings: a string that waits
// FLUSH_MS outlives V8's young-generation collections, and under load the young generation then grows (measured:
// 32 MiB against a bare server's 4 MiB after 100,000 requests).
export function createLineWriter(options: LineWriterOptions): LineWriter {
  const { write, flushMs = FLUSH_MS } = options;
  const size = Math.max(BATCH_BYTES, options.flushBytes ?? 0);
  const flushBytes = Math.min(options.flushBytes ?? size, size);
  let buffer: Buffer | undefined; // allocated at the first line
  let used = 0;
  /** the queued bytes as the callers counted them (`add`'s `bytes`): what flushBytes is measured in */
  let counted = 0;
  let timer: NodeJS.Timeout | undefined;
  const writer: LineWriter = {
    add(line, bytes) {
      const length = bytes ?? Buffer.byteLength(line) + 1;
      buffer ??= Buffer.allocUnsafeSlow(size);
      // Buffer#write stops where the buffer ends: a line that may not have fit whole is counted, and if it did
      // not, the batch so far is written first (a line longer than a whole batch is written alone).
      let n = used < size ? buffer.write(line, used) : 0;
      if (used + n > size - 4 && used + Buffer.byteLength(line) + 1 > size) {
        writer.flush();
        if (Buffer.byteLength(line) + 1 > size) return write(Buffer.from(`${line}\n`));
        n = buffer.write(line, 0);
      }
      if (used === 0) {
        queued.add(writer);
        if (!exitHooked) {
          exitHooked = true;
          process.once('exit', flushAtExit);
        }
      }
      used += n;
      buffer[used++] = 0x0a;
      counted += length;
      if (counted >= flushBytes || used >= size) return writer.flush();
      timer ??= setTimeout(writer.flush, flushMs);
    },
    flush() {
      clearTimeout(timer);
      timer = undefined;
      if (used === 0 || buffer === undefined) return;
      const batch = buffer.subarray(0, used);
      used = counted = 0;
      queued.delete(writer);
      write(batch);
    },
  };
  return writer;
}
