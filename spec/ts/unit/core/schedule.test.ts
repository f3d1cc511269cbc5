import { strict as assert } from 'node:assert';
import type { ScheduleConfig } from '../../../../ts/config';
import type { Logger } from '../../../../ts/log';
import { newRecord } from '../../../../ts/core/records';
import type { Runner, RunRequest, TriggerResult } from '../../../../ts/core/runner';
import { cachedNextRun, describeSchedule, scheduledRequest, startSchedule, tick, tickLine } from '../../../../ts/core/schedule';

const SCHEDULE: ScheduleConfig = { cron: '*/30 * * * *', splay: 120, options: { noop: true }, timezone: 'UTC' };

function recordingLog() {
  const lines: string[] = [];
  const log: Logger = { info: (m) => lines.push(`INFO ${m}`), error: (m) => lines.push(`ERROR ${m}`), flush: () => undefined };
  return { log, lines };
}

/** A runner that answers each trigger with the next scripted result, in the state the test gives it. */
function fakeRunner(state: ReturnType<Runner['state']>, results: TriggerResult[], current = newRecord({ source: 'http', client: '10.0.0.1', identity: null, options: {} })) {
  const requests: RunRequest[] = [];
  const runner: Runner = {
    refusal: () => undefined,
    forgetRefusal: () => undefined,
    trigger: async (request) => {
      requests.push(request);
      return results.shift()!;
    },
    wait: async () => undefined,
    current: () => (state === 'idle' ? undefined : current),
    queued: () => undefined,
    state: () => state,
    shutdown: () => undefined,
  };
  return { runner, requests, current };
}

describe('schedule', () => {
  it('asks the runner as an HTTP trigger would: reject when busy, async, source schedule, the splay for the runner to draw', () => {
    assert.deepEqual(scheduledRequest(SCHEDULE), { options: { noop: true }, splay: 120, async: true, when_busy: 'reject', source: 'schedule', client: null, identity: null });
  });

  it('logs the run a tick started', async () => {
    const record = newRecord({ source: 'schedule', client: null, identity: null, options: {} });
    const { runner, requests } = fakeRunner('idle', [{ kind: 'started', record }]);
    const { log, lines } = recordingLog();
    await tick(runner, scheduledRequest(SCHEDULE), log);
    assert.equal(requests.length, 1);
    assert.deepEqual(lines, [`INFO scheduled puppet run ${record.id} triggered`]);
  });

  it('skips a tick while a run of the service is going or splaying, and names it in one line', async () => {
    for (const state of ['running', 'splaying'] as const) {
      const { runner, current } = fakeRunner(state, [{ kind: 'busy', pid: 42 }]);
      const { log, lines } = recordingLog();
      await tick(runner, scheduledRequest(SCHEDULE), log);
      assert.deepEqual(lines, [`INFO scheduled puppet run skipped: puppet run ${current.id} (http) is still ${state}`]);
    }
  });

  it('skips a tick while another process holds the catalog lock, or the agent is disabled', () => {
    assert.equal(tickLine({ kind: 'busy', pid: 4711 }, undefined).text, 'scheduled puppet run skipped: another puppet run holds the catalog lock (pid 4711)');
    assert.equal(tickLine({ kind: 'disabled', message: 'maintenance' }, undefined).text, 'scheduled puppet run skipped: the agent is disabled: maintenance');
    assert.equal(tickLine({ kind: 'disabled', message: null }, undefined).text, 'scheduled puppet run skipped: the agent is disabled');
    assert.deepEqual(tickLine({ kind: 'error', message: 'sudo: a password is required' }, undefined), {
      error: true,
      text: 'scheduled puppet run not started: sudo: a password is required',
    });
  });

  it('logs a runner that throws instead of crashing the service', async () => {
    const { runner } = fakeRunner('idle', []);
    runner.trigger = () => Promise.reject(new Error('state_dir is gone'));
    const { log, lines } = recordingLog();
    await tick(runner, scheduledRequest(SCHEDULE), log);
    assert.deepEqual(lines, ['ERROR scheduled puppet run not started: state_dir is gone']);
  });

  it('ticks through the cron task it starts, reports its next run, and stops it', async () => {
    const record = newRecord({ source: 'schedule', client: null, identity: null, options: {} });
    const { runner, requests } = fakeRunner('idle', [{ kind: 'started', record }]);
    const { log } = recordingLog();
    let onTick!: () => void;
    let stopped = false;
    const next = new Date('2026-01-01T00:30:00Z');
    const schedule = startSchedule(SCHEDULE, runner, log, (expression, timezone, fn) => {
      assert.equal(expression, '*/30 * * * *');
      assert.equal(timezone, 'UTC');
      onTick = fn;
      return { nextRun: () => (stopped ? null : next), stop: () => (stopped = true) };
    });
    assert.equal(schedule.expression, '*/30 * * * *');
    assert.equal(schedule.nextRun(), next);
    onTick();
    await new Promise((r) => setImmediate(r));
    assert.equal(requests.length, 1);
    schedule.stop();
    assert.equal(schedule.nextRun(), null);
  });

  it('asks node-cron for the next run again only once that time has passed', () => {
    let clock = Date.parse('2026-01-01T00:10:00Z');
    let asked = 0;
    const next = cachedNextRun(() => {
      asked += 1;
      return new Date(Math.ceil((clock + 1) / 1_800_000) * 1_800_000);
    }, () => clock);
    assert.equal(next()?.toISOString(), '2026-01-01T00:30:00.000Z');
    clock = Date.parse('2026-01-01T00:29:59Z');
    assert.equal(next()?.toISOString(), '2026-01-01T00:30:00.000Z');
    assert.equal(asked, 1);
    clock = Date.parse('2026-01-01T00:30:00Z');
    assert.equal(next()?.toISOString(), '2026-01-01T01:00:00.000Z');
    assert.equal(asked, 2);
  });

  it('describes itself for the start line', () => {
    assert.equal(
      describeSchedule(SCHEDULE, new Date('2026-01-01T00:30:00Z')),
      'scheduled runs "*/30 * * * *" (UTC, splay up to 120 s), next at 2026-01-01T00:30:00.000Z',
    );
    assert.equal(describeSchedule({ ...SCHEDULE, splay: 0 }, null), 'scheduled runs "*/30 * * * *" (UTC), next at never');
  });
});
