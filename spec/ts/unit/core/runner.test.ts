import { posixPlatform } from '../../../../ts/platform/posix';
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { runRequest } from '../../support/run-request';
import type { Logger } from '../../../../ts/log';
import type { RunOptions } from '../../../../ts/core/options';
import type { Ending, Launch, RunProcess } from '../../../../ts/puppet/launch';
import type { HelperRequest, PuppetStatus, Report } from '../../../../ts/puppet/protocol';
import { newRecord, type RecordStore, type RunRecord } from '../../../../ts/core/records';
import { createRunner } from '../../../../ts/core/runner';

const quiet: Logger = { info: () => undefined, error: () => undefined, flush: () => undefined };
const END = (code: number): Ending => ({ code, signal: null, timed_out: false, summary: null });

/** A scripted launch: each call records its request and hands back promises the test settles. */
function scripted() {
  const calls: { request: HelperRequest; report(r: Report): void; end(e: Ending): void }[] = [];
  const launch: Launch = (request) => {
    let report!: (r: Report) => void;
    let end!: (e: Ending) => void;
    const proc: RunProcess = { first: new Promise((r) => (report = r)), done: new Promise((r) => (end = r)) };
    calls.push({ request, report, end });
    return proc;
  };
  return { launch, calls };
}

/** Records in memory; `refuse` set: state_dir refuses every write (create throws, save keeps it unwritten). */
function memoryStore(initial: RunRecord[] = []): RecordStore & { saved: RunRecord[]; refuse: Error | undefined; all: () => RunRecord[] } {
  const records = new Map(initial.map((r) => [r.id, r]));
  const saved: RunRecord[] = [];
  const store = {
    saved,
    refuse: undefined as Error | undefined,
    create: (r: RunRecord) => {
      if (store.refuse !== undefined) throw store.refuse;
      saved.push(structuredClone(r));
      records.set(r.id, r);
    },
    save: (r: RunRecord) => {
      if (store.refuse === undefined) saved.push(structuredClone(r));
      records.set(r.id, r);
    },
    discard: (id: string) => void records.delete(id),
    get: (id: string) => records.get(id),
    has: (id: string) => records.has(id),
    /** newest first, at once */
    all: () => [...records.values()].sort((a, b) => (a.id < b.id ? 1 : -1)),
    list: async (limit = 100) => store.all().slice(0, limit),
    find: (match: (r: RunRecord) => boolean) => store.all().find(match),
    recent: () => store.all(),
    health: () => ({ writable: store.refuse === undefined, lastError: null }),
  };
  return store;
}

/** limits.refusal_reuse_seconds' default, in ms */
const REFUSAL_REUSE_MS = 1000;
const noStatus = (): Promise<PuppetStatus> => Promise.reject(new Error('not used'));

function setup(store = memoryStore(), puppetStatus = noStatus) {
  const { launch, calls } = scripted();
  const clock = { now: 0 };
  const runner = createRunner({ launch, log: quiet, store, puppetStatus, random: () => 0, pollMs: 10, isAlive: posixPlatform().isAlive, refusalReuseMs: REFUSAL_REUSE_MS, clock: () => clock.now });
  return { runner, calls, store, clock };
}

const request = runRequest;
const tick = () => new Promise((r) => setImmediate(r));
const runOptions = (r: HelperRequest): RunOptions | undefined => (r.action === 'run' ? r.options : undefined);

describe('runner', () => {
  it('starts one run for many simultaneous triggers', async () => {
    const { runner, calls } = setup();
    const pending = Array.from({ length: 100 }, () => runner.trigger(request()));
    calls[0].report({ event: 'started', pid: 42 });
    const results = await Promise.all(pending);
    assert.equal(calls.length, 1);
    assert.equal(results.filter((r) => r.kind === 'started').length, 1);
    assert.equal(results.filter((r) => r.kind === 'busy').length, 99);
  });

  it('hands the options to the helper as data, records the run, and answers a sync caller with the finished record', async () => {
    const { runner, calls, store } = setup();
    const sync = runner.trigger(request({ async: false, options: { noop: true } }));
    await tick();
    assert.deepEqual(runOptions(calls[0].request), { noop: true });
    calls[0].report({ event: 'started', pid: 1 });
    await tick();
    assert.equal(runner.state(), 'running');
    assert.equal(runner.current()?.state, 'running');
    calls[0].end(END(6));
    const result = await sync;
    assert.equal(result.kind, 'finished');
    if (result.kind !== 'finished') return;
    assert.equal(result.outcome.ok, false);
    assert.equal(result.record.outcome, 'changes_and_failures');
    assert.equal(result.record.exit_code, 6);
    assert.equal(store.get(result.record.id)?.state, 'finished');
    assert.equal(runner.state(), 'idle');
  });

  it("a noop run that found drift finishes noop_changes, a success, with its report kept before the record says finished", async () => {
    const { launch, calls } = scripted();
    const store = memoryStore();
    const kept: string[] = [];
    const runner = createRunner({
      launch, log: quiet, store, puppetStatus: noStatus, isAlive: posixPlatform().isAlive, refusalReuseMs: REFUSAL_REUSE_MS,
      saveReport: (id) => kept.push(`${id} ${store.get(id)?.state}`),
    });
    const sync = runner.trigger(request({ async: false, options: { noop: true } }));
    await tick();
    calls[0].report({ event: 'started', pid: 1 });
    await tick();
    const summary = { last_run: 1, total_time: 1, config_retrieval: 1, config_version: '1', environment: 'production', resources: { out_of_sync: 2, changed: 0 }, events: { noop: 2 }, changes: 0 };
    const report = { time: null, status: 'unchanged', noop: true, resources: [], resources_left_out: 0, error: null };
    calls[0].end({ ...END(0), summary, report });
    const result = await sync;
    assert.equal(result.kind, 'finished');
    if (result.kind !== 'finished') return;
    assert.deepEqual([result.record.outcome, result.outcome.ok], ['noop_changes', true]);
    assert.deepEqual(kept, [`${result.record.id} running`]);
  });

  it('passes on busy (external lock), disabled and helper errors without holding the state; only the error keeps its record, failed', async () => {
    const { runner, calls, store, clock } = setup();
    const outcomes: Report[] = [
      { event: 'busy', pid: 7 },
      { event: 'disabled', message: 'maintenance' },
      { event: 'error', message: 'sudo: a password is required' },
    ];
    for (const [i, report] of outcomes.entries()) {
      clock.now += REFUSAL_REUSE_MS;
      const pending = runner.trigger(request());
      await tick();
      calls[i].report(report);
      const result = await pending;
      assert.equal(result.kind, report.event);
      assert.equal(runner.state(), 'idle');
    }
    // busy and disabled are refusals: the record written before the helper started goes; the error was accepted
    const kept = store.all();
    assert.equal(kept.length, 1);
    assert.equal(kept[0].state, 'finished');
    assert.equal(kept[0].outcome, 'failed');
    assert.equal(kept[0].error, 'sudo: a password is required');
  });

  it('writes the record before the helper starts: a trigger state_dir refuses starts nothing and answers CANNOT_RECORD', async () => {
    const { runner, calls, store } = setup();
    store.refuse = Object.assign(new Error('state_dir /var/lib/puppet-twitch: ENOSPC: no space left on device'), { code: 'ENOSPC' });
    await assert.rejects(runner.trigger(request()), (err: Error & { code?: string; headers?: Record<string, string> }) => {
      assert.equal(err.code, 'CANNOT_RECORD');
      assert.match(err.message, /^Cannot record the run: state_dir \/var\/lib\/puppet-twitch: ENOSPC: .*Nothing was started: free space in state_dir/);
      assert.equal(err.headers?.['Retry-After'], '30');
      return true;
    });
    assert.equal(calls.length, 0, 'no helper started');
    assert.equal(runner.state(), 'idle');
    assert.equal(store.all().length, 0);
    store.refuse = undefined;
    const next = runner.trigger(request());
    await tick();
    calls[0].report({ event: 'started', pid: 5 });
    assert.equal((await next).kind, 'started', 'the next trigger works once state_dir takes writes');
  });

  it('queues no run whose record cannot be written', async () => {
    const { runner, calls, store } = setup();
    const first = runner.trigger(request());
    await tick();
    calls[0].report({ event: 'started', pid: 1 });
    await first;
    store.refuse = Object.assign(new Error('state_dir /s: EROFS: read-only file system'), { code: 'EROFS' });
    await assert.rejects(runner.trigger(request({ when_busy: 'queue' })), /Cannot record the run: .*make state_dir writable/);
    assert.equal(runner.queued(), undefined);
    calls[0].end(END(0));
    await tick();
    assert.equal(calls.length, 1, 'nothing was queued, so nothing follows');
  });

  it('keeps a started run in memory when its writes fail: it finishes there with its exit code', async () => {
    const { runner, calls, store } = setup();
    const sync = runner.trigger(request({ async: false }));
    await tick();
    calls[0].report({ event: 'started', pid: 9 });
    await tick();
    store.refuse = new Error('ENOSPC');
    calls[0].end(END(2));
    const result = await sync;
    assert.equal(result.kind, 'finished');
    const id = result.kind === 'finished' ? result.record.id : '';
    assert.equal(store.get(id)?.state, 'finished');
    assert.equal(store.get(id)?.exit_code, 2);
    assert.equal(store.get(id)?.outcome, 'changes');
  });

  it('ends the record of a trigger whose helper could not start as failed, naming the cause', async () => {
    const store = memoryStore();
    const launch: Launch = () => {
      throw new Error('spawn sudo ENOENT');
    };
    const runner = createRunner({ launch, log: quiet, store, puppetStatus: noStatus, isAlive: posixPlatform().isAlive, refusalReuseMs: REFUSAL_REUSE_MS });
    const result = await runner.trigger(request());
    assert.equal(result.kind, 'error');
    const [record] = store.all();
    assert.equal(record.outcome, 'failed');
    assert.equal(record.state, 'finished');
    assert.match(record.error ?? '', /Cannot start the puppet-twitch helper: spawn sudo ENOENT/);
  });

  it("reuses the root side's refusal for a second: a flood of triggers starts one helper, a trigger after it another", async () => {
    const { runner, calls, clock } = setup();
    const first = runner.trigger(request());
    await tick();
    calls[0].report({ event: 'disabled', message: 'maintenance' });
    assert.deepEqual(await first, { kind: 'disabled', message: 'maintenance' });
    for (let i = 0; i < 100; i++) {
      clock.now += 9;
      assert.deepEqual(await runner.trigger(request()), { kind: 'disabled', message: 'maintenance' });
    }
    assert.equal(calls.length, 1, 'one helper for 101 triggers within a second');
    clock.now += 200;
    const later = runner.trigger(request());
    await tick();
    assert.equal(calls.length, 2, 'a trigger a second after the refusal asks the root side again');
    calls[1].report({ event: 'started', pid: 3 });
    assert.equal((await later).kind, 'started');
  });

  it('asks the root side again at once after forgetRefusal (the agent was enabled or disabled through the service)', async () => {
    const { runner, calls, clock } = setup();
    const first = runner.trigger(request());
    await tick();
    calls[0].report({ event: 'disabled', message: 'maintenance' });
    assert.equal((await first).kind, 'disabled');
    clock.now += 10;
    assert.equal((await runner.trigger(request())).kind, 'disabled', 'reused within the second');
    runner.forgetRefusal();
    const next = runner.trigger(request());
    await tick();
    assert.equal(calls.length, 2, 'a new helper, within the second');
    calls[1].report({ event: 'started', pid: 4 });
    assert.equal((await next).kind, 'started');
  });

  it('counts a trigger as accepted when its run starts or is queued, before an async=false caller has its answer', async () => {
    const { runner, calls } = setup();
    const accepted: string[] = [];
    const sync = runner.trigger(request({ async: false }), (record) => accepted.push(`started ${record.id}`));
    await tick();
    calls[0].report({ event: 'started', pid: 1 });
    await tick();
    assert.equal(accepted.length, 1, 'counted while the run goes on');
    const queued = await runner.trigger(request({ when_busy: 'queue' }), (record) => accepted.push(`queued ${record.id}`));
    assert.equal(queued.kind, 'queued');
    assert.equal(accepted.length, 2);
    assert.equal((await runner.trigger(request(), () => accepted.push('busy'))).kind, 'busy');
    assert.equal(accepted.length, 2, 'a refused trigger is not accepted');
    calls[0].end(END(0));
    assert.equal((await sync).kind, 'finished');
  });

  it('queues one follow-up run: same options join it, different ones are refused, it starts when the current run ends', async () => {
    const { runner, calls, store } = setup();
    const first = runner.trigger(request());
    await tick();
    calls[0].report({ event: 'started', pid: 1 });
    await first;
    const q1 = await runner.trigger(request({ when_busy: 'queue', options: { tags: ['a', 'b'] } }));
    const q2 = await runner.trigger(request({ when_busy: 'queue', options: { tags: ['b', 'a'] } }));
    const q3 = await runner.trigger(request({ when_busy: 'queue', options: { noop: true } }));
    const rejected = await runner.trigger(request());
    assert.equal(q1.kind, 'queued');
    assert.equal(q2.kind === 'queued' && q1.kind === 'queued' && q2.record.id === q1.record.id, true);
    assert.equal(q3.kind, 'queue_conflict');
    assert.equal(rejected.kind, 'busy');
    assert.equal(calls.length, 1, 'nothing started while the run goes on');
    assert.equal(runner.queued()?.state, 'queued');
    calls[0].end(END(0));
    await tick();
    assert.equal(calls.length, 2, 'exactly one follow-up run');
    assert.deepEqual(runOptions(calls[1].request), { tags: ['a', 'b'] });
    calls[1].report({ event: 'started', pid: 2 });
    await tick();
    assert.equal(runner.current()?.id, q1.kind === 'queued' ? q1.record.id : '');
    calls[1].end(END(2));
    await tick();
    assert.equal(store.get(runner.current()?.id ?? (q1.kind === 'queued' ? q1.record.id : ''))?.outcome, 'changes');
    assert.equal(calls.length, 2);
  });

  it('ends a queued run that finds the agent disabled with outcome disabled', async () => {
    const { runner, calls } = setup();
    const first = runner.trigger(request());
    await tick();
    calls[0].report({ event: 'started', pid: 1 });
    await first;
    const queued = runner.trigger(request({ when_busy: 'queue', async: false }));
    calls[0].end(END(0));
    await tick();
    calls[1].report({ event: 'disabled', message: 'upgrade' });
    const result = await queued;
    assert.equal(result.kind, 'finished');
    assert.equal(result.kind === 'finished' && result.record.outcome, 'disabled');
    assert.equal(result.kind === 'finished' && result.record.error, 'the agent is disabled: upgrade');
  });

  it('logs how a splayed run that found the agent disabled ended: its caller had the answer long before', async () => {
    const lines: string[] = [];
    const log: Logger = { info: (m) => lines.push(m), error: (m) => lines.push(m), flush: () => undefined };
    const { launch, calls } = scripted();
    const store = memoryStore();
    const runner = createRunner({ launch, log, store, puppetStatus: noStatus, random: () => 0, isAlive: posixPlatform().isAlive, refusalReuseMs: REFUSAL_REUSE_MS });
    const accepted = await runner.trigger(request({ splay: 30, source: 'schedule', client: null }));
    assert.equal(accepted.kind, 'started');
    await new Promise((r) => setTimeout(r, 5));
    calls[0].report({ event: 'disabled', message: 'maintenance' });
    await tick();
    const id = accepted.kind === 'started' ? accepted.record.id : '';
    assert.equal(store.get(id)?.outcome, 'disabled');
    assert.ok(lines.includes(`puppet run ${id} not started: the agent is disabled: maintenance`), lines.join('\n'));
  });

  it('counts a splaying run as busy and starts puppet after the wait', async () => {
    const { runner, calls } = setup();
    const accepted = await runner.trigger(request({ splay: 30 }));
    assert.equal(accepted.kind, 'started');
    assert.equal(runner.state(), 'splaying');
    assert.equal((await runner.trigger(request())).kind, 'busy');
    await new Promise((r) => setTimeout(r, 5));
    assert.equal(calls.length, 1);
  });

  it('wait() answers when the run ends, or with the record as it is when time is up', async () => {
    const { runner, calls } = setup();
    const started = runner.trigger(request());
    await tick();
    calls[0].report({ event: 'started', pid: 1 });
    const result = await started;
    const id = result.kind === 'started' ? result.record.id : '';
    assert.equal((await runner.wait(id, 20))?.state, 'running');
    const waiting = runner.wait(id, 5000);
    calls[0].end(END(0));
    assert.equal((await waiting)?.outcome, 'no_changes');
    assert.equal(await runner.wait('nope', 10), undefined);
  });

  it("follows a run that outlived a restart, and takes its outcome and end from Puppet's summary", async () => {
    const alive = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 300)'], { stdio: 'ignore' }); // a process alive for 0.3 s, on every platform
    const running = { ...newRecord({ source: 'http', client: null, identity: null, options: {} }), state: 'running' as const, started_at: new Date(Date.now() - 5000).toISOString(), pid: alive.pid as number };
    const lost = { ...newRecord({ source: 'http', client: null, identity: null, options: {} }, new Date(0)), state: 'queued' as const };
    const summary = { last_run: Math.floor(Date.now() / 1000), total_time: 3, config_retrieval: 1, config_version: '1', environment: 'production', resources: { failed: 0 }, events: { failure: 0 }, changes: 4 };
    const store = memoryStore([running, lost]);
    const { runner } = setup(store, async () => ({ applying: false, pid: null, enabled: true, disabled_message: null, disabled_since: null, server: null, summary }));
    const done = await runner.wait(running.id, 2000);
    assert.equal(done?.outcome, 'changes');
    assert.deepEqual(done?.summary, summary);
    assert.equal(done?.finished_at, new Date(summary.last_run * 1000).toISOString(), 'when the run ended, not when it was noticed');
    assert.equal(store.get(lost.id)?.outcome, 'unknown');
    assert.equal(runner.state(), 'idle');
  });

  describe('a run whose PID was gone at restart: its end was not recorded', () => {
    const startedAt = Date.now() - 60_000;
    const summaryAt = (seconds: number) => ({ last_run: seconds, total_time: 3, config_retrieval: 1, config_version: '1', environment: 'production', resources: { failed: 0 }, events: { failure: 0 }, changes: 4 });
    const record = (at: number, fields: Partial<RunRecord>): RunRecord => ({ ...newRecord({ source: 'http', client: null, identity: null, options: {} }, new Date(at)), ...fields });
    const restart = async (records: RunRecord[], summary: ReturnType<typeof summaryAt>) => {
      const store = memoryStore(records);
      setup(store, async () => ({ applying: false, pid: null, enabled: true, disabled_message: null, disabled_since: null, server: null, summary }));
      await new Promise((r) => setTimeout(r, 10));
      return store;
    };
    const lost = () => record(startedAt, { state: 'running', started_at: new Date(startedAt).toISOString(), pid: 2 ** 22 + 3 });

    it("is unknown, says so, and gets Puppet's summary and end only when the summary is its own", async () => {
      const run = lost();
      const summary = summaryAt(Math.floor(startedAt / 1000) + 20);
      const store = await restart([run], summary);
      const done = store.get(run.id);
      assert.equal(done?.state, 'finished');
      assert.equal(done?.outcome, 'unknown');
      assert.equal(done?.exit_code, null);
      assert.match(done?.error ?? '', /^the end of this run was not recorded/);
      assert.doesNotMatch(done?.error ?? '', /the service restarted during this run/);
      assert.deepEqual(done?.summary, summary);
      assert.equal(done?.finished_at, new Date(summary.last_run * 1000).toISOString());
    });

    it("never takes a later run's summary", async () => {
      const run = lost();
      const laterStart = startedAt + 30_000;
      const later = record(laterStart, { state: 'finished', started_at: new Date(laterStart).toISOString(), finished_at: new Date(laterStart + 5000).toISOString(), outcome: 'no_changes' });
      const store = await restart([run, later], summaryAt(Math.floor(laterStart / 1000) + 5));
      const done = store.get(run.id);
      assert.equal(done?.outcome, 'unknown');
      assert.equal(done?.summary, null);
      assert.equal(done?.finished_at, null, 'its end is not known');
      assert.match(done?.error ?? '', /not recorded.*no last_run_summary.yaml of Puppet's is known to be its own/);
    });

    it('takes no summary older than its start, or from the future', async () => {
      for (const seconds of [Math.floor(startedAt / 1000) - 10, Math.floor(Date.now() / 1000) + 3600]) {
        const run = lost();
        const store = await restart([run], summaryAt(seconds));
        assert.equal(store.get(run.id)?.summary, null);
      }
    });
  });

  it('answers waiting callers on shutdown while the run goes on', async () => {
    const { runner, calls } = setup();
    const sync = runner.trigger(request({ async: false }));
    await tick();
    calls[0].report({ event: 'started', pid: 1 });
    await tick();
    runner.shutdown();
    assert.equal((await sync).kind, 'shutdown');
    assert.equal(runner.state(), 'running');
  });
});
