// The audit log: one JSON line per trigger, status or runs request (who, from where, what, the answer), in a
// file of the service user's, capped at audit_max_bytes with one rotated file (`<file>.1`) kept.
//
// Whole lines or none (appendfile.ts). Lines a write could not take (a full disk, a directory gone) are kept, up
// to AUDIT_BACKLOG_BYTES, and tried again every AUDIT_RETRY_MS, first, in their order; the ones beyond are
// counted as lost, and the file then says so in a line of its own (lostEntry) where they would have been.
import { isoTime } from './clock';
import { openAppendFile, type AppendFile, type FileIo } from './appendfile';
import { createLineWriter } from './linewriter';
import type { Logger } from './log';

export interface AuditEntry {
  time: string;
  client: string | null;
  identity: string | null;
  method: string;
  path: string;
  options: unknown;
  status: number;
  run_id: string | null;
}

/** The line that stands for lines that could not be written: `lost` of them, the first at `from`, the last at `to`. */
export interface LostEntry {
  time: string;
  event: 'audit_lines_lost';
  lost: number;
  from: string;
  to: string;
}

export interface Audit {
  (entry: AuditEntry): void;
  /** writes what is pending now, the lines kept from failed writes too */
  flush(): void;
  /** at shutdown: flush(), then what could not be written is counted and logged */
  close(): void;
  /** the lines that could not be written, since the start */
  lost(): number;
}

/** What the audit log keeps of lines it could not write yet, at most: about 5,000 requests' lines. */
export const AUDIT_BACKLOG_BYTES = 1024 * 1024;
/** How often kept lines are tried again when no new line comes to try them with. */
export const AUDIT_RETRY_MS = 1000;
export const AUDIT_FILE_MODE = 0o640;
/** a state_dir made again (the audit log's directory when it is gone) gets the mode the service gives it */
export const AUDIT_DIR_MODE = 0o750;

export interface AuditOptions {
  backlogBytes?: number;
  retryMs?: number;
  io?: FileIo;
  now?: () => number;
}

export function lostEntry(lost: number, from: number, to: number, now: number): LostEntry {
  return { time: isoTime(now), event: 'audit_lines_lost', lost, from: isoTime(from), to: isoTime(to) };
}

const NEWLINE = 0x0a;

function countLines(bytes: Buffer): number {
  let n = 0;
  for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) n++;
  return n;
}

/** Lines are batched like the service log's (linewriter.ts): one write every FLUSH_MS at most, not one per request. */
export function openAuditLog(file: string, maxBytes: number, log: Logger, options: AuditOptions = {}): Audit {
  const { backlogBytes = AUDIT_BACKLOG_BYTES, retryMs = AUDIT_RETRY_MS, now = Date.now } = options;
  const out: AppendFile = openAppendFile(file, {
    mode: AUDIT_FILE_MODE,
    dirMode: AUDIT_DIR_MODE,
    io: options.io,
    onReopen: (dirMade) =>
      log.error(`the audit log ${file} was deleted or replaced: writing a new one there${dirMade ? ', its directory made again (mode 0750)' : ''}`),
  });
  /** lines not written yet, oldest first: the pieces of the batches that failed */
  let backlog: Buffer[] = [];
  let backlogSize = 0;
  /** the lines lost since writing last worked, and when the first and the last of them came */
  let spell = { lost: 0, from: 0, to: 0 };
  let lostTotal = 0;
  let failing = false;
  let retry: NodeJS.Timeout | undefined;

  const put = (bytes: Buffer) => {
    if (out.size + bytes.length > maxBytes && out.size > 0) out.rotate(`${file}.1`);
    out.append(bytes);
  };
  /** Writes `batch` (whole lines), split between lines so the rotated file is never much over audit_max_bytes; returns how many of its bytes were written. */
  const writeLines = (batch: Buffer): number => {
    let start = 0;
    let end = 0;
    try {
      while (end < batch.length) {
        const next = batch.indexOf(NEWLINE, end) + 1 || batch.length;
        if (end > start && out.size + (next - start) > maxBytes) {
          put(batch.subarray(start, end));
          start = end;
        }
        end = next;
      }
      put(batch.subarray(start, end));
      start = end;
    } catch (err) {
      // Said once per spell of failures, so a full disk does not flood the service log too.
      if (!failing) {
        log.error(
          `cannot write the audit log ${file}: ${(err as Error).message}; requests are still served, their audit lines ` +
            `kept (up to ${backlogBytes} bytes) until it can be written, then counted as lost: free space or make the directory writable`,
        );
      }
      failing = true;
    }
    return start;
  };
  /** Keeps what could not be written, while it fits and none were lost since (so the file keeps their order). */
  const keep = (lines: Buffer) => {
    if (lines.length === 0) return;
    let kept = 0;
    if (spell.lost === 0) {
      const room = backlogBytes - backlogSize;
      kept = lines.length <= room ? lines.length : room > 0 ? lines.lastIndexOf(NEWLINE, room - 1) + 1 : 0;
      if (kept > 0) {
        backlog.push(Buffer.from(lines.subarray(0, kept)));
        backlogSize += kept;
      }
    }
    const lost = countLines(lines.subarray(kept));
    if (lost > 0) {
      const at = now();
      if (spell.lost === 0) spell.from = at;
      spell.to = at;
      spell.lost += lost;
      lostTotal += lost;
    }
    retry ??= setTimeout(tryAgain, retryMs).unref();
  };
  /** Writes the kept lines, then the line that says how many were lost; true when all is written. */
  const catchUp = (): boolean => {
    while (backlog.length > 0) {
      const piece = backlog[0];
      const written = writeLines(piece);
      backlogSize -= written;
      if (written < piece.length) {
        backlog[0] = piece.subarray(written);
        return false;
      }
      backlog.shift();
    }
    if (spell.lost > 0) {
      const entry = Buffer.from(`${JSON.stringify(lostEntry(spell.lost, spell.from, spell.to, now()))}\n`);
      if (writeLines(entry) < entry.length) return false;
    }
    if (failing) {
      const lost = spell.lost === 0 ? 'no line lost' : `${spell.lost} lines lost, from ${isoTime(spell.from)} to ${isoTime(spell.to)}`;
      log.info(`the audit log ${file} is written again (${lost})`);
    }
    spell = { lost: 0, from: 0, to: 0 };
    failing = false;
    return true;
  };
  const writeBatch = (batch: Buffer) => {
    // Lines that wait are tried again first, so a batch is never written before them (a failing try costs one
    // write that the disk refuses: no copy of them is made).
    if ((backlogSize > 0 || spell.lost > 0) && !catchUp()) return keep(batch);
    keep(batch.subarray(writeLines(batch)));
  };
  function tryAgain(): void {
    clearTimeout(retry);
    retry = undefined;
    if (backlogSize > 0 || spell.lost > 0) {
      if (!catchUp()) retry = setTimeout(tryAgain, retryMs).unref();
    }
  }

  const lines = createLineWriter({ write: writeBatch });
  const flush = () => {
    lines.flush();
    tryAgain();
  };
  const audit = (entry: AuditEntry) => lines.add(JSON.stringify(entry));
  return Object.assign(audit, {
    flush,
    close() {
      flush();
      clearTimeout(retry);
      retry = undefined;
      out.close();
      // nothing more will try them: they are lost, and said so
      const unwritten = backlog.reduce((n, b) => n + countLines(b), 0);
      if (unwritten + spell.lost === 0) return;
      lostTotal += unwritten;
      log.error(`the audit log ${file} could not be written before the stop: ${unwritten + spell.lost} lines lost`);
    },
    lost: () => lostTotal,
  });
}
