// Run records: one JSON file per run in state_dir, owned by the service user, written atomically (a temp file,
// then rename), the newest `history` kept. Reads come from memory; the files are what survives a restart.
// A new run's record is written before the run starts (fail closed); a later write that fails keeps the
// record in memory and is written again (record-writes.ts).
import type { Logger } from '../log';
import type { RunOptions } from './options';
import type { OutcomeName } from '../puppet/outcome';
import type { Summary } from '../puppet/summary';
import { loadRecordFiles, probeStateDir, removeOlderFiles, removeRecordFiles, writeRecordFile } from './record-files';
import { createRecordWriter, errorKind, type WriteHealth } from './record-writes';

export type RunState = 'queued' | 'splaying' | 'running' | 'finished';
export const RUN_SOURCES = ['http', 'schedule'] as const;
export type RunSource = (typeof RUN_SOURCES)[number];
/** What a record is of: a run, or a change of the agent's disabled state (README, "Disabling the agent"). */
export type RecordKind = 'run' | 'disable' | 'enable';
/** Who caused a record: a caller or the schedule, or (a disable's end) its TTL. */
export type RecordSource = RunSource | 'ttl';

/** A disable or enable: what was asked, and what came of it. */
export interface ControlFields {
  /** the caller's message (a disable) */
  message: string | null;
  /** seconds asked for (a disable) */
  ttl: number | null;
  /** when the disable ends, ISO time (a disable) */
  until: string | null;
  /** done; unchanged (the agent was already so); refused (someone else's disable); failed (see error) */
  result: 'done' | 'unchanged' | 'refused' | 'failed';
}

export interface RunRecord {
  id: string;
  state: RunState;
  source: RecordSource;
  /** the caller's address */
  client: string | null;
  /** who the caller proved to be (README, "Security"); null: anonymous */
  identity: string | null;
  options: RunOptions & { splay?: number };
  requested_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** puppet's PID */
  pid: number | null;
  exit_code: number | null;
  signal: string | null;
  outcome: OutcomeName | null;
  summary: Summary | null;
  output_tail: string[];
  /** why a run did not run or ended without puppet's own result */
  error: string | null;
  /** absent: a run (records from before there were other kinds) */
  kind?: RecordKind;
  /** a disable or enable's own fields */
  control?: ControlFields;
}

export const OUTPUT_TAIL_LINES = 50;
const MAX_LINE = 1000;

/**
 * A new id: the UTC time to the millisecond, then 24 random bits, so ids sort by time and do not repeat. An id
 * is no secret, so Math.random serves (node:crypto would cost the service 0.6 MiB of memory).
 */
export function newRunId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('.', '');
  const random = Math.floor(Math.random() * 0x1000000).toString(16).padStart(6, '0');
  return `${stamp}-${random}`;
}

export function newRecord(fields: Pick<RunRecord, 'source' | 'client' | 'identity' | 'options'>, now: Date = new Date()): RunRecord {
  return {
    id: newRunId(now),
    state: 'queued',
    ...fields,
    requested_at: now.toISOString(),
    started_at: null,
    finished_at: null,
    pid: null,
    exit_code: null,
    signal: null,
    outcome: null,
    summary: null,
    output_tail: [],
    error: null,
  };
}

/** Keeps the last OUTPUT_TAIL_LINES lines, each clipped, in place. */
export function addTail(tail: string[], line: string): void {
  tail.push(line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}...` : line);
  if (tail.length > OUTPUT_TAIL_LINES) tail.shift();
}

export interface RecordStore {
  /**
   * A new run's record, written before anything starts: kept only once on disk. Throws when state_dir refuses
   * the write (the error is counted and reported; its message names state_dir and what to do).
   */
  create(record: RunRecord): void;
  /** Keeps the record as it is now and writes it: at once, or, when state_dir refuses, again until it works. */
  save(record: RunRecord): void;
  /** Forgets a record that started no run (a refusal: busy, disabled), file and all. */
  discard(id: string): void;
  get(id: string): RunRecord | undefined;
  /** newest first */
  list(limit?: number): RunRecord[];
  /** whether state_dir takes writes, and the last write that failed */
  health(): WriteHealth;
}

export interface StoreOptions {
  /** a write to state_dir failed, by its error code (metrics) */
  onWriteError?: (kind: string) => void;
  now?: () => Date;
  /** the retries' timer (tests) */
  later?: (run: () => void, ms: number) => void;
}

// At most one run can be going and one queued behind it, both newer than every other record: reading the
// newest two is enough to find them even with history=1.
const MIN_LOADED = 2;

/**
 * Opens state_dir (created if missing), proves it takes a write, removes what interrupted writes left and
 * loads the newest records; a file that is not a record is skipped with a line that names it.
 */
export function openRecordStore(dir: string, history: number, log: Logger, opts: StoreOptions = {}): RecordStore {
  probeStateDir(dir);
  const records = new Map<string, RunRecord>();
  const loaded = loadRecordFiles(dir, Math.max(history, MIN_LOADED), log);
  for (const record of loaded.records.reverse()) records.set(record.id, record);
  removeOlderFiles(dir, loaded.older, log);
  const writer = createRecordWriter({
    dir,
    log,
    onError: opts.onWriteError,
    now: opts.now,
    later: opts.later,
    writeFile: (record) => {
      if (writeRecordFile(dir, record)) log.error(`state_dir ${dir} was missing: made again (mode 0750)`);
    },
  });

  const remove = (id: string) => {
    records.delete(id);
    writer.forget(id);
    try {
      removeRecordFiles(dir, id);
    } catch {
      // a read-only state_dir: the file is pruned again at the next start, which reads only the newest
    }
  };

  const prune = () => {
    // ids sort by time; the oldest finished ones go first, a run still going never
    for (const id of [...records.keys()].sort()) {
      if (records.size <= history) return;
      if (records.get(id)?.state === 'finished') remove(id);
    }
  };

  return {
    create(record) {
      try {
        writer.write(record);
      } catch (err) {
        throw Object.assign(new Error(`state_dir ${dir}: ${(err as Error).message}`), { code: errorKind(err) });
      }
      records.set(record.id, record);
      prune();
    },
    save(record) {
      const isNew = !records.has(record.id);
      records.set(record.id, record);
      writer.save(record);
      if (isNew) prune();
    },
    discard: remove,
    get: (id) => records.get(id),
    list(limit = history) {
      return [...records.values()].sort((a, b) => (a.id < b.id ? 1 : -1)).slice(0, limit);
    },
    health: writer.health,
  };
}
