import { strict as assert } from 'node:assert';
import { createControl, lockMessage, type ControlDeps } from '../../../../ts/core/control';
import type { DisableFile, OwnDisable } from '../../../../ts/core/disable-file';
import type { RunRecord } from '../../../../ts/core/records';
import { isTwitchError } from '../../../../ts/errors';
import type { Launch } from '../../../../ts/puppet/launch';
import type { HelperRequest, Report } from '../../../../ts/puppet/protocol';
import { controlSteps } from '../../../../ts/puppet/control';

const T0 = Date.parse('2026-12-06T10:00:00.000Z');

/** Puppet's disabled lock, as a stand-in helper keeps it, and a fake clock with its timers. */
function world(opts: { lock?: string; saved?: OwnDisable; failWrite?: boolean } = {}) {
  let lock: string | undefined = opts.lock;
  let clock = T0;
  let timers: Array<{ at: number; run: () => void; cancelled: boolean }> = [];
  const requests: HelperRequest[] = [];
  let helperFails = false;
  const launch: Launch = (request) => {
    requests.push(request);
    let first: Report;
    if (helperFails) first = { event: 'error', message: 'sudo: a password is required' };
    else if (request.action === 'status') {
      first = { event: 'status', applying: false, pid: null, enabled: lock === undefined, disabled_message: lock ?? null, disabled_since: null, server: null, summary: null };
    } else if (request.action === 'disable' || request.action === 'enable') {
      const steps = controlSteps(request, lock);
      for (const step of steps) lock = step === 'enable' ? undefined : request.message;
      first = { event: 'control', enabled: lock === undefined, message: lock ?? null, changed: steps.length > 0 };
    } else throw new Error('no runs here');
    return { first: Promise.resolve(first), done: new Promise(() => undefined) };
  };
  let saved: OwnDisable | undefined = opts.saved;
  const file: DisableFile = {
    path: '/state/disable.json',
    read: () => saved,
    write: (s) => {
      if (opts.failWrite) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      saved = s;
    },
    remove: () => void (saved = undefined),
  };
  const records: RunRecord[] = [];
  const logs: string[] = [];
  /** when the runner was told to forget its last refusal */
  const forgotten: number[] = [];
  const deps: ControlDeps = {
    launch,
    store: { create: (r) => void records.push(r), save: (r) => void (records.includes(r) || records.push(r)) },
    runner: { current: () => undefined, wait: async () => undefined, forgetRefusal: () => void forgotten.push(clock) },
    puppetStatus: async () => ({ applying: false, pid: null, enabled: lock === undefined, disabled_message: lock ?? null, disabled_since: null, server: null, summary: null }),
    file,
    maxTtl: 3600,
    log: { info: (m) => void logs.push(m), error: (m) => void logs.push(m), flush: () => undefined },
    now: () => clock,
    later: (run, ms) => {
      const timer = { at: clock + ms, run, cancelled: false };
      timers.push(timer);
      return () => void (timer.cancelled = true);
    },
  };
  return {
    deps,
    requests,
    records,
    forgotten,
    logs,
    lock: () => lock,
    setLock: (m: string | undefined) => void (lock = m),
    saved: () => saved,
    failHelper: (fails: boolean) => void (helperFails = fails),
    /** moves the clock on, running the timers that come due */
    async advance(ms: number) {
      clock += ms;
      const due = timers.filter((t) => !t.cancelled && t.at <= clock);
      timers = timers.filter((t) => !due.includes(t));
      for (const t of due) t.run();
      for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

const caller = { identity: 'token:ops', peer: '10.0.0.5' };

describe('core/control: a timed disable that ends by itself, and enable', () => {
  it('disables with a message that says who and until when, and ends it when the TTL passes', async () => {
    const w = world();
    const control = createControl(w.deps);
    const answer = await control.disable({ ...caller, message: 'kernel update', ttl: 600 });
    const until = '2026-12-06T10:10:00.000Z';
    assert.equal(w.lock(), lockMessage('kernel update', 'token:ops', until));
    assert.equal(w.lock(), 'kernel update (puppet-twitch: token:ops, until 2026-12-06T10:10:00.000Z)');
    assert.deepEqual(answer, { enabled: false, disabled_message: w.lock(), disabled_until: until, record_id: answer.record_id });
    assert.equal(w.saved()?.until, until);
    assert.equal(control.until(w.lock() ?? null), until);
    assert.deepEqual(w.records[0].control, { message: 'kernel update', ttl: 600, until, result: 'done' });
    assert.equal(w.records[0].kind, 'disable');
    assert.equal(w.records[0].identity, 'token:ops');

    await w.advance(599_000);
    assert.notEqual(w.lock(), undefined);
    await w.advance(1000);
    assert.equal(w.lock(), undefined);
    assert.equal(w.saved(), undefined);
    assert.equal(control.until(null), null);
    const end = w.records[1];
    assert.equal(end.kind, 'enable');
    assert.equal(end.source, 'ttl');
    assert.equal(end.control?.result, 'done');
  });

  it("has the runner forget its last refusal after each change through the helper (disable, enable, a disable's end), failed or not", async () => {
    const w = world();
    const control = createControl(w.deps);
    await control.disable({ ...caller, message: 'kernel update', ttl: 60 });
    assert.equal(w.forgotten.length, 1, 'after the disable');
    await control.enable(caller);
    assert.equal(w.forgotten.length, 2, 'after the enable');
    await control.enable(caller);
    assert.equal(w.forgotten.length, 3, 'after an enable that found the agent enabled');
    await control.disable({ ...caller, message: 'again', ttl: 60 });
    await w.advance(60_000);
    assert.equal(w.forgotten.length, 5, "after the disable's end");
    w.failHelper(true);
    await assert.rejects(control.disable({ ...caller, message: 'm' }));
    assert.equal(w.forgotten.length, 6, 'after a helper that failed');
  });

  it('takes the TTL from control.max_disable_ttl when none is given, and refuses a longer one', async () => {
    const w = world();
    const control = createControl(w.deps);
    const answer = await control.disable({ ...caller, message: 'm' });
    assert.equal(answer.disabled_until, '2026-12-06T11:00:00.000Z');
    await assert.rejects(control.disable({ ...caller, message: 'm', ttl: 3601 }), /'ttl': 3601. Use whole seconds from 1 to 3600 \(control.max_disable_ttl\)/);
    await assert.rejects(control.disable({ ...caller, message: 'm', ttl: 0 }), /'ttl'/);
  });

  it('refuses hostile messages before anything is asked of the helper', async () => {
    const w = world();
    const control = createControl(w.deps);
    for (const message of ['', 'a\nb', 'a\u001b[31m', 'x'.repeat(257), 'a\u202eb']) {
      await assert.rejects(control.disable({ ...caller, message }), (err) => isTwitchError(err) && err.code === 'BAD_PARAMETER');
    }
    assert.equal(w.requests.length, 0);
  });

  it("never ends or replaces someone else's disable", async () => {
    const w = world({ lock: 'by hand' });
    const control = createControl(w.deps);
    await assert.rejects(control.disable({ ...caller, message: 'mine', ttl: 60 }), (err) => isTwitchError(err) && err.code === 'CONTROL_CONFLICT' && /"by hand"/.test(err.message));
    assert.equal(w.lock(), 'by hand');
    assert.equal(w.saved(), undefined);
    assert.equal(w.records[0].control?.result, 'refused');
    await assert.rejects(control.enable(caller), (err) => isTwitchError(err) && err.code === 'CONTROL_CONFLICT' && /puppet agent --enable/.test(err.message));
    assert.equal(w.lock(), 'by hand');
    await w.advance(3600_000);
    assert.equal(w.lock(), 'by hand');
  });

  it('leaves a disable made by hand after its own alone when its TTL passes', async () => {
    const w = world();
    const control = createControl(w.deps);
    await control.disable({ ...caller, message: 'mine', ttl: 60 });
    w.setLock(undefined);
    w.setLock('someone else, later');
    await w.advance(60_000);
    assert.equal(w.lock(), 'someone else, later');
    assert.equal(w.saved(), undefined);
    assert.equal(w.records[1].control?.result, 'unchanged');
  });

  it('enables its own disable before its time, and answers an enabled agent with its state', async () => {
    const w = world();
    const control = createControl(w.deps);
    await control.disable({ ...caller, message: 'mine', ttl: 60 });
    const answer = await control.enable(caller);
    assert.deepEqual({ ...answer, record_id: '' }, { enabled: true, disabled_message: null, disabled_until: null, record_id: '' });
    assert.equal(w.saved(), undefined);
    assert.equal((await control.enable(caller)).enabled, true);
    assert.equal(w.records[2].control?.result, 'unchanged');
  });

  it('extends its own disable with a new one', async () => {
    const w = world();
    const control = createControl(w.deps);
    await control.disable({ ...caller, message: 'first', ttl: 60 });
    const answer = await control.disable({ ...caller, message: 'second', ttl: 120 });
    assert.equal(answer.disabled_until, '2026-12-06T10:02:00.000Z');
    await w.advance(60_000);
    assert.match(w.lock() ?? '', /^second/);
    await w.advance(60_000);
    assert.equal(w.lock(), undefined);
  });

  it('ends a disable whose time passed while the service was down, at start', async () => {
    const lock = lockMessage('mine', 'token:ops', '2026-12-06T09:00:00.000Z');
    const saved: OwnDisable = { lock_message: lock, message: 'mine', until: '2026-12-06T09:00:00.000Z', ttl: 60, identity: 'token:ops', record_id: 'x' };
    const w = world({ lock, saved });
    createControl(w.deps).resume();
    await w.advance(0);
    assert.equal(w.lock(), undefined);
    assert.equal(w.saved(), undefined);
  });

  it('takes up a disable still in force at start, and ends it on time', async () => {
    const until = '2026-12-06T10:05:00.000Z';
    const lock = lockMessage('mine', null, until);
    const w = world({ lock, saved: { lock_message: lock, message: 'mine', until, ttl: 600, identity: null, record_id: 'x' } });
    const control = createControl(w.deps);
    control.resume();
    await w.advance(0);
    assert.equal(control.until(lock), until);
    assert.equal(w.lock(), lock);
    await w.advance(300_000);
    assert.equal(w.lock(), undefined);
  });

  it('fails closed: a disable whose end cannot be kept is not made', async () => {
    const w = world({ failWrite: true });
    const control = createControl(w.deps);
    await assert.rejects(control.disable({ ...caller, message: 'mine' }), (err) => isTwitchError(err) && err.code === 'CANNOT_RECORD' && /free space in state_dir/.test(err.message));
    assert.equal(w.lock(), undefined);
    assert.equal(w.requests.length, 0);
  });

  it('tries the end again when the helper fails, and says so', async () => {
    const w = world();
    const control = createControl(w.deps);
    await control.disable({ ...caller, message: 'mine', ttl: 60 });
    w.failHelper(true);
    await w.advance(60_000);
    assert.notEqual(w.lock(), undefined);
    assert.match(w.logs.join('\n'), /cannot end the disable by token:ops: sudo: a password is required; trying again in 30 s/);
    w.failHelper(false);
    await w.advance(30_000);
    assert.equal(w.lock(), undefined);
  });

  it('with wait, holds a slot and answers once no run is going', async () => {
    const w = world();
    let ended!: () => void;
    let current: RunRecord | undefined = { id: 'r1' } as RunRecord;
    w.deps.runner = { current: () => current, wait: () => new Promise((resolve) => (ended = () => { current = undefined; resolve(undefined); })), forgetRefusal: () => undefined };
    let held = 0;
    const control = createControl(w.deps);
    const pending = control.disable({ ...caller, message: 'mine', wait: 30, hold: () => (held++, () => void held--) });
    await w.advance(0);
    assert.equal(held, 1);
    ended();
    const answer = await pending;
    assert.equal(answer.idle, true);
    assert.equal(held, 0);
  });
});
