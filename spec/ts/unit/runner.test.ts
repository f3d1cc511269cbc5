import { strict as assert } from 'node:assert';
import type { Logger } from '../../../ts/log';
import type { Ending, Launch, RunProcess } from '../../../ts/puppet/launch';
import type { Report } from '../../../ts/puppet/protocol';
import { createRunner } from '../../../ts/runner';

const quiet: Logger = { info: () => undefined, error: () => undefined, flush: () => undefined };

/** A scripted launch: each call records itself and hands back promises the test settles. */
function scripted() {
  const calls: { report(r: Report): void; end(e: Ending): void }[] = [];
  const launch: Launch = () => {
    let report!: (r: Report) => void;
    let end!: (e: Ending) => void;
    const proc: RunProcess = { first: new Promise((r) => (report = r)), done: new Promise((r) => (end = r)) };
    calls.push({ report, end });
    return proc;
  };
  return { launch, calls };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('runner', () => {
  it('starts one run for many simultaneous triggers', async () => {
    const { launch, calls } = scripted();
    const runner = createRunner(launch, quiet);
    const pending = Array.from({ length: 100 }, () => runner.trigger({ async: true }));
    calls[0].report({ event: 'started', pid: 42 });
    const results = await Promise.all(pending);
    assert.equal(calls.length, 1);
    assert.equal(results.filter((r) => r.kind === 'started').length, 1);
    assert.equal(results.filter((r) => r.kind === 'busy').length, 99);
  });

  it('is idle again after the run ends, and answers a sync caller with the outcome', async () => {
    const { launch, calls } = scripted();
    const runner = createRunner(launch, quiet);
    const sync = runner.trigger({ async: false });
    calls[0].report({ event: 'started', pid: 1 });
    await tick();
    assert.equal(runner.state(), 'running');
    calls[0].end({ code: 6, signal: null });
    const result = await sync;
    assert.equal(result.kind, 'finished');
    assert.equal(result.kind === 'finished' && result.outcome.ok, false);
    assert.equal(runner.state(), 'idle');
  });

  it('passes on busy (external lock), disabled and helper errors without holding the state', async () => {
    const { launch, calls } = scripted();
    const runner = createRunner(launch, quiet);
    const outcomes: Report[] = [
      { event: 'busy', pid: 7 },
      { event: 'disabled', message: 'maintenance' },
      { event: 'error', message: 'sudo: a password is required' },
    ];
    for (const [i, report] of outcomes.entries()) {
      const pending = runner.trigger({ async: true });
      calls[i].report(report);
      const result = await pending;
      assert.equal(result.kind, report.event);
      assert.equal(runner.state(), 'idle');
    }
  });

  it('answers waiting callers on shutdown while the run goes on', async () => {
    const { launch, calls } = scripted();
    const runner = createRunner(launch, quiet);
    const sync = runner.trigger({ async: false });
    calls[0].report({ event: 'started', pid: 1 });
    await tick();
    runner.shutdown();
    assert.equal((await sync).kind, 'shutdown');
    assert.equal(runner.state(), 'running');
  });
});
