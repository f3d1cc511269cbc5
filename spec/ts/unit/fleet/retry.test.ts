import { strict as assert } from 'node:assert';
import { RETRY_OUTCOMES } from '../../../../ts/fleet/args';
import { retryTargets } from '../../../../ts/fleet/retry';

const node = (name: string, outcome: string, address: string | null = name) => ({ node: name, address, outcome, run_id: null, error: null });
const documentText = JSON.stringify({ started_at: 'x', summary: {}, nodes: [node('web2', 'failed', '10.0.0.2'), node('web1', 'ok'), node('db1', 'unreachable', null), node('app1', 'skipped'), node('app2', 'drift')] }, null, 2);
const stream = [
  { event: 'node', ...node('web2', 'busy', '10.0.0.2') },
  { event: 'node', ...node('web1', 'changes') },
  { event: 'node', ...node('db1', 'unknown') },
  { event: 'end', summary: {} },
].map((l) => JSON.stringify(l)).join('\n') + '\n';
const refusal = (text: string, outcomes: readonly string[], message: RegExp) =>
  assert.throws(() => retryTargets(text, '/tmp/last.json', outcomes as never), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'USAGE');
    assert.match(err.message, /^fleet: --retry-from \/tmp\/last\.json: /);
    assert.match(err.message, message);
    return true;
  });

describe('fleet/retry', () => {
  it('takes the nodes of a --format json document that did not end well, at their recorded address, sorted', () => {
    assert.deepEqual(retryTargets(documentText, 'f', RETRY_OUTCOMES).targets, [
      { node: 'app1', address: 'app1' },
      { node: 'db1', address: null },
      { node: 'web2', address: '10.0.0.2' },
    ]);
  });
  it('takes those of a --format jsonl stream, passing the end line over', () => {
    assert.deepEqual(retryTargets(stream, 'f', RETRY_OUTCOMES).targets, [{ node: 'db1', address: 'db1' }, { node: 'web2', address: '10.0.0.2' }]);
  });
  it('restricts them to --retry-outcomes, a success too when asked', () => {
    assert.deepEqual(retryTargets(documentText, 'f', ['failed']).targets, [{ node: 'web2', address: '10.0.0.2' }]);
    assert.deepEqual(retryTargets(documentText, 'f', ['drift']).targets, [{ node: 'app2', address: 'app2' }]);
  });
  it('takes a stream\'s last line of a node, and one that has no end line (cut short)', () => {
    const again = stream + JSON.stringify({ event: 'node', ...node('web2', 'ok') }) + '\n';
    assert.deepEqual(retryTargets(again.split('\n').filter((l) => !l.includes('"end"')).join('\n'), 'f', RETRY_OUTCOMES).targets, [{ node: 'db1', address: 'db1' }]);
  });
  describe('a stream that begins with a start line', () => {
    const planned = ['app1', 'db1', 'web1', 'web2', 'web3'].map((n) => ({ node: n, address: `10.0.0.${n.length}${n.slice(-1)}`, batch: 1 }));
    const start = JSON.stringify({ event: 'start', started_at: 'x', seed: null, nodes: planned });
    const ended = [
      { event: 'node', ...node('web2', 'failed', '10.0.0.42') },
      { event: 'node', ...node('web1', 'ok', '10.0.0.41') },
      { event: 'node', ...node('db1', 'changes', '10.0.0.31') },
    ].map((l) => JSON.stringify(l));
    /** the stream as it was when the client was killed after k node lines */
    const cutAfter = (k: number) => [start, ...ended.slice(0, k)].join('\n') + '\n';

    it('cut short after k node lines: the nodes of the start line with no node line are retried too, at their planned address, and said so', () => {
      const two = retryTargets(cutAfter(2), '/tmp/cut.jsonl', RETRY_OUTCOMES);
      assert.deepEqual(two.targets, [{ node: 'app1', address: '10.0.0.41' }, { node: 'db1', address: '10.0.0.31' }, { node: 'web2', address: '10.0.0.42' }, { node: 'web3', address: '10.0.0.43' }]);
      assert.equal(two.notice, 'fleet: --retry-from /tmp/cut.jsonl: 3 nodes of the interrupted stream have no result: retried');
      const three = retryTargets(cutAfter(3), 'f', RETRY_OUTCOMES);
      assert.deepEqual(three.targets.map((t) => t.node), ['app1', 'web2', 'web3']);
      assert.match(String(three.notice), /: 2 nodes of the interrupted stream have no result: retried$/);
    });
    it('cut before any node ended (the start line alone, which is no document): every node is retried', () => {
      const none = retryTargets(cutAfter(0), 'f', RETRY_OUTCOMES);
      assert.deepEqual(none.targets.map((t) => t.node), ['app1', 'db1', 'web1', 'web2', 'web3']);
      assert.match(String(none.notice), /: 5 nodes of the interrupted stream have no result: retried$/);
    });
    it('--retry-outcomes names them unrecorded; leaving them out says they are not retried', () => {
      const only = retryTargets(cutAfter(2), 'f', ['unrecorded']);
      assert.deepEqual(only.targets.map((t) => t.node), ['app1', 'db1', 'web3']);
      const failedOnly = retryTargets(cutAfter(2), 'f', ['failed']);
      assert.deepEqual(failedOnly.targets, [{ node: 'web2', address: '10.0.0.42' }]);
      assert.match(String(failedOnly.notice), /: 3 nodes of the interrupted stream have no result: not retried \(--retry-outcomes does not name unrecorded\)$/);
      refusal(cutAfter(3), ['busy'], /none of its 5 nodes ended busy: there is nothing to retry\./);
    });
    it('with its end line too: as a stream without one, nothing is unrecorded', () => {
      const whole = cutAfter(3) + JSON.stringify({ event: 'end', summary: {} }) + '\n';
      const retry = retryTargets(whole, 'f', RETRY_OUTCOMES);
      assert.deepEqual(retry, { targets: [{ node: 'web2', address: '10.0.0.42' }], notice: null });
      refusal(whole, ['unrecorded'], /none of its 3 nodes ended unrecorded/);
    });
    it('one cut short and one whole after it in the same file: only the nodes of the cut one are unrecorded', () => {
      const later = [JSON.stringify({ event: 'start', nodes: [{ node: 'mail1', address: 'mail1' }] }), JSON.stringify({ event: 'node', ...node('mail1', 'ok') }), JSON.stringify({ event: 'end' })];
      const retry = retryTargets(cutAfter(3) + later.join('\n') + '\n', 'f', ['unrecorded']);
      assert.deepEqual(retry.targets.map((t) => t.node), ['app1', 'web3']);
    });
    it('says what is wrong with a start line it cannot use', () => {
      refusal(JSON.stringify({ event: 'start' }) + '\n', RETRY_OUTCOMES, /line 1 \(the start\) has no list of nodes/);
      refusal(JSON.stringify({ event: 'start', nodes: [{ node: 'a' }, { address: 'b' }] }) + '\n', RETRY_OUTCOMES, /node 2 of line 1 \(the start\) has no node name/);
      refusal(JSON.stringify({ event: 'start', nodes: [] }) + '\n', RETRY_OUTCOMES, /it lists no nodes/);
    });
  });
  it('says what is wrong with a file it cannot use', () => {
    refusal('', RETRY_OUTCOMES, /it lists no nodes\. Give a file that --format json or --format jsonl wrote\./);
    refusal('NODE OUTCOME\nweb1 ok\n', RETRY_OUTCOMES, /line 1 is not JSON/);
    refusal('{"event":"node","node":"a","outcome":"ok"}\n[1]\n', RETRY_OUTCOMES, /line 2 is not a JSON object/);
    refusal(JSON.stringify({ nodes: [{ outcome: 'ok' }] }), RETRY_OUTCOMES, /node 1 of the document has no node name/);
    refusal(JSON.stringify({ nodes: [node('a', 'exploded')] }), RETRY_OUTCOMES, /node 1 of the document \(a\) has no outcome this version knows \(exploded\)/);
    refusal(JSON.stringify({ nodes: [node('a', 'ok'), node('b', 'changes')] }), RETRY_OUTCOMES, /none of its 2 nodes ended skipped, unknown, busy, .*: there is nothing to retry\./);
    refusal(JSON.stringify({ nodes: [] }), RETRY_OUTCOMES, /it lists no nodes/);
  });
});
