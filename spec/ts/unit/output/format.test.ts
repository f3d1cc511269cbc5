import { strict as assert } from 'node:assert';
import {
  createCap,
  encodeLine,
  finishedEvent,
  finishedLine,
  NOTE,
  outputEvent,
  plainChunk,
  wantsEvents,
} from '../../../../ts/output/format';
import { newRecord, type RunRecord } from '../../../../ts/core/records';

const finished = (fields: Partial<RunRecord>): RunRecord => ({
  ...newRecord({ source: 'http', client: null, identity: null, options: {} }, new Date('2026-01-01T00:00:00Z')),
  state: 'finished',
  ...fields,
});

describe('output: what a watcher reads', () => {
  it('ends with how the run ended: its exit code, or its outcome and why when it has none', () => {
    const ok = finished({ exit_code: 2, outcome: 'changes' });
    assert.equal(finishedLine(ok), `puppet-twitch: run ${ok.id} finished: exit code 2 (changes applied)`);
    const timeout = finished({ signal: 'SIGTERM', outcome: 'timeout', error: null });
    assert.match(finishedLine(timeout), new RegExp(`^puppet-twitch: run ${timeout.id} finished: timeout \\(.+\\)$`));
    const adopted = finished({ outcome: 'unknown', error: 'the service restarted during this run' });
    assert.equal(finishedLine(adopted), `puppet-twitch: run ${adopted.id} finished: unknown (the service restarted during this run)`);
    const disabled = finished({ outcome: 'disabled', error: 'the agent is disabled: maintenance' });
    assert.equal(finishedLine(disabled), `puppet-twitch: run ${disabled.id} finished: disabled (the agent is disabled: maintenance)`);
  });

  it('frames lines as plain text or server-sent events', () => {
    assert.equal(plainChunk('Notice: x'), 'Notice: x\n');
    assert.equal(outputEvent('Notice: x'), 'event: output\ndata: Notice: x\n\n');
    assert.equal(encodeLine('a', true), outputEvent('a'));
    assert.equal(encodeLine('a', false), plainChunk('a'));
    const record = finished({ exit_code: 0, outcome: 'no_changes', output_tail: ['line\twith tab'] });
    const event = finishedEvent(record);
    assert.match(event, /^event: finished\ndata: \{.*\}\n\n$/);
    assert.deepEqual(JSON.parse(event.slice('event: finished\ndata: '.length)), record);
  });

  it('asks for events only when Accept names text/event-stream', () => {
    assert.equal(wantsEvents('text/event-stream'), true);
    assert.equal(wantsEvents('application/json, Text/Event-Stream;q=0.5'), true);
    assert.equal(wantsEvents(undefined), false);
    assert.equal(wantsEvents('text/plain'), false);
  });

  it('keeps whole lines up to the cap, notes the truncation once, then drops the rest', () => {
    const cap = createCap(10);
    assert.deepEqual([4, 4, 4, 1, 1].map((n) => cap.take(n)), ['keep', 'keep', 'truncate', 'drop', 'drop']);
    assert.equal(cap.used, 8);
    assert.equal(cap.full, true);
    const exact = createCap(8);
    assert.deepEqual([4, 4].map((n) => exact.take(n)), ['keep', 'keep']);
    assert.equal(exact.full, false);
    const none = createCap(0);
    assert.deepEqual([1, 1].map((n) => none.take(n)), ['drop', 'drop']);
    assert.equal(none.full, false);
    assert.equal(NOTE.truncated(10), 'puppet-twitch: output truncated at 10 bytes (output_max_bytes)');
  });
});
