// Run records: one JSON file per run in state_dir, owned by the service user, written atomically (a temp file,
// then rename), the newest `history` kept. Reads come from memory; the files are what survives a restart.
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../files';
import type { Logger } from '../log';
import type { RunOptions } from './options';
import type { OutcomeName } from '../puppet/outcome';
import { RUN_ID } from '../puppet/protocol';
import type { Summary } from '../puppet/summary';

export type RunState = 'queued' | 'splaying' | 'running' | 'finished';
export const RUN_SOURCES = ['http', 'schedule'] as const;
export type RunSource = (typeof RUN_SOURCES)[number];

export interface RunRecord {
  id: string;
  state: RunState;
  source: RunSource;
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
  save(record: RunRecord): void;
  get(id: string): RunRecord | undefined;
  /** newest first */
  list(limit?: number): RunRecord[];
}

const FILE = /^(.+)\.json$/;

function looksLikeRecord(value: unknown, id: string): value is RunRecord {
  const r = value as RunRecord;
  return typeof r === 'object' && r !== null && r.id === id && typeof r.state === 'string' && typeof r.requested_at === 'string';
}

/** Loads the records in `dir` (created if missing); a file that is not a record is skipped with a warning. */
export function openRecordStore(dir: string, history: number, log: Logger): RecordStore {
  mkdirSync(dir, { recursive: true, mode: 0o750 });
  const records = new Map<string, RunRecord>();
  for (const name of readdirSync(dir).sort()) {
    const id = FILE.exec(name)?.[1];
    if (id === undefined || !RUN_ID.test(id)) continue;
    try {
      const value: unknown = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      if (!looksLikeRecord(value, id)) throw new Error('not a run record');
      records.set(id, { ...value, identity: value.identity ?? null });
    } catch (err) {
      log.error(`skipping run record ${join(dir, name)}: ${(err as Error).message}`);
    }
  }

  const prune = () => {
    // ids sort by time; the oldest finished ones go first, a run still going never
    for (const id of [...records.keys()].sort()) {
      if (records.size <= history) return;
      if (records.get(id)?.state !== 'finished') continue;
      records.delete(id);
      rmSync(join(dir, `${id}.json`), { force: true });
      rmSync(join(dir, `${id}.log`), { force: true }); // its stored output (output/hub.ts)
    }
  };

  return {
    save(record) {
      writeFileAtomic(join(dir, `${record.id}.json`), `${JSON.stringify(record)}\n`, 0o640);
      const isNew = !records.has(record.id);
      records.set(record.id, record);
      if (isNew) prune();
    },
    get: (id) => records.get(id),
    list(limit = history) {
      return [...records.values()].sort((a, b) => (a.id < b.id ? 1 : -1)).slice(0, limit);
    },
  };
}
