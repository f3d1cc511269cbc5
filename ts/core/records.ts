// Run records: one JSON file per run in state_dir, owned by the service user, written atomically (a temp file,
// then rename), the newest `history` kept. The newest CACHED_RECORDS, any run not finished and any record not
// yet written are held in memory; the rest of history is known by id and read from its file when asked for, so
// memory does not grow with `history`. A new run's record is written before the run starts (fail closed); a
// later write that fails keeps the record in memory and is written again (record-writes.ts).
import type { Logger } from '../log';
import type { RunOptions } from './options';
import type { OutcomeName } from '../puppet/outcome';
import type { Summary } from '../puppet/summary';
import { loadRecordFiles, probeStateDir, readRecordFile, removeOlderFiles, removeRecordFiles, writeRecordFile } from './record-files';
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
  /** whether the record is kept (history has not pruned it), without reading it */
  has(id: string): boolean;
  /**
   * Newest first. Records not held are read from their files a batch at a time, with other work let in
   * between: listing a long history does not hold up the cheap paths.
   */
  list(limit?: number): Promise<RunRecord[]>;
  /** the newest record that `match`es, reading no further back than it must */
  find(match: (record: RunRecord) => boolean): RunRecord | undefined;
  /** the records held in memory, newest first: every run not finished is among them */
  recent(): RunRecord[];
  /** whether state_dir takes writes, and the last write that failed */
  health(): WriteHealth;
}

export interface StoreOptions {
  /** a write to state_dir failed, by its error code (metrics) */
  onWriteError?: (kind: string) => void;
  now?: () => Date;
  /** the retries' timer (tests) */
  later?: (run: () => void, ms: number) => void;
  /** how many finished records are held in memory (default CACHED_RECORDS) */
  cached?: number;
}

// At most one run can be going and one queued behind it, both newer than every other record: reading the
// newest two is enough to find them even with history=1.
const MIN_LOADED = 2;

/** Finished records held in memory; older ones are read from their files when asked for. */
export const CACHED_RECORDS = 100;

/** Record files list() reads before it lets other work in. */
const LIST_BATCH = 200;

/** The index of `id` in the ascending `ids`, or where it would go (~index - 1) when absent. */
function search(ids: readonly string[], id: string): number {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid] === id) return mid;
    if (ids[mid] < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return ~lo;
}

/**
 * Opens state_dir (created if missing), proves it takes a write, removes what interrupted writes left and
 * loads the newest records; a file that is not a record is skipped with a line that names it (for an older
 * record, when it is first asked for).
 */
export function openRecordStore(dir: string, history: number, log: Logger, opts: StoreOptions = {}): RecordStore {
  probeStateDir(dir);
  const cacheSize = Math.max(opts.cached ?? CACHED_RECORDS, MIN_LOADED);
  /** every record history keeps, by id, oldest first */
  const ids: string[] = [];
  /** the records held in memory */
  const held = new Map<string, RunRecord>();
  const loaded = loadRecordFiles(dir, Math.max(Math.min(history, cacheSize), MIN_LOADED), history, log);
  for (const id of loaded.unread.reverse()) ids.push(id);
  for (const record of loaded.records.reverse()) {
    ids.push(record.id);
    held.set(record.id, record);
  }
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

  const unindex = (id: string) => {
    const at = search(ids, id);
    if (at >= 0) ids.splice(at, 1);
  };

  const remove = (id: string) => {
    unindex(id);
    held.delete(id);
    writer.forget(id);
    try {
      removeRecordFiles(dir, id);
    } catch {
      // a read-only state_dir: the file is pruned again at the next start, which reads only the newest
    }
  };

  /** The record, from memory or its file; a file that is no record leaves the index (its line said why). */
  const read = (id: string): RunRecord | undefined => {
    const record = held.get(id);
    if (record !== undefined || search(ids, id) < 0) return record;
    const fromFile = readRecordFile(dir, id, log);
    if (fromFile === undefined) unindex(id);
    return fromFile;
  };

  const prune = () => {
    // ids sort by time; the oldest finished ones go first, a run still going never (one not held is finished)
    for (let i = 0; ids.length > history && i < ids.length; ) {
      const id = ids[i];
      if ((held.get(id)?.state ?? 'finished') === 'finished') remove(id);
      else i++;
    }
  };

  /** Lets go of the oldest finished records that are written, beyond the cache's size. */
  const release = () => {
    if (held.size <= cacheSize) return;
    for (const id of [...held.keys()].sort()) {
      if (held.size <= cacheSize) return;
      if (held.get(id)?.state === 'finished' && !writer.waiting(id)) held.delete(id);
    }
  };

  const keep = (record: RunRecord) => {
    held.set(record.id, record);
    const at = search(ids, record.id);
    if (at >= 0) return;
    ids.splice(~at, 0, record.id);
    prune();
  };

  return {
    create(record) {
      try {
        writer.write(record);
      } catch (err) {
        throw Object.assign(new Error(`state_dir ${dir}: ${(err as Error).message}`), { code: errorKind(err) });
      }
      keep(record);
      release();
    },
    save(record) {
      keep(record);
      writer.save(record);
      release();
    },
    discard: remove,
    get: read,
    has: (id) => held.has(id) || search(ids, id) >= 0,
    async list(limit = history) {
      const records: RunRecord[] = [];
      let reads = 0;
      for (let i = ids.length - 1; i >= 0 && records.length < limit; i--) {
        if (i >= ids.length) continue; // a file found to be no record left the index while this waited
        const id = ids[i];
        if (!held.has(id) && ++reads % LIST_BATCH === 0) await new Promise<void>((resolve) => setImmediate(resolve));
        const record = read(id);
        if (record !== undefined) records.push(record);
      }
      return records;
    },
    find(match) {
      // newest first; going down, a file found to be no record leaves the index behind the walk
      for (let i = ids.length - 1; i >= 0; i--) {
        const record = read(ids[i]);
        if (record !== undefined && match(record)) return record;
      }
      return undefined;
    },
    recent: () => [...held.values()].sort((a, b) => (a.id < b.id ? 1 : -1)),
    health: writer.health,
  };
}
