// What a restart of the service left: the records of runs not finished. A run whose puppet still lives is
// followed by its PID until it ends; any other is finished at once. Either way its end is taken from Puppet's
// summary only when that summary provably tells of the run (recovery.ts).
import type { Logger } from '../log';
import type { PuppetStatus } from '../puppet/protocol';
import { adoptedEnd, endNotRecorded, NEVER_STARTED } from './recovery';
import type { RunRecord } from './records';

export interface AdoptionDeps {
  log: Logger;
  /** whether a run's puppet process lives */
  isAlive: (pid: number) => boolean;
  /** how often a followed run is checked for its end */
  pollMs: number;
  /** Puppet's state, read as root: the summary of the run that ended */
  puppetStatus: () => Promise<PuppetStatus>;
  /** the records held in memory, newest first (for which later runs had started) */
  recent: () => RunRecord[];
  now: () => Date;
  /** ends the record with these fields */
  finalize: (record: RunRecord, fields: Partial<RunRecord>) => void;
  /** makes `record` the runner's run in progress; false when the runner has one already */
  claim: (record: RunRecord) => boolean;
  /** the followed run ended: the runner is free again */
  release: () => void;
}

/** Finishes or follows each run in `records` (newest first, as the store holds them): at most one can be going. */
export function adoptRuns(records: readonly RunRecord[], deps: AdoptionDeps): void {
  const { log, now } = deps;

  /** Finishes a run whose end this process did not see, from Puppet's summary when it belongs to the run. */
  const settle = (record: RunRecord, how: 'lost' | 'adopted'): void => {
    void deps
      .puppetStatus()
      .then((status) => status.summary, () => null)
      .then((summary) => {
        const end = how === 'lost' ? endNotRecorded : adoptedEnd;
        deps.finalize(record, end(record, summary, deps.recent(), now()));
        const seen = how === 'lost' ? 'its end was not recorded' : 'seen after a restart';
        log.info(`puppet run ${record.id} finished (${seen}): ${record.outcome}${record.summary === null ? '' : ", from Puppet's summary"}`);
      });
  };

  const adopt = (record: RunRecord): void => {
    if (record.state !== 'running' || record.pid === null) return deps.finalize(record, { outcome: 'unknown', error: NEVER_STARTED });
    if (!deps.isAlive(record.pid)) return settle(record, 'lost');
    if (!deps.claim(record)) return deps.finalize(record, { outcome: 'unknown', error: NEVER_STARTED });
    const pid = record.pid;
    log.info(`puppet run ${record.id} (pid ${pid}) outlived a service restart; following it`);
    const check = () => {
      if (deps.isAlive(pid)) return void setTimeout(check, deps.pollMs).unref();
      // Free at once; the record gets Puppet's summary as soon as the helper has read it.
      deps.release();
      settle(record, 'adopted');
    };
    check();
  };

  for (const record of records) if (record.state !== 'finished') adopt(record);
}
