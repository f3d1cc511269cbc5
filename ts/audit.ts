// The audit log: one JSON line per trigger, status or runs request (who, from where, what, the answer), in a
// file of the service user's, capped at audit_max_bytes with one rotated file (`<file>.1`) kept.
import { closeSync, fstatSync, openSync, renameSync, writeSync } from 'node:fs';
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

export type Audit = (entry: AuditEntry) => void;

export function openAuditLog(file: string, maxBytes: number, log: Logger): Audit {
  let fd: number | undefined;
  let size = 0;
  let failing = false;
  const open = () => {
    fd = openSync(file, 'a', 0o640);
    size = fstatSync(fd).size;
  };
  open();
  return (entry) => {
    const line = `${JSON.stringify(entry)}\n`;
    const bytes = Buffer.byteLength(line);
    try {
      if (fd === undefined || size + bytes > maxBytes) {
        if (fd !== undefined) closeSync(fd);
        fd = undefined;
        renameSync(file, `${file}.1`);
        open();
      }
      size += writeSync(fd as number, line);
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
}
