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
  /** Writes one batch: the queued lines in order, each ending in its newline; never called with none. */
  write(lines: string[]): void;
  /** The longest a line waits (default FLUSH_MS). */
  flushMs?: number;
  /** A batch of this many bytes is written at once, without waiting (default: no such bound). */
  flushBytes?: number;
}

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

export function createLineWriter(options: LineWriterOptions): LineWriter {
  const { write, flushMs = FLUSH_MS, flushBytes } = options;
  let pending: string[] = [];
  let pendingBytes = 0;
  let timer: NodeJS.Timeout | undefined;
  const writer: LineWriter = {
    add(line, bytes) {
      pending.push(`${line}\n`);
      if (pending.length === 1) {
        queued.add(writer);
        if (!exitHooked) {
          exitHooked = true;
          process.once('exit', flushAtExit);
        }
      }
      if (flushBytes !== undefined) {
        pendingBytes += bytes ?? Buffer.byteLength(line) + 1;
        if (pendingBytes >= flushBytes) return writer.flush();
      }
      timer ??= setTimeout(writer.flush, flushMs);
    },
    flush() {
      clearTimeout(timer);
      timer = undefined;
      if (pending.length === 0) return;
      const lines = pending;
      pending = [];
      pendingBytes = 0;
      queued.delete(writer);
      write(lines);
    },
  };
  return writer;
}
