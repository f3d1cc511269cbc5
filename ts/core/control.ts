// The agent under control, without HTTP: disable with a message for a time (ttl) that ends by itself, also across
// a restart, and enable. The service ends only the disables it made: the disabled lock's message is compared with
// the one it wrote, which names who asked and until when. Every change is a record, written before the helper is
// asked (fail closed); the end of a disable is kept in state_dir first (disable.json), or nothing is done.
import { twitchError } from '../errors';
import type { Logger } from '../log';
import { MAX_MESSAGE, messageProblem, type ControlReport, type ControlRequest } from '../puppet/control';
import type { Launch } from '../puppet/launch';
import type { PuppetStatus } from '../puppet/protocol';
import { printable } from '../text';
import type { DisableFile, OwnDisable } from './disable-file';
import { errorKind, remedy } from './record-writes';
import { newRecord, type ControlFields, type RecordSource, type RecordStore, type RunRecord } from './records';
import type { Runner } from './runner';

export interface DisableCall {
  /** the caller's message, checked here */
  message: string;
  /** seconds until the disable ends by itself; default control.max_disable_ttl */
  ttl?: number;
  /** seconds the answer may wait for a run in progress to end (0: none) */
  wait?: number;
  identity: string | null;
  /** the caller's address */
  peer: string;
  /** takes a held-answer slot for the wait; returns its release */
  hold?: () => () => void;
}

export interface EnableCall {
  identity: string | null;
  peer: string;
}

/** The answer to a disable or enable: the agent's state afterwards, and the record of the change. */
export interface ControlAnswer {
  enabled: boolean;
  disabled_message: string | null;
  /** when this service's disable ends, ISO time; null when there is none in force */
  disabled_until: string | null;
  record_id: string;
  /** with wait: whether no run was going when the answer was sent */
  idle?: boolean;
}

export interface Control {
  /** control.max_disable_ttl: the longest ttl */
  readonly maxTtl: number;
  disable(call: DisableCall): Promise<ControlAnswer>;
  enable(call: EnableCall): Promise<ControlAnswer>;
  /** when the disable whose lock message is `lockMessage` ends, if it is this service's; else null */
  until(lockMessage: string | null): string | null;
  /** takes up a disable kept in state_dir at start: ends it now if its time has passed, else when it does */
  resume(): void;
  stop(): void;
}

export interface ControlDeps {
  launch: Launch;
  store: Pick<RecordStore, 'create' | 'save'>;
  /** forgetRefusal: after a change of the agent's state, a trigger asks the root side again (no refusal reused) */
  runner: Pick<Runner, 'current' | 'wait' | 'forgetRefusal'>;
  /** Puppet's state (cached): whether a run outside this service still holds the lock, for wait */
  puppetStatus: () => Promise<PuppetStatus>;
  file: DisableFile;
  /** control.max_disable_ttl */
  maxTtl: number;
  log: Logger;
  now?: () => number;
  /** a timer; returns its cancel */
  later?: (run: () => void, ms: number) => () => void;
  /** how often a wait asks whether the agent is idle */
  pollMs?: number;
}

/** How long a disable's end that failed waits before it is tried again. */
export const EXPIRY_RETRY_MS = 30_000;
/** setTimeout's longest delay; a longer wait is taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** The identity of the records of a disable's end. */
export const TTL_IDENTITY = 'puppet-twitch';
const CANNOT_RECORD_RETRY_SECONDS = 30;

const defaultLater = (run: () => void, ms: number): (() => void) => {
  const timer = setTimeout(run, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

/** The disabled lock's message for a caller's: who asked and until when, so that anyone reading it knows. */
export function lockMessage(message: string, identity: string | null, until: string): string {
  return `${message} (puppet-twitch: ${identity ?? 'anonymous'}, until ${until})`;
}

function cannotRecord(what: string, err: unknown): Error {
  return twitchError(
    'CANNOT_RECORD',
    `Cannot record the ${what}: ${(err as Error).message}. Nothing was changed: ${remedy(errorKind(err))}, then try again.`,
    { 'Retry-After': String(CANNOT_RECORD_RETRY_SECONDS) },
  );
}

const quoted = (message: string | null) => (message === null ? 'without a message' : `with the message "${printable(message, 300)}"`);

export function createControl(deps: ControlDeps): Control {
  const { launch, store, runner, file, log } = deps;
  const now = deps.now ?? Date.now;
  const later = deps.later ?? defaultLater;
  const pollMs = deps.pollMs ?? 1000;
  let own: OwnDisable | undefined;
  let cancelTimer: (() => void) | undefined;
  let stopped = false;

  // One change at a time: a disable, an enable and a disable's end never cross.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };

  const ask = async (request: ControlRequest | { action: 'status' }): Promise<ControlReport | PuppetStatus> => {
    // whatever the helper answers, the agent's state may have changed: a refusal the runner saw before (even one
    // while this was asked) says nothing now, and the next trigger asks the root side again
    const first = await launch(request).first.finally(() => runner.forgetRefusal());
    if (first.event === 'control' && request.action !== 'status') return first;
    if (first.event === 'status' && request.action === 'status') return first;
    throw new Error(first.event === 'error' ? first.message : `the helper answered '${first.event}' to a ${request.action} request`);
  };
  const control = async (request: ControlRequest): Promise<ControlReport> => (await ask(request)) as ControlReport;

  const newControlRecord = (kind: 'disable' | 'enable', source: RecordSource, identity: string | null, client: string | null, fields: ControlFields): RunRecord => ({
    ...newRecord({ source: source === 'ttl' ? 'http' : source, client, identity, options: {} }, new Date(now())),
    source,
    // finished from the start: a record the service left behind when it stopped is never taken for a run to adopt
    state: 'finished',
    kind,
    control: fields,
    error: 'the service stopped before the helper answered',
  });

  const finish = (record: RunRecord, result: ControlFields['result'], error: string | null = null): void => {
    record.control = { ...(record.control as ControlFields), result };
    record.finished_at = new Date(now()).toISOString();
    record.error = error;
    store.save(record);
  };

  const forget = (): void => {
    own = undefined;
    cancelTimer?.();
    cancelTimer = undefined;
    try {
      file.remove();
    } catch (err) {
      log.error(`control: cannot remove ${file.path}: ${(err as Error).message}; at the next start it is read, and ends nothing that is not its own`);
    }
  };

  /** Puts back the disable that was in force before a change that did not happen. */
  const restore = (previous: OwnDisable | undefined): void => {
    try {
      if (previous === undefined) file.remove();
      else file.write(previous);
    } catch (err) {
      log.error(`control: cannot put ${file.path} back: ${(err as Error).message}; it ends nothing that is not its own`);
    }
  };

  const arm = (): void => {
    cancelTimer?.();
    cancelTimer = undefined;
    if (own === undefined || stopped) return;
    const left = Date.parse(own.until) - now();
    if (left <= 0) {
      void serial(expire);
      return;
    }
    cancelTimer = later(arm, Math.min(left, MAX_TIMER_MS));
  };

  /** A disable's TTL has passed: the agent is enabled, unless the lock is no longer the service's. */
  const expire = async (): Promise<void> => {
    const ending = own;
    if (ending === undefined || Date.parse(ending.until) > now()) return;
    const record = newControlRecord('enable', 'ttl', TTL_IDENTITY, null, { message: ending.message, ttl: ending.ttl, until: ending.until, result: 'failed' });
    store.save(record); // the end is not held back for a record: a kept disable is what must not outlive its time
    try {
      const report = await control({ action: 'enable', message: ending.lock_message });
      const result = report.changed ? 'done' : 'unchanged';
      finish(record, result);
      log.info(
        report.changed
          ? `control: the disable by ${ending.identity ?? 'anonymous'} ended (ttl ${ending.ttl} s): the agent is enabled`
          : `control: the disable by ${ending.identity ?? 'anonymous'} ended (ttl ${ending.ttl} s); the agent was not disabled by it any more: left as it is`,
      );
      if (own === ending) forget();
    } catch (err) {
      finish(record, 'failed', (err as Error).message);
      log.error(`control: cannot end the disable by ${ending.identity ?? 'anonymous'}: ${(err as Error).message}; trying again in ${EXPIRY_RETRY_MS / 1000} s`);
      if (own === ending && !stopped) {
        cancelTimer?.();
        cancelTimer = later(arm, EXPIRY_RETRY_MS);
      }
    }
  };

  const answer = (report: { enabled: boolean; message: string | null }, record: RunRecord): ControlAnswer => ({
    enabled: report.enabled,
    disabled_message: report.message,
    disabled_until: own !== undefined && !report.enabled && report.message === own.lock_message ? own.until : null,
    record_id: record.id,
  });

  const disableNow = async (call: DisableCall, ttl: number): Promise<ControlAnswer> => {
    const until = new Date(now() + ttl * 1000).toISOString();
    const record = newControlRecord('disable', 'http', call.identity, call.peer, { message: call.message, ttl, until, result: 'failed' });
    const next: OwnDisable = { lock_message: lockMessage(call.message, call.identity, until), message: call.message, until, ttl, identity: call.identity, record_id: record.id };
    const previous = own;
    try {
      file.write(next);
    } catch (err) {
      throw cannotRecord('disable', err);
    }
    try {
      store.create(record);
    } catch (err) {
      restore(previous);
      throw cannotRecord('disable', err);
    }
    let report: ControlReport;
    try {
      report = await control({ action: 'disable', message: next.lock_message, ...(previous !== undefined ? { replace: previous.lock_message } : {}) });
    } catch (err) {
      restore(previous);
      finish(record, 'failed', (err as Error).message);
      throw twitchError('HELPER_FAILED', `Cannot disable the agent through the helper: ${(err as Error).message}`);
    }
    if (!report.enabled && report.message === next.lock_message) {
      own = next;
      arm();
      finish(record, 'done');
      return answer(report, record);
    }
    restore(previous);
    if (report.enabled) {
      finish(record, 'failed', 'puppet agent --disable left the agent enabled');
      throw twitchError('HELPER_FAILED', 'Cannot disable the agent: puppet agent --disable left it enabled; see the service log.');
    }
    finish(record, 'refused', `disabled by someone else ${quoted(report.message)}`);
    throw twitchError(
      'CONTROL_CONFLICT',
      `The agent is already disabled by someone else, ${quoted(report.message)}. It is left as it is: this service ends only the disables it made. ` +
        "Ask whoever disabled it, or enable it on the node (as root: puppet agent --enable), then disable it again.",
    );
  };

  const enableNow = async (call: EnableCall): Promise<ControlAnswer> => {
    const ending = own;
    const record = newControlRecord('enable', 'http', call.identity, call.peer, { message: ending?.message ?? null, ttl: null, until: null, result: 'failed' });
    try {
      store.create(record);
    } catch (err) {
      throw cannotRecord('enable', err);
    }
    let report: { enabled: boolean; message: string | null; changed: boolean };
    try {
      if (ending !== undefined) report = await control({ action: 'enable', message: ending.lock_message });
      else {
        const status = (await ask({ action: 'status' })) as PuppetStatus;
        report = { enabled: status.enabled, message: status.disabled_message, changed: false };
      }
    } catch (err) {
      finish(record, 'failed', (err as Error).message);
      throw twitchError('HELPER_FAILED', `Cannot enable the agent through the helper: ${(err as Error).message}`);
    }
    // Enabled (by this request or already), or disabled by someone else: either way this service's disable is over.
    if (ending !== undefined) forget();
    if (report.enabled) {
      finish(record, report.changed ? 'done' : 'unchanged');
      return answer(report, record);
    }
    finish(record, 'refused', `disabled by someone else ${quoted(report.message)}`);
    throw twitchError(
      'CONTROL_CONFLICT',
      `The agent was disabled by someone else, not by this service, ${quoted(report.message)}: it is left as it is. ` +
        'This service ends only the disables it made; to enable the agent, run puppet agent --enable as root on the node.',
    );
  };

  /** Until the run this service has going ends and no other holds Puppet's lock, or the wait is over. */
  const waitIdle = async (seconds: number): Promise<boolean> => {
    const deadline = now() + seconds * 1000;
    const current = runner.current();
    if (current !== undefined) await runner.wait(current.id, Math.max(0, deadline - now()));
    for (;;) {
      const status = await deps.puppetStatus().catch(() => undefined);
      if (status !== undefined && !status.applying && runner.current() === undefined) return true;
      if (now() >= deadline) return false;
      await new Promise((resolve) => later(() => resolve(undefined), Math.min(pollMs, Math.max(1, deadline - now()))));
    }
  };

  return {
    maxTtl: deps.maxTtl,
    async disable(call) {
      const problem = messageProblem(call.message, MAX_MESSAGE);
      if (problem !== undefined) throw twitchError('BAD_PARAMETER', `Invalid value for parameter 'message': it ${problem}.`);
      const ttl = call.ttl ?? deps.maxTtl;
      if (ttl < 1 || ttl > deps.maxTtl) {
        throw twitchError('BAD_PARAMETER', `Invalid value for parameter 'ttl': ${ttl}. Use whole seconds from 1 to ${deps.maxTtl} (control.max_disable_ttl).`);
      }
      const release = call.wait ? call.hold?.() : undefined;
      try {
        const result = await serial(() => disableNow(call, ttl));
        return call.wait ? { ...result, idle: await waitIdle(call.wait) } : result;
      } finally {
        release?.();
      }
    },
    enable: (call) => serial(() => enableNow(call)),
    until: (message) => (own !== undefined && message === own.lock_message ? own.until : null),
    resume() {
      try {
        own = file.read();
      } catch (err) {
        log.error(`control: ${(err as Error).message}: ignored; it ends no disable`);
        return;
      }
      if (own !== undefined) {
        log.info(`control: the agent was disabled by ${own.identity ?? 'anonymous'} through this service until ${own.until}`);
        arm();
      }
    },
    stop() {
      stopped = true;
      cancelTimer?.();
      cancelTimer = undefined;
    },
  };
}
