// Each run's resource report (puppet/report.ts) beside its record in state_dir: `<id>.report.json`, written
// atomically, read back on request (never held in memory once written), removed with its record. A write that
// fails is counted like a record's, logged, kept in memory and served from there, and written again with backoff,
// unless its record is gone by then (pruned by history, or discarded): a report never outlives its record.
import { join } from 'node:path';
import { writeFileAtomic } from '../files';
import type { Logger } from '../log';
import type { RunReport } from '../puppet/report';
import { readRegularFile } from '../trusted';
import { errorKind, remedy, RETRY_FIRST_MS, RETRY_MAX_MS } from './record-writes';

/** A report is bounded at 256 KiB of resources (puppet/report.ts) plus its envelope: a larger file is no report. */
export const MAX_REPORT_FILE_BYTES = 1024 * 1024;

export const reportPath = (dir: string, id: string): string => join(dir, `${id}.report.json`);

export interface ReportStore {
  save(id: string, report: RunReport): void;
  /** the run's report; undefined when it has none (or its file cannot be read: then `problem` says why) */
  get(id: string): { report: RunReport } | { problem: string } | undefined;
}

export interface ReportStoreDeps {
  dir: string;
  log: Logger;
  onWriteError?: (kind: string) => void;
  /** whether run `id`'s record is still kept (the record store): a waiting report whose record is gone is dropped */
  kept?: (id: string) => boolean;
  later?: (run: () => void, ms: number) => void;
}

export function createReportStore(deps: ReportStoreDeps): ReportStore {
  const { dir, log } = deps;
  const later = deps.later ?? ((run, ms) => void setTimeout(run, ms).unref());
  const kept = deps.kept ?? (() => true);
  const pending = new Map<string, RunReport>();
  let waitMs = RETRY_FIRST_MS;
  let retrying = false;

  const write = (id: string, report: RunReport): boolean => {
    try {
      writeFileAtomic(reportPath(dir, id), `${JSON.stringify(report)}\n`, 0o640);
      return true;
    } catch (err) {
      const kind = errorKind(err);
      deps.onWriteError?.(kind);
      if (!pending.has(id)) log.error(`cannot write the report of run ${id} to ${dir}: ${(err as Error).message}; ${remedy(kind)}. It is kept in memory and written again.`);
      return false;
    }
  };

  const retry = () => {
    retrying = false;
    for (const [id, report] of pending) {
      if (!kept(id)) {
        pending.delete(id);
        log.info(`dropped the report of run ${id}, not yet written: its record is gone (history)`);
        continue;
      }
      if (!write(id, report)) break;
      pending.delete(id);
      log.info(`wrote the report of run ${id} to ${dir}`);
    }
    if (pending.size === 0) waitMs = RETRY_FIRST_MS;
    else schedule();
  };
  const schedule = () => {
    if (retrying) return;
    retrying = true;
    later(retry, waitMs);
    waitMs = Math.min(waitMs * 2, RETRY_MAX_MS);
  };

  return {
    save(id, report) {
      if (write(id, report)) return;
      pending.set(id, report);
      schedule();
    },
    get(id) {
      const held = pending.get(id);
      if (held !== undefined && kept(id)) return { report: held };
      try {
        const text = readRegularFile(reportPath(dir, id), { followSymlinks: false, maxBytes: MAX_REPORT_FILE_BYTES });
        return text === undefined ? undefined : { report: JSON.parse(text) as RunReport };
      } catch (err) {
        return { problem: err instanceof SyntaxError ? 'its file is not valid JSON' : (err as Error).message };
      }
    },
  };
}
