// The run record files in state_dir: one `<id>.json` per run, written atomically, read back at start. Reading is
// bounded and safe whatever lies there: never a symbolic link followed, never a FIFO waited on, nothing over
// MAX_RECORD_BYTES read, and a skipped file's content never printed; only the newest records are read at all,
// and the older ones are removed after the start.
import { chmodSync, mkdirSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ATOMIC_TEMP_FILE, writeFileAtomic } from '../files';
import type { Logger } from '../log';
import { RUN_ID } from '../puppet/protocol';
import { readRegularFile, type RefusedFile } from '../trusted';
import type { RunRecord } from './records';

/** A record is a few KiB (50 output lines of at most 1000 characters, a summary): a larger file is no record. */
export const MAX_RECORD_BYTES = 1024 * 1024;

const FILE = /^(.+)\.json$/;
const REPORT_FILE = /^(.+)\.report\.json$/;

export const recordPath = (dir: string, id: string): string => join(dir, `${id}.json`);

/** Creates state_dir when it is missing, mode 0750 (the service user's alone, its group may read). */
export function makeStateDir(dir: string): boolean {
  if (mkdirSync(dir, { recursive: true, mode: 0o750 }) === undefined) return false;
  chmodSync(dir, 0o750); // whatever the umask
  return true;
}

/** Proves state_dir takes a write (a real file written and removed, so a read-only mount or a full disk shows). */
export function probeStateDir(dir: string): void {
  makeStateDir(dir);
  const probe = join(dir, `.probe.${process.pid}.tmp`);
  try {
    writeFileSync(probe, 'puppet-twitch: can this service write here?\n', { mode: 0o600 });
  } finally {
    // unlink, not rmSync: rmSync loads Node's recursive remover, which the service never needs otherwise
    try {
      unlinkSync(probe);
    } catch {
      // not written, or gone already
    }
  }
}

/** Writes a record atomically; a state_dir removed under the service is made again. Returns true when it was. */
export function writeRecordFile(dir: string, record: RunRecord): boolean {
  const write = () => writeFileAtomic(recordPath(dir, record.id), `${JSON.stringify(record)}\n`, 0o640);
  try {
    write();
    return false;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    makeStateDir(dir);
    write();
    return true;
  }
}

/** Removes a record and its stored output (output/hub.ts). */
export function removeRecordFiles(dir: string, id: string): void {
  rmSync(recordPath(dir, id), { force: true });
  rmSync(join(dir, `${id}.log`), { force: true });
  rmSync(join(dir, `${id}.report.json`), { force: true });
}

function looksLikeRecord(value: unknown, id: string): value is RunRecord {
  const r = value as RunRecord;
  return typeof r === 'object' && r !== null && r.id === id && typeof r.state === 'string' && typeof r.requested_at === 'string';
}

const REFUSED: Record<RefusedFile, string> = {
  ELOOP: 'it is a symbolic link (not followed)',
  ENOTREG: 'it is not a regular file',
  EFBIG: `it is larger than ${MAX_RECORD_BYTES} bytes (not read)`,
};

/** The record in `file`, or why it is skipped (in words that never quote the file). */
function readRecord(file: string, id: string): RunRecord | string | undefined {
  let text: string | undefined;
  try {
    text = readRegularFile(file, { followSymlinks: false, maxBytes: MAX_RECORD_BYTES });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code as RefusedFile | undefined;
    return code !== undefined && code in REFUSED ? REFUSED[code] : (err as Error).message;
  }
  if (text === undefined) return undefined; // gone since the listing
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not valid JSON'; // the parser's message quotes the text
  }
  if (!looksLikeRecord(value, id)) return 'not a run record';
  return { ...value, identity: value.identity ?? null };
}

/** The record `id` read from its file, bounded and safe; undefined (and a line in the log) when it is no record. */
export function readRecordFile(dir: string, id: string, log: Logger): RunRecord | undefined {
  const file = recordPath(dir, id);
  const read = readRecord(file, id);
  if (typeof read === 'string') log.error(`skipping run record ${file}: ${read}`);
  return typeof read === 'string' ? undefined : read;
}

/** Removes what writes that a crash interrupted left (`.<name>.<pid>.tmp`), whoever wrote them. */
function removeTempFiles(dir: string, names: string[], log: Logger): void {
  const temps = names.filter((name) => ATOMIC_TEMP_FILE.test(name) && !name.endsWith(`.${process.pid}.tmp`));
  for (const name of temps) {
    try {
      rmSync(join(dir, name));
    } catch (err) {
      log.error(`cannot remove ${join(dir, name)}, left by an interrupted write: ${(err as Error).message}`);
    }
  }
  if (temps.length > 0) log.info(`removed ${temps.length} temporary file(s) left in ${dir} by interrupted writes`);
}

/**
 * Removes each `<id>.report.json` whose record `<id>.json` is not among `names` (a report written again after its
 * record was removed, by a version before run-reports.ts dropped such writes). One log line says how many went.
 */
function removeOrphanReports(dir: string, names: readonly string[], recordIds: ReadonlySet<string>, log: Logger): void {
  let removed = 0;
  for (const name of names) {
    const id = REPORT_FILE.exec(name)?.[1];
    if (id === undefined || recordIds.has(id)) continue;
    try {
      unlinkSync(join(dir, name));
      removed++;
    } catch (err) {
      log.error(`cannot remove ${join(dir, name)}, a report without a record: ${(err as Error).message}`);
    }
  }
  if (removed > 0) log.info(`removed ${removed} report file${removed === 1 ? '' : 's'} without a record from ${dir}`);
}

export interface LoadedRecords {
  /** the newest `read` records, read, newest first */
  records: RunRecord[];
  /** the ids of the records after those, up to `history`, not read (newest first): read when asked for */
  unread: string[];
  /** the files of records older than `history`, not read: for removeOlderFiles */
  older: string[];
}

/**
 * The records in `dir`, newest first, after removing what interrupted writes left and reports without a record:
 * the newest `read` that can be read, then the ids of the rest that
 * `history` keeps, unread. Ids sort by time, so the names say which are newest without reading a file; the
 * records beyond history are left to removeOlderFiles, as pruning would remove them.
 */
export function loadRecordFiles(dir: string, read: number, history: number, log: Logger): LoadedRecords {
  const names = readdirSync(dir);
  removeTempFiles(dir, names, log);
  const ids: string[] = [];
  const logs = new Set<string>();
  const reports = new Set<string>();
  for (const name of names) {
    if (name.endsWith('.log')) logs.add(name);
    if (name.endsWith('.report.json')) reports.add(name);
    const id = FILE.exec(name)?.[1];
    if (id !== undefined && RUN_ID.test(id)) ids.push(id);
  }
  removeOrphanReports(dir, names, new Set(ids), log);
  ids.sort().reverse();
  const records: RunRecord[] = [];
  let next = 0;
  for (; next < ids.length && records.length < read; next++) {
    const record = readRecordFile(dir, ids[next], log);
    if (record !== undefined) records.push(record);
  }
  const kept = Math.max(next, Math.min(ids.length, next + history - records.length));
  const older: string[] = [];
  for (const id of ids.slice(kept)) {
    older.push(`${id}.json`);
    if (logs.has(`${id}.log`)) older.push(`${id}.log`);
    if (reports.has(`${id}.report.json`)) older.push(`${id}.report.json`);
  }
  return { records, unread: ids.slice(next, kept), older };
}

/** How long one batch of removals may hold up other work. */
const REMOVE_BATCH_MS = 10;

/**
 * Removes the files of the records beyond history, unread, a batch at a time after the start: ten thousand
 * unlinks would hold the start for seconds, and a batch of a fixed count as long as the disk makes it. A file
 * that cannot be removed is named once in the log.
 */
export function removeOlderFiles(dir: string, files: string[], log: Logger): void {
  const later = (run: () => void) => void setTimeout(run, 0).unref();
  if (files.length === 0) return;
  const records = files.filter((name) => name.endsWith('.json') && !name.endsWith('.report.json')).length;
  let next = 0;
  const batch = () => {
    for (const until = Date.now() + REMOVE_BATCH_MS; next < files.length && Date.now() < until; next++) {
      try {
        unlinkSync(join(dir, files[next]));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log.error(`cannot remove the old run record file ${join(dir, files[next])}: ${(err as Error).message}`);
      }
    }
    if (next < files.length) later(batch);
    else log.info(`removed ${records} run record(s) older than history allows from ${dir}, unread`);
  };
  later(batch);
}
