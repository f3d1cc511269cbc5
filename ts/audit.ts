// The audit log: one JSON line per trigger, status or runs request (who, from where, what, the answer), in a
// file of the service user's, capped at audit_max_bytes with one rotated file (`<file>.1`) kept.
import { closeSync, fstatSync, openSync, renameSync, writeSync } from 'node:fs';
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

export interface Audit {
  (entry: AuditEntry): void;
  /** writes what is pending now (at shutdown) */
  flush(): void;
}

/** Lines are batched like the service log's (linewriter.ts): one write every FLUSH_MS at most, not one per request. */
export function openAuditLog(file: string, maxBytes: number, log: Logger): Audit {
  let fd: number | undefined;
  let size = 0;
  let failing = false;
  const open = () => {
    fd = openSync(file, 'a', 0o640);
    size = fstatSync(fd).size;
  };
  open();
  const write = (bytes: Buffer) => {
    try {
      if (fd === undefined || (size + bytes.length > maxBytes && size > 0)) {
        if (fd !== undefined) closeSync(fd);
        fd = undefined;
        renameSync(file, `${file}.1`);
        open();
      }
      size += writeSync(fd as number, bytes);
      failing = false;
    } catch (err) {
      // Said once per spell of failures, so a full disk does not flood the service log too.
      if (!failing) log.error(`cannot write the audit log ${file}: ${(err as Error).message}; requests are still served`);
      failing = true;
      if (fd === undefined) {
        try {
          open();
        } catch {
          // tried again at the next entry
        }
      }
    }
  };
  // a batch that would cross the cap is split between lines, so the rotated file is never much over audit_max_bytes
  const writeBatch = (batch: Buffer) => {
    let start = 0;
    let end = 0;
    while (end < batch.length) {
      const next = batch.indexOf(0x0a, end) + 1 || batch.length;
      if (end > start && size + (next - start) > maxBytes) {
        write(batch.subarray(start, end));
        start = end;
      }
      end = next;
    }
    write(batch.subarray(start, end));
  };
  const lines = createLineWriter({ write: writeBatch });
  const audit = (entry: AuditEntry) => lines.add(JSON.stringify(entry));
  return Object.assign(audit, { flush: lines.flush });
}
