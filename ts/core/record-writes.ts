// Writing run records to a state_dir that may refuse (full, read-only, removed): a record that could not be
// written stays in memory and is written again, with backoff, until it is. Every failure is counted by kind;
// the log says once when writes start failing and once when they work again; the status shows the last error.
import type { Logger } from '../log';
import type { RunRecord } from './records';

export interface StateWriteError {
  time: string;
  message: string;
}

export interface WriteHealth {
  /** false from a failed write until the next one that succeeds */
  writable: boolean;
  /** the last write that failed, kept after writes work again */
  lastError: StateWriteError | null;
}

/** Backoff of the retries: the first wait, doubled after each failed round up to the last. */
export const RETRY_FIRST_MS = 1000;
export const RETRY_MAX_MS = 60_000;

export interface RecordWriter {
  /** writes now; a failure is counted and reported, then thrown (the caller decides: nothing is started) */
  write(record: RunRecord): void;
  /** writes now or, when state_dir refuses, again later until it works */
  save(record: RunRecord): void;
  /** no more retries for this record (pruned, or a refusal that started nothing) */
  forget(id: string): void;
  /** records still waiting to be written */
  pending(): number;
  /** whether this record waits to be written */
  waiting(id: string): boolean;
  health(): WriteHealth;
}

export interface WriterDeps {
  dir: string;
  writeFile: (record: RunRecord) => void;
  log: Logger;
  /** one failed write, by its error code (ENOSPC, EROFS, EACCES, ...; `other` without one) */
  onError?: (kind: string) => void;
  now?: () => Date;
  firstMs?: number;
  maxMs?: number;
  /** a timer that does not hold the process open */
  later?: (run: () => void, ms: number) => void;
}

/** The error code of a failed write, as the metrics label it. */
export function errorKind(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : 'other';
}

/** What an operator does about a write that failed with `kind`. */
export function remedy(kind: string): string {
  if (kind === 'ENOSPC' || kind === 'EDQUOT') return 'free space in state_dir';
  if (kind === 'EROFS' || kind === 'EACCES' || kind === 'EPERM') return 'make state_dir writable for the service user (its file system mounted read-write, its owner and mode)';
  return 'check state_dir: free space, and make it writable for the service user';
}

const unrefLater = (run: () => void, ms: number): void => void setTimeout(run, ms).unref();

export function createRecordWriter(deps: WriterDeps): RecordWriter {
  const { dir, writeFile, log } = deps;
  const now = deps.now ?? (() => new Date());
  const firstMs = deps.firstMs ?? RETRY_FIRST_MS;
  const maxMs = deps.maxMs ?? RETRY_MAX_MS;
  const later = deps.later ?? unrefLater;
  const waiting = new Map<string, RunRecord>();
  let writable = true;
  let lastError: StateWriteError | null = null;
  let delay = firstMs;
  let scheduled = false;

  const failed = (err: unknown) => {
    const kind = errorKind(err);
    deps.onError?.(kind);
    lastError = { time: now().toISOString(), message: (err as Error).message };
    if (!writable) return;
    writable = false;
    log.error(
      `cannot write run records in state_dir ${dir}: ${lastError.message}; runs whose record cannot be written are not ` +
        `started, and records not written are kept in memory and written again until it works: ${remedy(kind)}`,
    );
  };

  const succeeded = () => {
    if (writable) return;
    writable = true;
    delay = firstMs;
    log.info(`run records are written to state_dir ${dir} again`);
  };

  const attempt = (record: RunRecord): void => {
    try {
      writeFile(record);
    } catch (err) {
      failed(err);
      throw err;
    }
    succeeded();
  };

  /** Writes what waits, oldest first, until one fails; true when nothing waits any more. */
  const flush = (): boolean => {
    for (const [id, record] of [...waiting].sort(([a], [b]) => (a < b ? -1 : 1))) {
      try {
        attempt(record);
      } catch {
        return false;
      }
      waiting.delete(id);
    }
    delay = firstMs;
    return true;
  };

  // Whenever records wait, one timer is set (`scheduled`): each failed round doubles its wait.
  function schedule(): void {
    if (scheduled || waiting.size === 0) return;
    scheduled = true;
    const ms = delay;
    delay = Math.min(delay * 2, maxMs);
    later(() => {
      scheduled = false;
      if (!flush()) schedule();
    }, ms);
  }

  const write = (record: RunRecord): void => {
    attempt(record);
    waiting.delete(record.id);
    // state_dir takes writes again: what waits need not wait for its timer
    if (waiting.size > 0) flush();
  };

  return {
    write,
    save(record) {
      try {
        write(record);
      } catch {
        waiting.set(record.id, record);
        schedule();
      }
    },
    forget(id) {
      waiting.delete(id);
    },
    pending: () => waiting.size,
    waiting: (id) => waiting.has(id),
    health: () => ({ writable, lastError }),
  };
}
