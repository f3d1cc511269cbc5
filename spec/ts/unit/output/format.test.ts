import { strict as assert } from 'node:assert';
import {
  encodeLine,
  finishedEvent,
  finishedLine,
  NOTE,
  outputEvent,
  plainChunk,
  wantsEvents,
} from '../../../../ts/output/format';
import { newRecord, type RunRecord } from '../../../../ts/core/records';
import { outcomeOfRecord } from '../../../../ts/core/runner';

const finished = (fields: Partial<RunRecord>): RunRecord => ({
  ...newRecord({ source: 'http', client: null, identity: null, options: {} }, new Date('2026-01-01T00:00:00Z')),
  state: 'finished',
  ...fields,
});

const lastLine = (record: RunRecord) => finishedLine(record, outcomeOfRecord(record));

describe('output: what a follower reads', () => {
  it('ends with how the run ended: its exit code, or its outcome and why when it has none', () => {
    const ok = finished({ exit_code: 2, outcome: 'changes' });
    assert.equal(lastLine(ok), `puppet-twitch: run ${ok.id} finished: exit code 2 (changes applied)`);
    const timeout = finished({ signal: 'SIGTERM', outcome: 'timeout', error: null });
    assert.match(lastLine(timeout), new RegExp(`^puppet-twitch: run ${timeout.id} finished: timeout \\(.+\\)$`));
    const adopted = finished({ outcome: 'unknown', error: 'the service restarted during this run' });
    assert.equal(lastLine(adopted), `puppet-twitch: run ${adopted.id} finished: unknown (the service restarted during this run)`);
    const disabled = finished({ outcome: 'disabled', error: 'the agent is disabled: maintenance' });
    assert.equal(lastLine(disabled), `puppet-twitch: run ${disabled.id} finished: disabled (the agent is disabled: maintenance)`);
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

  it('notes a truncation and points a cut-off or stopped follower at the paths it is given', () => {
    assert.equal(NOTE.truncated(10), 'puppet-twitch: output truncated at 10 bytes (output_max_bytes)');
    assert.equal(
      NOTE.incomplete('/var/lib/puppet-twitch/x.log', 4096, 'ENOSPC: no space left on device'),
      'puppet-twitch: output incomplete: writing /var/lib/puppet-twitch/x.log failed after 4096 bytes (ENOSPC: no space left on device); the rest was not stored',
    );
    const links = { record: (id: string) => `/r/${id}`, output: (id: string) => `/r/${id}/out` };
    assert.equal(
      NOTE.cutOff('x', links, { lines: 12, bytes: 3400, stored: 1024 }),
      'puppet-twitch: output cut off: this client read too slowly and missed 12 lines (3400 bytes) of run x, more than output_window_bytes behind; GET /r/x/out has its first 1024 bytes, GET /r/x its result',
    );
    assert.equal(NOTE.stalled('x', links, 60), 'puppet-twitch: output cut off: this client read nothing for 60 s; GET /r/x/out has the stored output of run x, GET /r/x its result');
  });

  it('says no output is stored, rather than its first 0 bytes, when output_max_bytes is 0', () => {
    const links = { record: (id: string) => `/r/${id}`, output: (id: string) => `/r/${id}/out` };
    assert.equal(
      NOTE.cutOff('x', links, { lines: 12, bytes: 3400, stored: 0 }),
      'puppet-twitch: output cut off: this client read too slowly and missed 12 lines (3400 bytes) of run x, more than output_window_bytes behind; none of its output is stored (output_max_bytes is 0, or its first line was not stored), GET /r/x has its result',
    );
    assert.equal(
      NOTE.stalled('x', links, 60, false),
      'puppet-twitch: output cut off: this client read nothing for 60 s; none of the output of run x is stored (output_max_bytes is 0), GET /r/x has its result',
    );
    assert.equal(NOTE.shutdown('x', links), 'puppet-twitch: the service is shutting down; run x goes on (GET /r/x has its result once the service is back)');
  });
});
