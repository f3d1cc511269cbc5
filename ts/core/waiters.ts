// Callers waiting for a run to end (an async=false trigger, a wait= reader): each is answered once with the
// finished record, or with undefined when the service shuts down, or, with a budget, with the record as it is.
import type { RunRecord } from './records';

export interface FinishWaiters {
  /** `resolve` gets the record when run `id` finishes (undefined on shutdown); returns a cancel */
  on(id: string, resolve: (record: RunRecord | undefined) => void): () => void;
  /** the record once the run has finished, or as `get` has it after `ms`; undefined for an unknown id */
  wait(id: string, ms: number, get: (id: string) => RunRecord | undefined): Promise<RunRecord | undefined>;
  /** the run finished: everyone waiting for it gets its record */
  finished(record: RunRecord): void;
  /** answers everyone still waiting with undefined */
  shutdown(): void;
}

export function finishWaiters(): FinishWaiters {
  const waiting = new Map<string, Set<(record: RunRecord | undefined) => void>>();

  const on = (id: string, resolve: (record: RunRecord | undefined) => void) => {
    const set = waiting.get(id) ?? new Set();
    set.add(resolve);
    waiting.set(id, set);
    return () => set.delete(resolve);
  };

  return {
    on,
    wait(id, ms, get) {
      const record = get(id);
      if (record === undefined || record.state === 'finished' || ms <= 0) return Promise.resolve(record);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          cancel();
          resolve(get(id));
        }, ms);
        const cancel = on(id, (done) => {
          clearTimeout(timer);
          resolve(done ?? get(id));
        });
      });
    },
    finished(record) {
      for (const resolve of waiting.get(record.id) ?? []) resolve(record);
      waiting.delete(record.id);
    },
    shutdown() {
      for (const set of waiting.values()) for (const resolve of set) resolve(undefined);
      waiting.clear();
    },
  };
}
